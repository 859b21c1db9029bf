// SPDX-License-Identifier: MIT
#include "core/table/rowsortkey.h"

#include <QByteArray>

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace allium {

namespace {

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isDecimal(QByteArrayView text)
{
    // -?digits[.digits][e[+-]digits]: JSON's number grammar, also for numeric strings.
    qsizetype i = 0;
    const qsizetype n = text.size();
    if (i < n && text[i] == '-')
        ++i;
    const qsizetype digitsStart = i;
    while (i < n && text[i] >= '0' && text[i] <= '9')
        ++i;
    if (i == digitsStart)
        return false;
    if (i < n && text[i] == '.') {
        const qsizetype fraction = ++i;
        while (i < n && text[i] >= '0' && text[i] <= '9')
            ++i;
        if (i == fraction)
            return false;
    }
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < n && (text[i] == '+' || text[i] == '-'))
            ++i;
        const qsizetype exponent = i;
        while (i < n && text[i] >= '0' && text[i] <= '9')
            ++i;
        if (i == exponent)
            return false;
    }
    return i == n;
}

} // namespace

RowSortKey RowSortKey::fromRawValue(QByteArrayView raw)
{
    RowSortKey key;
    if (raw.isEmpty() || raw == "null")
        return key;
    QByteArrayView text = raw;
    if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"')
        text = raw.sliced(1, raw.size() - 2);
    key.m_kind = Kind::Text;
    key.m_text = text;

    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        QByteArrayView digits = text.sliced(2);
        double value = 0;
        for (const char c : digits) {
            const int digit = hexDigit(c);
            if (digit < 0)
                return key;
            value = value * 16 + digit;
        }
        while (digits.size() > 1 && digits.front() == '0')
            digits = digits.sliced(1);
        key.m_kind = Kind::Number;
        key.m_base = 16;
        key.m_number = value;
        key.m_text = digits;
        return key;
    }
    if (!isDecimal(text))
        return key;
    char buffer[64];
    if (text.size() < qsizetype(sizeof buffer)) {
        std::memcpy(buffer, text.data(), std::size_t(text.size()));
        buffer[text.size()] = '\0';
        key.m_number = std::strtod(buffer, nullptr);
    } else {
        key.m_number = QByteArray(text.data(), text.size()).toDouble();
    }
    key.m_kind = Kind::Number;
    key.m_negative = text.front() == '-';
    QByteArrayView digits = key.m_negative ? text.sliced(1) : text;
    // Only plain integers keep their digits for the exact tie-break beyond double precision.
    for (const char c : digits) {
        if (c < '0' || c > '9') {
            key.m_text = {};
            return key;
        }
    }
    while (digits.size() > 1 && digits.front() == '0')
        digits = digits.sliced(1);
    key.m_text = digits;
    return key;
}

bool RowSortKey::less(const RowSortKey &a, const RowSortKey &b)
{
    if (a.m_kind != b.m_kind)
        return a.m_kind < b.m_kind;
    if (a.m_kind == Kind::Text)
        return a.m_text.compare(b.m_text) < 0;
    if (a.m_kind != Kind::Number)
        return false;
    if (a.m_number != b.m_number)
        return a.m_number < b.m_number;
    // Equal as doubles (big wei values): integers of one base compare digit by digit.
    if (a.m_text.isEmpty() || b.m_text.isEmpty() || a.m_base != b.m_base ||
        a.m_negative != b.m_negative)
        return false;
    int order = 0;
    if (a.m_text.size() != b.m_text.size())
        order = a.m_text.size() < b.m_text.size() ? -1 : 1;
    else
        order = a.m_text.compare(b.m_text, Qt::CaseInsensitive);
    return a.m_negative ? order > 0 : order < 0;
}

bool RowSortKey::before(const RowSortKey &a, const RowSortKey &b, bool ascending)
{
    const bool aMissing = a.m_kind == Kind::Missing;
    const bool bMissing = b.m_kind == Kind::Missing;
    if (aMissing || bMissing)
        return !aMissing && bMissing;
    return ascending ? less(a, b) : less(b, a);
}

} // namespace allium
