// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apiroute.h"

#include <QList>

namespace allium {

/// Hyperliquid market data over the coins the trades stream uses, in Hyperliquid's own JSON:
/// GET …/orderbook/snapshot (every pair's book), POST …/candleSnapshot and
/// …/metaAndAssetCtxs.
class HyperliquidMarketEndpoints
{
public:
    /// Price levels per side of each book.
    static constexpr int BookDepth = 20;
    /// Most candles one request answers (Hyperliquid's own limit).
    static constexpr int MaxCandles = 5000;

    static QList<ApiRoute> routes();

private:
    static ApiAnswer orderbook(const ApiCall &request);
    static ApiAnswer candles(const ApiCall &request);
    static ApiAnswer metaAndAssetCtxs(const ApiCall &request);
};

} // namespace allium
