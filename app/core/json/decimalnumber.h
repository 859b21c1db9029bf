// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <optional>

namespace allium {

/// An exact decimal number of any size (wei amounts exceed 64 bits and doubles), for comparing
/// numeric strings and JSON numbers without precision loss.
class DecimalNumber
{
public:
    /// Zero.
    DecimalNumber() = default;

    /// A numeric string: an optional `-`, one or more digits, optionally `.` and one or more
    /// digits ("12", "-0.5", "007"). No `+`, exponent, spaces or hex; anything else is not numeric.
    static std::optional<DecimalNumber> fromString(QStringView text);
    static DecimalNumber fromInteger(qint64 value);
    /// Integral doubles convert exactly (1e21 is 1000000000000000000000); others through the
    /// shortest decimal that reads back as the same double (0.1 is 0.1). NaN and infinities fail.
    static std::optional<DecimalNumber> fromDouble(double value);
    /// A JSON number (64-bit integers exactly) or a numeric string; anything else fails.
    static std::optional<DecimalNumber> fromJson(const QJsonValue &value);

    static bool isNumeric(QStringView text);

    bool isNegative() const { return m_negative; }
    bool isZero() const { return m_integer.isEmpty() && m_fraction.isEmpty(); }
    bool isInteger() const { return m_fraction.isEmpty(); }
    /// Digits before the point without leading zeros; empty for a zero integer part.
    QString integerDigits() const { return m_integer; }
    /// Digits after the point without trailing zeros; empty for an integer.
    QString fractionDigits() const { return m_fraction; }

    /// Canonical text: "0", "-12.5", "1000000000000000000000" (no exponent, no redundant zeros).
    QString toString() const;

    /// Negative, zero or positive as this is less than, equal to or greater than other.
    int compare(const DecimalNumber &other) const;
    /// Compares numeric text with a number without allocating (the per-message hot path).
    /// Returns false and leaves *result alone when the text is not numeric.
    static bool compareText(QStringView text, const DecimalNumber &number, int *result);

    friend bool operator==(const DecimalNumber &a, const DecimalNumber &b)
    {
        return a.compare(b) == 0;
    }
    friend bool operator!=(const DecimalNumber &a, const DecimalNumber &b) { return !(a == b); }
    friend bool operator<(const DecimalNumber &a, const DecimalNumber &b)
    {
        return a.compare(b) < 0;
    }
    friend bool operator>(const DecimalNumber &a, const DecimalNumber &b) { return b < a; }
    friend bool operator<=(const DecimalNumber &a, const DecimalNumber &b) { return !(b < a); }
    friend bool operator>=(const DecimalNumber &a, const DecimalNumber &b) { return !(a < b); }

private:
    // A normalised number whose digits live elsewhere (in a DecimalNumber or in the parsed text).
    struct View
    {
        bool negative = false;
        QStringView integer;
        QStringView fraction;
    };

    static bool parseView(QStringView text, View *view);
    static int compareViews(const View &a, const View &b);
    View view() const { return {m_negative, m_integer, m_fraction}; }
    static DecimalNumber fromView(const View &view);

    bool m_negative = false;
    QString m_integer;
    QString m_fraction;
};

} // namespace allium
