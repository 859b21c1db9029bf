// SPDX-License-Identifier: MIT
#include "core/api/apiclient.h"
#include "core/connection/connectionprofile.h"
#include "core/connection/websocketconnection.h"
#include "core/stream/ingestworker.h"
#include "core/stream/streamsession.h"
#include "support/fastconnectionoptions.h"
#include "support/hostileserver.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace allium;

namespace {

// Retries only after 400, 800, 1000… ms: a retry plays the server's script again, and the checks
// read what the first connection did.
ConnectionOptions connectionOptions()
{
    return fastConnectionOptions(200, 1000);
}

QUrl streamUrl(const HostileServer &server)
{
    return ConnectionProfile::streamUrl(server.baseUrl(), QStringLiteral("ethereum.blocks"));
}

// A session on the hostile server's stream endpoint, started.
void openSession(StreamSession *session, const HostileServer &server)
{
    session->setUrl(streamUrl(server));
    session->setApiKey(QStringLiteral("k"));
    session->setConnectionOptions(connectionOptions());
    session->start();
    session->open();
}

QByteArray dataMessage(int number, int padding = 0)
{
    return QByteArrayLiteral("{\"number\":") + QByteArray::number(number) +
           QByteArrayLiteral(",\"pad\":\"") + QByteArray(padding, 'x') + QByteArrayLiteral("\"}");
}

} // namespace

/// What a server can send that a well-behaved one never does: the client survives each with
/// bounded memory, and says what happened.
class TestHostileServer : public QObject
{
    Q_OBJECT
private slots:
    void hugeFrameIsRefusedAtItsHeader();
    void stalledConsumerHoldsBoundedBytes();
    void errorFloodIsCountedNotQueued();
    void binaryFramesAreCounted();
    void invalidUtf8ClosesWithAReason();
    void prettyPrintedJsonIsKeptOnOneLine();
    void everyKindOfFrameInOneBurstArrivesInOrder();
    void neverReadingServerBoundsWhatWaits();
};

// A header announcing a 400 MB frame ends the connection at once (nothing is buffered for it):
// close 1009, a reason naming the limit, then a retry.
void TestHostileServer::hugeFrameIsRefusedAtItsHeader()
{
    HostileServer server;
    server.setScript({HostileServer::textFrame(dataMessage(1)),
                      HostileServer::frameHeader(0x1, 400ull * 1024 * 1024)});
    QVERIFY(server.listen());
    WebSocketConnection connection;
    connection.setUrl(streamUrl(server));
    connection.setOptions(connectionOptions());
    QSignalSpy texts(&connection, &WebSocketConnection::textReceived);
    QSignalSpy lost(&connection, &WebSocketConnection::connectionLost);
    connection.open();
    QVERIFY(lost.wait(10000));
    QCOMPARE(texts.size(), 1);
    const QString reason = lost.at(0).at(0).toString();
    QVERIFY2(reason.contains(QLatin1String("1009")) && reason.contains(QLatin1String("16 MiB")),
             qPrintable(reason));
    QCOMPARE(connection.state(), ConnectionState::Reconnecting);
}

// 1 MiB messages and a consumer that takes nothing: the worker hands over no more than the
// pending byte bound (plus the batch it holds), then drops and counts every further message.
void TestHostileServer::stalledConsumerHoldsBoundedBytes()
{
    constexpr int total = 200;
    constexpr qint64 messageBytes = 1024 * 1024;
    HostileServer server;
    server.setFlood(HostileServer::textFrame(dataMessage(7, int(messageBytes))), total);
    QVERIFY(server.listen());

    auto pending = std::make_shared<PendingBatches>();
    IngestWorker worker(pending);
    IngestOptions ingest;
    ingest.maxBatchBytes = 4 * messageBytes;
    ingest.maxPendingBytes = 16 * messageBytes;
    ingest.maxPendingBatches = 1000; // the byte bound is the one under test
    worker.configure(streamUrl(server), QStringLiteral("k"), connectionOptions(), ingest);
    qint64 handedOverBytes = 0;
    int handedOverMessages = 0;
    StreamStats stats;
    connect(&worker, &IngestWorker::batchReady, this, [&](const MessageBatch &batch) {
        handedOverBytes += batch.bytes; // never taken: the consumer is stalled
        handedOverMessages += int(batch.messages.size());
    });
    connect(&worker, &IngestWorker::statsUpdated, this,
            [&](const StreamStats &latest) { stats = latest; });
    worker.open();

    QTRY_COMPARE_WITH_TIMEOUT(stats.messages + stats.drops, quint64(total), 30000);
    QVERIFY(stats.drops > 0);
    QVERIFY2(handedOverBytes <= ingest.maxPendingBytes + ingest.maxBatchBytes + messageBytes,
             qPrintable(QString::number(handedOverBytes)));
    QCOMPARE(pending->bytes.load(), handedOverBytes);
    // What is not handed over waits in one batch of at most maxBatchBytes (+ one message).
    QVERIFY(qint64(stats.messages - quint64(handedOverMessages)) * messageBytes <=
            ingest.maxBatchBytes + messageBytes);
    worker.shutdown();
}

// 20,000 error frames: every one is counted, the GUI thread gets them as a few batched reports
// (count + last text), never one queued signal each.
void TestHostileServer::errorFloodIsCountedNotQueued()
{
    constexpr int total = 20000;
    HostileServer server;
    server.setFlood(HostileServer::textFrame(
                        R"({"status":"error","data":"<img src=\"/dev/zero\"> \u001b[31mboom"})"),
                    total);
    QVERIFY(server.listen());
    StreamSession session;
    QSignalSpy errors(&session, &StreamSession::serverErrorsReceived);
    openSession(&session, server);
    QTRY_COMPARE_WITH_TIMEOUT(session.stats().serverErrors, quint64(total), 30000);
    quint64 reported = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            reported = 0;
            for (const QList<QVariant> &arguments : std::as_const(errors))
                reported += arguments.at(0).toULongLong();
            return reported == quint64(total);
        }(),
        10000);
    QVERIFY2(errors.size() <= total / 10, qPrintable(QString::number(errors.size())));
    QCOMPARE(errors.last().at(1).toString(),
             QStringLiteral("<img src=\"/dev/zero\"> \x1b[31mboom"));
    QCOMPARE(session.stats().messages, quint64(0));
}

// Binary frames (the service sends text) are counted and skipped; text keeps flowing.
void TestHostileServer::binaryFramesAreCounted()
{
    HostileServer server;
    server.setScript({HostileServer::binaryFrame("\x01\x02\x03"), HostileServer::binaryFrame({}),
                      HostileServer::textFrame(dataMessage(1)),
                      HostileServer::binaryFrame(QByteArray(5000, 'b'))});
    QVERIFY(server.listen());
    StreamSession session;
    QSignalSpy batches(&session, &StreamSession::messagesReceived);
    openSession(&session, server);
    QTRY_COMPARE_WITH_TIMEOUT(session.stats().binaryFrames, quint64(3), 10000);
    QTRY_COMPARE(session.stats().messages, quint64(1));
    QCOMPARE(session.stats().parseErrors, quint64(0));
}

// Text that is not UTF-8 closes the connection (1007, as RFC 6455 says) with a reason that
// says so, and the session retries.
void TestHostileServer::invalidUtf8ClosesWithAReason()
{
    HostileServer server;
    server.setScript({HostileServer::textFrame(dataMessage(1)),
                      HostileServer::textFrame("{\"number\":\"\xff\xfe\"}")});
    QVERIFY(server.listen());
    StreamSession session;
    QSignalSpy lost(&session, &StreamSession::connectionLost);
    openSession(&session, server);
    QVERIFY(lost.wait(10000));
    const QString reason = lost.at(0).at(0).toString();
    QVERIFY2(reason.contains(QLatin1String("1007")) && reason.contains(QLatin1String("UTF-8")),
             qPrintable(reason));
    QTRY_COMPARE(session.stats().messages, quint64(1));
}

// A message spread over several lines is kept compact: one JSON document per line downstream.
void TestHostileServer::prettyPrintedJsonIsKeptOnOneLine()
{
    HostileServer server;
    server.setScript(
        {HostileServer::textFrame("{\n  \"number\": 5,\r\n  \"hash\": \"0xab\"\n}\n")});
    QVERIFY(server.listen());
    StreamSession session;
    QVector<StreamMessage> messages;
    connect(&session, &StreamSession::messagesReceived, this,
            [&messages](const MessageBatch &batch) { messages += batch.messages; });
    openSession(&session, server);
    QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 1, 10000);
    QCOMPARE(messages.at(0).json, QByteArray(R"({"number":5,"hash":"0xab"})"));
}

// Plain text frames of every length encoding, with a ping, an unasked pong, a binary frame and a
// message in two fragments between them, all written at once right after the handshake: the
// text arrives whole and in order, the binary frame is counted, the connection stays up. (On
// Beast the stream reads plain text frames itself and leaves the others to Beast.)
void TestHostileServer::everyKindOfFrameInOneBurstArrivesInOrder()
{
    const QByteArray first = dataMessage(1);
    const QByteArray fragmented = dataMessage(3, 300);
    const QByteArray head = fragmented.left(100);
    const QByteArray tail = fragmented.mid(100);
    const QList<QByteArray> texts{first,          dataMessage(2, 200),
                                  fragmented,     dataMessage(4, 70000),
                                  dataMessage(5), dataMessage(6, 1000)};
    QByteArray burst = HostileServer::textFrame(texts.at(0));
    burst += HostileServer::frameHeader(0x9, 4) + "ping";
    burst += HostileServer::textFrame(texts.at(1)); // a 16-bit length
    burst += HostileServer::binaryFrame("\x01\x02");
    burst +=
        HostileServer::frameHeader(HostileServer::FrameFlags(0), 0x1, quint64(head.size())) + head;
    burst += HostileServer::frameHeader(0xa, 0); // a pong nobody asked for
    burst += HostileServer::frameHeader(0x0, quint64(tail.size())) + tail;
    burst += HostileServer::textFrame(texts.at(3)); // a 64-bit length
    burst += HostileServer::textFrame(texts.at(4)) + HostileServer::textFrame(texts.at(5));
    HostileServer server;
    server.setScript({burst});
    QVERIFY(server.listen());
    StreamSession session;
    QSignalSpy lost(&session, &StreamSession::connectionLost);
    QList<QByteArray> received;
    connect(&session, &StreamSession::messagesReceived, this,
            [&received](const MessageBatch &batch) {
                for (const StreamMessage &message : batch.messages)
                    received << message.json;
            });
    openSession(&session, server);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), texts.size(), 10000);
    QCOMPARE(received, texts);
    QTRY_COMPARE(session.stats().binaryFrames, quint64(1));
    QCOMPARE(session.stats().parseErrors, quint64(0));
    QCOMPARE(lost.size(), 0);
    QCOMPARE(server.connectionCount(), 1);
}

// An API server that accepts the connection and never reads: at most 1,000 requests go on the
// wire, what waits is bounded in bytes (the rest is rejected at once), and every request still
// ends exactly once (here by its timeout).
void TestHostileServer::neverReadingServerBoundsWhatWaits()
{
    HostileServer server;
    QVERIFY(server.listen());
    ApiClient client;
    client.setOptions(connectionOptions());
    client.setBaseUrl(server.baseUrl());
    client.setApiKey(QStringLiteral("k"));
    client.setMaxPendingBytes(8 * 1024 * 1024);
    int finished = 0;
    int rejected = 0;
    connect(&client, &ApiClient::requestFinished, this, [&](const ApiResult &result) {
        ++finished;
        rejected += result.state == ApiRequestState::Rejected ? 1 : 0;
    });
    client.open();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ConnectionState::Connected, 10000);

    constexpr int total = 2000;
    ApiRequest request;
    request.method = QStringLiteral("POST");
    request.path = QStringLiteral("/api/v1/developer/prices");
    request.body = QJsonObject{{QStringLiteral("pad"), QString(8 * 1024, QLatin1Char('p'))}};
    request.timeoutMs = 3000;
    for (int i = 0; i < total; ++i)
        client.submit(request);
    QVERIFY(client.pendingBytes() <= 8 * 1024 * 1024);
    QVERIFY(rejected > 0);
    QVERIFY(client.inFlightCount() <= ApiClient::DefaultMaxInFlight);
    QCOMPARE(client.inFlightCount() + client.queuedCount() + rejected, total);
    QTRY_COMPARE_WITH_TIMEOUT(finished, total, 20000);
    QCOMPARE(client.pendingBytes(), 0);
}

QTEST_GUILESS_MAIN(TestHostileServer)
#include "tst_hostileserver.moc"
