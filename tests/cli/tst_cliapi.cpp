// SPDX-License-Identifier: MIT
#include "core/api/apiendpointcatalogue.h"
#include "emulator/emulatorserver.h"
#include "support/clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace allium;

namespace {

const QString secretKey = QStringLiteral("cli-api-test-key-41c7e2");

} // namespace

/// allium-cli api as the explorer uses it (issue 14), running the real binary: the catalogue
/// (--list, --describe), validation before sending, the cost of a request and of the session,
/// and --all-pages.
class TestCliApi : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void listPrintsEveryEndpoint();
    void describePrintsOneEntry();
    void describeUnknownPathIsUsage();
    void invalidRequestIsRefusedNamingTheField();
    void costIsShownWithTheSessionTotal();
    void allPagesFollowsTheCursorToTheEnd();
    void maxPagesStopsEarly();

private:
    CliRun run(const QStringList &arguments) const
    {
        return CliRunner(m_home.path()).run(arguments, secretKey, 30000);
    }
    QString url() const { return m_server->baseUrl().toString(); }

    std::unique_ptr<EmulatorServer> m_server;
    QTemporaryDir m_home;
};

void TestCliApi::initTestCase()
{
    QVERIFY(QFile::exists(CliRunner::executablePath()));
    QVERIFY(m_home.isValid());
    EmulatorOptions options;
    options.keys = QStringList{secretKey};
    m_server = std::make_unique<EmulatorServer>(options);
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
}

// --list prints one line per catalogue entry (method, path, area, cost) without connecting.
void TestCliApi::listPrintsEveryEndpoint()
{
    const CliRun r = run({QStringLiteral("api"), QStringLiteral("--list")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.lines().size(), ApiEndpointCatalogue::endpoints().size());
    const QList<ApiEndpoint> &endpoints = ApiEndpointCatalogue::endpoints();
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        const QByteArray line = r.lines().at(i);
        QVERIFY2(line.startsWith((endpoints.at(i).method + QLatin1Char(' ')).toUtf8()),
                 line.constData());
        QVERIFY2(line.contains(endpoints.at(i).path.toUtf8() + ' '), line.constData());
    }
    QVERIFY(r.out.contains("POST /api/v1/developer/trading/hyperliquid/info/order/history"));
    QVERIFY(r.out.contains("60 DU"));
    QVERIFY(!r.err.contains("connected"));
}

// --describe PATH prints its parameters, response, cost and an example body that validates.
void TestCliApi::describePrintsOneEntry()
{
    const CliRun r = run({QStringLiteral("api"), QStringLiteral("--describe"),
                          QStringLiteral("/api/v1/developer/wallet/transactions")});
    QCOMPARE(r.exitCode, 0);
    for (const char *part :
         {"POST /api/v1/developer/wallet/transactions", "cost: 30 DU per input", "paging: cursor",
          "limit  integer, default 25, 1..100", "activity_type  one of asset_transfer|swap",
          "[].chain  chain, required", "response: {\"items\"", "example: --body '["})
        QVERIFY2(r.out.contains(part), part);
}

void TestCliApi::describeUnknownPathIsUsage()
{
    const CliRun r = run({QStringLiteral("api"), QStringLiteral("--describe"),
                          QStringLiteral("/api/v1/developer/nope")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("not a documented endpoint"));
}

// A request that breaks its endpoint's documentation is not sent: exit 2, each field named;
// --no-validate sends it and prints the emulator's 422.
void TestCliApi::invalidRequestIsRefusedNamingTheField()
{
    const QStringList request{QStringLiteral("api"),
                              QStringLiteral("--path"),
                              QStringLiteral("/api/v1/developer/prices"),
                              QStringLiteral("--body"),
                              QStringLiteral(R"([{"chain":"Ethereum"}])"),
                              QStringLiteral("--url"),
                              url()};
    const CliRun refused = run(request);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains("body[0].token_address: field required"),
             refused.err.constData());
    QVERIFY(refused.err.contains("body[0].chain: chain names are lower case"));
    QVERIFY(refused.out.isEmpty());

    const CliRun sent = run(request + QStringList{QStringLiteral("--no-validate")});
    QCOMPARE(sent.exitCode, 1);
    const QJsonObject line = QJsonDocument::fromJson(sent.lines().value(0)).object();
    const QJsonObject data = line.value(QStringLiteral("data")).toObject();
    QCOMPARE(data.value(QStringLiteral("status_code")).toInt(), 422);
    QCOMPARE(data.value(QStringLiteral("detail")).toArray().size(), 2);
}

// The request's cost is printed before it is sent (batch inputs multiply it), the session's
// total in the summary; the method comes from the catalogue.
void TestCliApi::costIsShownWithTheSessionTotal()
{
    const QString body = QStringLiteral(
        R"([{"token_address":"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48","chain":"ethereum"},)"
        R"({"token_address":"0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2","chain":"ethereum"},)"
        R"({"token_address":"0xdac17f958d2ee523a2206206994597c13d831ec7","chain":"ethereum"}])");
    const CliRun r =
        run({QStringLiteral("api"), QStringLiteral("--path"),
             QStringLiteral("/api/v1/developer/prices"), QStringLiteral("--body"), body,
             QStringLiteral("--repeat"), QStringLiteral("2"), QStringLiteral("--url"), url()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("cost of the request as built: 60 DU (3 inputs \xc3\x97 20)"),
             r.err.constData());
    QVERIFY(r.err.contains("session: 120 DU in 2 requests"));
    QCOMPARE(r.lines().size(), 2);
}

// --all-pages follows the cursor until a page has none: every row once, pages numbered.
void TestCliApi::allPagesFollowsTheCursorToTheEnd()
{
    const CliRun r = run(
        {QStringLiteral("api"), QStringLiteral("--path"),
         QStringLiteral("/api/v1/developer/wallet/transactions?limit=50"), QStringLiteral("--body"),
         QStringLiteral(
             R"([{"chain":"base","address":"0xd8da6bf26964af9d7eed9e03e53415d37aa96045"}])"),
         QStringLiteral("--all-pages"), QStringLiteral("--url"), url()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.lines().size() >= 2);
    QSet<QString> hashes;
    int rows = 0;
    for (int i = 0; i < r.lines().size(); ++i) {
        const QJsonObject line = QJsonDocument::fromJson(r.lines().at(i)).object();
        QCOMPARE(line.value(QStringLiteral("page")).toInt(), i + 1);
        const QJsonObject data = line.value(QStringLiteral("data")).toObject();
        const bool last = i == r.lines().size() - 1;
        QCOMPARE(data.value(QStringLiteral("cursor")).isNull(), last);
        for (const QJsonValue &item : data.value(QStringLiteral("items")).toArray()) {
            hashes.insert(item.toObject().value(QStringLiteral("hash")).toString());
            ++rows;
        }
        if (!last)
            QCOMPARE(data.value(QStringLiteral("items")).toArray().size(), 50);
    }
    QCOMPARE(hashes.size(), rows);
    QVERIFY2(r.err.contains(QStringLiteral("session: %1 DU in %2 requests")
                                .arg(30 * r.lines().size())
                                .arg(r.lines().size())
                                .toUtf8()),
             r.err.constData());
}

void TestCliApi::maxPagesStopsEarly()
{
    const CliRun r =
        run({QStringLiteral("api"), QStringLiteral("--path"),
             QStringLiteral("/api/v1/developer/assets"), QStringLiteral("--body"),
             QStringLiteral(R"({"limit":5})"), QStringLiteral("--all-pages"),
             QStringLiteral("--max-pages"), QStringLiteral("3"), QStringLiteral("--url"), url()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.lines().size(), 3);
    QVERIFY(r.err.contains("stopped after 3 pages (--max-pages); more remain"));
}

QTEST_GUILESS_MAIN(TestCliApi)
#include "tst_cliapi.moc"
