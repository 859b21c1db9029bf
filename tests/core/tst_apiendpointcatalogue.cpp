// SPDX-License-Identifier: MIT
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apirequestvalidator.h"

#include <QSet>
#include <QTest>

using namespace allium;

class TestApiEndpointCatalogue : public QObject
{
    Q_OBJECT
private slots:
    void coversEveryDocumentedEndpoint_data();
    void coversEveryDocumentedEndpoint();
    void entriesAreComplete();
    void examplesAreValid();
    void findIgnoresQueryAndSlashes();
    void searchMatchesEveryWord();
};

void TestApiEndpointCatalogue::coversEveryDocumentedEndpoint_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("cost");
    // The table of the docs notes, section 3.2 (the four P&L paths and the two DU-table-only
    // Hyperliquid paths each a row), and the chain discovery endpoint of section 3.1.
    const struct
    {
        const char *method;
        const char *path;
        int cost;
    } rows[] = {
        {"GET", "assets", -1},
        {"POST", "assets/batch", -1},
        {"POST", "prices", 20},
        {"POST", "prices/history", 20},
        {"POST", "prices/at-timestamp", 20},
        {"POST", "prices/stats", 20},
        {"GET", "tokens", 30},
        {"GET", "tokens/search", -1},
        {"POST", "tokens/chain-address", 20},
        {"POST", "wallet/balances", 30},
        {"POST", "wallet/balances/history", 30},
        {"POST", "wallet/transactions", 30},
        {"POST", "wallet/holdings/history", 30},
        {"POST", "wallet/pnl", 30},
        {"POST", "wallet/pnl/history", 30},
        {"POST", "wallet/pnl-by-token", 30},
        {"POST", "wallet/pnl-by-token/history", 30},
        {"POST", "trading/hyperliquid/info", 40},
        {"POST", "trading/hyperliquid/info/fills", 40},
        {"POST", "trading/hyperliquid/info/order/history", 60},
        {"POST", "trading/hyperliquid/info/order/status", 40},
        {"GET", "trading/hyperliquid/orderbook/snapshot", 60},
        {"POST", "trading/hyperliquid/candleSnapshot", 20},
        {"POST", "trading/hyperliquid/metaAndAssetCtxs", 20},
    };
    for (const auto &row : rows) {
        const QString path = QStringLiteral("/api/v1/developer/") + QLatin1String(row.path);
        QTest::newRow(row.path) << QString::fromLatin1(row.method) << path << row.cost;
    }
    QTest::newRow("supported-chains")
        << QStringLiteral("GET") << QStringLiteral("/api/v1/supported-chains/realtime-apis/simple")
        << 0;
}

// Every endpoint the documentation lists is in the catalogue with its method and DU cost.
void TestApiEndpointCatalogue::coversEveryDocumentedEndpoint()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(int, cost);
    const ApiEndpoint *endpoint = ApiEndpointCatalogue::find(path);
    QVERIFY2(endpoint, qPrintable(path));
    QCOMPARE(endpoint->method, method);
    QCOMPARE(endpoint->cost, cost);
}

// Each entry has a description, a response shape, unique path; batches have inputs and a
// limit; cursor endpoints take a cursor.
void TestApiEndpointCatalogue::entriesAreComplete()
{
    QSet<QString> paths;
    for (const ApiEndpoint &e : ApiEndpointCatalogue::endpoints()) {
        QVERIFY2(!paths.contains(e.path), qPrintable(e.path));
        paths.insert(e.path);
        QVERIFY2(!e.description.isEmpty() && !e.responseShape.isEmpty(), qPrintable(e.path));
        QCOMPARE(e.isBatch(), !e.itemParameters.isEmpty());
        if (e.costPerInput)
            QVERIFY2(e.isBatch(), qPrintable(e.path));
        if (e.paging == ApiPaging::Cursor)
            QVERIFY2(e.parameter(QStringLiteral("cursor")), qPrintable(e.path));
        if (e.method == QLatin1String("GET"))
            QCOMPARE(e.body, ApiBodyKind::None);
        for (const ApiParameter &p : e.parameters + e.itemParameters) {
            QVERIFY2(!p.description.isEmpty(), qPrintable(e.path + QLatin1Char(' ') + p.name));
            QCOMPARE(p.type == ApiParameterType::Enum, !p.choices.isEmpty());
        }
    }
    QCOMPARE(ApiEndpointCatalogue::paths().size(), ApiEndpointCatalogue::endpoints().size());
}

// Each entry's example body passes its own validation, so the console can start from it.
void TestApiEndpointCatalogue::examplesAreValid()
{
    for (const ApiEndpoint &e : ApiEndpointCatalogue::endpoints()) {
        const auto issues =
            ApiRequestValidator::validateRequest(e, e.method, e.path, e.exampleBody);
        QVERIFY2(issues.isEmpty(),
                 qPrintable(e.path + QLatin1String(": ") + ApiValidationIssue::texts(issues)));
    }
}

void TestApiEndpointCatalogue::findIgnoresQueryAndSlashes()
{
    const ApiEndpoint *e = ApiEndpointCatalogue::find(
        QStringLiteral(" /api/v1/developer/wallet/transactions/?limit=5"));
    QVERIFY(e);
    QCOMPARE(e->path, QStringLiteral("/api/v1/developer/wallet/transactions"));
    QVERIFY(!ApiEndpointCatalogue::find(QStringLiteral("/api/v1/developer/nope")));
}

void TestApiEndpointCatalogue::searchMatchesEveryWord()
{
    const auto hits = ApiEndpointCatalogue::search(QStringLiteral("hyperliquid ORDER"));
    QCOMPARE(hits.size(), 3); // order history, order status, order book
    QCOMPARE(ApiEndpointCatalogue::search(QString()).size(),
             ApiEndpointCatalogue::endpoints().size());
    const auto wallet = ApiEndpointCatalogue::search(QStringLiteral("wallet pnl history"));
    QCOMPARE(wallet.size(), 2);
}

QTEST_GUILESS_MAIN(TestApiEndpointCatalogue)
#include "tst_apiendpointcatalogue.moc"
