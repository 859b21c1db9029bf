// SPDX-License-Identifier: MIT
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apirequestvalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace allium;

namespace {

QJsonValue json(const QByteArray &text)
{
    if (text.isEmpty())
        return QJsonValue();
    const QJsonDocument d = QJsonDocument::fromJson(text);
    return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
}

} // namespace

class TestApiRequestValidator : public QObject
{
    Q_OBJECT
private slots:
    void validation_data();
    void validation();
    void queryOfMergesBodyAndPath();
    void issueTextAndDetail();
};

void TestApiRequestValidator::validation_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("expected"); // each issue's text(), then its type
    const QString prices = QStringLiteral("/api/v1/developer/prices");
    const QString history = QStringLiteral("/api/v1/developer/prices/history");
    const QString assets = QStringLiteral("/api/v1/developer/assets");
    const QString tokens = QStringLiteral("/api/v1/developer/tokens");
    const QString transactions = QStringLiteral("/api/v1/developer/wallet/transactions");
    const QString fills = QStringLiteral("/api/v1/developer/trading/hyperliquid/info/fills");
    const QString status =
        QStringLiteral("/api/v1/developer/trading/hyperliquid/info/order/status");
    const QByteArray usdc = R"("token_address":"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48")";
    const QByteArray user = R"("user":"0x1dd4af3383fce2ee4a40d9fb6766cbfcce2ddbce")";

    QTest::newRow("prices ok") << prices << "[{" + usdc + R"(,"chain":"ethereum"}])"
                               << QStringList();
    QTest::newRow("prices missing chain")
        << prices << "[{" + usdc + "}]"
        << QStringList{QStringLiteral("body[0].chain: field required"),
                       QStringLiteral("value_error.missing")};
    QTest::newRow("prices second item")
        << prices << "[{" + usdc + R"(,"chain":"ethereum"},{"chain":"base"}])"
        << QStringList{QStringLiteral("body[1].token_address: field required"),
                       QStringLiteral("value_error.missing")};
    QTest::newRow("prices upper-case chain")
        << prices << "[{" + usdc + R"(,"chain":"Ethereum"}])"
        << QStringList{
               QStringLiteral(
                   "body[0].chain: chain names are lower case: \"ethereum\", not \"Ethereum\""),
               QStringLiteral("value_error.chain.case")};
    QTest::newRow("prices short address")
        << prices << QByteArray(R"([{"token_address":"0x12","chain":"ethereum"}])")
        << QStringList{QStringLiteral("body[0].token_address: a 0x address has 40 hex digits"),
                       QStringLiteral("value_error.address")};
    QTest::newRow("prices object") << prices << QByteArray("{}")
                                   << QStringList{QStringLiteral("body: value is not a valid list"),
                                                  QStringLiteral("type_error.list")};
    QTest::newRow("prices empty")
        << prices << QByteArray("[]")
        << QStringList{QStringLiteral("body: ensure this value has at least 1 items"),
                       QStringLiteral("value_error.list.min_items")};
    QTest::newRow("prices item not object")
        << prices << QByteArray("[3]")
        << QStringList{QStringLiteral("body[0]: value is not a valid dict"),
                       QStringLiteral("type_error.dict")};
    QTest::newRow("history missing addresses")
        << history
        << QByteArray(
               R"({"start_timestamp":"2026-11-27T00:00:00Z","end_timestamp":"2026-11-27T01:00:00Z","time_granularity":"1h"})")
        << QStringList{QStringLiteral("body.addresses: field required"),
                       QStringLiteral("value_error.missing")};
    QTest::newRow("history nested chain")
        << history
        << "{\"addresses\":[{" + usdc +
               R"(}],"start_timestamp":"2026-11-27T00:00:00Z","end_timestamp":"2026-11-27T01:00:00Z","time_granularity":"1h"})"
        << QStringList{QStringLiteral("body.addresses[0].chain: field required"),
                       QStringLiteral("value_error.missing")};
    QTest::newRow("history bad granularity and time")
        << history
        << "{\"addresses\":[{" + usdc +
               R"(,"chain":"ethereum"}],"start_timestamp":"yesterday","end_timestamp":"2026-11-27T01:00:00Z","time_granularity":"2h"})"
        << QStringList{
               QStringLiteral("body.start_timestamp: invalid datetime format: ISO-8601 such as "
                              "2026-11-27T20:00:00Z"),
               QStringLiteral("value_error.datetime"),
               QStringLiteral("body.time_granularity: value is not a valid enumeration member; "
                              "permitted: '1m', '5m', '15m', '1h', '1d'"),
               QStringLiteral("type_error.enum")};
    QTest::newRow("assets limit 0")
        << assets << QByteArray(R"({"limit":0})")
        << QStringList{
               QStringLiteral("query.limit: ensure this value is greater than or equal to 1"),
               QStringLiteral("value_error.number.not_ge")};
    QTest::newRow("assets limit text big")
        << assets << QByteArray(R"({"limit":"10001"})")
        << QStringList{
               QStringLiteral("query.limit: ensure this value is less than or equal to 10000"),
               QStringLiteral("value_error.number.not_le")};
    QTest::newRow("assets limit words")
        << assets << QByteArray(R"({"limit":"ten"})")
        << QStringList{QStringLiteral("query.limit: value is not a valid integer"),
                       QStringLiteral("type_error.integer")};
    QTest::newRow("assets limit 1e41")
        << assets << QByteArray(R"({"limit":1.2e41})")
        << QStringList{QStringLiteral("query.limit: value is not a valid integer"),
                       QStringLiteral("type_error.integer")};
    QTest::newRow("assets limit as text ok")
        << assets << QByteArray(R"({"limit":"10"})") << QStringList();
    QTest::newRow("tokens sort")
        << tokens << QByteArray(R"({"sort":"price"})")
        << QStringList{QStringLiteral("query.sort: value is not a valid enumeration member; "
                                      "permitted: 'volume', 'trade_count', "
                                      "'fully_diluted_valuation', 'address', 'name'"),
                       QStringLiteral("type_error.enum")};
    QTest::newRow("tokens chain with spaces")
        << tokens << QByteArray(R"({"chain":"eth mainnet"})")
        << QStringList{QStringLiteral("query.chain: not a chain name: lower-case letters, digits "
                                      "and _ (\"ethereum\")"),
                       QStringLiteral("value_error.chain")};
    QTest::newRow("fills by time needs start")
        << fills << R"({"type":"userFillsByTime",)" + user + "}"
        << QStringList{QStringLiteral("body.startTime: field required"),
                       QStringLiteral("value_error.missing")};
    QTest::newRow("fills without user") << fills << QByteArray(R"({"type":"userFills"})")
                                        << QStringList{QStringLiteral("body.user: field required"),
                                                       QStringLiteral("value_error.missing")};
    QTest::newRow("fills boolean")
        << fills << R"({"type":"userFills","aggregateByTime":"yes",)" + user + "}"
        << QStringList{
               QStringLiteral("body.aggregateByTime: value could not be parsed to a boolean"),
               QStringLiteral("type_error.bool")};
    QTest::newRow("fills array body")
        << fills << QByteArray("[]")
        << QStringList{QStringLiteral("body: value is not a valid dict"),
                       QStringLiteral("type_error.dict")};
    QTest::newRow("status cloid ok")
        << status
        << R"({"type":"orderStatus","oid":"0x00000000000000001cc1cdd6e5932348",)" + user + "}"
        << QStringList();
    QTest::newRow("status bad oid")
        << status << R"({"type":"orderStatus","oid":"abc",)" + user + "}"
        << QStringList{QStringLiteral("body.oid: an order id (integer) or a client order id (0x "
                                      "+ 32 hex) is required"),
                       QStringLiteral("type_error.oid")};
    QTest::newRow("transactions query in path")
        << transactions + QStringLiteral("?limit=500")
        << QByteArray(
               R"([{"chain":"ethereum","address":"0xd8da6bf26964af9d7eed9e03e53415d37aa96045"}])")
        << QStringList{
               QStringLiteral("query.limit: ensure this value is less than or equal to 100"),
               QStringLiteral("value_error.number.not_le")};
    QByteArray many = "[";
    for (int i = 0; i < 21; ++i)
        many += QByteArray(i ? "," : "") +
                R"({"chain":"ethereum","address":"0xd8da6bf26964af9d7eed9e03e53415d37aa96045"})";
    QTest::newRow("transactions 21 wallets")
        << transactions << many + "]"
        << QStringList{QStringLiteral("body: ensure this value has at most 20 items"),
                       QStringLiteral("value_error.list.max_items")};
}

// Each invalid request is refused with every problem named by its place, FastAPI's message and
// type; a valid one passes.
void TestApiRequestValidator::validation()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, expected);
    const ApiEndpoint *endpoint = ApiEndpointCatalogue::find(path);
    QVERIFY(endpoint);
    const auto issues =
        ApiRequestValidator::validateRequest(*endpoint, endpoint->method, path, json(body));
    QStringList actual;
    for (const ApiValidationIssue &issue : issues)
        actual << issue.text() << issue.type;
    QCOMPARE(actual, expected);
}

void TestApiRequestValidator::queryOfMergesBodyAndPath()
{
    const QJsonObject get = ApiRequestValidator::queryOf(QStringLiteral("get"),
                                                         QStringLiteral("/x?limit=3&cursor=a%2Bb"),
                                                         QJsonObject{{QStringLiteral("limit"), 5}});
    QCOMPARE(get, (QJsonObject{{QStringLiteral("limit"), 5},
                               {QStringLiteral("cursor"), QStringLiteral("a+b")}}));
    const QJsonObject post =
        ApiRequestValidator::queryOf(QStringLiteral("POST"), QStringLiteral("/x?limit=3"),
                                     QJsonObject{{QStringLiteral("limit"), 5}});
    QCOMPARE(post, (QJsonObject{{QStringLiteral("limit"), QStringLiteral("3")}}));
}

void TestApiRequestValidator::issueTextAndDetail()
{
    const ApiValidationIssue issue{QJsonArray{QStringLiteral("body"), 0, QStringLiteral("chain")},
                                   QStringLiteral("field required"),
                                   QStringLiteral("value_error.missing")};
    QCOMPARE(issue.text(), QStringLiteral("body[0].chain: field required"));
    const QJsonObject detail = ApiValidationIssue::detail({issue});
    QCOMPARE(
        QJsonDocument(detail).toJson(QJsonDocument::Compact),
        QByteArray(
            R"({"detail":[{"loc":["body",0,"chain"],"msg":"field required","type":"value_error.missing"}]})"));
    QCOMPARE(ApiValidationIssue::fromJson(
                 detail.value(QStringLiteral("detail")).toArray().first().toObject()),
             issue);
}

QTEST_GUILESS_MAIN(TestApiRequestValidator)
#include "tst_apirequestvalidator.moc"
