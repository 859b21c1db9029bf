// SPDX-License-Identifier: MIT
#include "core/api/apierrortext.h"
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

const QString InflightError =
    QStringLiteral("max inflight requests reached, please wait for requests to finish");

QJsonObject request(const QString &id, const QString &method, const QString &path,
                    const QJsonObject &body = {})
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("method"), method},
            {QStringLiteral("path"), path},
            {QStringLiteral("body"), body}};
}

// A request the responder answers quickly and successfully (some endpoints take many ms).
QJsonObject pricesRequest(const QString &id)
{
    const QJsonArray tokens{
        QJsonObject{{QStringLiteral("token_address"),
                     QStringLiteral("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2")},
                    {QStringLiteral("chain"), QStringLiteral("ethereum")}}};
    return {{QStringLiteral("id"), id},
            {QStringLiteral("method"), QStringLiteral("POST")},
            {QStringLiteral("path"), QStringLiteral("/api/v1/developer/prices")},
            {QStringLiteral("body"), tokens}};
}

QJsonObject parse(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

/// The websocket API as clients see it: request/response shape, errors, latency, in-flight limit.
class TestEmulatorApi : public QObject
{
    Q_OBJECT
private slots:
    void everyEndpointAnswersLikeTheResponder();
    void specExamplesAnswerLikeTheResponder_data();
    void specExamplesAnswerLikeTheResponder();
    void responsesKeepTheDocumentedKeyOrder();
    void badRequestsGetErrorResponses_data();
    void badRequestsGetErrorResponses();
    void latencyCompletesOutOfOrder();
    void inflightLimitRefusesTheRequestOverIt();
    void answeredRequestsLeaveTheInflightCount();
};

// Each endpoint the responder knows is answered over the socket with the responder's own
// status and data, matched by id.
void TestEmulatorApi::everyEndpointAnswersLikeTheResponder()
{
    EmulatorOptions options;
    options.seed = 7;
    const auto server = startEmulator(options);
    const ApiResponder responder(7);
    const auto endpoints = ApiResponder::endpoints();
    QVERIFY(!endpoints.isEmpty());

    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->apiUrl()));
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        client.sendJson(
            request(QStringLiteral("e%1").arg(i), endpoints.at(i).first, endpoints.at(i).second));
    }
    QVERIFY(client.waitForMessages(int(endpoints.size())));
    QCOMPARE(client.messages().size(), endpoints.size());
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        const QJsonObject response = parse(client.messages().at(i));
        QCOMPARE(response.value(QStringLiteral("id")).toString(), QStringLiteral("e%1").arg(i));
        const ApiResponder::Result expected =
            responder.respond(endpoints.at(i).first, endpoints.at(i).second, QJsonObject());
        QCOMPARE(response.value(QStringLiteral("status")).toString(),
                 expected.ok ? QStringLiteral("success") : QStringLiteral("error"));
        QCOMPARE(response.value(QStringLiteral("data")), expected.data);
    }
}

void TestEmulatorApi::specExamplesAnswerLikeTheResponder_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("body");

    QTest::newRow("GET with query parameters in body")
        << QStringLiteral("GET") << QStringLiteral("/api/v1/developer/assets")
        << QJsonValue(QJsonObject{{QStringLiteral("blockchain"), QStringLiteral("ethereum")},
                                  {QStringLiteral("limit"), QStringLiteral("10")}});
    QTest::newRow("GET with a query string")
        << QStringLiteral("GET") << QStringLiteral("/api/v1/developer/assets?limit=2")
        << QJsonValue();
    QTest::newRow("POST with body")
        << QStringLiteral("POST")
        << QStringLiteral("/api/v1/developer/trading/hyperliquid/info/fills")
        << QJsonValue(QJsonObject{{QStringLiteral("type"), QStringLiteral("userFills")},
                                  {QStringLiteral("user"),
                                   QStringLiteral("0xD5994523d6B235862bE1790C06cFBE8547869449")}});
}

// The spec's request examples (GET parameters in the body, POST body) reach the responder as
// sent: the socket answer equals the responder's own.
void TestEmulatorApi::specExamplesAnswerLikeTheResponder()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QJsonValue, body);

    const auto server = startEmulator();
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->apiUrl()));
    QJsonObject request{{QStringLiteral("method"), method},
                        {QStringLiteral("id"), QStringLiteral("example")},
                        {QStringLiteral("path"), path}};
    if (!body.isUndefined())
        request.insert(QStringLiteral("body"), body);
    client.sendJson(request);
    QVERIFY(client.waitForMessages(1));
    const QJsonObject response = parse(client.messages().first());
    const ApiResponder::Result expected =
        ApiResponder(server->options().seed).respond(method, path, body);
    QVERIFY(expected.ok);
    QCOMPARE(response.value(QStringLiteral("status")).toString(), QStringLiteral("success"));
    QCOMPARE(response.value(QStringLiteral("data")), expected.data);
}

// The response text has id, status and data in the documented order, on one frame each.
void TestEmulatorApi::responsesKeepTheDocumentedKeyOrder()
{
    const auto server = startEmulator();
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->apiUrl()));
    client.sendJson(pricesRequest(QStringLiteral("order-1")));
    QVERIFY(client.waitForMessages(1));
    QVERIFY2(
        client.messages().first().startsWith(QLatin1String("{\"id\":\"order-1\",\"status\":\"")),
        qPrintable(client.messages().first().left(80)));
    QVERIFY(client.messages().first().contains(QLatin1String("\",\"data\":")));
}

void TestEmulatorApi::badRequestsGetErrorResponses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QString>("message");

    const QJsonValue null(QJsonValue::Null);
    QTest::newRow("malformed JSON")
        << QStringLiteral("{\"id\":\"a\",") << null << QStringLiteral("malformed JSON");
    QTest::newRow("not an object")
        << QStringLiteral("[1,2]") << null << QStringLiteral("expected a JSON object");
    QTest::newRow("missing id") << QStringLiteral(
                                       "{\"method\":\"GET\",\"path\":\"/api/v1/developer/assets\"}")
                                << null << QStringLiteral("missing \"id\"");
    QTest::newRow("id not a string")
        << QStringLiteral("{\"id\":5,\"method\":\"GET\",\"path\":\"/api/v1/developer/assets\"}")
        << QJsonValue(5) << QStringLiteral("\"id\" must be a string");
    QTest::newRow("missing method")
        << QStringLiteral("{\"id\":\"m\",\"path\":\"/api/v1/developer/assets\"}")
        << QJsonValue(QStringLiteral("m")) << QStringLiteral("missing \"method\"");
    QTest::newRow("unknown method")
        << QStringLiteral("{\"id\":\"m\",\"method\":\"FETCH\",\"path\":\"/api/v1/x\"}")
        << QJsonValue(QStringLiteral("m")) << QStringLiteral("unsupported method \"FETCH\"");
    QTest::newRow("missing path") << QStringLiteral("{\"id\":\"p\",\"method\":\"GET\"}")
                                  << QJsonValue(QStringLiteral("p"))
                                  << QStringLiteral("missing \"path\"");
    QTest::newRow("body not an object")
        << QStringLiteral("{\"id\":\"b\",\"method\":\"POST\",\"path\":\"/api/v1/x\",\"body\":3}")
        << QJsonValue(QStringLiteral("b")) << QStringLiteral("\"body\" must be an object");
    QTest::newRow("unknown path")
        << QStringLiteral("{\"id\":\"u\",\"method\":\"GET\",\"path\":\"/api/v1/nope\"}")
        << QJsonValue(QStringLiteral("u")) << QStringLiteral("/api/v1/nope");
}

// A bad request gets status "error" with a readable message, its id when it has one (else
// null), and the connection stays usable.
void TestEmulatorApi::badRequestsGetErrorResponses()
{
    QFETCH(QString, text);
    QFETCH(QJsonValue, id);
    QFETCH(QString, message);

    const auto server = startEmulator();
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->apiUrl()));
    client.sendText(text);
    QVERIFY(client.waitForMessages(1));
    const QJsonObject response = parse(client.messages().first());
    QCOMPARE(response.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
    QCOMPARE(response.value(QStringLiteral("id")), id);
    const QString data = ApiErrorText::describe(response.value(QStringLiteral("data")));
    QVERIFY2(data.contains(message), qPrintable(data));

    client.sendJson(pricesRequest(QStringLiteral("after")));
    QVERIFY(client.waitForMessages(2));
    QCOMPARE(parse(client.messages().at(1)).value(QStringLiteral("id")).toString(),
             QStringLiteral("after"));
    QVERIFY(client.isConnected());
}

// With latency, 50 requests sent at once all get their own response, in another order.
void TestEmulatorApi::latencyCompletesOutOfOrder()
{
    EmulatorOptions options;
    options.latencyMs = 300;
    const auto server = startEmulator(options);
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->apiUrl()));
    QStringList sent;
    for (int i = 0; i < 50; ++i) {
        sent.append(QStringLiteral("r%1").arg(i));
        client.sendJson(pricesRequest(sent.last()));
    }
    QVERIFY(client.waitForMessages(50));
    QStringList received;
    for (const QString &text : client.messages())
        received.append(parse(text).value(QStringLiteral("id")).toString());
    QVERIFY(received != sent);
    QCOMPARE(QSet<QString>(received.begin(), received.end()),
             QSet<QString>(sent.begin(), sent.end()));
    QCOMPARE(received.size(), 50);
}

// With 1,000 requests unanswered, the 1,001st gets exactly the service's in-flight error.
void TestEmulatorApi::inflightLimitRefusesTheRequestOverIt()
{
    EmulatorOptions options;
    options.faults.stallApi = true;
    const auto server = startEmulator(options);
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->apiUrl()));
    for (int i = 0; i <= 1000; ++i)
        client.sendJson(pricesRequest(QStringLiteral("r%1").arg(i)));
    QVERIFY(client.waitForMessages(1));
    QCOMPARE(client.messages().first(),
             QStringLiteral("{\"id\":\"r1000\",\"status\":\"error\",\"data\":\"%1\"}")
                 .arg(InflightError));

    // Nothing else was answered: the next response is the one to a request without id.
    client.sendText(QStringLiteral("{}"));
    QVERIFY(client.waitForMessages(2));
    QCOMPARE(parse(client.messages().at(1)).value(QStringLiteral("id")), QJsonValue());
    QCOMPARE(client.messages().size(), 2);
}

// Answered requests leave the in-flight count: 1,500 requests answered as they come never hit
// the limit, and every one gets its own success.
void TestEmulatorApi::answeredRequestsLeaveTheInflightCount()
{
    const auto server = startEmulator();
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->apiUrl()));
    for (int i = 0; i < 1500; ++i)
        client.sendJson(pricesRequest(QStringLiteral("r%1").arg(i)));
    QVERIFY(client.waitForMessages(1500, 10000));
    for (int i = 0; i < 1500; ++i) {
        const QJsonObject response = parse(client.messages().at(i));
        QCOMPARE(response.value(QStringLiteral("id")).toString(), QStringLiteral("r%1").arg(i));
        QCOMPARE(response.value(QStringLiteral("status")).toString(), QStringLiteral("success"));
    }
}

QTEST_GUILESS_MAIN(TestEmulatorApi)
#include "tst_emulatorapi.moc"
