// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apianswer.h"
#include "emulator/api/apiroute.h"

#include <QJsonValue>
#include <QList>
#include <QString>

namespace allium {

/// The one place where an API request finds its handler: method + path → handler. It reads
/// what every endpoint reads alike (method case, trailing slashes, a query string, a GET body)
/// and answers unknown paths and wrong methods itself.
class ApiRouteTable
{
public:
    explicit ApiRouteTable(QList<ApiRoute> routes);

    const QList<ApiRoute> &routes() const { return m_routes; }

    /// The handler's answer, or !ok with "unknown path …", "method … not allowed for …" or
    /// "body of a GET must be an object of query parameters".
    ApiAnswer answer(quint64 seed, const QString &method, const QString &path,
                     const QJsonValue &body) const;

private:
    QList<ApiRoute> m_routes;
};

} // namespace allium
