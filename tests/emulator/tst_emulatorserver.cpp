// SPDX-License-Identifier: MIT
#include "core/filter/filter.h"
#include "emulator/cadenceclock.h"
#include "emulator/embeddedemulator.h"
#include "emulator/emulatorserver.h"
#include "support/emulatortesting.h"
#include "support/rawhttp.h"
#include "support/testwebsocketclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace allium;

namespace {

const QString StreamPath = QStringLiteral("/api/v1/developer/ws/stream");

EmulatorOptions fastOptions(double rate = 500)
{
    EmulatorOptions options;
    options.rate = rate;
    return options;
}

QJsonObject action(const QString &name)
{
    return {{QStringLiteral("action"), name}};
}

QJsonObject setFilter(const QJsonValue &filter)
{
    return {{QStringLiteral("action"), QStringLiteral("setFilter")},
            {QStringLiteral("data"), filter}};
}

QJsonObject condition(const QString &field, const QString &op, const QJsonValue &value)
{
    return {{QStringLiteral("field"), field},
            {QStringLiteral("operator"), op},
            {QStringLiteral("value"), value}};
}

QString detailOf(const RawHttpResponse &response)
{
    return QJsonDocument::fromJson(response.body)
        .object()
        .value(QStringLiteral("detail"))
        .toString();
}

int dataFramesIn(const QStringList &frames)
{
    int count = 0;
    for (const QString &frame : frames)
        count += TestWebSocketClient::isErrorFrame(frame) ? 0 : 1;
    return count;
}

} // namespace

/// The websocket server as clients see it: handshake, routing, stream control, filters, TLS.
class TestEmulatorServer : public QObject
{
    Q_OBJECT
private slots:
    void refusesAtTheHandshake_data();
    void refusesAtTheHandshake();
    void acceptsTheKeyHeaderInAnyCase();
    void webSocketClientIsRefusedWithoutAGoodKey_data();
    void webSocketClientIsRefusedWithoutAGoodKey();
    void webSocketClientConnectsWithAnyConfiguredKey();
    void urlsPointAtTheServer();
    void listensOnLoopbackOnly();

    void sendsNothingBeforeStart();
    void stopPausesAndStartResumes();
    void streamsAtRealCadenceShareTheirWakeUps();
    void setFilterAppliesToLaterMessages_data();
    void setFilterAppliesToLaterMessages();
    void emptyFilterClearsTheFilter_data();
    void emptyFilterClearsTheFilter();
    void badControlMessagesGetErrorFrames_data();
    void badControlMessagesGetErrorFrames();
    void oversizedControlMessageGetsAnErrorFrame();
    void invalidFilterNamesThePathAndKeepsTheConnection();
    void firehoseSendsExactlyN();
    void firehoseAppliesTheFilter();
    void highRateReachesOneClient();

    void tracksConnections();
    void dropAllConnectionsAbortsWithoutCloseFrame();
    void closeSendsGoingAway();
    void tlsServesWss();
};

void TestEmulatorServer::refusesAtTheHandshake_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QList<QByteArray>>("headers");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");

    const QByteArray goodKey = "X-API-KEY: " + EmulatorDemoKey.toUtf8();
    QTest::newRow("api, no key") << QByteArray("/api/v1/developer/ws/api") << QList<QByteArray>{}
                                 << 401 << QStringLiteral("Invalid API key");
    QTest::newRow("api, wrong key")
        << QByteArray("/api/v1/developer/ws/api") << QList<QByteArray>{"X-API-KEY: nope"} << 401
        << QStringLiteral("Invalid API key");
    QTest::newRow("api, empty key")
        << QByteArray("/api/v1/developer/ws/api") << QList<QByteArray>{"X-API-KEY: "} << 401
        << QStringLiteral("Invalid API key");
    QTest::newRow("stream, no key")
        << QByteArray("/api/v1/developer/ws/stream?topic=ethereum.blocks") << QList<QByteArray>{}
        << 401 << QStringLiteral("Invalid API key");
    QTest::newRow("unknown path") << QByteArray("/api/v1/developer/ws/nope")
                                  << QList<QByteArray>{goodKey} << 404
                                  << QStringLiteral("Not Found");
    QTest::newRow("unknown path, no key")
        << QByteArray("/") << QList<QByteArray>{} << 404 << QStringLiteral("Not Found");
    QTest::newRow("unknown topic")
        << QByteArray("/api/v1/developer/ws/stream?topic=mars.blocks") << QList<QByteArray>{goodKey}
        << 404 << QStringLiteral("Topic not found: mars.blocks");
    QTest::newRow("missing topic")
        << QByteArray("/api/v1/developer/ws/stream") << QList<QByteArray>{goodKey} << 404
        << QStringLiteral("Missing topic: use ?topic=<chain>.<kind>, "
                          "e.g. ?topic=ethereum.blocks");
    QTest::newRow("empty topic") << QByteArray("/api/v1/developer/ws/stream?topic=")
                                 << QList<QByteArray>{goodKey} << 404
                                 << QStringLiteral("Missing topic: use ?topic=<chain>.<kind>, "
                                                   "e.g. ?topic=ethereum.blocks");
}

// A missing or wrong key is refused with 401 and the service's JSON body, an unknown path or
// topic with 404 naming it, all before any websocket exists.
void TestEmulatorServer::refusesAtTheHandshake()
{
    QFETCH(QByteArray, target);
    QFETCH(QList<QByteArray>, headers);
    QFETCH(int, status);
    QFETCH(QString, detail);

    const auto server = startEmulator();
    const RawHttpResponse response =
        rawHttpExchange(server->port(), upgradeRequest(target, headers));
    QCOMPARE(response.status, status);
    QCOMPARE(detailOf(response), detail);
    QVERIFY(response.headers.contains({"content-type", "application/json"}));
    QCOMPARE(server->connectionCount(), 0);
}

// The header name is matched case-insensitively, as HTTP requires.
void TestEmulatorServer::acceptsTheKeyHeaderInAnyCase()
{
    const auto server = startEmulator();
    const RawHttpResponse response =
        rawHttpExchange(server->port(), upgradeRequest("/api/v1/developer/ws/api",
                                                       {"x-api-key: " + EmulatorDemoKey.toUtf8()}));
    QCOMPARE(response.status, 101);
}

void TestEmulatorServer::webSocketClientIsRefusedWithoutAGoodKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("no key") << QString();
    QTest::newRow("wrong key") << QStringLiteral("not-the-key");
}

// A websocket client with no or a wrong key never gets a connection, and sees the 401.
void TestEmulatorServer::webSocketClientIsRefusedWithoutAGoodKey()
{
    QFETCH(QString, key);
    const auto server = startEmulator();
    TestWebSocketClient client;
    client.open(server->apiUrl(), key);
    QVERIFY(client.waitDisconnected());
    QVERIFY(!client.wasConnected());
    QVERIFY(!client.errors().isEmpty());
    QVERIFY2(client.lastErrorString().contains(QLatin1String("401")),
             qPrintable(client.lastErrorString()));
    QCOMPARE(server->connectionCount(), 0);
}

// Every key given in the options opens a connection; the demo key is not accepted then.
void TestEmulatorServer::webSocketClientConnectsWithAnyConfiguredKey()
{
    EmulatorOptions options;
    options.keys = QStringList{QStringLiteral("first"), QStringLiteral("second")};
    const auto server = startEmulator(options);
    TestWebSocketClient first, second, demo;
    first.open(server->apiUrl(), QStringLiteral("first"));
    second.open(server->streamUrl(QStringLiteral("ethereum.blocks")), QStringLiteral("second"));
    demo.open(server->apiUrl(), EmulatorDemoKey);
    QVERIFY(first.waitConnected());
    QVERIFY(second.waitConnected());
    QVERIFY(!demo.waitConnected());
    QTRY_COMPARE(server->connectionCount(), 2);
}

// The URLs the server reports are the loopback address, its port and the exact service paths.
void TestEmulatorServer::urlsPointAtTheServer()
{
    const auto server = startEmulator();
    QVERIFY(server->isListening());
    QVERIFY(server->port() != 0);
    const QString base = QStringLiteral("ws://127.0.0.1:%1").arg(server->port());
    QCOMPARE(server->baseUrl().toString(), base);
    QCOMPARE(server->apiUrl().toString(), base + QStringLiteral("/api/v1/developer/ws/api"));
    QCOMPARE(server->streamUrl(QStringLiteral("ethereum.blocks")).toString(),
             base + StreamPath + QStringLiteral("?topic=ethereum.blocks"));
    QVERIFY(EmulatorServer::topics().contains(QStringLiteral("ethereum.blocks")));
}

// Listening anywhere but loopback is refused with a reason.
void TestEmulatorServer::listensOnLoopbackOnly()
{
    EmulatorOptions options;
    options.address = QHostAddress::Any;
    EmulatorServer server(options);
    QVERIFY(!server.listen());
    QVERIFY(server.errorString().contains(QLatin1String("loopback")));
    QVERIFY(!server.isListening());
}

// Nothing at all arrives before the client's start: the first frame is the answer to a
// control message sent after opening, even at a high rate.
void TestEmulatorServer::sendsNothingBeforeStart()
{
    const auto server = startEmulator(fastOptions(2000));
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks"))));
    for (int i = 0; i < 5; ++i)
        QVERIFY(!client.sendAndWaitForError(QStringLiteral("{\"action\":\"wait\"}")).isEmpty());
    QCOMPARE(dataFramesIn(client.messages()), 0);
    QCOMPARE(client.messages().size(), 5);

    client.sendJson(action(QStringLiteral("start")));
    QVERIFY(client.waitForMessages(5 + 3));
    const QList<QJsonObject> blocks = client.jsonMessages();
    QVERIFY(blocks.size() >= 3);
    QVERIFY(blocks.first().contains(QStringLiteral("number")));
}

// stop pauses delivery without closing (nothing after the server has seen it), start resumes.
void TestEmulatorServer::stopPausesAndStartResumes()
{
    const auto server = startEmulator(fastOptions(1000));
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks"))));
    client.sendJson(action(QStringLiteral("start")));
    QVERIFY(client.waitForMessages(3));

    client.sendJson(action(QStringLiteral("stop")));
    // The error answer to the next message proves the server has processed the stop.
    QVERIFY(!client.sendAndWaitForError(QStringLiteral("{}")).isEmpty());
    const qsizetype afterStop = client.messages().size();
    for (int i = 0; i < 3; ++i)
        QVERIFY(!client.sendAndWaitForError(QStringLiteral("{}")).isEmpty());
    QCOMPARE(dataFramesIn(client.messages().mid(afterStop)), 0);
    QVERIFY(client.isConnected());

    const qsizetype blocksBeforeStop = client.jsonMessages().size();
    client.sendJson(action(QStringLiteral("start")));
    QVERIFY(client.waitForMessages(int(client.messages().size()) + 3));
    QVERIFY(dataFramesIn(client.messages().mid(afterStop)) >= 3);

    // Blocks rise by one on each side of the pause; the restart joins the chain's live head, so
    // what passed during the pause is skipped, never sent again.
    const QList<QJsonObject> blocks = client.jsonMessages();
    for (qsizetype i = 1; i < blocks.size(); ++i) {
        const qint64 number = blocks.at(i).value(QStringLiteral("number")).toInteger();
        const qint64 previous = blocks.at(i - 1).value(QStringLiteral("number")).toInteger();
        if (i == blocksBeforeStop)
            QVERIFY(number > previous);
        else
            QCOMPARE(number, previous + 1);
    }
}

// Fast topics at their real cadence (Solana ~325 msg/s, Hyperliquid fills ~133 msg/s) come at
// their rate, several messages to a wake-up of the emulator's thread, and both streams wake it
// together: at most once a CadenceClock tick between them, not each on a timer of its own.
void TestEmulatorServer::streamsAtRealCadenceShareTheirWakeUps()
{
    const auto server = startEmulator();
    TestWebSocketClient solana;
    TestWebSocketClient fills;
    QVERIFY(solana.connectTo(server->streamUrl(QStringLiteral("solana.transactions"))));
    QVERIFY(fills.connectTo(server->streamUrl(QStringLiteral("hyperliquid.fills"))));
    QElapsedTimer clock;
    clock.start();
    const qint64 wakeUpsBefore = server->cadenceWakeUps();
    solana.sendJson(action(QStringLiteral("start")));
    fills.sendJson(action(QStringLiteral("start")));
    QVERIFY(solana.waitForMessages(300, 10000));
    QVERIFY(fills.waitForMessages(100, 10000));
    const qint64 elapsedMs = clock.elapsed();
    const qint64 wakeUps = server->cadenceWakeUps() - wakeUpsBefore;
    const qint64 messages = solana.messages().size() + fills.messages().size();
    qInfo("%lld messages in %lld ms, %lld wake-ups", static_cast<long long>(messages),
          static_cast<long long>(elapsedMs), static_cast<long long>(wakeUps));
    QVERIFY(wakeUps > 0);
    QVERIFY2(wakeUps <= elapsedMs / CadenceClock::TickMs + 2,
             qPrintable(QStringLiteral("%1 wake-ups in %2 ms").arg(wakeUps).arg(elapsedMs)));
    QVERIFY(messages >= 4 * wakeUps);
}

void TestEmulatorServer::setFilterAppliesToLaterMessages_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QJsonObject>("filter");

    QTest::newRow("more than 1 ETH") << QStringLiteral("ethereum.transactions")
                                     << condition(QStringLiteral("value"), QStringLiteral(">"),
                                                  QStringLiteral("1000000000000000000"));
    QTest::newRow("zero value") << QStringLiteral("ethereum.transactions")
                                << condition(QStringLiteral("value"), QStringLiteral("="),
                                             QStringLiteral("0"));
    QTest::newRow("AND group")
        << QStringLiteral("base.transactions")
        << QJsonObject{
               {QStringLiteral("op"), QStringLiteral("AND")},
               {QStringLiteral("conditions"),
                QJsonArray{condition(QStringLiteral("to_address"), QStringLiteral("exists"), true),
                           condition(QStringLiteral("value"), QStringLiteral("!="),
                                     QStringLiteral("0"))}}};
    // Nested paths: the emulator builds only the filtered members, so these cover descending.
    QTest::newRow("nested coin") << QStringLiteral("hyperliquid.trades")
                                 << condition(QStringLiteral("payload.coin"), QStringLiteral("="),
                                              QStringLiteral("ETH"));
    QTest::newRow("nested OR group")
        << QStringLiteral("hyperliquid.fills")
        << QJsonObject{{QStringLiteral("op"), QStringLiteral("OR")},
                       {QStringLiteral("conditions"),
                        QJsonArray{condition(QStringLiteral("payload.side"), QStringLiteral("="),
                                             QStringLiteral("B")),
                                   condition(QStringLiteral("payload.crossed"), QStringLiteral("="),
                                             true)}}};
    QTest::newRow("array element")
        << QStringLiteral("solana.transactions")
        << condition(QStringLiteral("account_keys.4"), QStringLiteral("exists"), true);
    QTest::newRow("boolean") << QStringLiteral("solana.transactions")
                             << condition(QStringLiteral("is_voting"), QStringLiteral("="), false);
}

// After setFilter, every message delivered satisfies the filter (checked with the same Filter).
void TestEmulatorServer::setFilterAppliesToLaterMessages()
{
    QFETCH(QString, topic);
    QFETCH(QJsonObject, filter);

    const auto server = startEmulator(fastOptions(3000));
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(topic)));
    client.sendJson(setFilter(filter));
    client.sendJson(action(QStringLiteral("start")));
    QVERIFY(client.waitForMessages(10, 10000));

    const Filter expected = Filter::parse(QJsonValue(filter)).filter;
    QVERIFY(!expected.isEmpty());
    const QList<QJsonObject> messages = client.jsonMessages(false);
    QCOMPARE(messages.size(), client.messages().size()); // no error frames, all JSON
    for (const QJsonObject &message : messages)
        QVERIFY2(expected.matches(message), QJsonDocument(message).toJson().constData());
}

void TestEmulatorServer::emptyFilterClearsTheFilter_data()
{
    QTest::addColumn<QJsonValue>("clear");
    QTest::newRow("empty object") << QJsonValue(QJsonObject());
    QTest::newRow("null") << QJsonValue(QJsonValue::Null);
}

// setFilter with {} or null removes the filter: messages it rejected arrive again.
void TestEmulatorServer::emptyFilterClearsTheFilter()
{
    QFETCH(QJsonValue, clear);
    const auto server = startEmulator(fastOptions(3000));
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks"))));
    // No block has a negative number: the filter rejects everything.
    client.sendJson(setFilter(condition(QStringLiteral("number"), QStringLiteral("<"), 0)));
    client.sendJson(action(QStringLiteral("start")));
    for (int i = 0; i < 3; ++i)
        QVERIFY(!client.sendAndWaitForError(QStringLiteral("[]")).isEmpty());
    QCOMPARE(dataFramesIn(client.messages()), 0);

    client.sendJson(setFilter(clear));
    QTRY_VERIFY(dataFramesIn(client.messages()) >= 5);
}

void TestEmulatorServer::badControlMessagesGetErrorFrames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    QTest::newRow("malformed JSON")
        << QStringLiteral("{\"action\": ") << QStringLiteral("malformed JSON");
    QTest::newRow("not JSON") << QStringLiteral("start") << QStringLiteral("malformed JSON");
    QTest::newRow("array") << QStringLiteral("[\"start\"]")
                           << QStringLiteral("expected a JSON object");
    QTest::newRow("no action") << QStringLiteral("{\"data\":{}}")
                               << QStringLiteral("missing \"action\"");
    QTest::newRow("action not a string")
        << QStringLiteral("{\"action\":1}") << QStringLiteral("missing \"action\"");
    QTest::newRow("unknown action") << QStringLiteral("{\"action\":\"subscribe\"}")
                                    << QStringLiteral("unknown action \"subscribe\"");
    QTest::newRow("action in wrong case")
        << QStringLiteral("{\"action\":\"START\"}") << QStringLiteral("unknown action \"START\"");
    QTest::newRow("setFilter without data") << QStringLiteral("{\"action\":\"setFilter\"}")
                                            << QStringLiteral("setFilter needs \"data\"");
    QTest::newRow("filter not an object")
        << QStringLiteral("{\"action\":\"setFilter\",\"data\":[1]}")
        << QStringLiteral("invalid filter: ");
}

// Every refused control message is answered with {"status":"error","data":reason} and the
// connection stays open and usable.
void TestEmulatorServer::badControlMessagesGetErrorFrames()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);

    const auto server = startEmulator(fastOptions(1000));
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks"))));
    const QString error = client.sendAndWaitForError(text);
    QVERIFY2(error.startsWith(reason), qPrintable(error));
    QCOMPARE(client.messages().size(), 1);
    const QJsonObject frame = QJsonDocument::fromJson(client.messages().first().toUtf8()).object();
    QCOMPARE(frame.keys(), (QStringList{QStringLiteral("data"), QStringLiteral("status")}));

    client.sendJson(action(QStringLiteral("start")));
    QVERIFY(client.waitForMessages(3));
    QVERIFY(client.isConnected());
}

// A control frame above 1 MiB is refused with an error frame, not by closing the connection.
void TestEmulatorServer::oversizedControlMessageGetsAnErrorFrame()
{
    const auto server = startEmulator();
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks"))));
    const QString huge = QStringLiteral("{\"action\":\"start\",\"pad\":\"%1\"}")
                             .arg(QString(1024 * 1024, QLatin1Char('x')));
    const QString error = client.sendAndWaitForError(huge);
    QVERIFY2(error.startsWith(QLatin1String("message too large")), qPrintable(error));
    QVERIFY(client.isConnected());
    QCOMPARE(dataFramesIn(client.messages()), 0);
}

// An invalid filter is refused with its error path; the previous filter and connection remain.
void TestEmulatorServer::invalidFilterNamesThePathAndKeepsTheConnection()
{
    const auto server = startEmulator(fastOptions(2000));
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.transactions"))));
    const QJsonObject good =
        condition(QStringLiteral("value"), QStringLiteral("="), QStringLiteral("0"));
    client.sendJson(setFilter(good));
    const QJsonObject bad{
        {QStringLiteral("op"), QStringLiteral("AND")},
        {QStringLiteral("conditions"),
         QJsonArray{condition(QStringLiteral("value"), QStringLiteral("="), QStringLiteral("0")),
                    condition(QStringLiteral("gas"), QStringLiteral("=="), 21000)}}};
    const QString error = client.sendAndWaitForError(
        QString::fromUtf8(QJsonDocument(setFilter(bad)).toJson(QJsonDocument::Compact)));
    QCOMPARE(error, QStringLiteral("invalid filter: conditions[1].operator: unknown operator "
                                   "\"==\""));

    client.sendJson(action(QStringLiteral("start")));
    QVERIFY(client.waitForMessages(1 + 10, 10000));
    const Filter expected = Filter::parse(QJsonValue(good)).filter;
    const QList<QJsonObject> messages = client.jsonMessages();
    QVERIFY(messages.size() >= 10);
    for (const QJsonObject &message : messages)
        QVERIFY(expected.matches(message));
}

// With firehoseCount N, a started stream delivers exactly N messages, then nothing more.
void TestEmulatorServer::firehoseSendsExactlyN()
{
    EmulatorOptions options;
    options.firehoseCount = 10000;
    const auto server = startEmulator(options);
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.transactions"))));
    client.sendJson(action(QStringLiteral("start")));
    QVERIFY(client.waitForMessages(10000, 15000));
    QVERIFY(!client.sendAndWaitForError(QStringLiteral("{}")).isEmpty());
    QCOMPARE(dataFramesIn(client.messages()), 10000);
    const QList<QJsonObject> messages = client.jsonMessages();
    QCOMPARE(messages.size(), 10000);
    QVERIFY(messages.first().contains(QStringLiteral("hash")));
}

// The firehose counts only messages that pass the filter.
void TestEmulatorServer::firehoseAppliesTheFilter()
{
    EmulatorOptions options;
    options.firehoseCount = 3000;
    const auto server = startEmulator(options);
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.transactions"))));
    const QJsonObject filter =
        condition(QStringLiteral("value"), QStringLiteral("="), QStringLiteral("0"));
    client.sendJson(setFilter(filter));
    client.sendJson(action(QStringLiteral("start")));
    QVERIFY(client.waitForMessages(3000, 10000));
    QVERIFY(!client.sendAndWaitForError(QStringLiteral("{}")).isEmpty());
    const Filter expected = Filter::parse(QJsonValue(filter)).filter;
    const QList<QJsonObject> messages = client.jsonMessages();
    QCOMPARE(messages.size(), 3000);
    for (const QJsonObject &message : messages)
        QVERIFY(expected.matches(message));
}

// connectionOpened/connectionClosed report each websocket with its path; the count follows.
// At --rate 20000 the stream reaches one local client with valid messages (the emulator on its
// own thread, as the GUI embeds it). The rate achieved is printed, not asserted: the machine
// running the tests may be busy.
void TestEmulatorServer::highRateReachesOneClient()
{
    EmbeddedEmulator emulator(fastOptions(20000));
    QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
    QUrl url = emulator.baseUrl();
    url.setPath(StreamPath);
    url.setQuery(QStringLiteral("topic=ethereum.transactions"));
    TestWebSocketClient client;
    QVERIFY(client.connectTo(url));
    client.sendJson(action(QStringLiteral("start")));
    QElapsedTimer clock;
    clock.start();
    // Two seconds' worth at the full rate, or whatever arrived by then.
    client.waitForMessages(40000, 2000);
    const qint64 elapsedMs = std::max<qint64>(1, clock.elapsed());
    const qsizetype received = client.messages().size();
    qInfo("--rate 20000: %lld messages in %lld ms (%.0f/s)", static_cast<long long>(received),
          static_cast<long long>(elapsedMs), double(received) * 1000.0 / double(elapsedMs));
    QVERIFY(received > 0);
    const QList<QJsonObject> messages = client.jsonMessages(false);
    QCOMPARE(messages.size(), received);
    for (const QJsonObject &message : messages) {
        QVERIFY(message.value(QStringLiteral("hash")).toString().size() == 66);
        QVERIFY(message.value(QStringLiteral("block_number")).isDouble());
    }
    emulator.stop();
}

void TestEmulatorServer::tracksConnections()
{
    const auto server = startEmulator();
    QSignalSpy opened(server.get(), &EmulatorServer::connectionOpened);
    QSignalSpy closed(server.get(), &EmulatorServer::connectionClosed);
    {
        TestWebSocketClient api, stream;
        api.open(server->apiUrl(), EmulatorDemoKey);
        stream.open(server->streamUrl(QStringLiteral("base.blocks")), EmulatorDemoKey);
        QVERIFY(api.waitConnected());
        QVERIFY(stream.waitConnected());
        QTRY_COMPARE(server->connectionCount(), 2);
        QCOMPARE(opened.size(), 2);
        QStringList paths{opened.at(0).at(0).toString(), opened.at(1).at(0).toString()};
        paths.sort();
        QCOMPARE(paths, (QStringList{QStringLiteral("/api/v1/developer/ws/api"),
                                     StreamPath + QStringLiteral("?topic=base.blocks")}));
        api.socket()->close();
        QTRY_COMPARE(server->connectionCount(), 1);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("/api/v1/developer/ws/api"));
    }
    QTRY_COMPARE(server->connectionCount(), 0);
    QCOMPARE(closed.size(), 2);
}

// dropAllConnections ends every connection at the TCP level: clients get no close frame.
void TestEmulatorServer::dropAllConnectionsAbortsWithoutCloseFrame()
{
    const auto server = startEmulator(fastOptions(200));
    TestWebSocketClient api, stream;
    api.open(server->apiUrl(), EmulatorDemoKey);
    stream.open(server->streamUrl(QStringLiteral("ethereum.blocks")), EmulatorDemoKey);
    QVERIFY(api.waitConnected());
    QVERIFY(stream.waitConnected());
    QTRY_COMPARE(server->connectionCount(), 2);
    server->dropAllConnections();
    QVERIFY(api.waitDisconnected());
    QVERIFY(stream.waitDisconnected());
    // Qt reports no close code without a close frame; a lost connection shows as this error.
    QVERIFY(api.errors().contains(QAbstractSocket::RemoteHostClosedError));
    QVERIFY(stream.errors().contains(QAbstractSocket::RemoteHostClosedError));
    QTRY_COMPARE(server->connectionCount(), 0);
    QVERIFY(server->isListening());

    TestWebSocketClient again;
    QVERIFY(again.connectTo(server->apiUrl()));
}

// close() stops listening and closes open connections with 1001 (going away).
void TestEmulatorServer::closeSendsGoingAway()
{
    const auto server = startEmulator();
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks"))));
    const quint16 port = server->port();
    server->close();
    QVERIFY(!server->isListening());
    QVERIFY(client.waitDisconnected());
    QCOMPARE(client.closeCode(), int(QWebSocketProtocol::CloseCodeGoingAway));
    QVERIFY(client.errors().isEmpty());
    QCOMPARE(rawHttpExchange(port, upgradeRequest("/")).status, 0);
}

// With tls, the server speaks wss:// with its generated certificate, which a client that
// trusts it accepts; a client that does not is refused by TLS.
void TestEmulatorServer::tlsServesWss()
{
    EmulatorOptions options = fastOptions(500);
    options.tls = true;
    const auto server = startEmulator(options);
    QVERIFY(server->isListening());
    QCOMPARE(server->baseUrl().scheme(), QStringLiteral("wss"));
    const QSslCertificate certificate = server->certificate();
    QVERIFY(!certificate.isNull());
    QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName),
             QStringList{QStringLiteral("127.0.0.1")});

    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks")), EmulatorDemoKey,
                             certificate));
    client.sendJson(action(QStringLiteral("start")));
    QVERIFY(client.waitForMessages(3));
    QVERIFY(client.jsonMessages().first().contains(QStringLiteral("hash")));

    TestWebSocketClient untrusting;
    untrusting.open(server->apiUrl(), EmulatorDemoKey);
    QVERIFY(!untrusting.waitConnected());

    TestWebSocketClient keyless;
    keyless.open(server->apiUrl(), QString(), certificate);
    QVERIFY(!keyless.waitConnected());
    QVERIFY(keyless.lastErrorString().contains(QLatin1String("401")));
}

QTEST_GUILESS_MAIN(TestEmulatorServer)
#include "tst_emulatorserver.moc"
