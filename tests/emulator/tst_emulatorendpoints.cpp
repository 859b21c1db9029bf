// SPDX-License-Identifier: MIT
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apierrortext.h"
#include "core/api/apinextpage.h"
#include "core/api/apivalidationissue.h"
#include "emulator/apiresponder.h"
#include "emulator/emulatorserver.h"
#include "support/emulatortesting.h"
#include "support/testwebsocketclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

#include <memory>

using namespace allium;

namespace {

QJsonValue json(const QByteArray &text)
{
    const QJsonDocument d = QJsonDocument::fromJson(text);
    return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
}

} // namespace

/// Every endpoint of the catalogue through a real websocket to the emulator: its documented
/// shape, its validation errors, and its pages followed to the end.
class TestEmulatorEndpoints : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void catalogueAndRoutesAgree();
    void everyEndpointAnswersItsShape_data();
    void everyEndpointAnswersItsShape();
    void validationErrors_data();
    void validationErrors();
    void pagingReachesTheEnd_data();
    void pagingReachesTheEnd();
    void dataAgreesAcrossEndpoints();

private:
    struct Response
    {
        QString status;
        QJsonValue data;
    };
    Response call(const ApiRequest &request);
    Response call(const QString &path, const QJsonValue &body);

    std::unique_ptr<EmulatorServer> m_server;
    std::unique_ptr<TestWebSocketClient> m_client;
    int m_sent = 0;
};

void TestEmulatorEndpoints::initTestCase()
{
    m_server = startEmulator();
    m_client = std::make_unique<TestWebSocketClient>();
    QVERIFY(m_client->connectTo(m_server->apiUrl()));
}

void TestEmulatorEndpoints::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

TestEmulatorEndpoints::Response TestEmulatorEndpoints::call(const ApiRequest &request)
{
    const QString id = QStringLiteral("r%1").arg(++m_sent);
    QJsonObject frame{{QStringLiteral("id"), id},
                      {QStringLiteral("method"), request.method},
                      {QStringLiteral("path"), request.path}};
    if (!request.body.isUndefined() && !request.body.isNull())
        frame.insert(QStringLiteral("body"), request.body);
    m_client->sendJson(frame);
    if (!m_client->waitForMessages(m_sent, 20000))
        return {};
    const QJsonObject response =
        QJsonDocument::fromJson(m_client->messages().at(m_sent - 1).toUtf8()).object();
    if (response.value(QStringLiteral("id")).toString() != id)
        return {};
    return {response.value(QStringLiteral("status")).toString(),
            response.value(QStringLiteral("data"))};
}

TestEmulatorEndpoints::Response TestEmulatorEndpoints::call(const QString &path,
                                                            const QJsonValue &body)
{
    ApiRequest request;
    request.path = path;
    request.method = ApiEndpointCatalogue::methodFor(path);
    request.body = body;
    return call(request);
}

// The emulator answers exactly the catalogue's endpoints, each with its documented method.
void TestEmulatorEndpoints::catalogueAndRoutesAgree()
{
    QSet<QString> routes;
    for (const auto &[method, path] : ApiResponder::endpoints())
        routes.insert(method + QLatin1Char(' ') + path);
    QSet<QString> documented;
    for (const ApiEndpoint &e : ApiEndpointCatalogue::endpoints())
        documented.insert(e.method + QLatin1Char(' ') + e.path);
    QCOMPARE(routes, documented);
    QCOMPARE(routes.size(), 25);
}

void TestEmulatorEndpoints::everyEndpointAnswersItsShape_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("keys"); // of the first row (of `items`, or of the array)
    const auto row = [](const char *path, QStringList keys) {
        QTest::newRow(path) << QStringLiteral("/api/v1/developer/") + QLatin1String(path) << keys;
    };
    const auto k = [](const char *list) {
        return QString::fromLatin1(list).split(QLatin1Char(','));
    };
    row("assets", k("id,slug,source,chain_specific_data,name,symbol,image_url,circulating_supply,"
                    "token_creation_time"));
    row("assets/batch", k("id,slug,chain_specific_data,name,symbol"));
    row("prices", k("timestamp,chain,address,decimals,price,open,high,close,low,volume_24h,"
                    "volume_1h,trade_count_24h,trade_count_1h"));
    row("prices/history", k("mint,chain,decimals,prices"));
    row("prices/at-timestamp", k("input_timestamp,price_timestamp,mint,chain,price"));
    row("prices/stats", k("mint,chain,timestamp,low_all_time,high_all_time,latest_price,low_24h,"
                          "high_24h,low_1h,high_1h,volume_1h,volume_24h,percent_change_24h,"
                          "percent_change_1h,decimals"));
    row("tokens", k("object,chain,address,price,decimals,info,attributes"));
    row("tokens/search", k("object,chain,address,price,decimals,info"));
    row("tokens/chain-address", k("object,chain,address,price,decimals,info"));
    row("wallet/balances", k("chain,address,token,raw_balance,raw_balance_str,block_timestamp,"
                             "block_number,block_hash"));
    row("wallet/balances/history", k("chain,address,token,raw_balance,raw_balance_str,"
                                     "block_timestamp,block_number,block_hash"));
    row("wallet/transactions", k("id,type,address,chain,hash,index,within_block_order_key,"
                                 "block_timestamp,block_number,block_hash,fee,labels,from_address,"
                                 "to_address,asset_transfers,activities"));
    row("wallet/holdings/history", k("timestamp,amount"));
    row("wallet/pnl", k("chain,address,tokens,total_realized_pnl,total_unrealized_pnl"));
    row("wallet/pnl/history", k("chain,address,pnl"));
    row("wallet/pnl-by-token", k("chain,address,token_address,tokens"));
    row("wallet/pnl-by-token/history", k("chain,address,token_address,pnl"));
    row("trading/hyperliquid/info", k("BTC,ETH,HYPE"));
    row("trading/hyperliquid/info/fills", k("closedPnl,coin,crossed,dir,hash,oid,px,side,"
                                            "startPosition,sz,time,fee,feeToken,tid"));
    row("trading/hyperliquid/info/order/history", k("order,status,statusTimestamp"));
    row("trading/hyperliquid/info/order/status", k("status"));
    row("trading/hyperliquid/orderbook/snapshot", k("coin,time,levels"));
    row("trading/hyperliquid/candleSnapshot", k("t,T,s,i,o,c,h,l,v,n"));
    row("trading/hyperliquid/metaAndAssetCtxs", k("universe"));
    QTest::newRow("supported-chains")
        << QStringLiteral("/api/v1/supported-chains/realtime-apis/simple")
        << QStringList{QStringLiteral("/api/v1/developer/prices")};
}

// Each endpoint's example request succeeds over the socket with the documented fields in its
// first row.
void TestEmulatorEndpoints::everyEndpointAnswersItsShape()
{
    QFETCH(QString, path);
    QFETCH(QStringList, keys);
    const ApiEndpoint *endpoint = ApiEndpointCatalogue::find(path);
    QVERIFY(endpoint);
    const Response r = call(path, endpoint->exampleBody);
    QVERIFY2(r.status == QLatin1String("success"), qPrintable(ApiErrorText::describe(r.data)));
    QJsonValue first;
    if (!endpoint->itemsKey.isEmpty()) {
        const QJsonArray items = r.data.toObject().value(endpoint->itemsKey).toArray();
        QVERIFY2(!items.isEmpty(), qPrintable(path));
        first = items.first();
    } else if (r.data.isArray()) {
        QVERIFY2(!r.data.toArray().isEmpty(), qPrintable(path));
        first = r.data.toArray().first();
    } else {
        first = r.data; // a Hyperliquid-native object
    }
    for (const QString &key : keys)
        QVERIFY2(first.toObject().contains(key), qPrintable(path + QLatin1Char(' ') + key));
    if (endpoint->paging == ApiPaging::Cursor)
        QVERIFY(r.data.toObject().contains(QStringLiteral("cursor")));
}

void TestEmulatorEndpoints::validationErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("loc");
    QTest::addColumn<QString>("type");
    const QByteArray wallet =
        R"({"chain":"ethereum","address":"0xd8da6bf26964af9d7eed9e03e53415d37aa96045"})";
    const QByteArray day =
        R"("start_timestamp":"2026-11-26T20:00:00Z","end_timestamp":"2026-11-27T20:00:00Z")";
    const QByteArray user = R"("user":"0x1dd4af3383fce2ee4a40d9fb6766cbfcce2ddbce")";
    const auto row = [](const char *name, const char *path, const QByteArray &body, int status,
                        const char *loc, const char *type) {
        QTest::newRow(name) << QString::fromLatin1(path) << body << status
                            << QString::fromLatin1(loc) << QString::fromLatin1(type);
    };
    row("required input", "/api/v1/developer/prices", R"([{"chain":"ethereum"}])", 422,
        "body[0].token_address", "value_error.missing");
    row("upper-case chain", "/api/v1/developer/prices/stats",
        R"([{"token_address":"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48","chain":"ETHEREUM"}])",
        422, "body[0].chain", "value_error.chain.case");
    row("unsupported chain", "/api/v1/developer/tokens/chain-address",
        R"([{"token_address":"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48","chain":"tron"}])", 422,
        "body[0].chain", "value_error.chain.unsupported");
    row("history granularity", "/api/v1/developer/prices/history",
        R"({"addresses":[{"token_address":"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48","chain":"ethereum"}],)" +
            day + R"(,"time_granularity":"2h"})",
        422, "body.time_granularity", "type_error.enum");
    row("at-timestamp time", "/api/v1/developer/prices/at-timestamp",
        R"({"addresses":[{"token_address":"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48","chain":"ethereum"}],"timestamp":"noon","time_granularity":"1m"})",
        422, "body.timestamp", "value_error.datetime");
    row("tokens limit", "/api/v1/developer/tokens", R"({"limit":0})", 422, "query.limit",
        "value_error.number.not_ge");
    row("search q", "/api/v1/developer/tokens/search", R"({"limit":5})", 422, "query.q",
        "value_error.missing");
    row("balances 21 wallets", "/api/v1/developer/wallet/balances",
        "[" + (wallet + ",").repeated(20) + wallet + "]", 422, "body",
        "value_error.list.max_items");
    row("balances solana address", "/api/v1/developer/wallet/balances",
        R"([{"chain":"solana","address":"0xd8da6bf26964af9d7eed9e03e53415d37aa96045"}])", 422,
        "body[0].address", "value_error.address");
    row("balance history window", "/api/v1/developer/wallet/balances/history",
        R"({"addresses":[)" + wallet +
            R"(],"start_timestamp":"2026-11-27T20:00:00Z","end_timestamp":"2026-11-26T20:00:00Z"})",
        422, "body.end_timestamp", "value_error.time_window");
    row("transactions activity", "/api/v1/developer/wallet/transactions?activity_type=nft",
        "[" + wallet + "]", 422, "query.activity_type", "type_error.enum");
    row("transactions cursor", "/api/v1/developer/wallet/transactions?cursor=bm9wZQ",
        "[" + wallet + "]", 422, "query.cursor", "value_error.cursor");
    row("holdings too many points", "/api/v1/developer/wallet/holdings/history",
        R"({"addresses":[)" + wallet +
            R"(],"start_timestamp":"2026-01-01T00:00:00Z","end_timestamp":"2026-11-27T20:00:00Z","granularity":"15s"})",
        422, "body.granularity", "value_error.too_many_points");
    row("pnl by token needs token", "/api/v1/developer/wallet/pnl-by-token", "[" + wallet + "]",
        422, "body[0].token_address", "value_error.missing");
    row("pnl history addresses", "/api/v1/developer/wallet/pnl/history",
        "{" + day + R"(,"granularity":"1h"})", 422, "body.addresses", "value_error.missing");
    row("assets batch empty input", "/api/v1/developer/assets/batch", "[{}]", 422, "body[0]",
        "value_error.missing");
    row("info type", "/api/v1/developer/trading/hyperliquid/info", R"({"type":"nope"})", 422,
        "body.type", "type_error.enum");
    row("fills user", "/api/v1/developer/trading/hyperliquid/info/fills",
        R"({"type":"userFills","user":"bob"})", 422, "body.user", "value_error.address");
    row("order history 31 days", "/api/v1/developer/trading/hyperliquid/info/order/history",
        R"({"type":"historicalOrders",)" + user +
            R"(,"startTime":1793000000000,"endTime":1795700000000})",
        422, "body.startTime", "value_error.time_window");
    row("order status oid", "/api/v1/developer/trading/hyperliquid/info/order/status",
        R"({"type":"orderStatus",)" + user + R"(,"oid":"x"})", 422, "body.oid", "type_error.oid");
    row("candles coin", "/api/v1/developer/trading/hyperliquid/candleSnapshot",
        R"({"coin":"NOPE","interval":"1h","startTime":1795723200000})", 422, "body.coin",
        "value_error.coin");
    row("candles interval", "/api/v1/developer/trading/hyperliquid/candleSnapshot",
        R"({"coin":"BTC","interval":"7m","startTime":1795723200000})", 422, "body.interval",
        "type_error.enum");
    row("meta body", "/api/v1/developer/trading/hyperliquid/metaAndAssetCtxs", "[]", 422, "body",
        "type_error.dict");
    row("get with array body", "/api/v1/developer/trading/hyperliquid/orderbook/snapshot", "[]",
        400, "", "");
}

// Each invalid request is answered status "error" with data {"status_code", "detail"}: a 422's
// first detail names the field and FastAPI's error type; the connection stays.
void TestEmulatorEndpoints::validationErrors()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, loc);
    QFETCH(QString, type);
    const Response r = call(path, json(body));
    QCOMPARE(r.status, QStringLiteral("error"));
    const QJsonObject data = r.data.toObject();
    QCOMPARE(data.value(QStringLiteral("status_code")).toInt(), status);
    if (status != 422) {
        QVERIFY(data.value(QStringLiteral("detail")).isString());
        return;
    }
    const QJsonObject first = data.value(QStringLiteral("detail")).toArray().first().toObject();
    QCOMPARE(ApiValidationIssue::fromJson(first).place(), loc);
    QCOMPARE(first.value(QStringLiteral("type")).toString(), type);
    QVERIFY(!first.value(QStringLiteral("msg")).toString().isEmpty());
}

void TestEmulatorEndpoints::pagingReachesTheEnd_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("minPages");
    const QByteArray wallet =
        R"({"chain":"ethereum","address":"0xd8da6bf26964af9d7eed9e03e53415d37aa96045"})";
    QTest::newRow("assets") << QStringLiteral("/api/v1/developer/assets")
                            << QByteArray(R"({"blockchain":"base","limit":150})") << 3;
    QTest::newRow("prices/history")
        << QStringLiteral("/api/v1/developer/prices/history")
        << QByteArray(
               R"({"addresses":[{"token_address":"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48","chain":"ethereum"}],"start_timestamp":"2026-11-26T20:00:00Z","end_timestamp":"2026-11-27T20:00:00Z","time_granularity":"1m"})")
        << 3;
    QTest::newRow("wallet/balances/history")
        << QStringLiteral("/api/v1/developer/wallet/balances/history?limit=4")
        << R"({"addresses":[)" + wallet +
               R"(],"start_timestamp":"2026-10-01T00:00:00Z","end_timestamp":"2026-11-27T20:00:00Z"})"
        << 3;
    QTest::newRow("wallet/transactions")
        << QStringLiteral("/api/v1/developer/wallet/transactions?limit=9") << "[" + wallet + "]"
        << 3;
    QTest::newRow("tokens (offset)") << QStringLiteral("/api/v1/developer/tokens")
                                     << QByteArray(R"({"chain":"solana","limit":200})") << 2;
}

// Following each page's cursor (or offset) ends on a page without one, every row seen once;
// asking a cursor again gives the same page (the cursor is stable).
void TestEmulatorEndpoints::pagingReachesTheEnd()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, minPages);
    const ApiEndpoint *endpoint = ApiEndpointCatalogue::find(path);
    QVERIFY(endpoint);
    ApiRequest request;
    request.method = endpoint->method;
    request.path = path;
    request.body = json(body);
    QSet<QByteArray> rows;
    int pages = 0;
    int total = 0;
    std::optional<ApiRequest> next = request;
    while (next && pages < 100) {
        const Response r = call(*next);
        QVERIFY2(r.status == QLatin1String("success"), qPrintable(ApiErrorText::describe(r.data)));
        ++pages;
        QJsonArray page = endpoint->itemsKey.isEmpty()
                              ? r.data.toArray()
                              : r.data.toObject().value(endpoint->itemsKey).toArray();
        // A price history pages through each token's series.
        if (path.contains(QLatin1String("prices/history")))
            page = page.first().toObject().value(QStringLiteral("prices")).toArray();
        for (const QJsonValue &row : page)
            rows.insert(QJsonDocument(row.toObject()).toJson(QJsonDocument::Compact));
        total += int(page.size());
        const auto following = ApiNextPage::after(*endpoint, *next, r.data);
        if (following && pages == 2) {
            const Response again = call(*next);
            QCOMPARE(again.data, r.data);
        }
        next = following;
    }
    QVERIFY2(pages >= minPages, qPrintable(QString::number(pages)));
    QVERIFY(pages < 100);
    QCOMPARE(rows.size(), total);
}

// Balances agree with their history (the newest change's amount is today's), and a wallet's
// transactions sit in the blocks the streams have: hashes of the same block number agree.
void TestEmulatorEndpoints::dataAgreesAcrossEndpoints()
{
    const QByteArray wallet =
        R"({"chain":"ethereum","address":"0xd8da6bf26964af9d7eed9e03e53415d37aa96045"})";
    const Response balances =
        call(QStringLiteral("/api/v1/developer/wallet/balances"), json("[" + wallet + "]"));
    const Response history = call(
        QStringLiteral("/api/v1/developer/wallet/balances/history?limit=1000"),
        json(
            R"({"addresses":[)" + wallet +
            R"(],"start_timestamp":"2026-08-29T20:00:00Z","end_timestamp":"2026-11-27T20:00:00Z"})"));
    QHash<QString, QString> now;
    for (const QJsonValue &item :
         balances.data.toObject().value(QStringLiteral("items")).toArray()) {
        const QJsonObject o = item.toObject();
        now.insert(
            o.value(QStringLiteral("token")).toObject().value(QStringLiteral("address")).toString(),
            o.value(QStringLiteral("raw_balance_str")).toString());
    }
    QSet<QString> seen;
    for (const QJsonValue &item :
         history.data.toObject().value(QStringLiteral("items")).toArray()) {
        const QJsonObject o = item.toObject();
        const QString token =
            o.value(QStringLiteral("token")).toObject().value(QStringLiteral("address")).toString();
        if (seen.contains(token))
            continue; // newest first: only the latest change of each token
        seen.insert(token);
        QCOMPARE(o.value(QStringLiteral("raw_balance_str")).toString(), now.value(token));
    }
    QVERIFY(!seen.isEmpty());

    const Response txs = call(QStringLiteral("/api/v1/developer/wallet/transactions?limit=5"),
                              json("[" + wallet + "]"));
    const QJsonArray items = txs.data.toObject().value(QStringLiteral("items")).toArray();
    QVERIFY(!items.isEmpty());
    const QJsonObject tx = items.first().toObject();
    // The balance history lists the same block for a change at the same time.
    bool matched = false;
    for (const QJsonValue &item :
         history.data.toObject().value(QStringLiteral("items")).toArray()) {
        const QJsonObject o = item.toObject();
        if (o.value(QStringLiteral("block_number")) == tx.value(QStringLiteral("block_number"))) {
            QCOMPARE(o.value(QStringLiteral("block_hash")), tx.value(QStringLiteral("block_hash")));
            matched = true;
        }
    }
    QVERIFY(matched);
}

QTEST_GUILESS_MAIN(TestEmulatorEndpoints)
#include "tst_emulatorendpoints.moc"
