// SPDX-License-Identifier: MIT
#include "core/json/decimalnumber.h"

#include <QLocale>

#include <cmath>
#include <cstdint>
#include <vector>

namespace allium {

namespace {

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// Decimal digits of m * 2^shift for a non-negative shift, by repeated doubling in base 1e9 limbs
// (at most ~1000 doublings of ~35 limbs for the largest double).
QString integerTimesPowerOfTwo(std::uint64_t m, int shift)
{
    constexpr std::uint32_t base = 1000000000U;
    std::vector<std::uint32_t> limbs; // least significant first
    while (m > 0) {
        limbs.push_back(static_cast<std::uint32_t>(m % base));
        m /= base;
    }
    for (int i = 0; i < shift; ++i) {
        std::uint32_t carry = 0;
        for (std::uint32_t &limb : limbs) {
            const std::uint64_t v = std::uint64_t(limb) * 2 + carry;
            limb = static_cast<std::uint32_t>(v % base);
            carry = static_cast<std::uint32_t>(v / base);
        }
        if (carry)
            limbs.push_back(carry);
    }
    if (limbs.empty())
        return {};
    QString text = QString::number(limbs.back());
    for (auto it = limbs.rbegin() + 1; it != limbs.rend(); ++it)
        text += QStringLiteral("%1").arg(*it, 9, 10, QLatin1Char('0'));
    return text;
}

} // namespace

bool DecimalNumber::parseView(QStringView text, View *view)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    bool negative = false;
    if (i < n && text[i] == QLatin1Char('-')) {
        negative = true;
        ++i;
    }
    const qsizetype intStart = i;
    while (i < n && isDigit(text[i]))
        ++i;
    const qsizetype intEnd = i;
    if (intEnd == intStart)
        return false;
    qsizetype fracStart = i;
    qsizetype fracEnd = i;
    if (i < n && text[i] == QLatin1Char('.')) {
        ++i;
        fracStart = i;
        while (i < n && isDigit(text[i]))
            ++i;
        fracEnd = i;
        if (fracEnd == fracStart)
            return false;
    }
    if (i != n)
        return false;

    qsizetype a = intStart;
    while (a < intEnd && text[a] == QLatin1Char('0'))
        ++a;
    qsizetype b = fracEnd;
    while (b > fracStart && text[b - 1] == QLatin1Char('0'))
        --b;
    view->integer = text.mid(a, intEnd - a);
    view->fraction = text.mid(fracStart, b - fracStart);
    view->negative = negative && !(view->integer.isEmpty() && view->fraction.isEmpty());
    return true;
}

int DecimalNumber::compareViews(const View &a, const View &b)
{
    if (a.negative != b.negative)
        return a.negative ? -1 : 1;
    int magnitude = 0;
    if (a.integer.size() != b.integer.size()) {
        magnitude = a.integer.size() < b.integer.size() ? -1 : 1;
    } else {
        // Same-length digit strings order like the numbers; fractions have no trailing zeros,
        // so plain lexicographic order is numeric order there too.
        magnitude = a.integer.compare(b.integer);
        if (magnitude == 0)
            magnitude = a.fraction.compare(b.fraction);
    }
    magnitude = magnitude < 0 ? -1 : (magnitude > 0 ? 1 : 0);
    return a.negative ? -magnitude : magnitude;
}

DecimalNumber DecimalNumber::fromView(const View &view)
{
    DecimalNumber number;
    number.m_negative = view.negative;
    number.m_integer = view.integer.toString();
    number.m_fraction = view.fraction.toString();
    return number;
}

std::optional<DecimalNumber> DecimalNumber::fromString(QStringView text)
{
    View v;
    if (!parseView(text, &v))
        return std::nullopt;
    return fromView(v);
}

bool DecimalNumber::isNumeric(QStringView text)
{
    View v;
    return parseView(text, &v);
}

DecimalNumber DecimalNumber::fromInteger(qint64 value)
{
    DecimalNumber number;
    number.m_negative = value < 0;
    // Through unsigned so that the minimum qint64 has a magnitude.
    const quint64 magnitude = value < 0 ? quint64(0) - quint64(value) : quint64(value);
    if (magnitude != 0)
        number.m_integer = QString::number(magnitude);
    return number;
}

std::optional<DecimalNumber> DecimalNumber::fromDouble(double value)
{
    if (!std::isfinite(value))
        return std::nullopt;
    if (value == 0)
        return DecimalNumber();
    DecimalNumber number;
    number.m_negative = value < 0;
    const double magnitude = std::fabs(value);
    if (std::trunc(magnitude) == magnitude) {
        int exponent = 0;
        const double fraction = std::frexp(magnitude, &exponent); // magnitude = fraction * 2^exp
        const auto mantissa = static_cast<std::uint64_t>(std::ldexp(fraction, 53));
        const int shift = exponent - 53;
        if (shift >= 0)
            number.m_integer = integerTimesPowerOfTwo(mantissa, shift);
        else
            number.m_integer = QString::number(mantissa >> -shift); // exact: the value is integral
        return number;
    }

    // Not integral, so below 2^52: the shortest round-trip text is what a JSON writer printed.
    const QString text = QString::number(magnitude, 'e', QLocale::FloatingPointShortest);
    const qsizetype e = text.indexOf(QLatin1Char('e'));
    QString digits = text.left(e);
    digits.remove(QLatin1Char('.'));
    // "d.ddd" times 10^exp: the point sits after 1 + exp digits.
    const int point = 1 + text.mid(e + 1).toInt();
    if (point <= 0) {
        number.m_fraction = QString(-point, QLatin1Char('0')) + digits;
    } else if (point >= digits.size()) {
        number.m_integer = digits + QString(point - digits.size(), QLatin1Char('0'));
    } else {
        number.m_integer = digits.left(point);
        number.m_fraction = digits.mid(point);
    }
    while (number.m_integer.startsWith(QLatin1Char('0')))
        number.m_integer.remove(0, 1);
    while (number.m_fraction.endsWith(QLatin1Char('0')))
        number.m_fraction.chop(1);
    return number;
}

std::optional<DecimalNumber> DecimalNumber::fromJson(const QJsonValue &value)
{
    if (value.isString())
        return fromString(value.toString());
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    // Qt keeps JSON integers that fit 64 bits as integers; toInteger() returns them exactly.
    if (std::trunc(d) == d && std::fabs(d) < 9.2e18)
        return fromInteger(value.toInteger());
    return fromDouble(d);
}

QString DecimalNumber::toString() const
{
    QString text;
    if (m_negative)
        text += QLatin1Char('-');
    text += m_integer.isEmpty() ? QStringLiteral("0") : m_integer;
    if (!m_fraction.isEmpty())
        text += QLatin1Char('.') + m_fraction;
    return text;
}

int DecimalNumber::compare(const DecimalNumber &other) const
{
    return compareViews(view(), other.view());
}

bool DecimalNumber::compareText(QStringView text, const DecimalNumber &number, int *result)
{
    View v;
    if (!parseView(text, &v))
        return false;
    *result = compareViews(v, number.view());
    return true;
}

} // namespace allium
