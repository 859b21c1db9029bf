// SPDX-License-Identifier: MIT
#include "ui/filter/filtervaluetext.h"

#include "core/json/jsontreemodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace allium {

namespace {

const QRegularExpression &integerPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^-?[0-9]+$"));
    return pattern;
}

const QRegularExpression &decimalPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("^-?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"));
    return pattern;
}

// Digits that carry information: leading zeros and the exponent do not count.
int significantDigits(const QString &text)
{
    QString mantissa = text.section(QRegularExpression(QStringLiteral("[eE]")), 0, 0);
    mantissa.remove(QLatin1Char('-')).remove(QLatin1Char('.'));
    while (mantissa.startsWith(QLatin1Char('0')))
        mantissa.remove(0, 1);
    while (mantissa.endsWith(QLatin1Char('0')))
        mantissa.chop(1);
    return int(mantissa.size());
}

// A number when the text is one and a double holds it exactly; otherwise the exact text.
QJsonValue numberOrExactString(const QString &trimmed)
{
    if (integerPattern().match(trimmed).hasMatch()) {
        bool ok = false;
        const qint64 integer = trimmed.toLongLong(&ok);
        constexpr qint64 maxExact = qint64(1) << 53;
        if (ok && integer >= -maxExact && integer <= maxExact)
            return QJsonValue(double(integer));
        return QJsonValue(trimmed);
    }
    if (decimalPattern().match(trimmed).hasMatch() && significantDigits(trimmed) <= 15) {
        bool ok = false;
        const double number = trimmed.toDouble(&ok);
        if (ok && std::isfinite(number))
            return QJsonValue(number);
    }
    return QJsonValue(trimmed);
}

// Decodes a JSON string literal ("a\"b"); nullopt-like empty QJsonValue when it is not one.
QJsonValue quotedString(const QString &text)
{
    if (text.size() < 2 || !text.startsWith(QLatin1Char('"')) || !text.endsWith(QLatin1Char('"')))
        return QJsonValue(QJsonValue::Undefined);
    const QJsonDocument document =
        QJsonDocument::fromJson(QStringLiteral("[%1]").arg(text).toUtf8());
    if (document.isArray() && document.array().size() == 1 && document.array().at(0).isString())
        return document.array().at(0);
    return QJsonValue(text.mid(1, text.size() - 2));
}

QString quoted(const QString &text)
{
    QByteArray json = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

// Splits at commas and new lines outside double quotes.
QStringList splitList(const QString &text)
{
    QStringList items;
    QString current;
    bool inQuotes = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            current += c;
            if (c == QLatin1Char('\\') && i + 1 < text.size())
                current += text.at(++i);
            else if (c == QLatin1Char('"'))
                inQuotes = false;
        } else if (c == QLatin1Char(',') || c == QLatin1Char('\n')) {
            items.append(current.trimmed());
            current.clear();
        } else {
            if (c == QLatin1Char('"'))
                inQuotes = true;
            current += c;
        }
    }
    items.append(current.trimmed());
    items.removeAll(QString());
    return items;
}

} // namespace

QJsonValue FilterValueText::fromText(const QString &text, FieldType type)
{
    const QString trimmed = text.trimmed();
    const QJsonValue literal = quotedString(trimmed);
    if (literal.isString())
        return QJsonValue(normalizedHex(literal.toString()));

    switch (type) {
    case FieldType::String:
    case FieldType::Hex:
        return QJsonValue(normalizedHex(text));
    case FieldType::NumericString:
        return QJsonValue(trimmed);
    case FieldType::Boolean:
        if (trimmed.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
            return QJsonValue(true);
        if (trimmed.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
            return QJsonValue(false);
        return QJsonValue(text);
    case FieldType::Number:
    case FieldType::Timestamp:
        return numberOrExactString(trimmed);
    case FieldType::Unknown:
        break;
    }
    // A field nobody described: read the text the way a person would write it.
    if (trimmed == QLatin1String("true"))
        return QJsonValue(true);
    if (trimmed == QLatin1String("false"))
        return QJsonValue(false);
    const QJsonValue number = numberOrExactString(trimmed);
    if (number.isDouble())
        return number;
    return QJsonValue(normalizedHex(text));
}

QString FilterValueText::toText(const QJsonValue &value, FieldType type)
{
    switch (value.type()) {
    case QJsonValue::String: {
        const QString text = value.toString();
        return fromText(text, type) == value ? text : quoted(text);
    }
    case QJsonValue::Double:
    case QJsonValue::Bool:
        return JsonTreeModel::displayText(value);
    case QJsonValue::Array:
        return listToText(value, type);
    default:
        return QString();
    }
}

QJsonValue FilterValueText::listFromText(const QString &text, FieldType type)
{
    QJsonArray array;
    for (const QString &item : splitList(text))
        array.append(fromText(item, type));
    return array;
}

QString FilterValueText::listToText(const QJsonValue &array, FieldType type)
{
    if (!array.isArray())
        return toText(array, type);
    QStringList items;
    for (const QJsonValue &item : array.toArray()) {
        QString text = toText(item, type);
        if (item.isString() && (text.contains(QLatin1Char(',')) || text.trimmed() != text ||
                                text.contains(QLatin1Char('\n')) || text.isEmpty()))
            text = quoted(item.toString());
        items.append(text);
    }
    return items.join(QStringLiteral(", "));
}

QString FilterValueText::normalizedHex(const QString &text)
{
    static const QRegularExpression hex(QStringLiteral("^0[xX][0-9a-fA-F]+$"));
    return hex.match(text).hasMatch() ? text.toLower() : text;
}

} // namespace allium
