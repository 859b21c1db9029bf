// SPDX-License-Identifier: MIT
#include "core/api/apirequestvalidator.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QUrlQuery>

#include <cmath>

namespace allium {

namespace {

ApiValidationIssue issue(const QJsonArray &loc, const QString &msg, const char *type)
{
    return {loc, msg, QString::fromLatin1(type)};
}

QJsonArray at(QJsonArray loc, const QJsonValue &step)
{
    loc.append(step);
    return loc;
}

bool isAbsent(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull();
}

// The number in `value`: a JSON number or decimal text.
bool numberOf(const QJsonValue &value, double *out)
{
    if (value.isDouble()) {
        *out = value.toDouble();
        return std::isfinite(*out);
    }
    if (!value.isString())
        return false;
    bool good = false;
    *out = value.toString().trimmed().toDouble(&good);
    return good && std::isfinite(*out);
}

QString limitText(double v)
{
    return QString::number(v, 'g', 15);
}

ApiValidationIssue checkRange(const ApiParameter &p, double value, const QJsonArray &loc)
{
    if (p.hasMinimum() && value < p.minimum) {
        return issue(loc,
                     QStringLiteral("ensure this value is greater than or equal to %1")
                         .arg(limitText(p.minimum)),
                     "value_error.number.not_ge");
    }
    if (p.hasMaximum() && value > p.maximum) {
        return issue(loc,
                     QStringLiteral("ensure this value is less than or equal to %1")
                         .arg(limitText(p.maximum)),
                     "value_error.number.not_le");
    }
    return {};
}

bool isHex(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
    });
}

void checkParameters(const QList<ApiParameter> &parameters, const QJsonObject &object,
                     const QJsonArray &loc, bool fromQuery, QList<ApiValidationIssue> *issues)
{
    for (const ApiParameter &p : parameters) {
        const QJsonValue value = object.value(p.name);
        const QJsonArray where = at(loc, p.name);
        if (isAbsent(value) || (fromQuery && value.isString() && value.toString().isEmpty())) {
            const bool required =
                p.required || (!p.requiredWhenField.isEmpty() &&
                               object.value(p.requiredWhenField).toString() == p.requiredWhenValue);
            if (required)
                issues->append(
                    issue(where, QStringLiteral("field required"), "value_error.missing"));
            continue;
        }
        const ApiValidationIssue problem =
            ApiRequestValidator::checkValue(p, value, where, fromQuery);
        if (!problem.msg.isEmpty())
            issues->append(problem);
    }
}

// A batch array at `loc`: non-empty, at most `endpoint.maxBatch` objects, each with its inputs.
void checkBatch(const ApiEndpoint &endpoint, const QJsonValue &value, const QJsonArray &loc,
                QList<ApiValidationIssue> *issues)
{
    if (isAbsent(value)) {
        issues->append(issue(loc, QStringLiteral("field required"), "value_error.missing"));
        return;
    }
    if (!value.isArray()) {
        issues->append(issue(loc, QStringLiteral("value is not a valid list"), "type_error.list"));
        return;
    }
    const QJsonArray items = value.toArray();
    if (items.isEmpty()) {
        issues->append(issue(loc, QStringLiteral("ensure this value has at least 1 items"),
                             "value_error.list.min_items"));
        return;
    }
    if (items.size() > endpoint.maxBatch) {
        issues->append(issue(
            loc, QStringLiteral("ensure this value has at most %1 items").arg(endpoint.maxBatch),
            "value_error.list.max_items"));
        return;
    }
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonArray where = at(loc, double(i));
        if (!items.at(i).isObject()) {
            issues->append(
                issue(where, QStringLiteral("value is not a valid dict"), "type_error.dict"));
            continue;
        }
        checkParameters(endpoint.itemParameters, items.at(i).toObject(), where, false, issues);
    }
}

} // namespace

bool ApiRequestValidator::integerOf(const QJsonValue &value, bool fromQuery, qint64 *out)
{
    Q_UNUSED(fromQuery) // pydantic coerces integer text in bodies too
    double d = 0;
    if (!numberOf(value, &d) || std::floor(d) != d || std::abs(d) >= 9e15)
        return false;
    // Converted only when in range: a double beyond qint64 is undefined behaviour to cast.
    *out = qint64(d);
    return true;
}

ApiValidationIssue ApiRequestValidator::checkValue(const ApiParameter &p, const QJsonValue &value,
                                                   const QJsonArray &loc, bool fromQuery)
{
    switch (p.type) {
    case ApiParameterType::Integer:
    case ApiParameterType::EpochMs: {
        qint64 n = 0;
        if (!integerOf(value, fromQuery, &n))
            return issue(loc, QStringLiteral("value is not a valid integer"), "type_error.integer");
        if (p.type == ApiParameterType::EpochMs && n < 0)
            return issue(loc, QStringLiteral("ensure this value is greater than or equal to 0"),
                         "value_error.number.not_ge");
        return checkRange(p, double(n), loc);
    }
    case ApiParameterType::Number: {
        double d = 0;
        if (!numberOf(value, &d))
            return issue(loc, QStringLiteral("value is not a valid float"), "type_error.float");
        return checkRange(p, d, loc);
    }
    case ApiParameterType::Boolean: {
        const QString text = value.toString().toLower();
        if (value.isBool() ||
            (fromQuery && (text == QLatin1String("true") || text == QLatin1String("false"))))
            return {};
        return issue(loc, QStringLiteral("value could not be parsed to a boolean"),
                     "type_error.bool");
    }
    case ApiParameterType::OrderId: {
        qint64 n = 0;
        if (value.isDouble() && integerOf(value, false, &n) && n >= 0)
            return {};
        const QString text = value.toString();
        if (value.isString() && text.size() == 34 && text.startsWith(QLatin1String("0x")) &&
            isHex(QStringView(text).mid(2)))
            return {};
        return issue(loc,
                     QStringLiteral("an order id (integer) or a client order id (0x + 32 hex) "
                                    "is required"),
                     "type_error.oid");
    }
    default:
        break;
    }
    if (!value.isString())
        return issue(loc, QStringLiteral("str type expected"), "type_error.str");
    const QString text = value.toString();
    switch (p.type) {
    case ApiParameterType::Enum:
        if (!p.choices.contains(text)) {
            QStringList quoted;
            for (const QString &c : p.choices)
                quoted.append(QLatin1Char('\'') + c + QLatin1Char('\''));
            return issue(loc,
                         QStringLiteral("value is not a valid enumeration member; permitted: %1")
                             .arg(quoted.join(QStringLiteral(", "))),
                         "type_error.enum");
        }
        return {};
    case ApiParameterType::Chain: {
        static const QRegularExpression name(QStringLiteral("^[a-z0-9_]+$"));
        if (text.toLower() != text && name.match(text.toLower()).hasMatch())
            return issue(loc,
                         QStringLiteral("chain names are lower case: \"%1\", not \"%2\"")
                             .arg(text.toLower(), text),
                         "value_error.chain.case");
        if (!name.match(text).hasMatch())
            return issue(loc,
                         QStringLiteral("not a chain name: lower-case letters, digits and _ "
                                        "(\"ethereum\")"),
                         "value_error.chain");
        return {};
    }
    case ApiParameterType::Address:
        if (text.trimmed().isEmpty())
            return issue(loc, QStringLiteral("an address is required"), "value_error.address");
        if (text.startsWith(QLatin1String("0x")) &&
            (text.size() != 42 || !isHex(QStringView(text).mid(2))))
            return issue(loc, QStringLiteral("a 0x address has 40 hex digits"),
                         "value_error.address");
        return {};
    case ApiParameterType::IsoTime: {
        const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!t.isValid())
            return issue(loc,
                         QStringLiteral("invalid datetime format: ISO-8601 such as "
                                        "2026-11-27T20:00:00Z"),
                         "value_error.datetime");
        return {};
    }
    default:
        return {};
    }
}

QList<ApiValidationIssue> ApiRequestValidator::validate(const ApiEndpoint &endpoint,
                                                        const QJsonValue &body,
                                                        const QJsonObject &query)
{
    QList<ApiValidationIssue> issues;
    QList<ApiParameter> queryParameters;
    QList<ApiParameter> bodyParameters;
    for (const ApiParameter &p : endpoint.parameters)
        (p.place == ApiParameterPlace::Query ? queryParameters : bodyParameters).append(p);
    checkParameters(queryParameters, query, QJsonArray{QStringLiteral("query")}, true, &issues);

    const QJsonArray bodyLoc{QStringLiteral("body")};
    switch (endpoint.body) {
    case ApiBodyKind::None:
        break;
    case ApiBodyKind::Array:
        checkBatch(endpoint, body, bodyLoc, &issues);
        break;
    case ApiBodyKind::Object: {
        if (isAbsent(body) && bodyParameters.isEmpty() && endpoint.batchField.isEmpty())
            break; // nothing to send: an empty body is fine
        if (!body.isObject()) {
            issues.append(issue(bodyLoc,
                                isAbsent(body) ? QStringLiteral("field required")
                                               : QStringLiteral("value is not a valid dict"),
                                isAbsent(body) ? "value_error.missing" : "type_error.dict"));
            break;
        }
        const QJsonObject object = body.toObject();
        if (!endpoint.batchField.isEmpty())
            checkBatch(endpoint, object.value(endpoint.batchField),
                       at(bodyLoc, endpoint.batchField), &issues);
        checkParameters(bodyParameters, object, bodyLoc, false, &issues);
        break;
    }
    }
    return issues;
}

QJsonObject ApiRequestValidator::queryOf(const QString &method, const QString &path,
                                         const QJsonValue &body)
{
    QJsonObject query;
    if (method.trimmed().toUpper() == QLatin1String("GET"))
        query = body.toObject();
    if (path.contains(QLatin1Char('?'))) {
        const QUrlQuery items(path.section(QLatin1Char('?'), 1));
        for (const auto &[key, value] : items.queryItems(QUrl::FullyDecoded)) {
            if (!query.contains(key))
                query.insert(key, value);
        }
    }
    return query;
}

QList<ApiValidationIssue> ApiRequestValidator::validateRequest(const ApiEndpoint &endpoint,
                                                               const QString &method,
                                                               const QString &path,
                                                               const QJsonValue &body)
{
    const bool get = method.trimmed().toUpper() == QLatin1String("GET");
    return validate(endpoint, get ? QJsonValue() : body, queryOf(method, path, body));
}

} // namespace allium
