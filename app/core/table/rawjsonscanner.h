// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayList>
#include <QByteArrayView>
#include <QString>

namespace allium {

/// Finds a value in raw JSON text without parsing the whole document: what a sort over a
/// million rows needs (a full parse per row would take seconds). The text is assumed valid JSON
/// as received; keys are compared as sent (a key written with escapes is not found).
class RawJsonScanner
{
public:
    /// A dot path split once ("payload.px" → payload, px), plus the whole path, which is
    /// tried first as a key of its own like MessageTableModel::valueAt does.
    explicit RawJsonScanner(const QString &path);

    /// The raw text of the value at the path (e.g. `"0x1a"`, `12.5`, `{…}`); empty when absent.
    QByteArrayView valueAt(QByteArrayView json) const;

    /// The raw text of `key`'s value in an object's text; empty when absent or not an object.
    static QByteArrayView member(QByteArrayView object, QByteArrayView key);
    /// The raw text of each key's value in one pass over an object's text: values[i] for
    /// keys[i], empty when absent (the last one of duplicate keys).
    static void members(QByteArrayView object, const QByteArrayList &keys, QByteArrayView *values);
    /// The raw text of the element at `index` in an array's text; empty when absent.
    static QByteArrayView element(QByteArrayView array, int index);

private:
    QByteArray m_whole;
    QByteArrayList m_steps;
};

} // namespace allium
