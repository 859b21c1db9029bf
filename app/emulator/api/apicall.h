// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QJsonValue>

namespace allium {

/// One API request as an endpoint's handler sees it, once the route table has matched it.
struct ApiRequest
{
    quint64 seed = 1;       ///< every answer is a pure function of the seed and the request
    QJsonValue body;        ///< as sent (POST handlers read this)
    QJsonObject parameters; ///< the body's members, then the path's query items it lacks (GET)
};

} // namespace allium
