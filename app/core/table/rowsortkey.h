// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>

namespace allium {

/// What a table column sorts by, taken from the raw JSON text of a cell's value: numbers (JSON
/// numbers and strings holding a decimal or 0x-hex integer, as wei and hashes are sent) by
/// value, exactly even beyond double precision; other values by their text. Absent and null
/// values sort last in either order. A key points into the row's JSON, which must outlive it.
class RowSortKey
{
public:
    enum class Kind : quint8 { Number, Text, Missing };

    RowSortKey() = default;
    /// From a value's raw JSON text (RawJsonScanner::valueAt); empty text is Missing.
    static RowSortKey fromRawValue(QByteArrayView raw);

    Kind kind() const { return m_kind; }
    double number() const { return m_number; }

    /// Ascending order of two present values (Number before Text).
    static bool less(const RowSortKey &a, const RowSortKey &b);
    /// The order a column sorted `ascending` (or not) shows, Missing last both ways.
    static bool before(const RowSortKey &a, const RowSortKey &b, bool ascending);

private:
    Kind m_kind = Kind::Missing;
    bool m_negative = false;
    quint8 m_base = 10;
    double m_number = 0;
    QByteArrayView m_text; // digits without sign or leading zeros for integers; else the text
};

} // namespace allium
