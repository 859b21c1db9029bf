// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apiroute.h"

#include <QList>

namespace allium {

/// Hyperliquid orders, from the same user fills as …/info/fills (each fill's order is there,
/// filled, with cancelled orders around them): POST …/info/order/history (historicalOrders, a
/// window of at most 30 days) and …/info/order/status (orderStatus by oid or cloid).
class HyperliquidOrderEndpoints
{
public:
    static constexpr qint64 MaxWindowMs = 30LL * 24 * 3600000;
    /// Most orders one history answers (Hyperliquid's own limit).
    static constexpr int MaxOrders = 2000;

    static QList<ApiRoute> routes();

private:
    static ApiAnswer history(const ApiCall &request);
    static ApiAnswer status(const ApiCall &request);
};

} // namespace allium
