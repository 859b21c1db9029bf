// SPDX-License-Identifier: MIT
#include "emulator/api/apiroutetable.h"

#include "core/api/apiendpointcatalogue.h"
#include "core/api/apirequestvalidator.h"

#include <QJsonObject>

#include <utility>

namespace allium {

ApiRouteTable::ApiRouteTable(QList<ApiRoute> routes)
    : m_routes(std::move(routes))
{}

ApiAnswer ApiRouteTable::answer(quint64 seed, const QString &method, const QString &path,
                                const QJsonValue &body) const
{
    const QString verb = method.trimmed().toUpper();
    const QString bare = path.section(QLatin1Char('?'), 0, 0);
    const QString route = ApiEndpointCatalogue::normalisedPath(path);

    bool known = false;
    for (const ApiRoute &candidate : m_routes) {
        if (candidate.path != route)
            continue;
        known = true;
        if (candidate.method != verb)
            continue;
        const bool get = verb == QLatin1String("GET");
        if (get && !body.isObject() && !body.isNull() && !body.isUndefined())
            return ApiAnswer::failure(
                QStringLiteral("body of a GET must be an object of query parameters"));
        // Every request is checked against the documentation before its handler sees it.
        if (const ApiEndpoint *endpoint = ApiEndpointCatalogue::find(route)) {
            const QList<ApiValidationIssue> issues =
                ApiRequestValidator::validateRequest(*endpoint, verb, path, body);
            if (!issues.isEmpty())
                return ApiAnswer::invalid(issues);
        }
        return candidate.handler(ApiCall{seed, get ? QJsonValue() : body,
                                         ApiRequestValidator::queryOf(verb, path, body)});
    }
    if (known)
        return ApiAnswer::error(405,
                                QStringLiteral("method %1 not allowed for %2").arg(verb, route));
    return ApiAnswer::error(404, QStringLiteral("unknown path %1").arg(bare));
}

} // namespace allium
