// SPDX-License-Identifier: MIT
#include "core/api/apiresponse.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace allium {

QString ApiResponse::inFlightLimitError()
{
    return QStringLiteral("max inflight requests reached, please wait for requests to finish");
}

bool ApiResponse::isInFlightRefusal() const
{
    return status == QLatin1String("error") && data.isString() &&
           data.toString() == inFlightLimitError();
}

ApiResponse ApiResponse::parse(const QByteArray &frame)
{
    ApiResponse response;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        response.problem = QStringLiteral("not JSON: %1 at offset %2")
                               .arg(parseError.errorString())
                               .arg(parseError.offset);
        return response;
    }
    if (!document.isObject()) {
        response.problem = QStringLiteral("not a JSON object");
        return response;
    }
    const QJsonObject object = document.object();
    const QJsonValue id = object.value(QLatin1String("id"));
    if (!id.isString()) {
        response.problem = QStringLiteral("no string \"id\"");
        return response;
    }
    response.id = id.toString();
    response.status = object.value(QLatin1String("status")).toString();
    response.data = object.value(QLatin1String("data"));
    return response;
}

} // namespace allium
