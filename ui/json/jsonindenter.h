// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

namespace allium {

/// Re-indents JSON text in one linear pass without parsing it into a document: keys keep their
/// order, numbers their digits, strings their escapes, and a truncated prefix indents as far as
/// it goes. Used for frames that may be megabytes long (the API console's response pane).
class JsonIndenter
{
public:
    /// `json` with four-space indentation, or `json` unchanged when it does not start like an
    /// object or an array, when a complete text (`isPrefix` false) is unbalanced, or when the
    /// indented text would grow beyond a few times the input (a deeply nested hostile frame).
    static QByteArray indent(const QByteArray &json, bool isPrefix = false);

    /// The longest prefix of `utf8` of at most `maxBytes` bytes that does not split a character.
    static QByteArray utf8Prefix(const QByteArray &utf8, qsizetype maxBytes);
};

} // namespace allium
