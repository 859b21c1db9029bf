// SPDX-License-Identifier: MIT
#include "core/api/apiendpointcatalogue.h"

namespace allium {

namespace {

ApiEndpoint endpoint(const char *method, const char *path, const char *description)
{
    return {QString::fromLatin1(method), QString::fromLatin1(path), QString::fromUtf8(description)};
}

} // namespace

const QList<ApiEndpoint> &ApiEndpointCatalogue::endpoints()
{
    // From the Developer API reference (see the docs notes, section 3.2).
    static const QList<ApiEndpoint> catalogue{
        endpoint("GET", "/api/v1/developer/assets", "List assets (cursor, limit)"),
        endpoint("POST", "/api/v1/developer/assets/batch", "Assets by id, slug or chain+address"),
        endpoint("POST", "/api/v1/developer/prices", "Latest token prices"),
        endpoint("POST", "/api/v1/developer/prices/history", "Token price history"),
        endpoint("POST", "/api/v1/developer/prices/at-timestamp", "Token prices at a timestamp"),
        endpoint("POST", "/api/v1/developer/prices/stats", "Token price statistics"),
        endpoint("GET", "/api/v1/developer/tokens", "Tokens of a chain, sorted"),
        endpoint("GET", "/api/v1/developer/tokens/search", "Search tokens"),
        endpoint("POST", "/api/v1/developer/tokens/chain-address", "Tokens by chain and address"),
        endpoint("POST", "/api/v1/developer/wallet/balances", "Wallet balances"),
        endpoint("POST", "/api/v1/developer/wallet/balances/history", "Wallet balance history"),
        endpoint("POST", "/api/v1/developer/wallet/transactions", "Wallet transactions"),
        endpoint("POST", "/api/v1/developer/wallet/holdings/history", "Wallet holdings history"),
        endpoint("POST", "/api/v1/developer/wallet/pnl", "Wallet profit and loss"),
        endpoint("POST", "/api/v1/developer/wallet/pnl/history", "Wallet P&L history"),
        endpoint("POST", "/api/v1/developer/wallet/pnl-by-token", "Wallet P&L by token"),
        endpoint("POST", "/api/v1/developer/wallet/pnl-by-token/history",
                 "Wallet P&L by token, history"),
        endpoint("POST", "/api/v1/developer/trading/hyperliquid/info", "Hyperliquid info API"),
        endpoint("POST", "/api/v1/developer/trading/hyperliquid/info/fills", "Hyperliquid fills"),
        endpoint("POST", "/api/v1/developer/trading/hyperliquid/info/order/history",
                 "Hyperliquid order history"),
        endpoint("POST", "/api/v1/developer/trading/hyperliquid/info/order/status",
                 "Hyperliquid order status"),
        endpoint("GET", "/api/v1/developer/trading/hyperliquid/orderbook/snapshot",
                 "Hyperliquid order book snapshot"),
    };
    return catalogue;
}

QStringList ApiEndpointCatalogue::paths()
{
    QStringList out;
    for (const ApiEndpoint &e : endpoints()) {
        if (!out.contains(e.path))
            out.append(e.path);
    }
    return out;
}

const ApiEndpoint *ApiEndpointCatalogue::find(const QString &path)
{
    for (const ApiEndpoint &e : endpoints()) {
        if (e.path == path)
            return &e;
    }
    return nullptr;
}

QString ApiEndpointCatalogue::methodFor(const QString &path)
{
    const ApiEndpoint *e = find(path);
    return e ? e->method : QString();
}

} // namespace allium
