// SPDX-License-Identifier: MIT
#include "core/stream/streamsession.h"
#include "support/fastconnectionoptions.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace allium;

// The integrity check as a StreamSession runs it (on its worker thread), against a small
// loopback server that sends crafted blocks.
class TestStreamIntegrity : public QObject
{
    Q_OBJECT

private slots:
    void eventsReachTheSessionWithTheCounters();
    void reconnectIsAnOutageNotAGap();
    void silenceIsAStall();
};

namespace {

QByteArray block(qint64 number, qint64 parent = -1)
{
    return QStringLiteral(R"({"hash":"0x%1","number":%1,"parent_hash":"0x%2","timestamp":"%3"})")
        .arg(number)
        .arg(parent >= 0 ? parent : number - 1)
        .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
        .toUtf8();
}

// Sends each connection its script once the client starts the stream; a script may end by
// dropping the connection.
class ScriptedStreamServer : public QObject
{
public:
    ScriptedStreamServer()
        : m_server(QStringLiteral("integrity"), QWebSocketServer::NonSecureMode)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            QWebSocket *socket = m_server.nextPendingConnection();
            socket->setParent(this);
            const int index = m_connections++;
            QObject::connect(socket, &QWebSocket::textMessageReceived, this,
                             [this, socket, index](const QString &text) {
                                 if (!text.contains(QLatin1String("\"start\"")))
                                     return;
                                 const Script script = m_scripts.value(index);
                                 for (const QByteArray &frame : script.frames)
                                     socket->sendTextMessage(QString::fromUtf8(frame));
                                 if (script.dropAfter) {
                                     socket->flush();
                                     socket->abort();
                                 }
                             });
        });
    }

    struct Script
    {
        QList<QByteArray> frames;
        bool dropAfter = false;
    };

    void addScript(const QList<QByteArray> &frames, bool dropAfter = false)
    {
        m_scripts.append({frames, dropAfter});
    }
    QUrl url() const
    {
        return QUrl(
            QStringLiteral("ws://127.0.0.1:%1/api/v1/developer/ws/stream?topic=ethereum.blocks")
                .arg(m_server.serverPort()));
    }
    int connections() const { return m_connections; }

private:
    QWebSocketServer m_server;
    QList<Script> m_scripts;
    int m_connections = 0;
};

struct Run
{
    StreamSession session;
    QList<IntegrityEvent> events;
    int messages = 0;

    explicit Run(const QUrl &url, qint64 stallAfterMs = 0)
    {
        session.setUrl(url);
        session.setConnectionOptions(fastConnectionOptions());
        IngestOptions ingest;
        ingest.batchIntervalMs = 5;
        ingest.statsIntervalMs = 50;
        ingest.stallAfterMs = stallAfterMs;
        session.setIngestOptions(ingest);
        QObject::connect(&session, &StreamSession::integrityEventOccurred, &session,
                         [this](const IntegrityEvent &event) { events.append(event); });
        QObject::connect(&session, &StreamSession::messagesReceived, &session,
                         [this](const MessageBatch &batch) { messages += batch.messages.size(); });
        session.start();
        session.open();
    }
    QStringList summaries() const
    {
        QStringList list;
        for (const IntegrityEvent &event : events)
            list.append(event.summary());
        return list;
    }
};

} // namespace

// A gap, a reorg and a duplicate sent over a real socket arrive as events on the GUI thread,
// and the session's stats count them.
void TestStreamIntegrity::eventsReachTheSessionWithTheCounters()
{
    ScriptedStreamServer server;
    server.addScript({block(100), block(101), block(104), block(104), block(105, 90), block(106)});
    Run run(server.url());
    QTRY_COMPARE(run.messages, 6);
    QTRY_COMPARE(run.summaries(), (QStringList{QStringLiteral("gap: 102–103 missing (2)"),
                                               QStringLiteral("duplicate: 104"),
                                               QStringLiteral("reorg at 104, depth 1")}));
    QCOMPARE(run.events.first().topic, QStringLiteral("ethereum.blocks"));
    QTRY_COMPARE(run.session.stats().integrity.gaps, 1u);
    const IntegritySnapshot integrity = run.session.stats().integrity;
    QCOMPARE(integrity.missing, 2u);
    QCOMPARE(integrity.duplicates, 1u);
    QCOMPARE(integrity.reorgs, 1u);
    QCOMPARE(integrity.head, 106);
    QCOMPARE(integrity.checked, 6u);
    QVERIFY(integrity.lagSamples > 0);
    QVERIFY(integrity.lastLagMs < 5000); // timestamps are now, to the second
}

// The server drops the connection; the session reconnects and the stream resumes further on:
// one outage naming the missed blocks, no gap.
void TestStreamIntegrity::reconnectIsAnOutageNotAGap()
{
    ScriptedStreamServer server;
    server.addScript({block(100), block(101), block(102)}, true);
    server.addScript({block(110), block(111)});
    Run run(server.url());
    QTRY_COMPARE(run.messages, 5);
    QTRY_COMPARE(run.events.size(), 1);
    const IntegrityEvent &outage = run.events.first();
    QCOMPARE(outage.kind, IntegrityEventKind::Outage);
    QCOMPARE(outage.from, 103);
    QCOMPARE(outage.to, 109);
    QCOMPARE(outage.missing, 7);
    QCOMPARE(outage.summary(), QStringLiteral("missed while disconnected: 103–109 (7)"));
    QCOMPARE(server.connections(), 2);
    QTRY_COMPARE(run.session.stats().integrity.outages, 1u);
    QCOMPARE(run.session.stats().integrity.gaps, 0u);
    QCOMPARE(run.session.stats().reconnects, 1u);
}

// A connected, started stream that goes quiet for longer than the threshold reports one stall.
void TestStreamIntegrity::silenceIsAStall()
{
    ScriptedStreamServer server;
    server.addScript({block(100)});
    Run run(server.url(), 300);
    QTRY_COMPARE(run.messages, 1);
    QTRY_COMPARE(run.events.size(), 1);
    QCOMPARE(run.events.first().kind, IntegrityEventKind::Stall);
    QVERIFY(run.events.first().silentMs > 300);
    QCOMPARE(run.session.stats().integrity.stalls, 1u);
}

QTEST_GUILESS_MAIN(TestStreamIntegrity)
#include "tst_streamintegrity.moc"
