// SPDX-License-Identifier: MIT
#include "core/api/apicost.h"

#include "core/api/apiendpointcatalogue.h"

#include <QJsonArray>
#include <QJsonObject>

namespace allium {

ApiCost ApiCost::of(const ApiEndpoint &endpoint, const QJsonValue &body)
{
    ApiCost cost;
    if (endpoint.costPerInput) {
        const QJsonValue batch =
            endpoint.batchField.isEmpty() ? body : body.toObject().value(endpoint.batchField);
        cost.inputs = int(batch.toArray().size());
    }
    cost.known = endpoint.cost >= 0;
    cost.units = cost.known ? qint64(endpoint.cost) * cost.inputs : 0;
    cost.perInput = endpoint.costPerInput ? endpoint.cost : -1;
    return cost;
}

ApiCost ApiCost::of(const QString &path, const QJsonValue &body)
{
    const ApiEndpoint *endpoint = ApiEndpointCatalogue::find(path);
    return endpoint ? of(*endpoint, body) : ApiCost();
}

QString ApiCost::text() const
{
    if (!known)
        return QStringLiteral("cost not documented");
    if (perInput >= 0)
        return QStringLiteral("%1 DU (%2 input%3 × %4)")
            .arg(units)
            .arg(inputs)
            .arg(inputs == 1 ? QString() : QStringLiteral("s"))
            .arg(perInput);
    return QStringLiteral("%1 DU").arg(units);
}

} // namespace allium
