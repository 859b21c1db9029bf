// SPDX-License-Identifier: MIT
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apierrortext.h"
#include "emulator/api/apiroutetable.h"
#include "emulator/apiresponder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace allium;

namespace {

const QString Assets = QStringLiteral("/api/v1/developer/assets");
const QString Prices = QStringLiteral("/api/v1/developer/prices");
const QString Balances = QStringLiteral("/api/v1/developer/wallet/balances");
const QString Tokens = QStringLiteral("/api/v1/developer/tokens");
const QString HlInfo = QStringLiteral("/api/v1/developer/trading/hyperliquid/info");
const QString HlFills = QStringLiteral("/api/v1/developer/trading/hyperliquid/info/fills");
const QString Weth = QStringLiteral("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
const QString Usdc = QStringLiteral("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
const QString Trader = QStringLiteral("0x1dd4af3383fce2ee4a40d9fb6766cbfcce2ddbce");

QJsonValue json(const char *text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text));
    if (doc.isArray())
        return doc.array();
    return doc.object();
}

ApiResponder::Result call(const QString &method, const QString &path, const QJsonValue &body,
                          quint64 seed = 1)
{
    return ApiResponder(seed).respond(method, path, body);
}

QJsonArray items(const ApiResponder::Result &result)
{
    return result.data.toObject().value(QStringLiteral("items")).toArray();
}

void verifyKeys(const QJsonObject &object, const QStringList &keys)
{
    for (const QString &key : keys)
        QVERIFY2(object.contains(key), qPrintable(key));
}

} // namespace

class TestApiResponder : public QObject
{
    Q_OBJECT

private slots:
    void endpointsAreListed();
    void assetsShape();
    void assetsPaginate();
    void assetsFilterByBlockchain();
    void pricesShape();
    void balancesShape();
    void tokensShapeAndSort();
    void hyperliquidFills_data();
    void hyperliquidFills();
    void hyperliquidFillsByTimeStaysInWindow();
    void hyperliquidInfo();
    void errors_data();
    void errors();
    void deterministic_data();
    void deterministic();
    void routesAreUnique();
    void everyRouteIsAnswered_data();
    void everyRouteIsAnswered();
    void routeTableDispatchesByMethodAndPath();
};

// endpoints() names every endpoint of the catalogue with its documented method, and no other.
void TestApiResponder::endpointsAreListed()
{
    const auto endpoints = ApiResponder::endpoints();
    QCOMPARE(endpoints.size(), ApiEndpointCatalogue::endpoints().size());
    for (const ApiEndpoint &e : ApiEndpointCatalogue::endpoints())
        QVERIFY2(endpoints.contains({e.method, e.path}), qPrintable(e.path));
}

// GET assets: {"items":[{id,slug,source,chain_specific_data,…}],"cursor"}, default limit 100.
void TestApiResponder::assetsShape()
{
    const auto result = call(QStringLiteral("GET"), Assets, QJsonObject{});
    QVERIFY(result.ok);
    const QJsonArray list = items(result);
    QCOMPARE(list.size(), 100);
    QVERIFY(result.data.toObject().value(QStringLiteral("cursor")).isString());
    QSet<double> ids;
    for (const QJsonValue &v : list) {
        const QJsonObject a = v.toObject();
        verifyKeys(a,
                   {QStringLiteral("id"), QStringLiteral("slug"), QStringLiteral("source"),
                    QStringLiteral("chain_specific_data"), QStringLiteral("name"),
                    QStringLiteral("symbol"), QStringLiteral("image_url"),
                    QStringLiteral("circulating_supply"), QStringLiteral("token_creation_time")});
        QVERIFY(a.value(QStringLiteral("id")).isDouble());
        QVERIFY(a.value(QStringLiteral("chain_specific_data")).isObject());
        QVERIFY(
            a.value(QStringLiteral("image_url")).toString().contains(QLatin1String(".invalid/")));
        ids.insert(a.value(QStringLiteral("id")).toDouble());
    }
    QCOMPARE(ids.size(), 100);
    // Well-known tokens come first, with real addresses, one asset across chains.
    const QJsonObject weth = list.at(0).toObject();
    QCOMPARE(weth.value(QStringLiteral("symbol")).toString(), QStringLiteral("WETH"));
    const QJsonObject chains = weth.value(QStringLiteral("chain_specific_data")).toObject();
    QCOMPARE(chains.value(QStringLiteral("ethereum"))
                 .toObject()
                 .value(QStringLiteral("address"))
                 .toString(),
             Weth);
    QVERIFY(chains.contains(QStringLiteral("base")));
}

// The cursor walks the whole list without gaps or repeats, and ends with a null cursor.
void TestApiResponder::assetsPaginate()
{
    QSet<double> seen;
    QJsonValue cursor;
    int pages = 0;
    do {
        QJsonObject params{{QStringLiteral("limit"), QStringLiteral("500")}};
        if (cursor.isString())
            params.insert(QStringLiteral("cursor"), cursor);
        const auto result = call(QStringLiteral("GET"), Assets, params);
        QVERIFY(result.ok);
        for (const QJsonValue &v : items(result)) {
            const double id = v.toObject().value(QStringLiteral("id")).toDouble();
            QVERIFY(!seen.contains(id));
            seen.insert(id);
        }
        cursor = result.data.toObject().value(QStringLiteral("cursor"));
        ++pages;
    } while (cursor.isString() && pages < 100);
    QVERIFY(cursor.isNull());
    QVERIFY(pages > 1);
    const auto all =
        call(QStringLiteral("GET"), Assets, QJsonObject{{QStringLiteral("limit"), 10000}});
    QCOMPARE(items(all).size(), seen.size());
}

// blockchain= keeps only assets on that chain; a query string in the path works like the body.
void TestApiResponder::assetsFilterByBlockchain()
{
    const auto result = call(QStringLiteral("GET"),
                             Assets + QLatin1String("?blockchain=solana&limit=20"), QJsonValue());
    QVERIFY(result.ok);
    const QJsonArray list = items(result);
    QCOMPARE(list.size(), 20);
    for (const QJsonValue &v : list) {
        QVERIFY(v.toObject()
                    .value(QStringLiteral("chain_specific_data"))
                    .toObject()
                    .contains(QStringLiteral("solana")));
    }
}

// POST prices: one item per requested token with OHLC around a plausible price.
void TestApiResponder::pricesShape()
{
    const auto result = call(QStringLiteral("POST"), Prices, json(R"([
        {"token_address": "0xC02aaa39b223FE8D0A0e5C4F27eAD9083C756Cc2", "chain": "ethereum"},
        {"token_address": "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "chain": "ethereum"},
        {"token_address": "0x1111111111111111111111111111111111111111", "chain": "base"},
        {"token_address": "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", "chain": "solana"}])"));
    QVERIFY2(result.ok, qPrintable(result.data.toString()));
    const QJsonArray list = items(result);
    QCOMPARE(list.size(), 4);
    for (const QJsonValue &v : list) {
        const QJsonObject p = v.toObject();
        verifyKeys(p,
                   {QStringLiteral("timestamp"), QStringLiteral("chain"), QStringLiteral("address"),
                    QStringLiteral("decimals"), QStringLiteral("price"), QStringLiteral("open"),
                    QStringLiteral("high"), QStringLiteral("close"), QStringLiteral("low"),
                    QStringLiteral("volume_24h"), QStringLiteral("volume_1h"),
                    QStringLiteral("trade_count_24h"), QStringLiteral("trade_count_1h")});
        const double high = p.value(QStringLiteral("high")).toDouble();
        const double low = p.value(QStringLiteral("low")).toDouble();
        QVERIFY(low > 0 && low <= high);
        QVERIFY(p.value(QStringLiteral("open")).toDouble() <= high);
        QVERIFY(p.value(QStringLiteral("close")).toDouble() >= low);
    }
    const QJsonObject weth = list.at(0).toObject();
    QCOMPARE(weth.value(QStringLiteral("address")).toString(), Weth); // lower-cased
    QCOMPARE(weth.value(QStringLiteral("decimals")).toInt(), 18);
    QVERIFY(weth.value(QStringLiteral("price")).toDouble() > 1000);
    QVERIFY(qAbs(list.at(1).toObject().value(QStringLiteral("price")).toDouble() - 1.0) < 0.05);
    QCOMPARE(list.at(1).toObject().value(QStringLiteral("decimals")).toInt(), 6);
}

// POST wallet/balances: items with token{…}, raw_balance number and string that agree.
void TestApiResponder::balancesShape()
{
    const auto result = call(QStringLiteral("POST"), Balances, json(R"([
        {"chain": "ethereum", "address": "0x1dd4af3383fce2ee4a40d9fb6766cbfcce2ddbce"},
        {"chain": "solana", "address": "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM"}])"));
    QVERIFY2(result.ok, qPrintable(result.data.toString()));
    const QJsonArray list = items(result);
    QVERIFY(list.size() >= 2);
    QSet<QString> chains;
    for (const QJsonValue &v : list) {
        const QJsonObject b = v.toObject();
        verifyKeys(b, {QStringLiteral("chain"), QStringLiteral("address"), QStringLiteral("token"),
                       QStringLiteral("raw_balance"), QStringLiteral("raw_balance_str"),
                       QStringLiteral("block_timestamp"), QStringLiteral("block_number"),
                       QStringLiteral("block_hash")});
        const QJsonObject token = b.value(QStringLiteral("token")).toObject();
        verifyKeys(token,
                   {QStringLiteral("object"), QStringLiteral("chain"), QStringLiteral("address"),
                    QStringLiteral("type"), QStringLiteral("price"), QStringLiteral("decimals"),
                    QStringLiteral("info")});
        const QString raw = b.value(QStringLiteral("raw_balance_str")).toString();
        bool ok = false;
        const double parsed = raw.toDouble(&ok);
        QVERIFY(ok && parsed > 0);
        QVERIFY(qAbs(parsed - b.value(QStringLiteral("raw_balance")).toDouble()) <= parsed * 1e-9);
        chains.insert(b.value(QStringLiteral("chain")).toString());
    }
    QCOMPARE(chains, (QSet<QString>{QStringLiteral("ethereum"), QStringLiteral("solana")}));
}

// GET tokens: a raw array of token objects, limited, sorted as asked.
void TestApiResponder::tokensShapeAndSort()
{
    const auto result = call(QStringLiteral("GET"), Tokens,
                             QJsonObject{{QStringLiteral("chain"), QStringLiteral("base")},
                                         {QStringLiteral("limit"), 25},
                                         {QStringLiteral("sort"), QStringLiteral("volume")}});
    QVERIFY2(result.ok, qPrintable(result.data.toString()));
    const QJsonArray list = result.data.toArray();
    QCOMPARE(list.size(), 25);
    double previous = 1e300;
    for (const QJsonValue &v : list) {
        const QJsonObject t = v.toObject();
        QCOMPARE(t.value(QStringLiteral("object")).toString(), QStringLiteral("token"));
        QCOMPARE(t.value(QStringLiteral("chain")).toString(), QStringLiteral("base"));
        const double volume = t.value(QStringLiteral("attributes"))
                                  .toObject()
                                  .value(QStringLiteral("volume_24h"))
                                  .toDouble();
        QVERIFY(volume <= previous);
        previous = volume;
    }
    const auto byName = call(QStringLiteral("GET"), Tokens,
                             QJsonObject{{QStringLiteral("sort"), QStringLiteral("name")},
                                         {QStringLiteral("order"), QStringLiteral("asc")}});
    const QJsonArray names = byName.data.toArray();
    QCOMPARE(names.size(), 50);
    const auto nameAt = [&names](int i) {
        return names.at(i)
            .toObject()
            .value(QStringLiteral("info"))
            .toObject()
            .value(QStringLiteral("name"))
            .toString();
    };
    for (int i = 1; i < names.size(); ++i)
        QVERIFY(nameAt(i - 1) <= nameAt(i));
}

void TestApiResponder::hyperliquidFills_data()
{
    QTest::addColumn<QString>("type");
    QTest::newRow("userFills") << QStringLiteral("userFills");
    QTest::newRow("userFillsByTime") << QStringLiteral("userFillsByTime");
    QTest::newRow("userTwapSliceFills") << QStringLiteral("userTwapSliceFills");
}

// Fills endpoint: an array of Hyperliquid fill objects (twap slices wrap them in {fill, twapId}).
void TestApiResponder::hyperliquidFills()
{
    QFETCH(QString, type);
    const QJsonObject body{{QStringLiteral("type"), type},
                           {QStringLiteral("user"),
                            Trader.toUpper().replace(QLatin1String("0X"), QLatin1String("0x"))},
                           {QStringLiteral("startTime"), 1795000000000.0}};
    const auto result = call(QStringLiteral("POST"), HlFills, body);
    QVERIFY2(result.ok, qPrintable(result.data.toString()));
    const QJsonArray fills = result.data.toArray();
    QVERIFY(!fills.isEmpty());
    QVERIFY(fills.size() <= 2000);
    for (const QJsonValue &v : fills) {
        QJsonObject fill = v.toObject();
        if (type == QLatin1String("userTwapSliceFills")) {
            QVERIFY(fill.value(QStringLiteral("twapId")).isDouble());
            fill = fill.value(QStringLiteral("fill")).toObject();
        }
        verifyKeys(fill,
                   {QStringLiteral("coin"), QStringLiteral("px"), QStringLiteral("sz"),
                    QStringLiteral("side"), QStringLiteral("time"), QStringLiteral("dir"),
                    QStringLiteral("hash"), QStringLiteral("oid"), QStringLiteral("tid"),
                    QStringLiteral("fee"), QStringLiteral("feeToken"), QStringLiteral("closedPnl"),
                    QStringLiteral("crossed"), QStringLiteral("startPosition")});
        QVERIFY(fill.value(QStringLiteral("px")).isString());
        QVERIFY(fill.value(QStringLiteral("time")).toDouble() > 1.7e12);
    }
}

// userFillsByTime returns only fills inside [startTime, endTime], oldest first.
void TestApiResponder::hyperliquidFillsByTimeStaysInWindow()
{
    const double start = 1795700000000.0;
    const double end = start + 6 * 3600000.0;
    const auto result =
        call(QStringLiteral("POST"), HlFills,
             QJsonObject{{QStringLiteral("type"), QStringLiteral("userFillsByTime")},
                         {QStringLiteral("user"), Trader},
                         {QStringLiteral("startTime"), start},
                         {QStringLiteral("endTime"), end}});
    QVERIFY(result.ok);
    double previous = start;
    for (const QJsonValue &v : result.data.toArray()) {
        const double t = v.toObject().value(QStringLiteral("time")).toDouble();
        QVERIFY(t >= previous && t <= end);
        previous = t;
    }
}

// The info endpoint answers allMids, meta, clearinghouseState and openOrders natively.
void TestApiResponder::hyperliquidInfo()
{
    const auto mids = call(QStringLiteral("POST"), HlInfo, json(R"({"type": "allMids"})"));
    QVERIFY(mids.ok);
    QVERIFY(mids.data.toObject().value(QStringLiteral("BTC")).toString().toDouble() > 10000);
    const auto meta = call(QStringLiteral("POST"), HlInfo, json(R"({"type": "meta"})"));
    QVERIFY(meta.data.toObject().value(QStringLiteral("universe")).toArray().size() > 5);
    const auto state =
        call(QStringLiteral("POST"), HlInfo,
             QJsonObject{{QStringLiteral("type"), QStringLiteral("clearinghouseState")},
                         {QStringLiteral("user"), Trader},
                         {QStringLiteral("dex"), QString()}});
    QVERIFY(state.ok);
    verifyKeys(state.data.toObject(),
               {QStringLiteral("assetPositions"), QStringLiteral("marginSummary"),
                QStringLiteral("withdrawable"), QStringLiteral("time")});
    const auto orders = call(QStringLiteral("POST"), HlInfo,
                             QJsonObject{{QStringLiteral("type"), QStringLiteral("openOrders")},
                                         {QStringLiteral("user"), Trader}});
    QVERIFY(orders.ok && orders.data.isArray());
}

void TestApiResponder::errors_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    const QString get = QStringLiteral("GET");
    const QString post = QStringLiteral("POST");
    const auto invalid = [](const char *text) {
        return QStringLiteral("HTTP 422: ") + QString::fromUtf8(text);
    };
    QTest::newRow("unknown path") << get << QStringLiteral("/api/v1/x") << QByteArray("{}")
                                  << QStringLiteral("HTTP 404: unknown path /api/v1/x");
    QTest::newRow("wrong method")
        << get << Prices << QByteArray("{}")
        << QStringLiteral("HTTP 405: method GET not allowed for /api/v1/developer/prices");
    QTest::newRow("post assets")
        << post << Assets << QByteArray("{}")
        << QStringLiteral("HTTP 405: method POST not allowed for /api/v1/developer/assets");
    QTest::newRow("limit 0") << get << Assets << QByteArray(R"({"limit": 0})")
                             << invalid("query.limit: ensure this value is greater than or "
                                        "equal to 1");
    QTest::newRow("limit big") << get << Assets << QByteArray(R"({"limit": "10001"})")
                               << invalid("query.limit: ensure this value is less than or equal "
                                          "to 10000");
    QTest::newRow("limit text") << get << Assets << QByteArray(R"({"limit": "ten"})")
                                << invalid("query.limit: value is not a valid integer");
    // Far beyond qint64: refused, never cast (undefined behaviour; found by fuzz_apirequest).
    QTest::newRow("limit 1e41") << get << Assets << QByteArray(R"({"limit": 1.2e41})")
                                << invalid("query.limit: value is not a valid integer");
    QTest::newRow("bad cursor") << get << Assets << QByteArray(R"({"cursor": "zzz"})")
                                << invalid("query.cursor: invalid cursor \"zzz\"");
    QTest::newRow("upper-case blockchain")
        << get << Assets << QByteArray(R"({"blockchain": "Ethereum"})")
        << invalid("query.blockchain: chain names are lower case: \"ethereum\", not "
                   "\"Ethereum\"");
    QTest::newRow("unsupported blockchain")
        << get << Assets << QByteArray(R"({"blockchain": "tron"})")
        << invalid("query.blockchain: unsupported chain \"tron\" (supported: base, ethereum, "
                   "solana)");
    QTest::newRow("prices object") << post << Prices << QByteArray(R"({"token_address": "0x"})")
                                   << invalid("body: value is not a valid list");
    QTest::newRow("prices empty") << post << Prices << QByteArray("[]")
                                  << invalid("body: ensure this value has at least 1 items");
    QTest::newRow("prices missing chain")
        << post << Prices << QByteArray(R"([{"token_address": "0x"}])")
        << invalid("body[0].token_address: a 0x address has 40 hex digits; body[0].chain: field "
                   "required");
    QTest::newRow("prices bad chain")
        << post << Prices
        << QByteArray(
               R"([{"token_address": "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "chain": "eth"}])")
        << invalid("body[0].chain: unsupported chain \"eth\" (supported: base, ethereum, solana)");
    QTest::newRow("prices bad solana address")
        << post << Prices << QByteArray(R"([{"token_address": "xyz", "chain": "solana"}])")
        << invalid("body[0].token_address: not a valid solana address");
    QTest::newRow("balances shape") << post << Balances << QByteArray(R"({"chain": "ethereum"})")
                                    << invalid("body: value is not a valid list");
    QTest::newRow("tokens limit") << get << Tokens << QByteArray(R"({"limit": 201})")
                                  << invalid("query.limit: ensure this value is less than or "
                                             "equal to 200");
    QTest::newRow("tokens sort")
        << get << Tokens << QByteArray(R"({"sort": "price"})")
        << invalid("query.sort: value is not a valid enumeration member; permitted: 'volume', "
                   "'trade_count', 'fully_diluted_valuation', 'address', 'name'");
    QTest::newRow("fills missing user") << post << HlFills << QByteArray(R"({"type": "userFills"})")
                                        << invalid("body.user: field required");
    QTest::newRow("fills bad user")
        << post << HlFills << QByteArray(R"({"type": "userFills", "user": "0xbob"})")
        << invalid("body.user: a 0x address has 40 hex digits");
    QTest::newRow("fills missing type")
        << post << HlFills
        << QByteArray(R"({"user": "0x1dd4af3383fce2ee4a40d9fb6766cbfcce2ddbce"})")
        << invalid("body.type: field required");
    QTest::newRow("fills unknown type")
        << post << HlFills
        << QByteArray(R"({"type": "fills", "user": "0x1dd4af3383fce2ee4a40d9fb6766cbfcce2ddbce"})")
        << invalid("body.type: value is not a valid enumeration member; permitted: 'userFills', "
                   "'userFillsByTime', 'userTwapSliceFills'");
    QTest::newRow("fills by time without start")
        << post << HlFills
        << QByteArray(
               R"({"type": "userFillsByTime", "user": "0x1dd4af3383fce2ee4a40d9fb6766cbfcce2ddbce"})")
        << invalid("body.startTime: field required");
    QTest::newRow("fills end before start")
        << post << HlFills
        << QByteArray(
               R"({"type": "userFillsByTime", "user": "0x1dd4af3383fce2ee4a40d9fb6766cbfcce2ddbce",
                          "startTime": 1795000000000, "endTime": 1794000000000})")
        << invalid("body.endTime: must not be before the start");
    QTest::newRow("fills array body")
        << post << HlFills << QByteArray("[]") << invalid("body: value is not a valid dict");
    QTest::newRow("info unknown type")
        << post << HlInfo << QByteArray(R"({"type": "spotMeta"})")
        << invalid("body.type: value is not a valid enumeration member; permitted: 'allMids', "
                   "'meta', 'clearinghouseState', 'openOrders', 'activeAssetData'");
    QTest::newRow("info missing user")
        << post << HlInfo << QByteArray(R"({"type": "clearinghouseState"})")
        << invalid("body.user: field required");
    QTest::newRow("open orders missing user")
        << post << HlInfo << QByteArray(R"({"type": "openOrders"})")
        << invalid("body.user: field required");
}

// Each invalid request fails with the HTTP status and the field named.
void TestApiResponder::errors()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonValue value = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    const auto result = call(method, path, value);
    QVERIFY(!result.ok);
    QCOMPARE(ApiErrorText::describe(result.data), message);
}

void TestApiResponder::deterministic_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("assets") << QStringLiteral("GET") << Assets << QByteArray(R"({"limit": 300})");
    QTest::newRow("prices")
        << QStringLiteral("POST") << Prices
        << QByteArray(
               R"([{"token_address": "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "chain": "ethereum"}])");
    QTest::newRow("balances")
        << QStringLiteral("POST") << Balances
        << QByteArray(
               R"([{"chain": "base", "address": "0x1dd4af3383fce2ee4a40d9fb6766cbfcce2ddbce"}])");
    QTest::newRow("tokens") << QStringLiteral("GET") << Tokens << QByteArray(R"({"limit": 100})");
    QTest::newRow("fills")
        << QStringLiteral("POST") << HlFills
        << QByteArray(
               R"({"type": "userFills", "user": "0x1dd4af3383fce2ee4a40d9fb6766cbfcce2ddbce"})");
    QTest::newRow("clearinghouse")
        << QStringLiteral("POST") << HlInfo
        << QByteArray(
               R"({"type": "clearinghouseState", "user": "0x1dd4af3383fce2ee4a40d9fb6766cbfcce2ddbce"})");
}

// The same seed and request give the same answer; another seed gives another answer.
void TestApiResponder::deterministic()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonValue value = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    const auto a = call(method, path, value, 5);
    const auto b = call(method, path, value, 5);
    const auto c = call(method, path, value, 6);
    QVERIFY(a.ok && b.ok && c.ok);
    QCOMPARE(a.data, b.data);
    QVERIFY(a.data != c.data);
}

// The route table lists each method + path once, as a request names it (upper-case method, no
// query string, no trailing slash), under the Developer API.
void TestApiResponder::routesAreUnique()
{
    const auto endpoints = ApiResponder::endpoints();
    QSet<QString> seen;
    for (const auto &[method, path] : endpoints) {
        QCOMPARE(method, method.trimmed().toUpper());
        QVERIFY2(path.startsWith(QLatin1String("/api/v1/")), qPrintable(path));
        QVERIFY2(!path.endsWith(QLatin1Char('/')) && !path.contains(QLatin1Char('?')),
                 qPrintable(path));
        const QString key = method + QLatin1Char(' ') + path;
        QVERIFY2(!seen.contains(key), qPrintable(key));
        seen.insert(key);
    }
    QCOMPARE(seen.size(), endpoints.size());
}

void TestApiResponder::everyRouteIsAnswered_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    for (const auto &[method, path] : ApiResponder::endpoints())
        QTest::newRow(qPrintable(method + QLatin1Char(' ') + path)) << method << path;
}

// Every route in the table reaches its handler (an empty body gets the handler's own answer,
// never "unknown path" or "not allowed"), however the method is cased or padded and with a
// trailing slash; the other method is refused with the route's path.
void TestApiResponder::everyRouteIsAnswered()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    const auto canonical = call(method, path, QJsonObject());
    const QString message = ApiErrorText::describe(canonical.data);
    QVERIFY2(!message.contains(QLatin1String("unknown path")), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("not allowed")), qPrintable(message));
    const auto loose = call(QLatin1Char(' ') + method.toLower() + QLatin1Char(' '),
                            path + QLatin1String("//"), QJsonObject());
    QCOMPARE(loose.ok, canonical.ok);
    QCOMPARE(loose.data, canonical.data);
    const QString other =
        method == QLatin1String("GET") ? QStringLiteral("POST") : QStringLiteral("GET");
    const auto refused = call(other, path + QLatin1Char('/'), QJsonObject());
    QVERIFY(!refused.ok);
    QCOMPARE(ApiErrorText::describe(refused.data),
             QStringLiteral("HTTP 405: method %1 not allowed for %2").arg(other, path));
}

// A table answers each request with the handler of its method + path, hands GET handlers the
// body's parameters and then the query string's, and answers the rest itself.
void TestApiResponder::routeTableDispatchesByMethodAndPath()
{
    const ApiRouteTable table({
        {QStringLiteral("GET"), QStringLiteral("/x"),
         [](const ApiCall &request) {
             return ApiAnswer::success(
                 QJsonObject{{QStringLiteral("method"), QStringLiteral("GET")},
                             {QStringLiteral("seed"), double(request.seed)},
                             {QStringLiteral("parameters"), request.parameters}});
         }},
        {QStringLiteral("POST"), QStringLiteral("/x"),
         [](const ApiCall &request) {
             return ApiAnswer::success(
                 QJsonObject{{QStringLiteral("method"), QStringLiteral("POST")},
                             {QStringLiteral("body"), request.body}});
         }},
    });
    QCOMPARE(table.routes().size(), 2);

    const ApiAnswer get = table.answer(9, QStringLiteral("get"), QStringLiteral("/x/?a=3&b=2"),
                                       QJsonObject{{QStringLiteral("a"), 1}});
    QVERIFY(get.ok);
    QCOMPARE(get.data.toObject(),
             (QJsonObject{{QStringLiteral("method"), QStringLiteral("GET")},
                          {QStringLiteral("seed"), 9.0},
                          {QStringLiteral("parameters"),
                           QJsonObject{{QStringLiteral("a"), 1},
                                       {QStringLiteral("b"), QStringLiteral("2")}}}}));

    const ApiAnswer post =
        table.answer(9, QStringLiteral("POST"), QStringLiteral("/x"), QJsonArray{1});
    QVERIFY(post.ok);
    QCOMPARE(post.data.toObject().value(QStringLiteral("method")).toString(),
             QStringLiteral("POST"));
    QCOMPARE(post.data.toObject().value(QStringLiteral("body")), QJsonValue(QJsonArray{1}));

    const ApiAnswer put =
        table.answer(9, QStringLiteral("PUT"), QStringLiteral("/x//"), QJsonValue());
    QVERIFY(!put.ok);
    QCOMPARE(ApiErrorText::describe(put.data),
             QStringLiteral("HTTP 405: method PUT not allowed for /x"));
    const ApiAnswer unknown =
        table.answer(9, QStringLiteral("GET"), QStringLiteral("/y/?x=1"), QJsonValue());
    QVERIFY(!unknown.ok);
    QCOMPARE(ApiErrorText::describe(unknown.data), QStringLiteral("HTTP 404: unknown path /y/"));
    const ApiAnswer getArray =
        table.answer(9, QStringLiteral("GET"), QStringLiteral("/x"), QJsonArray{});
    QVERIFY(!getArray.ok);
    QCOMPARE(ApiErrorText::describe(getArray.data),
             QStringLiteral("HTTP 400: body of a GET must be an object of query parameters"));
}

QTEST_GUILESS_MAIN(TestApiResponder)
#include "tst_apiresponder.moc"
