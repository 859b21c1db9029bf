// SPDX-License-Identifier: MIT
#include "core/api/apicost.h"
#include "core/api/apicosttally.h"
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apierrortext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace allium;

class TestApiCost : public QObject
{
    Q_OBJECT
private slots:
    void cost_data();
    void cost();
    void tallyAddsUp();
    void errorText_data();
    void errorText();
};

void TestApiCost::cost_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("known");
    QTest::addColumn<qint64>("units");
    QTest::addColumn<QString>("text");
    const QByteArray token =
        R"({"token_address":"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48","chain":"ethereum"})";
    const QByteArray wallet =
        R"({"chain":"ethereum","address":"0xd8da6bf26964af9d7eed9e03e53415d37aa96045"})";
    QTest::newRow("prices 1") << QStringLiteral("/api/v1/developer/prices") << "[" + token + "]"
                              << true << qint64(20) << QStringLiteral("20 DU (1 input × 20)");
    QTest::newRow("prices 3") << QStringLiteral("/api/v1/developer/prices")
                              << "[" + token + "," + token + "," + token + "]" << true << qint64(60)
                              << QStringLiteral("60 DU (3 inputs × 20)");
    QTest::newRow("history 2 in addresses")
        << QStringLiteral("/api/v1/developer/prices/history")
        << "{\"addresses\":[" + token + "," + token + "]}" << true << qint64(40)
        << QStringLiteral("40 DU (2 inputs × 20)");
    QTest::newRow("pnl 4 wallets")
        << QStringLiteral("/api/v1/developer/wallet/pnl")
        << "[" + wallet + "," + wallet + "," + wallet + "," + wallet + "]" << true << qint64(120)
        << QStringLiteral("120 DU (4 inputs × 30)");
    QTest::newRow("empty batch") << QStringLiteral("/api/v1/developer/wallet/balances")
                                 << QByteArray("[]") << true << qint64(0)
                                 << QStringLiteral("0 DU (0 inputs × 30)");
    QTest::newRow("tokens flat") << QStringLiteral("/api/v1/developer/tokens")
                                 << QByteArray(R"({"limit":200})") << true << qint64(30)
                                 << QStringLiteral("30 DU");
    QTest::newRow("order history")
        << QStringLiteral("/api/v1/developer/trading/hyperliquid/info/order/history")
        << QByteArray("{}") << true << qint64(60) << QStringLiteral("60 DU");
    QTest::newRow("assets undocumented")
        << QStringLiteral("/api/v1/developer/assets") << QByteArray("{}") << false << qint64(0)
        << QStringLiteral("cost not documented");
    QTest::newRow("unknown path") << QStringLiteral("/api/v1/nope") << QByteArray("{}") << false
                                  << qint64(0) << QStringLiteral("cost not documented");
}

// A request costs its endpoint's documented DU, times its batched inputs where the docs say so.
void TestApiCost::cost()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(bool, known);
    QFETCH(qint64, units);
    QFETCH(QString, text);
    const QJsonDocument d = QJsonDocument::fromJson(body);
    const ApiCost cost =
        ApiCost::of(path, d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object()));
    QCOMPARE(cost.known, known);
    QCOMPARE(cost.units, units);
    QCOMPARE(cost.text(), text);
}

// The session total adds every known cost and counts the unknown ones apart.
void TestApiCost::tallyAddsUp()
{
    ApiCostTally tally;
    QCOMPARE(tally.text(), QStringLiteral("session: 0 DU in 0 requests"));
    tally.add(ApiCost::of(QStringLiteral("/api/v1/developer/tokens"), QJsonObject()));
    tally.add(ApiCost::of(QStringLiteral("/api/v1/developer/assets"), QJsonObject()));
    tally.add(ApiCost::of(QStringLiteral("/api/v1/developer/prices"),
                          QJsonArray{QJsonObject(), QJsonObject()}));
    QCOMPARE(tally.units(), 70);
    QCOMPARE(tally.requests(), 3);
    QCOMPARE(tally.text(), QStringLiteral("session: 70 DU in 3 requests (+1 of unknown cost)"));
    tally.clear();
    QCOMPARE(tally.units(), 0);
}

void TestApiCost::errorText_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("text");
    QTest::newRow("string") << QByteArray(R"(["max inflight"])") << QStringLiteral("max inflight");
    QTest::newRow("422")
        << QByteArray(
               R"([{"status_code":422,"detail":[{"loc":["body",0,"chain"],"msg":"field required","type":"value_error.missing"},{"loc":["query","limit"],"msg":"too big","type":"x"}]}])")
        << QStringLiteral("HTTP 422: body[0].chain: field required; query.limit: too big");
    QTest::newRow("400") << QByteArray(R"([{"status_code":400,"detail":"Invalid JSON body"}])")
                         << QStringLiteral("HTTP 400: Invalid JSON body");
    QTest::newRow("bare detail") << QByteArray(R"([{"detail":"Invalid API key"}])")
                                 << QStringLiteral("Invalid API key");
    QTest::newRow("other") << QByteArray(R"([{"x":1}])")
                           << QStringLiteral("the server returned an error");
}

// An error response's data reads as one line naming the status and each field.
void TestApiCost::errorText()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, text);
    QCOMPARE(ApiErrorText::describe(QJsonDocument::fromJson(data).array().first()), text);
}

QTEST_GUILESS_MAIN(TestApiCost)
#include "tst_apicost.moc"
