// SPDX-License-Identifier: MIT
// Fuzzes the table's cell formatting on field values from a stream: every ValueFormatter entry
// point for every kind of field, and DecimalNumber (parse, canonical text, comparison) on the
// same values. The input is a field path, a newline, then either JSON values separated by
// commas (a JSON array without its brackets) or, when that is not JSON, one raw string value.
#include "core/json/decimalnumber.h"
#include "core/json/valueformatter.h"
#include "fuzzsupport.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTimeZone>

#include <cstddef>
#include <cstdint>

using namespace allium;

namespace {

void checkDecimal(QStringView text)
{
    const std::optional<DecimalNumber> number = DecimalNumber::fromString(text);
    fuzz::require(number.has_value() == DecimalNumber::isNumeric(text),
                  "fromString and isNumeric agree");
    if (!number)
        return;
    const QString canonical = number->toString();
    const std::optional<DecimalNumber> again = DecimalNumber::fromString(canonical);
    fuzz::require(again && *again == *number, "canonical text reads back as the same number");
    fuzz::require(again->toString() == canonical, "canonical text is stable");
    int order = 2;
    fuzz::require(DecimalNumber::compareText(text, *number, &order) && order == 0,
                  "numeric text compares equal to its own number");
    const DecimalNumber zero;
    fuzz::require((number->compare(zero) < 0) == (number->isNegative() && !number->isZero()),
                  "sign agrees with comparison to zero");
}

void format(const ValueFormatter &formatter, QStringView path, const QJsonValue &value)
{
    (void)formatter.display(path, value);
    (void)formatter.toolTip(path, value);
    (void)formatter.timestamp(value);
    (void)ValueFormatter::copyText(value);
    if (value.isDouble()) {
        if (const std::optional<DecimalNumber> number = DecimalNumber::fromDouble(value.toDouble()))
            checkDecimal(number->toString());
    }
    if (value.isString()) {
        const QString text = value.toString();
        (void)formatter.weiToEther(text);
        (void)formatter.weiToGwei(text);
        (void)ValueFormatter::elideMiddle(text);
        checkDecimal(text);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const ValueFormatter english(QLocale(QLocale::English, QLocale::UnitedStates),
                                        QTimeZone::utc());
    static const ValueFormatter german(QLocale(QLocale::German, QLocale::Germany),
                                       QTimeZone(5 * 3600 + 1800));
    // One path per kind, plus the input's own.
    static const QString paths[] = {QStringLiteral("payload.note"), QStringLiteral("value"),
                                    QStringLiteral("gas_price"), QStringLiteral("timestamp"),
                                    QStringLiteral("number")};

    const QByteArray bytes = fuzz::bytesOf(data, size);
    const qsizetype newline = bytes.indexOf('\n');
    const QString ownPath = QString::fromUtf8(newline < 0 ? QByteArray() : bytes.left(newline));
    const QByteArray rest = newline < 0 ? bytes : bytes.mid(newline + 1);
    (void)ValueFormatter::kindForPath(ownPath);

    QJsonArray values;
    const QJsonDocument document = QJsonDocument::fromJson('[' + rest + ']');
    if (document.isArray())
        values = document.array();
    else
        values.append(QString::fromUtf8(rest));

    for (const QJsonValue &value : std::as_const(values)) {
        for (const ValueFormatter *formatter : {&english, &german}) {
            format(*formatter, ownPath, value);
            for (const QString &path : paths)
                format(*formatter, path, value);
        }
    }
    return 0;
}
