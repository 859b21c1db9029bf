// SPDX-License-Identifier: MIT
#include "core/stream/streamcontrolrequest.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace allium {

namespace {

StreamControlRequest invalid(const QString &error)
{
    StreamControlRequest request;
    request.error = error;
    return request;
}

} // namespace

StreamControlRequest StreamControlRequest::parse(const QByteArray &utf8)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return invalid(QStringLiteral("malformed JSON: %1 at offset %2")
                           .arg(parseError.errorString())
                           .arg(parseError.offset));
    }
    if (!document.isObject())
        return invalid(QStringLiteral("expected a JSON object such as {\"action\":\"start\"}"));
    const QJsonObject object = document.object();
    const QJsonValue action = object.value(QStringLiteral("action"));
    if (!action.isString()) {
        return invalid(
            QStringLiteral("missing \"action\": expected \"start\", \"stop\" or \"setFilter\""));
    }
    const QString name = action.toString();
    StreamControlRequest request;
    if (name == QLatin1String("start")) {
        request.action = Action::Start;
    } else if (name == QLatin1String("stop")) {
        request.action = Action::Stop;
    } else if (name == QLatin1String("setFilter")) {
        const QJsonValue data = object.value(QStringLiteral("data"));
        if (data.isUndefined())
            return invalid(QStringLiteral("setFilter needs \"data\": a filter, or {} to clear it"));
        const FilterParseResult parsed = Filter::parse(data);
        if (!parsed.ok())
            return invalid(QStringLiteral("invalid filter: %1").arg(parsed.errorString()));
        request.action = Action::SetFilter;
        request.filter = parsed.filter;
    } else {
        return invalid(
            QStringLiteral("unknown action \"%1\": expected \"start\", \"stop\" or \"setFilter\"")
                .arg(name.left(100)));
    }
    return request;
}

} // namespace allium
