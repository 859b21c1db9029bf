// SPDX-License-Identifier: MIT
#include "core/connection/connectionprofile.h"
#include "core/stream/slabpool.h"
#include "core/stream/streamsession.h"
#include "emulator/emulatorserver.h"
#include "support/streamfixture.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>
#include <QWebSocket>
#include <QWebSocketServer>

#include <cmath>
#include <limits>
#include <memory>

using namespace allium;

namespace {

// A bare stream server on loopback that sends each client a fixed list of text frames as soon
// as it connects: for exact frames the emulator does not produce.
class ScriptedStreamServer : public QObject
{
public:
    explicit ScriptedStreamServer(const QStringList &frames)
        : m_server(QStringLiteral("scripted"), QWebSocketServer::NonSecureMode)
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, [this, frames] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                for (const QString &frame : frames)
                    socket->sendTextMessage(frame);
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/developer/ws/stream?topic=test")
                        .arg(m_server.serverPort()));
    }

private:
    QWebSocketServer m_server;
};

// An emulator that sends `messagesPerSecond` on every topic, whatever the topic's own cadence.
EmulatorOptions steadyRate(double messagesPerSecond)
{
    EmulatorOptions options;
    options.rate = messagesPerSecond;
    return options;
}

QJsonObject objectOf(const StreamMessage &message)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(message.json, &error);
    return error.error == QJsonParseError::NoError ? document.object() : QJsonObject();
}

} // namespace

// StreamSession against the emulator: batches, counters, desired state across reconnects,
// server errors, malformed frames, backpressure, the field catalogue.
class TestStreamSession : public QObject
{
    Q_OBJECT
private slots:
    // Small frequent batches report their stats a few times a second, not once each (every
    // report redraws readouts); the last counts still arrive.
    void statsReportedAtABoundedRate();
    void streamUrlHasTopic();
    void deliversParsedBatches();
    void startBeforeOpenIsRemembered();
    void stopHaltsTheStream();
    void filterIsResentAfterEveryReconnect();
    void emptyFilterClears();
    void serverErrorsAreReportedApart();
    void malformedFramesAreCountedAndSkipped();
    void backpressureDropsAndCountsExactly();
    void waitingInsteadOfDroppingLosesNothing();
    void shutdownNeverHangsOnAWaitingWorker();
    void refusedKeyFailsOnce();
    void userCloseNeverReconnects();
    void topicSwitchIsNoReconnectButReconnectNowIs();
    void fieldCatalogueReachesTheGuiThread();
    void rateIsMeasured();
    void blockTopicsRateSpansBlocks();
    void serverCloseCodeAndRetryReasonReachTheGui();
    void pongLatencyReachesTheGui();
    void extractedValuesFollowDotPaths_data();
    void extractedValuesFollowDotPaths();
    void nonAsciiTextIsStoredAsExactUtf8();
};

// streamUrl() builds …/api/v1/developer/ws/stream?topic=T from a base URL.
void TestStreamSession::streamUrlHasTopic()
{
    const QUrl url = ConnectionProfile::streamUrl(QUrl(QStringLiteral("wss://api.allium.so/")),
                                                  QStringLiteral("ethereum.blocks"));
    QCOMPARE(
        url.toString(),
        QStringLiteral("wss://api.allium.so/api/v1/developer/ws/stream?topic=ethereum.blocks"));
    StreamSession session;
    session.setUrl(url);
    QCOMPARE(session.topic(), QStringLiteral("ethereum.blocks"));
}

// Messages arrive in batches on the GUI thread: raw JSON, consecutive sequences, timestamps,
// the watched numbers extracted (NaN when absent), and counters that add up.
void TestStreamSession::deliversParsedBatches()
{
    StreamFixture stream(steadyRate(400));
    QVERIFY(stream.listen(QStringLiteral("ethereum.blocks")));
    stream.session.setWatchedFields(
        {QStringLiteral("number"), QStringLiteral("no.such.field"), QStringLiteral("gas_used")});
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(stream.openAndWait());
    QCOMPARE(stream.session.state(), ConnectionState::Connected);
    stream.session.start();
    QTRY_VERIFY_WITH_TIMEOUT(stream.messages.size() >= 30, 5000);

    for (int i = 0; i < stream.messages.size(); ++i) {
        const StreamMessage &message = stream.messages.at(i);
        const QJsonObject object = objectOf(message);
        QVERIFY(!object.isEmpty());
        QCOMPARE(message.sequence, quint64(i + 1));
        QVERIFY(message.receivedAtMs >= before);
        QCOMPARE(message.extracted.size(), 3);
        QCOMPARE(message.extracted.at(0), object.value(QStringLiteral("number")).toDouble());
        QVERIFY(std::isnan(message.extracted.at(1)));
        QVERIFY(!std::isnan(message.extracted.at(2)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(stream.session.stats().messages, quint64(stream.messages.size()),
                              2000);
    QVERIFY(stream.batches.size() < stream.messages.size()); // batched, not one by one
    const StreamStats stats = stream.session.stats();
    QCOMPARE(stats.parseErrors, quint64(0));
    QCOMPARE(stats.drops, quint64(0));
    QVERIFY(stats.bytes >= quint64(stream.messages.size()) * 100);
    QVERIFY(stats.lastMessageAtMs >= before);
}

// start() before open() is the desired state: the stream starts once connected.
void TestStreamSession::startBeforeOpenIsRemembered()
{
    StreamFixture stream(steadyRate(200));
    QVERIFY(stream.listen(QStringLiteral("hyperliquid.fills")));
    stream.session.start();
    QVERIFY(stream.session.isRunning());
    stream.session.open();
    QTRY_VERIFY_WITH_TIMEOUT(stream.messages.size() >= 5, 5000);
}

// stop() halts delivery while the connection stays up.
void TestStreamSession::stopHaltsTheStream()
{
    StreamFixture stream(steadyRate(300));
    QVERIFY(stream.listen(QStringLiteral("hyperliquid.fills")));
    stream.session.start();
    stream.session.open();
    QTRY_VERIFY_WITH_TIMEOUT(stream.batches.size() >= 2, 5000);
    stream.session.stop();
    QVERIFY(!stream.session.isRunning());
    // Frames already on the wire still arrive; then the stream goes quiet.
    int quietChecks = 0;
    while (stream.batches.wait(300) && ++quietChecks < 20)
        stream.batches.clear();
    QVERIFY(quietChecks < 20);
    QCOMPARE(stream.session.state(), ConnectionState::Connected);
    const quint64 count = stream.session.stats().messages;
    QVERIFY(!stream.batches.wait(300));
    QCOMPARE(stream.session.stats().messages, count);
}

// After every drop the session reconnects, re-sends the filter, then start: messages keep
// coming and every one received after a reconnect satisfies the filter.
void TestStreamSession::filterIsResentAfterEveryReconnect()
{
    EmulatorOptions serverOptions = steadyRate(1000);
    serverOptions.faults.dropAfterMessages = 15;
    StreamFixture stream(serverOptions);
    QVERIFY(stream.listen(QStringLiteral("hyperliquid.fills")));
    const Filter buysOnly = Filter::condition(QStringLiteral("payload.side"),
                                              Filter::Operator::Equal, QStringLiteral("B"));
    int messagesAtSecondSubscribe = -1;
    connect(&stream.session, &StreamSession::resubscribed, this, [&] {
        if (stream.resubscribed.size() == 2)
            messagesAtSecondSubscribe = stream.messages.size();
    });
    stream.session.setFilter(buysOnly);
    stream.session.start();
    stream.session.open();
    QTRY_VERIFY_WITH_TIMEOUT(stream.resubscribed.size() >= 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(stream.messages.size() >= messagesAtSecondSubscribe + 20, 10000);
    QVERIFY(messagesAtSecondSubscribe >= 0);
    for (const StreamMessage &message : qAsConst(stream.messages))
        QVERIFY2(buysOnly.matches(objectOf(message)), message.json.constData());
    QTRY_VERIFY_WITH_TIMEOUT(stream.session.stats().reconnects >= 2, 2000);
    QCOMPARE(stream.session.filter(), buysOnly);
}

// An empty filter is sent as {} and clears: both sides flow again.
void TestStreamSession::emptyFilterClears()
{
    StreamFixture stream(steadyRate(500));
    QVERIFY(stream.listen(QStringLiteral("hyperliquid.fills")));
    stream.session.setFilter(Filter::condition(QStringLiteral("payload.side"),
                                               Filter::Operator::Equal, QStringLiteral("B")));
    stream.session.start();
    stream.session.open();
    QTRY_VERIFY_WITH_TIMEOUT(stream.messages.size() >= 10, 5000);
    stream.session.setFilter(Filter());
    const auto sawSell = [&stream] {
        for (const StreamMessage &message : qAsConst(stream.messages)) {
            if (objectOf(message)
                    .value(QStringLiteral("payload"))
                    .toObject()
                    .value(QStringLiteral("side"))
                    .toString() == QLatin1String("A"))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(sawSell(), 5000);
    QCOMPARE(stream.errors.size(), 0);
}

// {"status":"error","data":…} frames surface as serverErrorsReceived, not as messages.
void TestStreamSession::serverErrorsAreReportedApart()
{
    StreamFixture stream;
    QVERIFY(stream.listen(QStringLiteral("ethereum.blocks")));
    QVERIFY(stream.openAndWait());

    stream.session.setFilterJson(
        QByteArrayLiteral(R"({"field":"number","operator":"=~","value":1})"));
    QVERIFY(stream.errors.wait(5000));
    QCOMPARE(stream.errors.at(0).at(0).toULongLong(), 1ull);
    QVERIFY2(stream.errors.at(0).at(1).toString().contains(QLatin1String("invalid filter")),
             qPrintable(stream.errors.at(0).at(1).toString()));
    stream.session.sendRawText(QByteArrayLiteral("this is not json"));
    QTRY_COMPARE_WITH_TIMEOUT(stream.errors.size(), 2, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(stream.session.stats().serverErrors, quint64(2), 2000);
    QCOMPARE(stream.session.stats().messages, quint64(0));
    QCOMPARE(stream.session.stats().parseErrors, quint64(0));
    QCOMPARE(stream.batches.size(), 0);
}

// Every Nth frame malformed: counted as parse errors, skipped, the rest delivered intact.
void TestStreamSession::malformedFramesAreCountedAndSkipped()
{
    EmulatorOptions serverOptions;
    serverOptions.firehoseCount = 400;
    serverOptions.faults.malformedEvery = 4;
    StreamFixture stream(serverOptions);
    QVERIFY(stream.listen(QStringLiteral("ethereum.transactions")));
    stream.session.start();
    stream.session.open();
    QTRY_COMPARE_WITH_TIMEOUT(stream.session.stats().messages + stream.session.stats().parseErrors,
                              quint64(400), 10000);
    QCOMPARE(stream.session.stats().parseErrors, quint64(100));
    // The counters can come before the last batch (a slow, e.g. sanitized, build shows it).
    QTRY_COMPARE_WITH_TIMEOUT(stream.messages.size(), 300, 10000);
    for (const StreamMessage &message : qAsConst(stream.messages))
        QVERIFY(!objectOf(message).isEmpty());
}

// A consumer that lags makes the worker drop (never queue without bound); every frame is
// accounted for as delivered, dropped or malformed, and sequence gaps show the drops.
void TestStreamSession::backpressureDropsAndCountsExactly()
{
    const int total = 20000;
    EmulatorOptions serverOptions;
    serverOptions.firehoseCount = total;
    // The emulator must keep sending while this thread is blocked: it gets its own thread, and
    // it is closed and deleted there. Moving it back with its connections' linger timers running
    // leaked Qt's timer re-registration event when the server was deleted before its delivery.
    auto ownedServer = std::make_unique<EmulatorServer>(serverOptions);
    QVERIFY(ownedServer->listen());
    EmulatorServer *server = ownedServer.release();
    QThread serverThread;
    server->moveToThread(&serverThread);
    serverThread.start();
    const auto stopServer = qScopeGuard([&] {
        QMetaObject::invokeMethod(
            server,
            [server] {
                server->close();
                delete server;
            },
            Qt::BlockingQueuedConnection);
        serverThread.quit();
        serverThread.wait();
    });

    StreamFixture stream; // its own emulator stays idle: the session talks to the one above
    stream.pointAt(server->streamUrl(QStringLiteral("hyperliquid.fills")));
    IngestOptions ingest;
    ingest.maxBatchMessages = 100;
    ingest.maxPendingBatches = 2;
    ingest.batchIntervalMs = 5;
    stream.session.setIngestOptions(ingest);
    bool stalled = false;
    connect(&stream.session, &StreamSession::messagesReceived, this, [&stalled] {
        if (!stalled) {
            stalled = true;
            // The slow consumer under test: it holds the GUI thread while the firehose runs.
            QThread::msleep(400);
        }
    });
    stream.session.start();
    stream.session.open();
    QTRY_COMPARE_WITH_TIMEOUT(stream.session.stats().messages + stream.session.stats().drops,
                              quint64(total), 20000);
    const StreamStats stats = stream.session.stats();
    QVERIFY2(stats.drops > 0, "the consumer was blocked, so something must have been dropped");
    QCOMPARE(stats.parseErrors, quint64(0));
    // The counters are current at once; the last batch reaches the consumer a moment later.
    QTRY_COMPARE_WITH_TIMEOUT(quint64(stream.messages.size()), stats.messages, 5000);
    QCOMPARE(stream.session.stats().messages, stats.messages);
    QVERIFY(stream.maxBatchSize <= 100);
    quint64 gaps = 0;
    for (int i = 1; i < stream.messages.size(); ++i)
        gaps += stream.messages.at(i).sequence - stream.messages.at(i - 1).sequence - 1;
    gaps += stream.messages.first().sequence - 1;
    gaps += quint64(total) - stream.messages.last().sequence;
    QCOMPARE(gaps, stats.drops);
}

namespace {

// An emulator sending a firehose of `total` messages per stream from a thread of its own, so it
// keeps sending while the test's thread is blocked; closed and deleted there.
class ThreadedFirehose
{
public:
    explicit ThreadedFirehose(qint64 total)
    {
        EmulatorOptions options;
        options.firehoseCount = total;
        auto owned = std::make_unique<EmulatorServer>(options);
        m_listening = owned->listen();
        m_server = owned.release();
        m_server->moveToThread(&m_thread);
        m_thread.start();
    }
    ~ThreadedFirehose()
    {
        QMetaObject::invokeMethod(
            m_server,
            [server = m_server] {
                server->close();
                delete server;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    bool isListening() const { return m_listening; }
    QUrl streamUrl() const { return m_server->streamUrl(QStringLiteral("hyperliquid.fills")); }

private:
    QThread m_thread;
    EmulatorServer *m_server = nullptr;
    bool m_listening = false;
};

} // namespace

void TestStreamSession::statsReportedAtABoundedRate()
{
    EmulatorOptions options;
    options.rate = 200;
    StreamFixture stream(options);
    // Trades come one by one (a block's transactions come together, once a block).
    QVERIFY(stream.listen(QStringLiteral("hyperliquid.trades")));
    IngestOptions ingest;
    ingest.batchIntervalMs = 5; // some forty batches a second
    stream.session.setIngestOptions(ingest);
    QSignalSpy stats(&stream.session, &StreamSession::statsChanged);
    stream.session.start();
    QVERIFY(stream.openAndWait());
    QElapsedTimer clock;
    clock.start();
    stats.clear();
    const int batchesBefore = int(stream.batches.count());
    QTRY_VERIFY_WITH_TIMEOUT(stream.batches.count() >= batchesBefore + 40, 10000);
    const qint64 elapsed = clock.elapsed();
    const int batches = int(stream.batches.count()) - batchesBefore;
    QVERIFY2(stats.count() <= elapsed / ingest.statsIntervalMs + 2,
             qPrintable(QStringLiteral("%1 reports for %2 batches in %3 ms")
                            .arg(stats.count())
                            .arg(batches)
                            .arg(elapsed)));
    stream.session.stop();
    // Once the stream is quiet the last report carries every message received.
    QTRY_COMPARE(stats.last().at(0).value<StreamStats>().messages, quint64(stream.messages.size()));
}

// dropWhenBehind off (the CLI's mode): the same blocked consumer, but the worker waits for it
// instead of dropping, so every message of the firehose arrives, in sequence, none dropped.
void TestStreamSession::waitingInsteadOfDroppingLosesNothing()
{
    const int total = 20000;
    ThreadedFirehose server(total);
    QVERIFY(server.isListening());
    StreamFixture stream;
    stream.pointAt(server.streamUrl());
    IngestOptions ingest;
    ingest.maxBatchMessages = 100;
    ingest.maxPendingBatches = 2;
    ingest.batchIntervalMs = 5;
    ingest.dropWhenBehind = false;
    stream.session.setIngestOptions(ingest);
    bool stalled = false;
    connect(&stream.session, &StreamSession::messagesReceived, this, [&stalled] {
        if (!stalled) {
            stalled = true;
            QThread::msleep(400); // the slow consumer under test
        }
    });
    stream.session.start();
    stream.session.open();
    QTRY_COMPARE_WITH_TIMEOUT(stream.messages.size(), qsizetype(total), 20000);
    QCOMPARE(stream.session.stats().drops, quint64(0));
    for (int i = 0; i < total; ++i)
        QCOMPARE(stream.messages.at(i).sequence, quint64(i + 1));
}

// A worker waiting for a consumer that will never take another batch (the GUI thread is in the
// destructor) is released by the destruction: it ends at once instead of deadlocking.
void TestStreamSession::shutdownNeverHangsOnAWaitingWorker()
{
    ThreadedFirehose server(1000000);
    QVERIFY(server.isListening());
    auto session = std::make_unique<StreamSession>();
    session->setUrl(server.streamUrl());
    session->setApiKey(EmulatorDemoKey);
    IngestOptions ingest;
    ingest.maxBatchMessages = 10;
    ingest.maxPendingBatches = 1;
    ingest.batchIntervalMs = 1;
    ingest.dropWhenBehind = false;
    session->setIngestOptions(ingest);
    int batches = 0;
    connect(session.get(), &StreamSession::messagesReceived, this, [&batches] { ++batches; });
    session->start();
    session->open();
    QTRY_VERIFY_WITH_TIMEOUT(batches > 0, 10000);
    // The firehose goes on: with this thread blocked in the destructor, the worker soon holds a
    // full batch with no room, and waits.
    QElapsedTimer clock;
    clock.start();
    session.reset();
    QVERIFY(clock.elapsed() < 10000);
}

// A refused key: one Failed with the reason, no reconnect attempts.
void TestStreamSession::refusedKeyFailsOnce()
{
    StreamFixture stream;
    QVERIFY(stream.listen(QStringLiteral("ethereum.blocks")));
    stream.session.setApiKey(QStringLiteral("wrong-key"));
    stream.session.open();
    QVERIFY(stream.spies.failed.wait(5000));
    QCOMPARE(stream.session.state(), ConnectionState::Failed);
    QVERIFY(stream.session.failureReason().contains(
        QLatin1String("invalid API key or websocket access not enabled")));
    QVERIFY(!stream.spies.states.wait(400));
    QCOMPARE(stream.spies.failed.size(), 1);
    QCOMPARE(stream.spies.scheduled.size(), 0);
}

// close() by the user ends in Disconnected and stays there.
void TestStreamSession::userCloseNeverReconnects()
{
    StreamFixture stream;
    QVERIFY(stream.listen(QStringLiteral("ethereum.blocks")));
    QVERIFY(stream.openAndWait());
    stream.session.close();
    QTRY_COMPARE_WITH_TIMEOUT(stream.session.state(), ConnectionState::Disconnected, 5000);
    QVERIFY(!stream.spies.states.wait(400));
    QCOMPARE(stream.spies.opened.size(), 1);
}

// The worker's field catalogue reaches fields() with a fieldsChanged notification.
// A topic switch (close, new URL, open) is a first connection, not a reconnect; "Reconnect now"
// while connected makes a new connection at once, says so, and is counted.
void TestStreamSession::topicSwitchIsNoReconnectButReconnectNowIs()
{
    StreamFixture stream(steadyRate(200));
    QVERIFY(stream.listen(QStringLiteral("hyperliquid.fills")));
    QSignalSpy events(&stream.session, &ConnectionStatusSource::eventOccurred);
    stream.session.start();
    QVERIFY(stream.openAndWait());
    QTRY_VERIFY_WITH_TIMEOUT(stream.messages.size() >= 3, 5000);

    stream.session.close();
    stream.pointAt(stream.server.streamUrl(QStringLiteral("ethereum.transactions")));
    QVERIFY(stream.openAndWait());
    const int before = int(stream.messages.size());
    QTRY_VERIFY_WITH_TIMEOUT(stream.messages.size() >= before + 3, 5000);
    QCOMPARE(stream.session.stats().reconnects, 0ull);

    const qsizetype openedBefore = stream.spies.opened.size();
    stream.session.reconnectNow();
    QTRY_COMPARE_WITH_TIMEOUT(stream.spies.opened.size(), openedBefore + 1, 5000);
    QCOMPARE(stream.session.state(), ConnectionState::Connected);
    QTRY_COMPARE_WITH_TIMEOUT(stream.session.stats().reconnects, 1ull, 5000);
    bool said = false;
    for (const QList<QVariant> &event : qAsConst(events))
        said = said || event.at(1).toString().contains(QStringLiteral("reconnecting now"));
    QVERIFY(said);
    const int afterReconnect = int(stream.messages.size());
    QTRY_VERIFY_WITH_TIMEOUT(stream.messages.size() >= afterReconnect + 3, 5000);
}

void TestStreamSession::fieldCatalogueReachesTheGuiThread()
{
    StreamFixture stream(steadyRate(300));
    QVERIFY(stream.listen(QStringLiteral("hyperliquid.fills")));
    stream.session.start();
    stream.session.open();
    QVERIFY(stream.fieldsChanged.wait(5000));
    QStringList paths;
    for (const FieldInfo &field : stream.session.fields())
        paths << field.path;
    QVERIFY2(paths.contains(QStringLiteral("payload")) &&
                 paths.contains(QStringLiteral("payload.coin")) &&
                 paths.contains(QStringLiteral("payload.crossed")),
             qPrintable(paths.join(QLatin1Char(','))));
    for (const FieldInfo &field : stream.session.fields()) {
        if (field.path == QLatin1String("payload.px")) {
            QVERIFY(field.hasType(FieldInfo::String));
            QVERIFY(field.numericString);
            QVERIFY(field.hasRange && field.min > 0);
        }
    }
}

// The sliding one-second rate follows the emulator's fixed rate.
void TestStreamSession::rateIsMeasured()
{
    StreamFixture stream(steadyRate(200));
    QVERIFY(stream.listen(QStringLiteral("hyperliquid.fills")));
    stream.session.start();
    stream.session.open();
    QTRY_VERIFY_WITH_TIMEOUT(stream.session.stats().messagesPerSecond > 120 &&
                                 stream.session.stats().messagesPerSecond < 300,
                             5000);
    QVERIFY(stream.session.stats().bytesPerSecond > stream.session.stats().messagesPerSecond * 50);
}

// Ethereum's transactions arrive a block at a time every 12 s: their rate is averaged over
// three blocks (36 s), so that it reads the chain's pace between blocks, not a burst, then 0.
void TestStreamSession::blockTopicsRateSpansBlocks()
{
    EmulatorOptions fast;
    fast.speed = 10; // a block every 1.2 s; the client still judges by Ethereum's 12 s
    StreamFixture stream(fast);
    QVERIFY(stream.listen(QStringLiteral("ethereum.transactions")));
    stream.session.start();
    stream.session.open();
    QTRY_VERIFY_WITH_TIMEOUT(stream.session.stats().messages > 0, 10000);
    QCOMPARE(stream.session.stats().rateSpanMs, 36000);
    // Once the block's bucket is complete, its messages count as spread over a block interval.
    QTRY_VERIFY_WITH_TIMEOUT(stream.session.stats().messagesPerSecond > 0, 5000);
    const StreamStats stats = stream.session.stats();
    QVERIFY2(stats.messagesPerSecond <= double(stats.messages) / 12.0 + 0.01,
             qPrintable(QStringLiteral("%1/s for %2 messages")
                            .arg(stats.messagesPerSecond)
                            .arg(stats.messages)));
}

// A close frame with 1011: closed(1011, reason) reaches the GUI thread, then connectionLost()
// with a reason naming the code, which lastError() holds while reconnecting (already when the
// state turns Reconnecting) and drops once connected again.
void TestStreamSession::serverCloseCodeAndRetryReasonReachTheGui()
{
    EmulatorOptions serverOptions = steadyRate(500);
    serverOptions.faults.closeAfterMessages = 5;
    serverOptions.faults.closeCode = 1011;
    StreamFixture stream(serverOptions);
    QVERIFY(stream.listen(QStringLiteral("hyperliquid.fills")));
    // Read at the moments a status view would read them.
    QString errorWhenReconnecting;
    QString errorWhenScheduled;
    QString errorWhenOpenedAgain = QStringLiteral("not read");
    connect(&stream.session, &StreamSession::stateChanged, this, [&](ConnectionState state) {
        if (state == ConnectionState::Reconnecting && errorWhenReconnecting.isEmpty())
            errorWhenReconnecting = stream.session.lastError();
    });
    connect(&stream.session, &StreamSession::reconnectScheduled, this, [&] {
        if (errorWhenScheduled.isEmpty())
            errorWhenScheduled = stream.session.lastError();
    });
    connect(&stream.session, &StreamSession::opened, this, [&] {
        if (stream.spies.opened.size() == 2)
            errorWhenOpenedAgain = stream.session.lastError();
    });
    stream.session.start();
    stream.session.open();
    QVERIFY(stream.spies.closed.wait(5000));
    QCOMPARE(stream.spies.closed.at(0).at(0).toInt(), 1011);
    QVERIFY2(stream.spies.closed.at(0).at(1).toString().contains(QLatin1String("emulated fault")),
             qPrintable(stream.spies.closed.at(0).at(1).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(stream.spies.opened.size(), 2, 5000);
    QVERIFY(stream.spies.lost.size() >= 1);
    const QString reason = stream.spies.lost.at(0).at(0).toString();
    QVERIFY2(reason.contains(QLatin1String("1011")), qPrintable(reason));
    QCOMPARE(errorWhenReconnecting, reason);
    QCOMPARE(errorWhenScheduled, reason);
    QCOMPARE(errorWhenOpenedAgain, QString());
}

// With a short ping interval the pong latency reaches the GUI thread: -1 before, then >= 0.
void TestStreamSession::pongLatencyReachesTheGui()
{
    StreamFixture stream;
    QVERIFY(stream.listen(QStringLiteral("ethereum.blocks")));
    ConnectionOptions options = stream.session.connectionOptions();
    options.pingIntervalMs = 50;
    stream.session.setConnectionOptions(options);
    QCOMPARE(stream.session.lastPongLatencyMs(), -1);
    stream.session.open();
    QVERIFY(stream.pongs.wait(5000));
    const int latency = stream.pongs.last().at(0).toInt();
    QVERIFY(latency >= 0 && latency < 5000);
    QCOMPARE(stream.session.lastPongLatencyMs(), latency);
    QCOMPARE(stream.session.state(), ConnectionState::Connected);
}

// Watched dot paths reach into nested objects and, by decimal index, into arrays; numbers,
// decimal and hex strings and booleans give numbers; anything else is NaN.
void TestStreamSession::extractedValuesFollowDotPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("expected"); // NaN: absent or not numeric

    const double nan = std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("top-level number") << QStringLiteral("n") << 7.0;
    QTest::newRow("nested decimal string") << QStringLiteral("a.s") << 12.5;
    QTest::newRow("array index") << QStringLiteral("a.b.0") << 10.0;
    QTest::newRow("object in array, hex string") << QStringLiteral("a.b.1.c") << 31.0;
    QTest::newRow("boolean") << QStringLiteral("a.t") << 1.0;
    QTest::newRow("index past the end") << QStringLiteral("a.b.2") << nan;
    QTest::newRow("index that is not a number") << QStringLiteral("a.b.x") << nan;
    QTest::newRow("an array itself") << QStringLiteral("a.b") << nan;
    QTest::newRow("an object itself") << QStringLiteral("a") << nan;
    QTest::newRow("below a number") << QStringLiteral("n.m") << nan;
    QTest::newRow("word string") << QStringLiteral("a.w") << nan;
    QTest::newRow("absent") << QStringLiteral("nothing.here") << nan;
    QTest::newRow("key with a slash") << QStringLiteral("x/y") << 3.0;
}

void TestStreamSession::extractedValuesFollowDotPaths()
{
    QFETCH(QString, path);
    QFETCH(double, expected);
    ScriptedStreamServer server({QStringLiteral(
        R"({"n":7,"a":{"s":"12.5","b":[10,{"c":"0x1f"}],"t":true,"w":"ten"},"x/y":3})")});
    QVERIFY(server.listen());
    StreamFixture stream; // its own emulator stays idle: the scripted server sends exact frames
    stream.pointAt(server.url());
    stream.session.setWatchedFields({path});
    stream.session.open();
    QTRY_COMPARE_WITH_TIMEOUT(stream.messages.size(), 1, 5000);
    const StreamMessage &message = stream.messages.first();
    QCOMPARE(message.extracted.size(), 1);
    const double value = message.extracted.at(0);
    if (std::isnan(expected))
        QVERIFY2(std::isnan(value), qPrintable(QString::number(value)));
    else
        QCOMPARE(value, expected);
}

// Text beyond ASCII (accents, a character outside the BMP) is stored as the exact UTF-8 of the
// frame, NUL-terminated, with no slack of its own (the store's byte bound counts json.size()):
// exactly sized, or a part of a slab shared with the messages around it; and counted in bytes.
void TestStreamSession::nonAsciiTextIsStoredAsExactUtf8()
{
    const QString text = QStringLiteral("{\"name\":\"caf\u00e9 \U0001F680 \u65e5\u672c\",\"n\":1}");
    ScriptedStreamServer server({text, QStringLiteral("{\"truncated\":")});
    QVERIFY(server.listen());
    StreamFixture stream; // its own emulator stays idle: the scripted server sends exact frames
    stream.pointAt(server.url());
    stream.session.open();
    QTRY_COMPARE_WITH_TIMEOUT(stream.session.stats().parseErrors, quint64(1), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(stream.messages.size(), 1, 5000);
    const QByteArray json = stream.messages.first().json;
    QCOMPARE(json, text.toUtf8());
    QCOMPARE(json.constData()[json.size()], '\0');
    QVERIFY(json.capacity() == json.size() || json.capacity() <= SlabPool::SlabBytes);
    QCOMPARE(objectOf(stream.messages.first()).value(QStringLiteral("name")).toString(),
             QStringLiteral("caf\u00e9 \U0001F680 \u65e5\u672c"));
    QTRY_COMPARE_WITH_TIMEOUT(stream.session.stats().bytes,
                              quint64(text.toUtf8().size() + QByteArray("{\"truncated\":").size()),
                              2000);
}

QTEST_GUILESS_MAIN(TestStreamSession)
#include "tst_streamsession.moc"
