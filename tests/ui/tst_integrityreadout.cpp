// SPDX-License-Identifier: MIT
#include "core/connection/connectioneventlog.h"
#include "core/stream/streamsession.h"
#include "support/fastconnectionoptions.h"
#include "ui/connection/elidinglabel.h"
#include "ui/health/healthreadoutwidget.h"

#include <QLabel>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace allium;

// What the integrity check shows in the GUI: the health readout's counts and lag, and one event
// log line per event.
class TestIntegrityReadout : public QObject
{
    Q_OBJECT

private slots:
    void readoutShowsCountsAndLag();
    void readoutSaysWhenATopicHasNoSequence();
    void liveGapReachesTheReadoutAndTheLog();
};

namespace {

QString textOf(const QWidget &parent, const char *name)
{
    const auto *label = parent.findChild<QLabel *>(QLatin1String(name));
    if (const auto *eliding = qobject_cast<const ElidingLabel *>(label))
        return eliding->fullText(); // what it shows depends on the room it has
    return label ? label->text() : QStringLiteral("<no %1>").arg(QLatin1String(name));
}

} // namespace

// Counts and lag percentiles as the user reads them; a fault turns the line to the error style.
void TestIntegrityReadout::readoutShowsCountsAndLag()
{
    HealthReadoutWidget health;
    health.show();
    QCOMPARE(textOf(health, "lagValue"), QStringLiteral("no block time yet"));
    StreamStats stats;
    stats.integrity.sequenceField = QStringLiteral("number");
    stats.integrity.gaps = 2;
    stats.integrity.missing = 5;
    stats.integrity.reorgs = 1;
    stats.integrity.lastLagMs = 1500;
    stats.integrity.p50LagMs = 1200;
    stats.integrity.p95LagMs = 4000;
    stats.integrity.lagSamples = 20;
    health.setStats(stats);
    QCOMPARE(textOf(health, "integrityValue"),
             QStringLiteral("2 gaps (5 missing), 1 reorgs, 0 duplicates, 0 out of order"));
    QCOMPARE(textOf(health, "lagValue"), QStringLiteral("1.5 s (p50 1.2 s, p95 4.0 s)"));
    stats.integrity.lastLagMs = 2 * 3600 * 1000 + 5 * 60 * 1000; // far behind: in hours
    stats.integrity.p95LagMs = -90000;                           // a clock ahead of ours
    health.setStats(stats);
    QCOMPARE(textOf(health, "lagValue"), QStringLiteral("2 h 5 min (p50 1.2 s, p95 −1 min 30 s)"));
    const auto *integrity = health.findChild<QLabel *>(QStringLiteral("integrityValue"));
    QVERIFY(integrity->styleSheet().contains(QLatin1String("bold")));

    stats.integrity = IntegritySnapshot();
    stats.integrity.sequenceField = QStringLiteral("number");
    health.setStats(stats);
    QVERIFY(integrity->styleSheet().isEmpty()); // nothing wrong: plain

    // Narrow (a small window): the line ends in "…", the tooltip and Copy readout have it all.
    const QString full =
        QStringLiteral("0 gaps (0 missing), 0 reorgs, 0 duplicates, 0 out of order");
    health.resize(260, health.height());
    QTRY_VERIFY(integrity->text().endsWith(QChar(0x2026)));
    QVERIFY(integrity->width() <= 260);
    QVERIFY(integrity->toolTip().contains(full));
    QVERIFY(integrity->toolTip().contains(QLatin1String("Checked on number")));
    QVERIFY(health.readoutText().contains(QStringLiteral("Integrity: ") + full));
    health.resize(1000, health.height());
    QTRY_COMPARE(integrity->text(), full);
}

// Hyperliquid has no block sequence: the readout says what it checks instead of zeros.
void TestIntegrityReadout::readoutSaysWhenATopicHasNoSequence()
{
    HealthReadoutWidget health;
    health.setStats(StreamStats{});
    QCOMPARE(textOf(health, "integrityValue"),
             QStringLiteral("no block sequence: rate and staleness only"));
}

// A gap sent over a real socket: the readout counts it and the event log has its line.
void TestIntegrityReadout::liveGapReachesTheReadoutAndTheLog()
{
    QWebSocketServer server(QStringLiteral("gap"), QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QWebSocketServer::newConnection, this, [&server] {
        QWebSocket *socket = server.nextPendingConnection();
        socket->setParent(&server);
        connect(socket, &QWebSocket::textMessageReceived, socket, [socket](const QString &text) {
            if (!text.contains(QLatin1String("start")))
                return;
            for (int number : {10, 11, 14})
                socket->sendTextMessage(
                    QStringLiteral(R"({"hash":"0x%1","number":%1,"parent_hash":"0x%2"})")
                        .arg(number)
                        .arg(number - 1));
        });
    });
    StreamSession session;
    session.setUrl(QUrl(
        QStringLiteral("ws://127.0.0.1:%1/stream?topic=ethereum.blocks").arg(server.serverPort())));
    session.setConnectionOptions(fastConnectionOptions());
    HealthReadoutWidget health;
    connect(&session, &StreamSession::statsChanged, &health, &HealthReadoutWidget::setStats);
    ConnectionEventLog log;
    connect(&session, &StreamSession::integrityEventOccurred, &log,
            [&log](const IntegrityEvent &event) {
                log.addEvent(QStringLiteral("ethereum.blocks"), ConnectionEventKind::Integrity,
                             event.summary());
            });
    session.start();
    session.open();
    QTRY_COMPARE(textOf(health, "integrityValue"),
                 QStringLiteral("1 gaps (2 missing), 0 reorgs, 0 duplicates, 0 out of order"));
    QTRY_COMPARE(log.rowCount(), 1);
    QCOMPARE(log.index(0, ConnectionEventLog::KindColumn).data().toString(),
             QStringLiteral("Integrity"));
    QVERIFY(log.index(0, ConnectionEventLog::TextColumn)
                .data()
                .toString()
                .contains(QStringLiteral("gap: 12–13 missing (2)")));
}

QTEST_MAIN(TestIntegrityReadout)
#include "tst_integrityreadout.moc"
