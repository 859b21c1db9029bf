// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apiendpoint.h"

#include <QJsonValue>
#include <QString>

namespace allium {

/// What one request costs in Developer Units (DU), as documented: the endpoint's cost, times
/// the number of batched inputs where "the cost is multiplied by the number of inputs".
struct ApiCost
{
    bool known = false; ///< false: the docs give no cost for the endpoint (or it is unknown)
    qint64 units = 0;
    int inputs = 1;    ///< batched inputs counted (1 for endpoints without a batch)
    int perInput = -1; ///< the cost of one input when it multiplies; -1 otherwise

    /// The cost of sending `body` to `endpoint`.
    static ApiCost of(const ApiEndpoint &endpoint, const QJsonValue &body);
    /// The cost of a request to `path` (unknown for a path outside the catalogue).
    static ApiCost of(const QString &path, const QJsonValue &body);
    /// "60 DU (3 inputs × 20)", "40 DU", "cost not documented".
    QString text() const;
};

} // namespace allium
