// SPDX-License-Identifier: MIT
#include "core/connection/connectioneventlog.h"
#include "core/connection/connectionstatussource.h"
#include "core/connection/websocketconnection.h"
#include "core/stream/streamsession.h"
#include "emulator/emulatorserver.h"
#include "support/emulatortesting.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <utility>

using namespace allium;

namespace {

// Distinctive, so that a search for it in any text cannot match by accident.
const QString SecretKey = QStringLiteral("sk-eventlog-7f3c9a1e55d0");

ConnectionOptions fastRetries()
{
    ConnectionOptions options;
    options.backoffBaseMs = 5;
    options.backoffCapMs = 50;
    options.pingIntervalMs = 0;
    return options;
}

// Aims `connection` at `url` with `key` and fastRetries().
void aimAt(WebSocketConnection &connection, const QUrl &url, const QString &key = SecretKey)
{
    connection.setUrl(url);
    connection.setApiKey(key);
    connection.setOptions(fastRetries());
}

// Aims `session` at `url` with the secret key and fastRetries().
void aimAt(StreamSession &session, const QUrl &url)
{
    session.setUrl(url);
    session.setApiKey(SecretKey);
    session.setConnectionOptions(fastRetries());
}

int countKind(const ConnectionEventLog &log, ConnectionEventKind kind)
{
    int count = 0;
    for (int row = 0; row < log.eventCount(); ++row)
        count += log.event(row).kind == kind ? 1 : 0;
    return count;
}

// The texts of `name`'s rows of `kind`, oldest first.
QStringList texts(const ConnectionEventLog &log, const QString &name, ConnectionEventKind kind)
{
    QStringList found;
    for (int row = 0; row < log.eventCount(); ++row) {
        if (log.event(row).connection == name && log.event(row).kind == kind)
            found << log.event(row).text;
    }
    return found;
}

// Every string the model can show, plus what a copy puts on the clipboard.
QString allText(const ConnectionEventLog &log)
{
    QStringList texts;
    QList<int> rows;
    for (int row = 0; row < log.rowCount(); ++row) {
        rows << row;
        for (int column = 0; column < log.columnCount(); ++column) {
            texts << log.index(row, column).data(Qt::DisplayRole).toString()
                  << log.index(row, column).data(Qt::ToolTipRole).toString();
        }
    }
    texts << log.toText(rows);
    return texts.join(QLatin1Char('\n'));
}

} // namespace

class TestConnectionEventLog : public QObject
{
    Q_OBJECT

private slots:
    void modelIsConsistentAndBounded();
    void copiesRowsAsTabSeparatedText();
    void registeredSecretsAreMasked();
    // Every registered key is masked whole (the longest first when one contains another), also
    // when echoed percent-encoded.
    void everyKeyMaskedWhole();
    void logsWebSocketConnectionLifecycle();
    void logsStreamSessionLifecycle();
    void logsRefusedKeyAsFailure();
    void logsEitherKindByOneRule();
};

// Under the model tester, the log keeps only the newest `capacity` events, oldest out first.
void TestConnectionEventLog::modelIsConsistentAndBounded()
{
    ConnectionEventLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.setCapacity(10);
    for (int i = 0; i < 25; ++i)
        log.addEvent(QStringLiteral("c"), ConnectionEventKind::Info, QString::number(i));
    QCOMPARE(log.rowCount(), 10);
    QCOMPARE(log.event(0).text, QStringLiteral("15"));
    QCOMPARE(log.event(9).text, QStringLiteral("24"));
    QCOMPARE(log.index(9, ConnectionEventLog::KindColumn).data().toString(),
             QStringLiteral("Info"));
    QCOMPARE(log.index(9, 0).data(ConnectionEventLog::KindRole).toInt(),
             int(ConnectionEventKind::Info));
    log.setCapacity(5);
    QCOMPARE(log.rowCount(), 5);
    QCOMPARE(log.event(0).text, QStringLiteral("20"));
    log.clear();
    QCOMPARE(log.rowCount(), 0);
}

// Copy gives one tab-separated line per row: time, connection, kind, text.
void TestConnectionEventLog::copiesRowsAsTabSeparatedText()
{
    ConnectionEventLog log;
    log.addEvent(ConnectionEvent{0, QStringLiteral("a"), ConnectionEventKind::Opened,
                                 QStringLiteral("one")});
    log.addEvent(ConnectionEvent{0, QStringLiteral("b"), ConnectionEventKind::Closed,
                                 QStringLiteral("two")});
    const QStringList lines = log.toText({0, 1, 7}).split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    const QStringList fields = lines.at(1).split(QLatin1Char('\t'));
    QCOMPARE(fields.size(), 4);
    QCOMPARE(fields.at(0), ConnectionEventLog::formatTime(0));
    QCOMPARE(fields.mid(1),
             (QStringList{QStringLiteral("b"), QStringLiteral("Closed"), QStringLiteral("two")}));
}

// A server that echoes the key back in an error text still never gets it into the log.
void TestConnectionEventLog::registeredSecretsAreMasked()
{
    ConnectionEventLog log;
    log.addSecret(SecretKey);
    log.addEvent(QStringLiteral("s"), ConnectionEventKind::ServerError,
                 QStringLiteral("unknown key %1 for topic").arg(SecretKey));
    QVERIFY(!allText(log).contains(SecretKey));
    QVERIFY(log.event(0).text.startsWith(QStringLiteral("unknown key ")));
}

void TestConnectionEventLog::everyKeyMaskedWhole()
{
    ConnectionEventLog log;
    const QString keychainKey = QStringLiteral("sk-abc");
    const QString environmentKey = QStringLiteral("sk-abc+def/ghi");
    log.addSecret(keychainKey);
    log.addSecret(environmentKey);
    log.addEvent(QStringLiteral("s"), ConnectionEventKind::ServerError,
                 QStringLiteral("bad %1, bad %2, url key=%3")
                     .arg(environmentKey, keychainKey,
                          QString::fromLatin1(QUrl::toPercentEncoding(environmentKey))));
    QCOMPARE(log.event(0).text, QStringLiteral("bad ••••, bad ••••, url key=••••"));
    QCOMPARE(ConnectionEventLog::redacted(QStringLiteral("x sk-abc y"), {QString(), keychainKey}),
             QStringLiteral("x •••• y"));
}

// A real connection to the emulator: opened, then a dropped link gives closed + retry + opened,
// and the key is in no text.
void TestConnectionEventLog::logsWebSocketConnectionLifecycle()
{
    EmulatorServer server(emulatorOptionsAccepting(SecretKey));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    ConnectionEventLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    WebSocketConnection connection;
    aimAt(connection, server.apiUrl());
    log.attach(&connection, QStringLiteral("api"));

    connection.open();
    QTRY_COMPARE(countKind(log, ConnectionEventKind::Opened), 1);
    QCOMPARE(log.event(0).connection, QStringLiteral("api"));
    QVERIFY(log.event(0).text.contains(QString::number(server.port())));

    server.dropAllConnections();
    QTRY_COMPARE(countKind(log, ConnectionEventKind::Opened), 2);
    QCOMPARE(countKind(log, ConnectionEventKind::Closed), 1);
    QVERIFY(countKind(log, ConnectionEventKind::RetryScheduled) >= 1);

    connection.close();
    QTRY_COMPARE(countKind(log, ConnectionEventKind::Closed), 2);
    QVERIFY(!allText(log).contains(SecretKey));

    log.detach(&connection);
    connection.open();
    QTRY_COMPARE(connection.state(), ConnectionState::Connected);
    QCOMPARE(countKind(log, ConnectionEventKind::Opened), 2);
}

// A stream session: opened and re-subscribed after every connect, closed + retry on a drop.
void TestConnectionEventLog::logsStreamSessionLifecycle()
{
    EmulatorServer server(emulatorOptionsAccepting(SecretKey));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    ConnectionEventLog log;
    StreamSession session;
    aimAt(session, server.streamUrl(QStringLiteral("ethereum.blocks")));
    log.attach(&session, QStringLiteral("ethereum.blocks"));

    session.start();
    session.open();
    QTRY_COMPARE(countKind(log, ConnectionEventKind::Resubscribed), 1);
    QCOMPARE(countKind(log, ConnectionEventKind::Opened), 1);

    server.dropAllConnections();
    QTRY_COMPARE(countKind(log, ConnectionEventKind::Resubscribed), 2);
    QCOMPARE(countKind(log, ConnectionEventKind::Opened), 2);
    QCOMPARE(countKind(log, ConnectionEventKind::Closed), 1);
    QVERIFY(countKind(log, ConnectionEventKind::RetryScheduled) >= 1);

    // A frame the server cannot parse comes back as an error frame.
    session.sendRawText(QByteArrayLiteral("{not json"));
    QTRY_COMPARE(countKind(log, ConnectionEventKind::ServerError), 1);
    QVERIFY(!allText(log).contains(SecretKey));
}

// A refused key ends in one Failed row that says why, and no retry.
void TestConnectionEventLog::logsRefusedKeyAsFailure()
{
    EmulatorServer server(emulatorOptionsAccepting(SecretKey));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    ConnectionEventLog log;
    WebSocketConnection connection;
    const QString wrongKey = QStringLiteral("sk-wrong-key-0b9d2c");
    aimAt(connection, server.apiUrl(), wrongKey);
    log.attach(&connection, QStringLiteral("api"));
    connection.open();
    QTRY_COMPARE(countKind(log, ConnectionEventKind::Failed), 1);
    QVERIFY(log.event(log.eventCount() - 1).text.contains(QStringLiteral("invalid API key")));
    QCOMPARE(countKind(log, ConnectionEventKind::RetryScheduled), 0);
    QVERIFY(!allText(log).contains(wrongKey));
}

// One attach takes either kind through ConnectionStatusSource, and both are logged by one rule:
// a drop with its reason as "connection lost: …", the user's disconnect as "closed by the user".
void TestConnectionEventLog::logsEitherKindByOneRule()
{
    EmulatorServer server(emulatorOptionsAccepting(SecretKey));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    ConnectionEventLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    WebSocketConnection connection;
    aimAt(connection, server.apiUrl());
    StreamSession session;
    aimAt(session, server.streamUrl(QStringLiteral("ethereum.blocks")));
    const QList<std::pair<ConnectionStatusSource *, QString>> sources{
        {&connection, QStringLiteral("api")}, {&session, QStringLiteral("stream")}};

    for (const auto &[source, name] : sources) {
        log.attach(source, name);
        source->open();
    }
    for (const auto &[source, name] : sources)
        QTRY_COMPARE(texts(log, name, ConnectionEventKind::Opened).size(), 1);

    server.dropAllConnections();
    for (const auto &[source, name] : sources) {
        QTRY_COMPARE(texts(log, name, ConnectionEventKind::Opened).size(), 2);
        const QStringList closed = texts(log, name, ConnectionEventKind::Closed);
        QCOMPARE(closed.size(), 1);
        QVERIFY2(closed.at(0).startsWith(QStringLiteral("connection lost: the server closed")),
                 qPrintable(closed.at(0)));
        QVERIFY(!texts(log, name, ConnectionEventKind::RetryScheduled).isEmpty());
    }

    for (const auto &[source, name] : sources) {
        QTRY_COMPARE(source->state(), ConnectionState::Connected);
        source->close();
    }
    for (const auto &[source, name] : sources) {
        QTRY_COMPARE(texts(log, name, ConnectionEventKind::Closed).size(), 2);
        QCOMPARE(texts(log, name, ConnectionEventKind::Closed).at(1),
                 QStringLiteral("closed by the user"));
    }
    QVERIFY(!allText(log).contains(SecretKey));
}

QTEST_GUILESS_MAIN(TestConnectionEventLog)
#include "tst_connectioneventlog.moc"
