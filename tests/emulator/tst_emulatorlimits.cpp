// SPDX-License-Identifier: MIT
#include "emulator/emulatorserver.h"
#include "support/apiflood.h"
#include "support/emulatortesting.h"
#include "support/rawhttp.h"
#include "support/rawwebsocketclient.h"
#include "support/testwebsocketclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace allium;

namespace {

constexpr qint64 WriteQueueLimit = 1024 * 1024;
const QString InFlightRefusal =
    QStringLiteral("max inflight requests reached, please wait for requests to finish");

std::unique_ptr<EmulatorServer> startLimited(const EmulatorLimits &limits, double rate = 0,
                                             bool stallApi = false)
{
    EmulatorOptions options;
    options.limits = limits;
    options.rate = rate;
    options.faults.stallApi = stallApi;
    return startEmulator(options);
}

EmulatorLimits smallQueue()
{
    EmulatorLimits limits;
    limits.maxWriteQueueBytes = WriteQueueLimit;
    return limits;
}

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

} // namespace

/// The bounds on what a client can make the emulator hold: write backlog, connections, idle time.
class TestEmulatorLimits : public QObject
{
    Q_OBJECT
private slots:
    void apiClientThatNeverReadsIsRefusedThenClosed();
    void apiClientThatReadsGetsEveryLargeResponse();
    void streamErrorFloodWithoutReadingIsClosed();
    void pingFloodWithoutReadingIsClosed();
    void slowStreamReaderLosesMessagesButStays();
    void tlsFirehoseIsPacedByTheEncryptedBacklog();
    void connectionsBeyondTheCapGet503();
    void idleConnectionIsClosed();
    void busyConnectionIsNotIdle();
};

// A client that pipelines requests and never reads: responses count as in flight until written
// to the network, so it reaches 1,000 and gets the exact refusal; what waits for it never passes
// the limit, and when the limit would be passed it is closed with 1008 and the reason.
void TestEmulatorLimits::apiClientThatNeverReadsIsRefusedThenClosed()
{
    const auto server = startLimited(smallQueue());
    RawWebSocketClient client;
    QVERIFY(client.connectTo(server->port(), "/api/v1/developer/ws/api"));
    ApiFlood flood(client, *server);
    QVERIFY(flood.untilRefused());
    QVERIFY(server->apiRefusedCount() > 0);
    QCOMPARE(server->backlogClosedCount(), 0);
    QVERIFY(flood.untilBacklogClosed());
    QCOMPARE(server->backlogClosedCount(), 1);
    QVERIFY2(server->peakWriteQueueBytes() <= WriteQueueLimit,
             qPrintable(QString::number(server->peakWriteQueueBytes())));
    QVERIFY(server->peakWriteQueueBytes() > WriteQueueLimit / 2);

    // Reading now, the client finds its responses, the refusals and the close frame.
    client.startReading();
    QVERIFY(client.waitDisconnected(30000));
    QCOMPARE(client.closeCode(), 1008);
    QVERIFY2(
        client.closeReason().startsWith(QLatin1String("client is not reading its responses: ")) &&
            client.closeReason().endsWith(QLatin1String(" bytes unsent")),
        qPrintable(client.closeReason()));
    int successes = 0;
    int refusals = 0;
    int firstRefused = -1;
    for (const QByteArray &text : client.texts()) {
        const QJsonObject frame = json(text);
        if (frame.value(QStringLiteral("status")) == QStringLiteral("success")) {
            ++successes;
            continue;
        }
        QCOMPARE(frame.value(QStringLiteral("data")).toString(), InFlightRefusal);
        if (refusals++ == 0)
            firstRefused =
                frame.value(QStringLiteral("id")).toString().mid(1).section(u'-', 0, 0).toInt();
    }
    QVERIFY(successes > 0);
    QCOMPARE(refusals, server->apiRefusedCount() - 1); // the last one would have passed the limit
    // Nothing is refused before 1,000 requests are accepted.
    QVERIFY2(firstRefused >= 1000, qPrintable(QString::number(firstRefused)));
}

// A client that reads, pipelining far more than the limit in large responses, gets them all: the
// server holds responses back while the client catches up instead of closing it.
void TestEmulatorLimits::apiClientThatReadsGetsEveryLargeResponse()
{
    const auto server = startLimited(smallQueue());
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->apiUrl()));
    constexpr int Requests = 100; // about 3.4 MB of responses, over three times the limit
    for (int i = 0; i < Requests; ++i)
        client.sendText(QString::fromLatin1(ApiFlood::assetsRequest(i)));
    QVERIFY(client.waitForMessages(Requests, 30000));
    for (const QJsonObject &response : client.jsonMessages())
        QCOMPARE(response.value(QStringLiteral("status")).toString(), QStringLiteral("success"));
    QCOMPARE(client.jsonMessages().size(), Requests);
    QVERIFY(client.isConnected());
    QCOMPARE(server->backlogClosedCount(), 0);
    QVERIFY(server->peakWriteQueueBytes() <= WriteQueueLimit);
    QTRY_COMPARE(server->apiInFlight(), 0);
}

// Error frames are never dropped, so a stream client flooding bad control frames while not
// reading is closed with 1008 before what waits for it passes the limit, and its memory goes.
void TestEmulatorLimits::streamErrorFloodWithoutReadingIsClosed()
{
    const auto server = startLimited(smallQueue());
    RawWebSocketClient client;
    QVERIFY(client.connectTo(server->port(), "/api/v1/developer/ws/stream?topic=ethereum.blocks"));
    const QByteArray bad = "{\"action\":\"" + QByteArray(100, 'x') + "\"}";
    for (int i = 0; i < 100000; ++i)
        client.sendText(bad);
    QTRY_COMPARE_WITH_TIMEOUT(server->backlogClosedCount(), 1, 60000);
    QVERIFY2(server->peakWriteQueueBytes() <= WriteQueueLimit,
             qPrintable(QString::number(server->peakWriteQueueBytes())));
    // What it leaves unread makes the close a reset: the connection and its memory go.
    client.startReading();
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 30000);
}

// Pongs are queued by the websocket layer itself; a ping flood that never reads them is closed.
void TestEmulatorLimits::pingFloodWithoutReadingIsClosed()
{
    const auto server = startLimited(smallQueue());
    RawWebSocketClient client;
    QVERIFY(client.connectTo(server->port(), "/api/v1/developer/ws/api"));
    const QByteArray payload(125, 'p');
    for (int i = 0; i < 200000; ++i)
        client.sendPing(payload);
    QTRY_COMPARE_WITH_TIMEOUT(server->backlogClosedCount(), 1, 60000);
    client.startReading();
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 30000);
}

// A stream reader that falls behind loses messages (best effort) and keeps its connection: the
// backlog stops at half the limit, and an error frame still reaches it.
void TestEmulatorLimits::slowStreamReaderLosesMessagesButStays()
{
    const auto server = startLimited(smallQueue(), 50000);
    RawWebSocketClient client;
    QVERIFY(client.connectTo(server->port(),
                             "/api/v1/developer/ws/stream?topic=ethereum.transactions"));
    client.sendText("{\"action\":\"start\"}");
    QTRY_VERIFY_WITH_TIMEOUT(server->peakWriteQueueBytes() >= WriteQueueLimit / 2, 30000);
    client.sendText("{\"action\":\"nope\"}");
    client.startReading();
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(client.texts().cbegin(), client.texts().cend(),
                                         [](const QByteArray &text) {
                                             return json(text).value(QStringLiteral("status")) ==
                                                    QStringLiteral("error");
                                         }),
                             30000);
    QVERIFY(client.isConnected());
    QCOMPARE(server->backlogClosedCount(), 0);
    QVERIFY(server->peakWriteQueueBytes() <= WriteQueueLimit);
}

// With TLS the bytes waiting are encrypted records the socket's bytesToWrite() does not show:
// a firehose to a client that does not read still stops at half the limit.
void TestEmulatorLimits::tlsFirehoseIsPacedByTheEncryptedBacklog()
{
    EmulatorOptions options;
    options.limits = smallQueue();
    options.tls = true;
    options.firehoseCount = 200000;
    const auto server = startEmulator(options);
    RawWebSocketClient client;
    client.useTls(server->certificate());
    QVERIFY(client.connectTo(server->port(),
                             "/api/v1/developer/ws/stream?topic=ethereum.transactions"));
    client.sendText("{\"action\":\"start\"}");
    QTRY_VERIFY_WITH_TIMEOUT(server->peakWriteQueueBytes() >= WriteQueueLimit / 2, 30000);
    QVERIFY2(server->peakWriteQueueBytes() <= WriteQueueLimit,
             qPrintable(QString::number(server->peakWriteQueueBytes())));
    QCOMPARE(server->backlogClosedCount(), 0);
    QVERIFY(client.isConnected());
}

// Beyond maxConnections the handshake is refused with 503 and a JSON detail; a place freed is
// taken again.
void TestEmulatorLimits::connectionsBeyondTheCapGet503()
{
    EmulatorLimits limits;
    limits.maxConnections = 2;
    const auto server = startLimited(limits);
    TestWebSocketClient first;
    TestWebSocketClient second;
    QVERIFY(first.connectTo(server->apiUrl()));
    QVERIFY(second.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks"))));

    const RawHttpResponse refused = rawHttpExchange(
        server->port(), upgradeRequest("/api/v1/developer/ws/api", {"X-API-KEY: allium-demo-key"}));
    QCOMPARE(refused.status, 503);
    QCOMPARE(json(refused.body).value(QStringLiteral("detail")).toString(),
             QStringLiteral("too many connections: the emulator serves at most 2 at once"));
    QCOMPARE(server->connectionCount(), 2);

    first.socket()->close();
    QTRY_COMPARE(server->connectionCount(), 1);
    TestWebSocketClient third;
    QVERIFY(third.connectTo(server->apiUrl()));
}

// A connection that sends nothing and has nothing running is closed after the idle timeout,
// with code 1000 and the reason.
void TestEmulatorLimits::idleConnectionIsClosed()
{
    EmulatorLimits limits;
    limits.idleTimeoutMs = 200;
    const auto server = startLimited(limits);
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->apiUrl()));
    QVERIFY(client.waitDisconnected());
    QCOMPARE(client.closeCode(), 1000);
    QCOMPARE(client.socket()->closeReason(),
             QStringLiteral("idle timeout: nothing received and nothing running for 0.2 s"));
    QTRY_COMPARE(server->connectionCount(), 0);
}

// A started stream and a request in flight keep a silent connection open past the idle timeout.
void TestEmulatorLimits::busyConnectionIsNotIdle()
{
    EmulatorLimits limits;
    limits.idleTimeoutMs = 200;
    const auto server = startLimited(limits, 20, true);
    TestWebSocketClient stream;
    QVERIFY(stream.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks"))));
    stream.sendText(QStringLiteral("{\"action\":\"start\"}"));
    TestWebSocketClient api;
    QVERIFY(api.connectTo(server->apiUrl()));
    api.sendText(QString::fromLatin1(ApiFlood::assetsRequest(1))); // never answered (stall fault)
    QTRY_COMPARE(server->apiInFlight(), 1);
    // 20 messages at 20/s take a second, five idle timeouts.
    QVERIFY(stream.waitForMessages(20));
    QVERIFY(stream.isConnected());
    QVERIFY(api.isConnected());
}

QTEST_GUILESS_MAIN(TestEmulatorLimits)
#include "tst_emulatorlimits.moc"
