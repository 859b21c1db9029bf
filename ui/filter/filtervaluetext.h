// SPDX-License-Identifier: MIT
#pragma once

#include "core/stream/topiccatalogue.h"

#include <QJsonValue>
#include <QString>

namespace allium {

/// Converts between what the builder's value editors show and the JSON values a filter holds,
/// typed by the field: numbers stay numbers up to 2^53 and become exact strings beyond (or
/// always, for numeric-string fields), 0x hex is lower-cased, and text in double quotes is
/// always a string.
class FilterValueText
{
public:
    /// The JSON value for one typed value.
    static QJsonValue fromText(const QString &text, FieldType type);
    /// Text that fromText() turns back into `value` (quoted when it would otherwise change type).
    static QString toText(const QJsonValue &value, FieldType type);

    /// The JSON array for a list typed with commas or new lines between items; items may be
    /// double-quoted to keep commas or to force a string.
    static QJsonValue listFromText(const QString &text, FieldType type);
    /// Text that listFromText() turns back into `array`.
    static QString listToText(const QJsonValue &array, FieldType type);

    /// `text` lower-cased when it is 0x hex (EVM addresses and hashes are lower case in
    /// messages); otherwise unchanged.
    static QString normalizedHex(const QString &text);

    /// Largest integer a JSON number carries exactly (2^53).
    static constexpr double MaxExactInteger = 9007199254740992.0;
};

} // namespace allium
