// SPDX-License-Identifier: MIT
#include "core/api/apierrortext.h"

#include "core/api/apivalidationissue.h"

#include <QJsonArray>
#include <QJsonObject>

namespace allium {

QString ApiErrorText::describe(const QJsonValue &data)
{
    if (data.isString())
        return data.toString();
    const QJsonObject object = data.toObject();
    const QJsonValue detail = object.value(QLatin1String("detail"));
    QString text;
    if (detail.isString()) {
        text = detail.toString();
    } else if (detail.isArray()) {
        QStringList lines;
        for (const QJsonValue &item : detail.toArray())
            lines.append(ApiValidationIssue::fromJson(item.toObject()).text());
        text = lines.join(QStringLiteral("; "));
    }
    if (text.isEmpty())
        return QStringLiteral("the server returned an error");
    const int status = object.value(QLatin1String("status_code")).toInt();
    return status > 0 ? QStringLiteral("HTTP %1: %2").arg(status).arg(text) : text;
}

} // namespace allium
