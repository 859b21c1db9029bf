// SPDX-License-Identifier: MIT
#include "core/api/apiendpointcatalogue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace allium {

namespace {

// Builds one parameter in a line: param("limit", Integer).query().byDefault(100).range(1, 10000).
struct Param
{
    ApiParameter p;

    Param(const char *name, ApiParameterType type, const char *description)
    {
        p.name = QString::fromLatin1(name);
        p.type = type;
        p.description = QString::fromUtf8(description);
    }
    Param &query()
    {
        p.place = ApiParameterPlace::Query;
        return *this;
    }
    Param &required()
    {
        p.required = true;
        return *this;
    }
    Param &requiredWhen(const char *field, const char *value)
    {
        p.requiredWhenField = QString::fromLatin1(field);
        p.requiredWhenValue = QString::fromLatin1(value);
        return *this;
    }
    Param &byDefault(const QJsonValue &value)
    {
        p.defaultValue = value;
        return *this;
    }
    Param &range(double minimum, double maximum)
    {
        p.minimum = minimum;
        p.maximum = maximum;
        return *this;
    }
    Param &choices(std::initializer_list<const char *> values)
    {
        for (const char *v : values)
            p.choices.append(QString::fromLatin1(v));
        if (p.type == ApiParameterType::String)
            p.type = ApiParameterType::Enum;
        return *this;
    }
    operator ApiParameter() const { return p; }
};

using T = ApiParameterType;

QJsonValue json(const QByteArray &text)
{
    const QJsonDocument d = QJsonDocument::fromJson(text);
    return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
}

ApiEndpoint endpoint(ApiArea area, const char *method, const char *path, const char *description)
{
    ApiEndpoint e;
    e.area = area;
    e.method = QString::fromLatin1(method);
    e.path = QString::fromLatin1(path);
    e.description = QString::fromUtf8(description);
    return e;
}

// What most inputs of the Developer API are: {token_address, chain} or {chain, address}.
QList<ApiParameter> tokenInput()
{
    return {Param("token_address", T::Address, "Token contract (mint on Solana)").required(),
            Param("chain", T::Chain, "Chain name, lower case (\"ethereum\")").required()};
}

QList<ApiParameter> walletInput()
{
    return {Param("chain", T::Chain, "Chain name, lower case (\"ethereum\")").required(),
            Param("address", T::Address, "Wallet address").required()};
}

Param limitQuery(double fallback, double maximum)
{
    return Param("limit", T::Integer, "Results per page")
        .query()
        .byDefault(fallback)
        .range(1, maximum);
}

Param cursorQuery()
{
    return Param("cursor", T::String, "The previous response's cursor, for the next page").query();
}

Param granularity(const char *name, std::initializer_list<const char *> values)
{
    return Param(name, T::String, "Time step of the series").required().choices(values);
}

ApiParameter startTime(const char *name, bool ms)
{
    return Param(name, ms ? T::EpochMs : T::IsoTime,
                 ms ? "Start, ms since the epoch" : "Start, ISO-8601 UTC");
}

ApiParameter endTime(const char *name, bool ms)
{
    return Param(name, ms ? T::EpochMs : T::IsoTime,
                 ms ? "End, ms since the epoch" : "End, ISO-8601 UTC");
}

ApiParameter required(ApiParameter p)
{
    p.required = true;
    return p;
}

// An endpoint whose body is a batch array of `item` inputs.
ApiEndpoint batchArray(ApiEndpoint e, QList<ApiParameter> item, int maxBatch, const char *example)
{
    e.body = ApiBodyKind::Array;
    e.itemParameters = std::move(item);
    e.maxBatch = maxBatch;
    e.exampleBody = json(example);
    return e;
}

// An endpoint whose body is an object holding its batch under "addresses".
void batchInAddresses(ApiEndpoint &e, QList<ApiParameter> item, int maxBatch)
{
    e.body = ApiBodyKind::Object;
    e.batchField = QStringLiteral("addresses");
    e.itemParameters = std::move(item);
    e.maxBatch = maxBatch;
}

ApiEndpoint withCost(ApiEndpoint e, int cost, bool perInput)
{
    e.cost = cost;
    e.costPerInput = perInput;
    return e;
}

// Hyperliquid's native body: an object with a fixed "type".
Param hlType(std::initializer_list<const char *> types)
{
    return Param("type", T::String, "Hyperliquid request type").required().choices(types);
}

Param hlUser()
{
    return Param("user", T::Address, "Hyperliquid user address (0x + 40 hex)").required();
}

const char *const TokenPair =
    R"([{"token_address":"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48","chain":"ethereum"},)"
    R"({"token_address":"0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2","chain":"ethereum"}])";
const char *const Wallet =
    R"([{"chain":"ethereum","address":"0xd8da6bf26964af9d7eed9e03e53415d37aa96045"}])";
const char *const Trader = R"("user":"0x1dd4af3383fce2ee4a40d9fb6766cbfcce2ddbce")";
const char *const WalletAddresses =
    R"("addresses":[{"chain":"ethereum","address":"0xd8da6bf26964af9d7eed9e03e53415d37aa96045"}])";
const char *const Day =
    R"("start_timestamp":"2026-11-26T20:00:00Z","end_timestamp":"2026-11-27T20:00:00Z")";

QList<ApiEndpoint> build()
{
    using A = ApiArea;
    QList<ApiEndpoint> list;

    ApiEndpoint assets = endpoint(A::Assets, "GET", "/api/v1/developer/assets", "List assets");
    assets.details = QStringLiteral("Every asset Allium knows, page by page (a beta endpoint).");
    assets.parameters = {limitQuery(100, 10000), cursorQuery(),
                         Param("blockchain", T::Chain,
                               "Only assets with a token on this chain (not in the docs; the "
                               "emulator honours it)")
                             .query()};
    assets.responseShape = QStringLiteral(
        R"({"items":[{"id":int,"slug","source","chain_specific_data":{},"name","symbol","image_url","circulating_supply","token_creation_time"}],"cursor","error"})");
    assets.paging = ApiPaging::Cursor;
    assets.itemsKey = QStringLiteral("items");
    assets.exampleBody = json(R"({"limit":10})");
    list.append(assets);

    ApiEndpoint assetsBatch = batchArray(
        endpoint(A::Assets, "POST", "/api/v1/developer/assets/batch",
                 "Assets by id, slug or chain + address"),
        {Param("id", T::Integer, "Asset id").range(1, 1e12),
         Param("slug", T::String, "Asset slug (\"usd-coin\")"),
         Param("chain", T::Chain, "Chain of the token address"),
         Param("address", T::Address, "Token address on chain")},
        500,
        R"([{"slug":"usd-coin"},{"chain":"base","address":"0x4200000000000000000000000000000000000006"}])");
    assetsBatch.details = QStringLiteral("Each input names an asset by id, by slug, or by chain "
                                         "and token address.");
    assetsBatch.responseShape = QStringLiteral("[asset objects, as in the assets listing]");
    list.append(assetsBatch);

    ApiEndpoint prices = withCost(
        batchArray(endpoint(A::Prices, "POST", "/api/v1/developer/prices", "Latest token prices"),
                   tokenInput(), 500, TokenPair),
        20, true);
    prices.responseShape = QStringLiteral(
        R"({"items":[{"timestamp","chain","address","decimals","price","open","high","close","low","volume_24h","volume_1h","trade_count_24h","trade_count_1h"}]})");
    prices.itemsKey = QStringLiteral("items");
    list.append(prices);

    ApiEndpoint history = withCost(
        endpoint(A::Prices, "POST", "/api/v1/developer/prices/history", "Token price history"), 20,
        true);
    batchInAddresses(history, tokenInput(), 500);
    history.parameters = {
        required(startTime("start_timestamp", false)), required(endTime("end_timestamp", false)),
        granularity("time_granularity", {"1m", "5m", "15m", "1h", "1d"}), cursorQuery()};
    history.responseShape = QStringLiteral(
        R"({"items":[{"mint","chain","decimals","prices":[{timestamp,price,open,high,close,low}]}],"cursor"})");
    history.paging = ApiPaging::Cursor;
    history.itemsKey = QStringLiteral("items");
    history.exampleBody = json(
        R"({"addresses":[{"token_address":"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48","chain":"ethereum"}],)"
        R"("start_timestamp":"2026-11-27T00:00:00Z","end_timestamp":"2026-11-27T20:00:00Z","time_granularity":"1h"})");
    list.append(history);

    ApiEndpoint atTime =
        withCost(endpoint(A::Prices, "POST", "/api/v1/developer/prices/at-timestamp",
                          "Token prices at a timestamp"),
                 20, true);
    batchInAddresses(atTime, tokenInput(), 500);
    atTime.parameters = {Param("timestamp", T::IsoTime, "The moment, ISO-8601 UTC").required(),
                         granularity("time_granularity", {"15s", "1m", "5m", "1h", "1d"})};
    atTime.responseShape = QStringLiteral(
        R"({"items":[{"input_timestamp","price_timestamp","mint","chain","price"}]})");
    atTime.itemsKey = QStringLiteral("items");
    atTime.exampleBody = json(
        R"({"addresses":[{"token_address":"0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2","chain":"ethereum"}],)"
        R"("timestamp":"2026-11-27T12:00:00Z","time_granularity":"1m"})");
    list.append(atTime);

    ApiEndpoint stats =
        withCost(batchArray(endpoint(A::Prices, "POST", "/api/v1/developer/prices/stats",
                                     "Token price statistics"),
                            tokenInput(), 500, TokenPair),
                 20, true);
    stats.responseShape = QStringLiteral(
        R"({"items":[{mint,chain,timestamp,low_all_time,high_all_time,latest_price,low_24h,high_24h,low_1h,high_1h,volume_1h,volume_24h,percent_change_24h,percent_change_1h,decimals}]})");
    stats.itemsKey = QStringLiteral("items");
    list.append(stats);

    ApiEndpoint tokens = withCost(
        endpoint(A::Tokens, "GET", "/api/v1/developer/tokens", "Tokens of a chain, sorted"), 30,
        false);
    tokens.parameters = {
        Param("chain", T::Chain, "Only this chain's tokens").query(),
        Param("sort", T::String, "Sort key")
            .query()
            .choices({"volume", "trade_count", "fully_diluted_valuation", "address", "name"})
            .byDefault(QStringLiteral("volume")),
        Param("order", T::String, "Sort order")
            .query()
            .choices({"asc", "desc"})
            .byDefault(QStringLiteral("desc")),
        limitQuery(50, 200),
        Param("offset", T::Integer, "Rows to skip").query().byDefault(0).range(0, 1000000)};
    tokens.responseShape = QStringLiteral(
        R"([{"object":"token","chain","address","price","decimals","info":{name,symbol},"attributes":{…}}])");
    tokens.paging = ApiPaging::Offset;
    tokens.exampleBody = json(R"({"chain":"ethereum","sort":"volume","order":"desc","limit":20})");
    list.append(tokens);

    ApiEndpoint search =
        endpoint(A::Tokens, "GET", "/api/v1/developer/tokens/search", "Search tokens");
    search.parameters = {
        Param("q", T::String, "Name, symbol or address to look for").query().required(),
        Param("chain", T::Chain, "Only this chain's tokens").query(), limitQuery(20, 200)};
    search.responseShape = QStringLiteral("[token objects, as in the tokens listing]");
    search.exampleBody = json(R"({"q":"usd","limit":10})");
    list.append(search);

    ApiEndpoint byAddress =
        withCost(batchArray(endpoint(A::Tokens, "POST", "/api/v1/developer/tokens/chain-address",
                                     "Tokens by chain and address"),
                            tokenInput(), 500, TokenPair),
                 20, true);
    byAddress.responseShape = QStringLiteral("[token objects, as in the tokens listing]");
    list.append(byAddress);

    ApiEndpoint balances =
        withCost(batchArray(endpoint(A::Wallet, "POST", "/api/v1/developer/wallet/balances",
                                     "Wallet balances"),
                            walletInput(), 20, Wallet),
                 30, true);
    balances.responseShape = QStringLiteral(
        R"({"items":[{"chain","address","token":{object,chain,address,type,price,decimals,info},"raw_balance":number,"raw_balance_str","block_timestamp","block_number","block_hash"}]})");
    balances.itemsKey = QStringLiteral("items");
    list.append(balances);

    ApiEndpoint balanceHistory =
        withCost(endpoint(A::Wallet, "POST", "/api/v1/developer/wallet/balances/history",
                          "Wallet balance history"),
                 30, true);
    batchInAddresses(balanceHistory, walletInput(), 20);
    balanceHistory.parameters = {required(startTime("start_timestamp", false)),
                                 required(endTime("end_timestamp", false)), limitQuery(100, 1000),
                                 cursorQuery()};
    balanceHistory.responseShape = QStringLiteral(
        "{\"items\":[balances items, plus block_slot, token_account, txn_index, txn_id on "
        "Solana],\"cursor\"}");
    balanceHistory.paging = ApiPaging::Cursor;
    balanceHistory.itemsKey = QStringLiteral("items");
    balanceHistory.exampleBody =
        json(QByteArray(QByteArray("{") + WalletAddresses + "," + Day + "}"));
    list.append(balanceHistory);

    ApiEndpoint transactions =
        withCost(batchArray(endpoint(A::Wallet, "POST", "/api/v1/developer/wallet/transactions",
                                     "Wallet transactions"),
                            walletInput(), 20, Wallet),
                 30, true);
    transactions.parameters = {
        limitQuery(25, 100), cursorQuery(),
        Param("activity_type", T::String, "Only transactions with this kind of activity")
            .query()
            .choices({"asset_transfer", "swap", "mint", "burn", "approval"})};
    transactions.responseShape = QStringLiteral(
        R"({"items":[{"id","type":int,"address","chain","hash","index","within_block_order_key","block_timestamp","block_number","block_hash","fee":{raw_amount,amount_str,amount},"labels":[],"from_address","to_address","asset_transfers":[…],"activities":[…]}],"cursor"})");
    transactions.paging = ApiPaging::Cursor;
    transactions.itemsKey = QStringLiteral("items");
    list.append(transactions);

    ApiEndpoint holdings =
        withCost(endpoint(A::Wallet, "POST", "/api/v1/developer/wallet/holdings/history",
                          "Wallet holdings history (USD)"),
                 30, true);
    batchInAddresses(holdings, walletInput(), 20);
    holdings.parameters = {required(startTime("start_timestamp", false)),
                           required(endTime("end_timestamp", false)),
                           granularity("granularity", {"15s", "1m", "5m", "1h", "1d"})};
    holdings.responseShape =
        QStringLiteral(R"({"items":[{"timestamp","amount":{"currency":"USD","amount":number}}]})");
    holdings.itemsKey = QStringLiteral("items");
    holdings.exampleBody =
        json(QByteArray(QByteArray("{") + WalletAddresses + "," + Day + R"(,"granularity":"1h"})"));
    list.append(holdings);

    // The four P&L endpoints share inputs; "20 for P&L" is the documented batch limit.
    const struct
    {
        const char *path;
        const char *description;
        bool history;
        bool byToken;
    } pnl[] = {
        {"/api/v1/developer/wallet/pnl", "Wallet profit and loss", false, false},
        {"/api/v1/developer/wallet/pnl/history", "Wallet P&L history", true, false},
        {"/api/v1/developer/wallet/pnl-by-token", "Wallet P&L of one token", false, true},
        {"/api/v1/developer/wallet/pnl-by-token/history", "Wallet P&L of one token, history", true,
         true},
    };
    for (const auto &p : pnl) {
        ApiEndpoint e = withCost(endpoint(A::Wallet, "POST", p.path, p.description), 30, true);
        QList<ApiParameter> input = walletInput();
        if (p.byToken)
            input.append(Param("token_address", T::Address, "The token").required());
        e.maxBatch = 20;
        e.itemParameters = input;
        const QByteArray token =
            p.byToken ? R"(,"token_address":"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48")" : "";
        const QByteArray item =
            R"({"chain":"ethereum","address":"0xd8da6bf26964af9d7eed9e03e53415d37aa96045")" +
            token + "}";
        if (p.history) {
            e.body = ApiBodyKind::Object;
            e.batchField = QStringLiteral("addresses");
            e.parameters = {required(startTime("start_timestamp", false)),
                            required(endTime("end_timestamp", false)),
                            granularity("granularity", {"1h", "1d"})};
            e.exampleBody =
                json("{\"addresses\":[" + item + "]," + Day + R"(,"granularity":"1h"})");
            e.responseShape =
                QStringLiteral(R"({"items":[{"chain","address",)") +
                (p.byToken ? QStringLiteral(R"("token_address",)") : QString()) +
                QStringLiteral(
                    R"("pnl":[{"timestamp","realized_pnl":{money},"unrealized_pnl":{money}}]}]})");
        } else {
            e.body = ApiBodyKind::Array;
            e.exampleBody = json("[" + item + "]");
            e.responseShape = QStringLiteral(
                R"({"items":[{"chain","address","tokens":[{"token":{…},"balance","average_cost":{"currency":"USD","amount"},"current_price":{money},"current_value":{money},"realized_pnl":{money},"unrealized_pnl":{money}}],"total_realized_pnl":{money},"total_unrealized_pnl":{money}}]})");
        }
        e.itemsKey = QStringLiteral("items");
        list.append(e);
    }

    ApiEndpoint info =
        withCost(endpoint(A::Hyperliquid, "POST", "/api/v1/developer/trading/hyperliquid/info",
                          "Hyperliquid info API"),
                 40, false);
    info.details = QStringLiteral("Hyperliquid API without rate limits; the body is Hyperliquid's "
                                  "own info request.");
    info.body = ApiBodyKind::Object;
    info.parameters = {
        hlType({"allMids", "meta", "clearinghouseState", "openOrders", "activeAssetData"}),
        Param("user", T::Address, "User address (clearinghouseState, openOrders, activeAssetData)")
            .requiredWhen("type", "clearinghouseState"),
        Param("dex", T::String, "Perp DEX (\"\": the first one)"),
        Param("coin", T::String, "Coin (activeAssetData)")};
    info.responseShape = QStringLiteral("Hyperliquid-native JSON");
    info.exampleBody = json(R"({"type":"allMids"})");
    list.append(info);

    ApiEndpoint fills =
        withCost(endpoint(A::Hyperliquid, "POST",
                          "/api/v1/developer/trading/hyperliquid/info/fills", "Hyperliquid fills"),
                 40, false);
    fills.details = QStringLiteral("A 1-1 replacement of Hyperliquid's fills API; "
                                   "userFillsByTime has no limit on history.");
    fills.body = ApiBodyKind::Object;
    fills.parameters = {
        hlType({"userFills", "userFillsByTime", "userTwapSliceFills"}),
        hlUser(),
        Param("startTime", T::EpochMs, "Start, ms since the epoch")
            .requiredWhen("type", "userFillsByTime"),
        endTime("endTime", true),
        Param("aggregateByTime", T::Boolean, "Merge partial fills of one order").byDefault(false),
        Param("twapMode", T::String, "TWAP fills").choices({"none", "include", "only"})};
    fills.responseShape = QStringLiteral(
        R"([{"closedPnl","coin","crossed","dir","hash","oid","px","side","startPosition","sz","time","fee","feeToken","tid","builderFee"}])");
    fills.exampleBody = json(QByteArray(R"({"type":"userFills",)") + Trader + "}");
    list.append(fills);

    ApiEndpoint orders = withCost(
        endpoint(A::Hyperliquid, "POST", "/api/v1/developer/trading/hyperliquid/info/order/history",
                 "Hyperliquid order history"),
        60, false);
    orders.details = QStringLiteral("At most 30 days between startTime and endTime.");
    orders.body = ApiBodyKind::Object;
    orders.parameters = {hlType({"historicalOrders"}), hlUser(), startTime("startTime", true),
                         endTime("endTime", true)};
    orders.responseShape = QStringLiteral(
        R"([{"order":{coin,side,limitPx,sz,oid,timestamp,triggerCondition,isTrigger,triggerPx,children,isPositionTpsl,reduceOnly,orderType,origSz,tif,cloid},"status","statusTimestamp"}])");
    orders.exampleBody = json(QByteArray(R"({"type":"historicalOrders",)") + Trader + "}");
    list.append(orders);

    ApiEndpoint status = withCost(
        endpoint(A::Hyperliquid, "POST", "/api/v1/developer/trading/hyperliquid/info/order/status",
                 "Hyperliquid order status"),
        40, false);
    status.body = ApiBodyKind::Object;
    status.parameters = {
        hlType({"orderStatus"}), hlUser(),
        Param("oid", T::OrderId, "Order id, or client order id (0x + 32 hex)").required()};
    status.responseShape = QStringLiteral(
        R"({"status":"order"|"unknownOid","order":{"order":{…},"status","statusTimestamp"}})");
    status.exampleBody =
        json(QByteArray(R"({"type":"orderStatus",)") + Trader + R"(,"oid":250000000123})");
    list.append(status);

    ApiEndpoint book = withCost(endpoint(A::Hyperliquid, "GET",
                                         "/api/v1/developer/trading/hyperliquid/orderbook/snapshot",
                                         "Hyperliquid order book snapshot"),
                                60, false);
    book.details = QStringLiteral("The complete order book snapshot for all pairs.");
    book.responseShape = QStringLiteral(
        R"([{"coin","time","levels":[[{"px","sz","n"}…bids],[{"px","sz","n"}…asks]]}])");
    book.exampleBody = QJsonObject();
    list.append(book);

    ApiEndpoint candles = withCost(endpoint(A::Hyperliquid, "POST",
                                            "/api/v1/developer/trading/hyperliquid/candleSnapshot",
                                            "Hyperliquid candles"),
                                   20, false);
    candles.details = QStringLiteral("Listed only in the docs' DU table: method and body follow "
                                     "Hyperliquid's candleSnapshot request (an inference).");
    candles.body = ApiBodyKind::Object;
    candles.parameters = {
        Param("coin", T::String, "Coin (\"BTC\")").required(),
        Param("interval", T::String, "Candle interval")
            .required()
            .choices({"1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "8h", "12h", "1d"}),
        required(startTime("startTime", true)), endTime("endTime", true)};
    candles.responseShape = QStringLiteral(R"([{"t","T","s","i","o","c","h","l","v","n"}])");
    candles.exampleBody =
        json(R"({"coin":"BTC","interval":"1h","startTime":1795723200000,"endTime":1795809600000})");
    list.append(candles);

    ApiEndpoint metaCtxs = withCost(
        endpoint(A::Hyperliquid, "POST", "/api/v1/developer/trading/hyperliquid/metaAndAssetCtxs",
                 "Hyperliquid perp metadata and asset contexts"),
        20, false);
    metaCtxs.details = QStringLiteral("Listed only in the docs' DU table: the answer follows "
                                      "Hyperliquid's metaAndAssetCtxs (an inference).");
    metaCtxs.body = ApiBodyKind::Object;
    metaCtxs.parameters = {Param("dex", T::String, "Perp DEX (\"\": the first one)")};
    metaCtxs.responseShape = QStringLiteral(
        R"([{"universe":[{name,szDecimals,maxLeverage}]},[{funding,openInterest,prevDayPx,dayNtlVlm,markPx,midPx,oraclePx}]])");
    metaCtxs.exampleBody = QJsonObject();
    list.append(metaCtxs);

    ApiEndpoint chains =
        withCost(endpoint(A::Chains, "GET", "/api/v1/supported-chains/realtime-apis/simple",
                          "Chains each endpoint supports"),
                 0, false);
    chains.details = QStringLiteral("Free, needs no key; cache it per session.");
    chains.responseShape = QStringLiteral(R"({"<endpoint path>":["<chain>",…],…})");
    chains.exampleBody = QJsonObject();
    list.append(chains);
    return list;
}

} // namespace

const QList<ApiEndpoint> &ApiEndpointCatalogue::endpoints()
{
    // From the Developer API reference (the docs notes, section 3.2).
    static const QList<ApiEndpoint> catalogue = build();
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
    const QString bare = normalisedPath(path);
    for (const ApiEndpoint &e : endpoints()) {
        if (e.path == bare)
            return &e;
    }
    return nullptr;
}

QString ApiEndpointCatalogue::methodFor(const QString &path)
{
    const ApiEndpoint *e = find(path);
    return e ? e->method : QString();
}

QString ApiEndpointCatalogue::normalisedPath(const QString &path)
{
    QString bare = path.trimmed().section(QLatin1Char('?'), 0, 0);
    while (bare.size() > 1 && bare.endsWith(QLatin1Char('/')))
        bare.chop(1);
    return bare;
}

QList<const ApiEndpoint *> ApiEndpointCatalogue::search(const QString &text)
{
    QList<const ApiEndpoint *> out;
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const ApiEndpoint &e : endpoints()) {
        const QString haystack = e.method + QLatin1Char(' ') + e.path + QLatin1Char(' ') +
                                 e.description + QLatin1Char(' ') + apiAreaName(e.area);
        const bool all = std::all_of(words.cbegin(), words.cend(), [&haystack](const QString &w) {
            return haystack.contains(w, Qt::CaseInsensitive);
        });
        if (all)
            out.append(&e);
    }
    return out;
}

const ApiParameter *ApiEndpoint::parameter(const QString &name) const
{
    for (const ApiParameter &p : parameters) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

const ApiParameter *ApiEndpoint::itemParameter(const QString &name) const
{
    for (const ApiParameter &p : itemParameters) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

QString apiAreaName(ApiArea area)
{
    switch (area) {
    case ApiArea::Assets:
        return QStringLiteral("Assets");
    case ApiArea::Prices:
        return QStringLiteral("Prices");
    case ApiArea::Tokens:
        return QStringLiteral("Tokens");
    case ApiArea::Wallet:
        return QStringLiteral("Wallet");
    case ApiArea::Hyperliquid:
        return QStringLiteral("Hyperliquid");
    case ApiArea::Chains:
        return QStringLiteral("Chains");
    }
    return {};
}

QString apiParameterTypeName(ApiParameterType type)
{
    switch (type) {
    case ApiParameterType::String:
        return QStringLiteral("string");
    case ApiParameterType::Integer:
        return QStringLiteral("integer");
    case ApiParameterType::Number:
        return QStringLiteral("number");
    case ApiParameterType::Boolean:
        return QStringLiteral("boolean");
    case ApiParameterType::Enum:
        return QStringLiteral("one of");
    case ApiParameterType::Chain:
        return QStringLiteral("chain");
    case ApiParameterType::Address:
        return QStringLiteral("address");
    case ApiParameterType::IsoTime:
        return QStringLiteral("ISO-8601 time");
    case ApiParameterType::EpochMs:
        return QStringLiteral("ms since epoch");
    case ApiParameterType::OrderId:
        return QStringLiteral("order id or cloid");
    }
    return {};
}

} // namespace allium
