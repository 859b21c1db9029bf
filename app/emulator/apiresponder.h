// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <QString>

namespace allium {

/// Answers the Developer API endpoints the emulator implements with realistic synthetic data,
/// through one route table (api/apiroutetable.h) over one class per endpoint family (api/).
/// Pure: no sockets, no timers. For GET, `body` holds the query parameters.
class ApiResponder
{
public:
    explicit ApiResponder(quint64 seed = 1);

    struct Result
    {
        bool ok = false;
        /// The response data, or when !ok the error: {"status_code":422,"detail":[{"loc","msg",
        /// "type"}]} for invalid parameters, {"status_code":400|404|405,"detail":"…"} else.
        QJsonValue data;
    };

    /// The answer for one request. An unknown path, a wrong method or an invalid request gives
    /// !ok with an error a person understands (e.g. 404 "unknown path /api/v1/nope").
    Result respond(const QString &method, const QString &path, const QJsonValue &body) const;

    struct TextResult
    {
        bool ok = false;
        QString data; ///< compact JSON text of Result::data
    };
    /// respond() with the data as compact JSON text, as the API connection sends it. Large
    /// answers (Hyperliquid fills) are written as text and never built as objects.
    TextResult respondText(const QString &method, const QString &path,
                           const QJsonValue &body) const;

    /// The routes respond() answers, in the route table's order, with the method each takes,
    /// e.g. {"GET", "/api/v1/developer/assets"}.
    static QList<QPair<QString, QString>> endpoints();

private:
    quint64 m_seed;
};

} // namespace allium
