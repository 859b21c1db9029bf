// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QJsonValue>

namespace allium {

/// One API request as an endpoint's handler sees it, once the route table has matched it and
/// checked it against the endpoint's catalogue entry (ApiRequestValidator).
struct ApiCall
{
    quint64 seed = 1;       ///< every answer is a pure function of the seed and the request
    QJsonValue body;        ///< as sent (POST handlers read this)
    QJsonObject parameters; ///< the query: a GET body's members, then the path's query items
};

} // namespace allium
