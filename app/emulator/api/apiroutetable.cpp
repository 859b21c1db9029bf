// SPDX-License-Identifier: MIT
#include "emulator/api/apiroutetable.h"

#include <QJsonObject>
#include <QUrlQuery>

#include <utility>

namespace allium {

namespace {

// GET parameters: the body's members, then those of a query string in the path that the body
// does not set.
QJsonObject parametersOf(const QString &path, const QJsonValue &body)
{
    QJsonObject parameters = body.toObject();
    if (path.contains(QLatin1Char('?'))) {
        const QUrlQuery query(path.section(QLatin1Char('?'), 1));
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (!parameters.contains(key))
                parameters.insert(key, value);
        }
    }
    return parameters;
}

} // namespace

ApiRouteTable::ApiRouteTable(QList<ApiRoute> routes)
    : m_routes(std::move(routes))
{}

ApiAnswer ApiRouteTable::answer(quint64 seed, const QString &method, const QString &path,
                                const QJsonValue &body) const
{
    const QString verb = method.trimmed().toUpper();
    const QString bare = path.section(QLatin1Char('?'), 0, 0);
    QString route = bare;
    while (route.size() > 1 && route.endsWith(QLatin1Char('/')))
        route.chop(1);

    bool known = false;
    for (const ApiRoute &candidate : m_routes) {
        if (candidate.path != route)
            continue;
        known = true;
        if (candidate.method != verb)
            continue;
        if (verb == QLatin1String("GET") && !body.isObject() && !body.isNull() &&
            !body.isUndefined())
            return ApiAnswer::failure(
                QStringLiteral("body of a GET must be an object of query parameters"));
        return candidate.handler(ApiRequest{seed, body, parametersOf(path, body)});
    }
    if (known)
        return ApiAnswer::failure(QStringLiteral("method %1 not allowed for %2").arg(verb, route));
    return ApiAnswer::failure(QStringLiteral("unknown path %1").arg(bare));
}

} // namespace allium
