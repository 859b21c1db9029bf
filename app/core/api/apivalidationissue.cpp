// SPDX-License-Identifier: MIT
#include "core/api/apivalidationissue.h"

namespace allium {

QString ApiValidationIssue::place() const
{
    QString out;
    for (const QJsonValue &step : loc) {
        if (step.isDouble())
            out += QStringLiteral("[%1]").arg(qint64(step.toDouble()));
        else
            out += (out.isEmpty() ? QString() : QStringLiteral(".")) + step.toString();
    }
    return out;
}

QString ApiValidationIssue::text() const
{
    const QString where = place();
    return where.isEmpty() ? msg : where + QStringLiteral(": ") + msg;
}

QJsonObject ApiValidationIssue::toJson() const
{
    return QJsonObject{
        {QStringLiteral("loc"), loc}, {QStringLiteral("msg"), msg}, {QStringLiteral("type"), type}};
}

ApiValidationIssue ApiValidationIssue::fromJson(const QJsonObject &json)
{
    return {json.value(QLatin1String("loc")).toArray(), json.value(QLatin1String("msg")).toString(),
            json.value(QLatin1String("type")).toString()};
}

QJsonObject ApiValidationIssue::detail(const QList<ApiValidationIssue> &issues)
{
    QJsonArray list;
    for (const ApiValidationIssue &issue : issues)
        list.append(issue.toJson());
    return QJsonObject{{QStringLiteral("detail"), list}};
}

QString ApiValidationIssue::texts(const QList<ApiValidationIssue> &issues)
{
    QStringList lines;
    for (const ApiValidationIssue &issue : issues)
        lines.append(issue.text());
    return lines.join(QLatin1Char('\n'));
}

} // namespace allium
