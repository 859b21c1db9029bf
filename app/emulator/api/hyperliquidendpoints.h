// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apiroute.h"

#include <QList>

namespace allium {

/// The Hyperliquid family, answered in Hyperliquid's own JSON: POST
/// /api/v1/developer/trading/hyperliquid/info (allMids, meta, clearinghouseState, openOrders)
/// and POST …/info/fills (userFills, userFillsByTime, userTwapSliceFills).
class HyperliquidEndpoints
{
public:
    static QList<ApiRoute> routes();

private:
    static ApiAnswer info(const ApiCall &request);
    static ApiAnswer fills(const ApiCall &request);
};

} // namespace allium
