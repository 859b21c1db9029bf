// SPDX-License-Identifier: MIT
#include "emulator/api/chainsendpoints.h"

#include "core/api/apiendpointcatalogue.h"
#include "emulator/generators/syntheticdatatokens.h"

#include <QJsonArray>
#include <QJsonObject>

namespace allium {

QList<ApiRoute> ChainsEndpoints::routes()
{
    return {{QStringLiteral("GET"), QStringLiteral("/api/v1/supported-chains/realtime-apis/simple"),
             &simple}};
}

ApiAnswer ChainsEndpoints::simple(const ApiCall &request)
{
    Q_UNUSED(request)
    const QJsonArray chains = QJsonArray::fromStringList(SyntheticTokens::chains());
    QJsonObject map;
    for (const ApiEndpoint &e : ApiEndpointCatalogue::endpoints()) {
        bool takesChain = false;
        for (const ApiParameter &p : e.parameters + e.itemParameters)
            takesChain = takesChain || p.type == ApiParameterType::Chain;
        if (takesChain)
            map.insert(e.path, chains);
        else if (e.area == ApiArea::Hyperliquid)
            map.insert(e.path, QJsonArray{QStringLiteral("hyperliquid")});
    }
    return ApiAnswer::success(map);
}

} // namespace allium
