// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <QString>

namespace allium {

/// One Developer API call sent over the API websocket: `{"method","id","path","body"}`.
struct ApiRequest
{
    /// The deadline used when a request does not set one.
    static constexpr int DefaultTimeoutMs = 30000;

    QString method = QStringLiteral("GET"); ///< GET, POST, PUT, PATCH or DELETE
    QString path;                           ///< e.g. "/api/v1/developer/assets"
    QJsonValue body;                        ///< query parameters for GET; null: not sent
    QString id;                             ///< empty: ApiClient generates a unique one
    /// How long after submit() the request may take to finish (queueing included); <= 0: none.
    int timeoutMs = DefaultTimeoutMs;
};

} // namespace allium
