// SPDX-License-Identifier: MIT
#include "core/json/valueformatter.h"

#include "core/json/decimalnumber.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <optional>

namespace allium {

namespace {

constexpr int WeiPerEtherDigits = 18;
constexpr int WeiPerGweiDigits = 9;
constexpr int MaxToolTipLength = 2000;
// Epoch numbers at or above this are milliseconds (1e11 s is the year 5138).
constexpr double MillisecondThreshold = 1e11;
// Beyond this many ms (~year 33658) a number is not taken for a timestamp.
constexpr double MaxEpochMs = 1e15;
// A currency code is three letters; anything much longer is no money object.
constexpr int MaxCurrencyLength = 8;
const QChar Ellipsis(0x2026);
const QChar EmDash(0x2014);

QStringView lastStep(QStringView path)
{
    const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? path : path.mid(dot + 1);
}

bool isAsciiAlnum(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
           (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

// Hashes, addresses and signatures: worth eliding, never worth reading in full in a cell.
bool isElidable(const QString &text)
{
    const bool hex = text.startsWith(QLatin1String("0x"));
    if (text.size() < (hex ? 15 : 32))
        return false;
    for (qsizetype i = hex ? 2 : 0; i < text.size(); ++i) {
        if (!isAsciiAlnum(text.at(i)))
            return false;
    }
    return true;
}

// A JSON number or numeric string as an exact integer; nothing for fractions and other text.
std::optional<DecimalNumber> exactInteger(const QJsonValue &value)
{
    std::optional<DecimalNumber> number = DecimalNumber::fromJson(value);
    if (!number || !number->isInteger())
        return std::nullopt;
    return number;
}

QString numberText(double value)
{
    const double magnitude = std::fabs(value);
    if (magnitude != 0 && (magnitude >= 1e21 || magnitude < 1e-6))
        return QString::number(value, 'g', 17);
    const std::optional<DecimalNumber> exact = DecimalNumber::fromDouble(value);
    return exact ? exact->toString() : QString::number(value, 'g', 17);
}

QString truncated(const QString &text, int length)
{
    if (text.size() <= length)
        return text;
    return text.left(length) + Ellipsis;
}

// Adds one to a string of decimal digits ("0999" -> "1000", "99" -> "100").
QString incremented(QString digits)
{
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        if (digits.at(i) != QLatin1Char('9')) {
            digits[i] = QChar(digits.at(i).unicode() + 1);
            return digits;
        }
        digits[i] = QLatin1Char('0');
    }
    return QLatin1Char('1') + digits;
}

std::optional<QDateTime> parseIsoTimestamp(QString text, bool *hasMilliseconds)
{
    if (text.size() < 10 || text.size() > 40 || !text.at(0).isDigit())
        return std::nullopt;
    // Allium's TIMESTAMP_NTZ columns arrive as "2025-06-21 03:14:15" or with a T; both are UTC.
    if (text.size() > 10 && text.at(10) == QLatin1Char(' '))
        text[10] = QLatin1Char('T');
    const qsizetype timeStart = 11;
    const bool hasOffset = text.endsWith(QLatin1Char('Z')) ||
                           text.indexOf(QLatin1Char('+'), timeStart) > 0 ||
                           text.indexOf(QLatin1Char('-'), timeStart) > 0;
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return std::nullopt;
    if (!hasOffset)
        parsed = QDateTime(parsed.date(), parsed.time(), Qt::UTC);
    *hasMilliseconds = parsed.time().msec() != 0;
    return parsed;
}

std::optional<QDateTime> epochTimestamp(double seconds, bool *hasMilliseconds)
{
    if (!std::isfinite(seconds) || seconds < 0 || seconds > MaxEpochMs)
        return std::nullopt;
    const bool millis = seconds >= MillisecondThreshold;
    const qint64 ms = millis ? qint64(std::llround(seconds)) : qint64(std::llround(seconds * 1000));
    *hasMilliseconds = ms % 1000 != 0;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

std::optional<QDateTime> toDateTime(const QJsonValue &value, bool *hasMilliseconds)
{
    if (value.isDouble())
        return epochTimestamp(value.toDouble(), hasMilliseconds);
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    if (DecimalNumber::isNumeric(text))
        return epochTimestamp(text.toDouble(), hasMilliseconds);
    return parseIsoTimestamp(text, hasMilliseconds);
}

} // namespace

ValueFormatter::ValueFormatter()
    : ValueFormatter(QLocale(), QTimeZone::systemTimeZone())
{}

ValueFormatter::ValueFormatter(const QLocale &locale, const QTimeZone &timeZone)
    : m_locale(locale)
    , m_timeZone(timeZone.isValid() ? timeZone : QTimeZone::utc())
{}

ValueFormatter::Kind ValueFormatter::kindForPath(QStringView path)
{
    const QString name = lastStep(path).toString().toLower();
    if (name == QLatin1String("value") || name.endsWith(QLatin1String("_wei")))
        return Kind::Wei;
    if (name.contains(QLatin1String("gas_price")) || name.contains(QLatin1String("gasprice")) ||
        name.endsWith(QLatin1String("fee_per_gas")) || name.endsWith(QLatin1String("feepergas")))
        return Kind::Gwei;
    if (name.endsWith(QLatin1String("timestamp")) || name == QLatin1String("time") ||
        name == QLatin1String("blocktime") || name.endsWith(QLatin1String("_time")))
        return Kind::Timestamp;
    static const QStringList grouped{
        QStringLiteral("number"),     QStringLiteral("block_number"), QStringLiteral("blocknumber"),
        QStringLiteral("height"),     QStringLiteral("block_height"), QStringLiteral("block_slot"),
        QStringLiteral("slot"),       QStringLiteral("gas"),          QStringLiteral("gas_limit"),
        QStringLiteral("gaslimit"),   QStringLiteral("size"),         QStringLiteral("weight"),
        QStringLiteral("difficulty"),
    };
    if (grouped.contains(name) || name.endsWith(QLatin1String("gas_used")) ||
        name.endsWith(QLatin1String("gasused")) || name.endsWith(QLatin1String("_count")))
        return Kind::Grouped;
    return Kind::Plain;
}

QString ValueFormatter::display(QStringView path, const QJsonValue &value) const
{
    switch (value.type()) {
    case QJsonValue::Undefined:
        return QString();
    case QJsonValue::Null:
        return QString(EmDash);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Object:
        if (isMoney(value))
            return money(value.toObject());
        return truncated(copyText(value), MaxDisplayLength);
    case QJsonValue::Array:
        return truncated(copyText(value), MaxDisplayLength);
    case QJsonValue::Double:
    case QJsonValue::String:
        break;
    }

    switch (kindForPath(path)) {
    case Kind::Wei:
    case Kind::Gwei:
        if (const std::optional<DecimalNumber> wei = exactInteger(value)) {
            const QString digits = wei->toString();
            return kindForPath(path) == Kind::Wei ? weiToEther(digits) : weiToGwei(digits);
        }
        break;
    case Kind::Timestamp: {
        const QString text = timestamp(value);
        if (!text.isEmpty())
            return text;
        break;
    }
    case Kind::Grouped:
        if (const std::optional<DecimalNumber> number = exactInteger(value))
            return groupedInteger(number->integerDigits(), number->isNegative());
        break;
    case Kind::Plain:
        break;
    }

    if (value.isDouble())
        return numberText(value.toDouble());
    QString text = value.toString();
    if (isElidable(text))
        return elideMiddle(text);
    if (text.size() > MaxDisplayLength)
        text = truncated(text, MaxDisplayLength);
    // A cell is one line: line breaks would be drawn as boxes or cut the text.
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return text;
}

QString ValueFormatter::toolTip(QStringView path, const QJsonValue &value) const
{
    const QString exact = truncated(copyText(value), MaxToolTipLength);
    if (isMoney(value)) {
        const QJsonObject money = value.toObject();
        return QStringLiteral("%1 %2").arg(copyText(money.value(QLatin1String("amount"))),
                                           money.value(QLatin1String("currency")).toString());
    }
    if (!value.isDouble() && !value.isString())
        return exact;
    const Kind kind = kindForPath(path);
    if (kind == Kind::Wei || kind == Kind::Gwei) {
        if (const std::optional<DecimalNumber> wei = exactInteger(value)) {
            const int shift = kind == Kind::Wei ? WeiPerEtherDigits : WeiPerGweiDigits;
            const QString unit = kind == Kind::Wei ? QStringLiteral("ETH") : QStringLiteral("gwei");
            return QStringLiteral("%1 wei = %2")
                .arg(exact, decimalUnits(wei->integerDigits(), shift, shift, unit)
                                .prepend(wei->isNegative() ? m_locale.negativeSign() : QString()));
        }
    }
    if (kind == Kind::Timestamp) {
        bool hasMilliseconds = false;
        if (const std::optional<QDateTime> when = toDateTime(value, &hasMilliseconds)) {
            const QDateTime local = when->toTimeZone(m_timeZone);
            return QStringLiteral("%1 %2\n%3 UTC\n%4")
                .arg(local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")),
                     m_timeZone.abbreviation(local), when->toUTC().toString(Qt::ISODateWithMs),
                     exact);
        }
    }
    return exact;
}

QString ValueFormatter::copyText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
        return QString();
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return numberText(value.toDouble());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    }
    return QString();
}

bool ValueFormatter::isMoney(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    if (object.size() != 2)
        return false;
    const QJsonValue currency = object.value(QLatin1String("currency"));
    const QJsonValue amount = object.value(QLatin1String("amount"));
    return currency.isString() && !currency.toString().isEmpty() &&
           currency.toString().size() <= MaxCurrencyLength &&
           (amount.isDouble() ||
            (amount.isString() && DecimalNumber::isNumeric(amount.toString())));
}

QString ValueFormatter::money(const QJsonObject &money) const
{
    if (!isMoney(money))
        return QString();
    const QJsonValue amount = money.value(QLatin1String("amount"));
    const double number =
        amount.isDouble() ? amount.toDouble() : QLocale::c().toDouble(amount.toString().trimmed());
    const double size = std::fabs(number);
    // Cents where there are whole units; a few significant digits for fractions of a cent.
    const int decimals =
        size >= 1 || size == 0 ? 2 : std::min(18, int(std::floor(-std::log10(size))) + 4);
    const QString digits = m_locale.toString(size, 'f', decimals);
    const QString sign = number < 0 ? m_locale.negativeSign() : QString();
    const QString currency = money.value(QLatin1String("currency")).toString();
    if (currency == QLatin1String("USD"))
        return sign + QLatin1Char('$') + digits;
    return sign + digits + QLatin1Char(' ') + currency;
}

QString ValueFormatter::weiToEther(QStringView wei) const
{
    const std::optional<DecimalNumber> number = DecimalNumber::fromString(wei);
    if (!number || !number->isInteger())
        return QString();
    const QString sign = number->isNegative() ? m_locale.negativeSign() : QString();
    return sign +
           decimalUnits(number->integerDigits(), WeiPerEtherDigits, 4, QStringLiteral("ETH"));
}

QString ValueFormatter::weiToGwei(QStringView wei) const
{
    const std::optional<DecimalNumber> number = DecimalNumber::fromString(wei);
    if (!number || !number->isInteger())
        return QString();
    const QString sign = number->isNegative() ? m_locale.negativeSign() : QString();
    return sign +
           decimalUnits(number->integerDigits(), WeiPerGweiDigits, 2, QStringLiteral("gwei"));
}

QString ValueFormatter::timestamp(const QJsonValue &value) const
{
    bool hasMilliseconds = false;
    const std::optional<QDateTime> when = toDateTime(value, &hasMilliseconds);
    if (!when)
        return QString();
    return when->toTimeZone(m_timeZone)
        .toString(hasMilliseconds ? QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")
                                  : QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString ValueFormatter::elideMiddle(const QString &text)
{
    const int head = text.startsWith(QLatin1String("0x")) ? 6 : 4;
    constexpr int tail = 4;
    if (text.size() <= head + tail + 1)
        return text;
    return text.left(head) + Ellipsis + text.right(tail);
}

// Shifts the point of an integer `shift` digits left and rounds half up: to maxDecimals at or
// above one unit, else to four significant digits (so 0.00001234 ETH keeps its digits).
QString ValueFormatter::decimalUnits(QStringView integerDigits, int shift, int maxDecimals,
                                     const QString &unit) const
{
    // Past what a cell can show, decimals are noise: the elided whole number is the value.
    if (integerDigits.size() - shift > MaxGroupedDigits)
        return groupedInteger(integerDigits.left(integerDigits.size() - shift).toString(), false) +
               QLatin1Char(' ') + unit;
    QString digits = integerDigits.toString();
    if (digits.size() <= shift)
        digits = QString(shift + 1 - digits.size(), QLatin1Char('0')) + digits;
    QString whole = digits.left(digits.size() - shift);
    const QString fraction = digits.right(shift);

    int decimals = maxDecimals;
    if (whole == QLatin1String("0")) {
        qsizetype firstSignificant = 0;
        while (firstSignificant < fraction.size() &&
               fraction.at(firstSignificant) == QLatin1Char('0'))
            ++firstSignificant;
        if (firstSignificant == fraction.size())
            return QStringLiteral("0 ") + unit;
        decimals = std::max(maxDecimals, int(firstSignificant) + 4);
    }
    decimals = std::min(decimals, shift);

    QString kept = whole + fraction.left(decimals);
    if (decimals < shift && fraction.at(decimals) >= QLatin1Char('5'))
        kept = incremented(kept);
    whole = kept.left(kept.size() - decimals);
    QString shown = kept.right(decimals);
    while (shown.endsWith(QLatin1Char('0')))
        shown.chop(1);

    QString text = groupedInteger(whole, false);
    if (!shown.isEmpty())
        text += m_locale.decimalPoint() + shown;
    return text + QLatin1Char(' ') + unit;
}

QString ValueFormatter::groupedInteger(const QString &digits, bool negative) const
{
    // One pass, appending into a reserved string: inserting separators one by one is quadratic
    // (an 800k-digit number froze the GUI for seconds).
    qsizetype first = 0;
    while (first < digits.size() - 1 && digits.at(first) == QLatin1Char('0'))
        ++first;
    const QStringView significant =
        digits.isEmpty() ? QStringView(u"0") : QStringView(digits).mid(first);
    const qsizetype count = significant.size();
    // Beyond a cell's width the middle digits say nothing: show the leading ones and the count.
    const bool elided = count > MaxGroupedDigits;
    const QStringView shown = elided ? significant.left(ElidedLeadingDigits) : significant;
    const bool group = !(m_locale.numberOptions() & QLocale::OmitGroupSeparator);
    const QString separator = m_locale.groupSeparator();
    QString text;
    text.reserve(shown.size() + (shown.size() / 3 + 1) * separator.size() + 32);
    if (negative)
        text += m_locale.negativeSign();
    for (qsizetype i = 0; i < shown.size(); ++i) {
        // Separators sit where they would in the whole number, counted from its last digit.
        if (group && i > 0 && (count - i) % 3 == 0)
            text += separator;
        text += shown.at(i);
    }
    if (elided) {
        text += Ellipsis;
        text += QStringLiteral(" (%1 digits)").arg(m_locale.toString(qlonglong(count)));
    }
    return text;
}

} // namespace allium
