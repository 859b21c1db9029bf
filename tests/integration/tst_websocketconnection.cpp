// SPDX-License-Identifier: MIT
#include "core/connection/beastwebsockettransport.h"
#include "core/connection/transportkind.h"
#include "core/connection/websocketconnection.h"
#include "core/stream/frameparser.h"
#include "emulator/emulatoroptions.h"
#include "emulator/emulatorserver.h"
#include "support/connectionfixture.h"
#include "support/fastconnectionoptions.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace allium;

namespace {

const QString Topic = QStringLiteral("ethereum.blocks");

QList<ConnectionState> statesOf(const QSignalSpy &spy)
{
    QList<ConnectionState> states;
    for (const QList<QVariant> &arguments : spy)
        states << arguments.at(0).value<ConnectionState>();
    return states;
}

int countOf(const QSignalSpy &spy, ConnectionState state)
{
    return int(statesOf(spy).count(state));
}

} // namespace

// WebSocketConnection against the emulator on loopback: states, key refusal, backoff,
// reconnect, heartbeat, TLS, user close.
class TestWebSocketConnection : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void connectsAndExchangesText();
    void refusedKeyFailsOnceWithoutRetry();
    void refusedHandshakeStatus_data();
    void refusedHandshakeStatus();
    void otherHandshakeStatusIsRetried();
    void reconnectsAfterDrop();
    void backoffGrowsAndGivesUp();
    void stableConnectionResetsAttempts_data();
    void stableConnectionResetsAttempts();
    void msUntilRetryAndReconnectNow();
    void heartbeatDetectsStalledServer();
    void serverCloseIsReconnected();
    void userCloseNeverReconnects();
    void closingAQuietStreamEndsItsTransportAtOnce();
    void handshakeTimeout();
    void tlsWithTrustedCertificate();
    void tlsUntrustedCertificateFails();
    void sendWhileDisconnectedIsRefused();
};

void TestWebSocketConnection::initTestCase()
{
    qRegisterMetaType<ConnectionState>();
}

// open() goes Connecting -> Connected, sends and receives text frames.
void TestWebSocketConnection::connectsAndExchangesText()
{
    EmulatorOptions serverOptions;
    serverOptions.rate = 200;
    ConnectionFixture ws(serverOptions);
    QVERIFY2(ws.listen(Topic), qPrintable(ws.server.errorString()));

    QCOMPARE(ws.connection.state(), ConnectionState::Disconnected);
    ws.connection.open();
    QCOMPARE(ws.connection.state(), ConnectionState::Connecting);
    QVERIFY(ws.spies.opened.wait(5000));
    QCOMPARE(ws.connection.state(), ConnectionState::Connected);
    QCOMPARE(statesOf(ws.spies.states),
             (QList<ConnectionState>{ConnectionState::Connecting, ConnectionState::Connected}));
    QCOMPARE(ws.connection.attempt(), 0);
    QCOMPARE(ws.connection.msUntilRetry(), qint64(-1));

    QVERIFY(ws.connection.sendText(QByteArrayLiteral(R"({"action":"start"})")));
    QTRY_VERIFY_WITH_TIMEOUT(ws.texts.size() >= 3, 5000);
    QVERIFY(ws.texts.at(0).at(0).toString().startsWith(QLatin1Char('{')));
}

// A wrong key is refused at the handshake (HTTP 401): Failed once, the reason says why, the key
// is not in it, and no further attempt is made.
void TestWebSocketConnection::refusedKeyFailsOnceWithoutRetry()
{
    ConnectionFixture ws;
    QVERIFY(ws.listen(Topic));
    const QString wrongKey = QStringLiteral("not-the-key-5f3a");
    ws.connection.setApiKey(wrongKey);
    QSignalSpy serverOpened(&ws.server, &EmulatorServer::connectionOpened);

    ws.connection.open();
    QVERIFY(ws.spies.failed.wait(5000));
    QCOMPARE(ws.connection.state(), ConnectionState::Failed);
    const QString reason = ws.spies.failed.at(0).at(0).toString();
    QVERIFY2(reason.contains(QLatin1String("invalid API key or websocket access not enabled")),
             qPrintable(reason));
    QVERIFY(!reason.contains(wrongKey));
    QCOMPARE(ws.connection.failureReason(), reason);
    QCOMPARE(ws.connection.lastError(), reason);

    // Well past several backoff periods (50, 100, 200 ms): nothing more happens.
    QVERIFY(!ws.spies.states.wait(600));
    QCOMPARE(countOf(ws.spies.states, ConnectionState::Connecting), 1);
    QCOMPARE(ws.spies.scheduled.size(), 0);
    QCOMPARE(serverOpened.size(), 0);
    QCOMPARE(ws.spies.failed.size(), 1);

    // open() is the user's explicit retry: exactly one more attempt.
    ws.connection.open();
    QVERIFY(ws.spies.failed.wait(5000));
    QCOMPARE(countOf(ws.spies.states, ConnectionState::Connecting), 2);
}

// 401 and 403 from any server (a plain HTTP answer on loopback) are a refused key.
void TestWebSocketConnection::refusedHandshakeStatus_data()
{
    QTest::addColumn<QByteArray>("statusLine");
    QTest::addColumn<int>("status");
    QTest::newRow("401") << QByteArray("HTTP/1.1 401 Unauthorized") << 401;
    QTest::newRow("403") << QByteArray("HTTP/1.1 403 Forbidden") << 403;
}

void TestWebSocketConnection::refusedHandshakeStatus()
{
    QFETCH(QByteArray, statusLine);
    QFETCH(int, status);
    QTcpServer http;
    QVERIFY(http.listen(QHostAddress::LocalHost));
    int requests = 0;
    connect(&http, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = http.nextPendingConnection()) {
            ++requests;
            connect(socket, &QTcpSocket::readyRead, socket, [socket, statusLine] {
                if (!socket->readAll().contains("\r\n\r\n"))
                    return;
                socket->write(statusLine + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
                socket->disconnectFromHost();
            });
        }
    });

    WebSocketConnection connection;
    connection.setUrl(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/developer/ws/stream?topic=x")
                               .arg(http.serverPort())));
    connection.setApiKey(QStringLiteral("k"));
    connection.setOptions(fastConnectionOptions());
    QSignalSpy failed(&connection, &WebSocketConnection::failed);
    connection.open();
    QVERIFY(failed.wait(5000));
    QVERIFY(failed.at(0).at(0).toString().contains(QString::number(status)));
    QVERIFY(failed.at(0).at(0).toString().contains(QLatin1String("invalid API key")));
    QVERIFY(!failed.wait(400));
    QCOMPARE(requests, 1);
}

// Other refusals (here 404 for an unknown topic) are retried with backoff, not Failed at once.
void TestWebSocketConnection::otherHandshakeStatusIsRetried()
{
    ConnectionFixture ws;
    QVERIFY(ws.listen(QStringLiteral("no.such_topic")));
    ConnectionOptions options = ws.connection.options();
    options.maxAttempts = 2;
    ws.connection.setOptions(options);
    ws.connection.open();
    QVERIFY(ws.spies.failed.wait(5000));
    QCOMPARE(ws.spies.scheduled.size(), 2);
    const QString reason = ws.spies.failed.at(0).at(0).toString();
    QVERIFY2(reason.contains(QLatin1String("gave up after 2 attempts")), qPrintable(reason));
    QVERIFY2(reason.contains(QLatin1String("HTTP 404")), qPrintable(reason));
}

// A dropped connection (no close frame) goes Reconnecting with attempt 1 and comes back.
void TestWebSocketConnection::reconnectsAfterDrop()
{
    ConnectionFixture ws;
    QVERIFY(ws.listen(Topic));

    QVERIFY(ws.openAndWait());
    ws.server.dropAllConnections();
    QTRY_COMPARE_WITH_TIMEOUT(ws.spies.opened.size(), 2, 5000);
    QCOMPARE(ws.spies.scheduled.size(), 1);
    QCOMPARE(ws.spies.scheduled.at(0).at(0).toInt(), 1);
    QCOMPARE(ws.spies.scheduled.at(0).at(1).toInt(), 100); // 50 * 2^1, no jitter
    QCOMPARE(ws.spies.closed.size(), 1);
    QCOMPARE(statesOf(ws.spies.states),
             (QList<ConnectionState>{ConnectionState::Connecting, ConnectionState::Connected,
                                     ConnectionState::Reconnecting, ConnectionState::Connecting,
                                     ConnectionState::Connected}));
    QCOMPARE(ws.connection.state(), ConnectionState::Connected);
}

// Against a closed port the delays double up to the cap and maxAttempts ends in Failed.
void TestWebSocketConnection::backoffGrowsAndGivesUp()
{
    QTcpServer placeholder;
    QVERIFY(placeholder.listen(QHostAddress::LocalHost));
    const quint16 port = placeholder.serverPort();
    placeholder.close(); // nothing listens there now: connection refused

    WebSocketConnection connection;
    connection.setUrl(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)));
    connection.setApiKey(EmulatorDemoKey);
    ConnectionOptions options = fastConnectionOptions();
    options.backoffBaseMs = 10;
    options.backoffCapMs = 50;
    options.maxAttempts = 4;
    connection.setOptions(options);
    QSignalSpy scheduled(&connection, &WebSocketConnection::reconnectScheduled);
    QSignalSpy failed(&connection, &WebSocketConnection::failed);
    connection.open();
    QVERIFY(failed.wait(5000));
    QList<int> delays;
    for (const QList<QVariant> &arguments : scheduled)
        delays << arguments.at(1).toInt();
    QCOMPARE(delays, (QList<int>{20, 40, 50, 50}));
    const QString reason = failed.at(0).at(0).toString();
    QVERIFY2(reason.contains(QLatin1String("gave up after 4 attempts")), qPrintable(reason));
    QVERIFY2(reason.contains(QLatin1String("connection refused")), qPrintable(reason));
}

// The attempt counter restarts only after a connection held for stableAfterMs.
void TestWebSocketConnection::stableConnectionResetsAttempts_data()
{
    QTest::addColumn<int>("stableAfterMs");
    QTest::addColumn<QList<int>>("expectedAttempts");
    QTest::newRow("never stable") << 60000 << QList<int>{1, 2, 3};
    QTest::newRow("stable at once") << 0 << QList<int>{1, 1, 1};
}

void TestWebSocketConnection::stableConnectionResetsAttempts()
{
    QFETCH(int, stableAfterMs);
    QFETCH(QList<int>, expectedAttempts);
    ConnectionFixture ws;
    QVERIFY(ws.listen(Topic));
    ConnectionOptions options = ws.connection.options();
    options.backoffBaseMs = 5;
    options.stableAfterMs = stableAfterMs;
    ws.connection.setOptions(options);
    ws.connection.open();
    for (int drop = 1; drop <= expectedAttempts.size(); ++drop) {
        QTRY_COMPARE_WITH_TIMEOUT(ws.spies.opened.size(), drop, 5000);
        ws.server.dropAllConnections();
        QTRY_COMPARE_WITH_TIMEOUT(ws.spies.scheduled.size(), drop, 5000);
    }
    QList<int> attempts;
    for (const QList<QVariant> &arguments : ws.spies.scheduled)
        attempts << arguments.at(0).toInt();
    QCOMPARE(attempts, expectedAttempts);
}

// While Reconnecting, msUntilRetry() counts down; reconnectNow() skips the wait.
void TestWebSocketConnection::msUntilRetryAndReconnectNow()
{
    ConnectionFixture ws;
    QVERIFY(ws.listen(Topic));
    ConnectionOptions options = ws.connection.options();
    options.backoffBaseMs = 30000;
    options.backoffCapMs = 60000;
    ws.connection.setOptions(options);
    QVERIFY(ws.openAndWait());
    ws.server.dropAllConnections();
    QTRY_COMPARE_WITH_TIMEOUT(ws.connection.state(), ConnectionState::Reconnecting, 5000);
    QCOMPARE(ws.connection.attempt(), 1);
    const qint64 remaining = ws.connection.msUntilRetry();
    QVERIFY2(remaining > 50000 && remaining <= 60000, qPrintable(QString::number(remaining)));
    ws.connection.reconnectNow();
    QVERIFY(ws.spies.opened.wait(5000));
    QCOMPARE(ws.connection.state(), ConnectionState::Connected);
}

// A server that goes silent and stops answering pings is declared dead and reconnected.
void TestWebSocketConnection::heartbeatDetectsStalledServer()
{
    EmulatorOptions serverOptions;
    serverOptions.rate = 500;
    serverOptions.faults.stallAfterMessages = 5;
    ConnectionFixture ws(serverOptions);
    QVERIFY(ws.listen(Topic));
    ConnectionOptions options = ws.connection.options();
    options.pingIntervalMs = 50;
    options.deadAfterMs = 250;
    ws.connection.setOptions(options);
    connect(&ws.connection, &WebSocketConnection::opened, &ws.connection,
            [&ws] { ws.connection.sendText(QByteArrayLiteral(R"({"action":"start"})")); });

    QVERIFY(ws.openAndWait());
    QTRY_COMPARE_WITH_TIMEOUT(ws.texts.size(), 5, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(ws.spies.scheduled.size(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(ws.spies.opened.size(), 2, 5000);
    // The stall was detected by silence, not by more data.
    QCOMPARE(ws.texts.size() % 5, 0);
}

// A close frame from the server (code 1011) is reported with its code, the retry names the
// code in connectionLost() and lastError() (set before the state turns Reconnecting), and a
// new connection clears lastError().
void TestWebSocketConnection::serverCloseIsReconnected()
{
    EmulatorOptions serverOptions;
    serverOptions.rate = 500;
    serverOptions.faults.closeAfterMessages = 3;
    serverOptions.faults.closeCode = 1011;
    ConnectionFixture ws(serverOptions);
    QVERIFY(ws.listen(Topic));
    QString errorWhenReconnecting;
    connect(&ws.connection, &WebSocketConnection::stateChanged, &ws.connection,
            [&](ConnectionState state) {
                if (state == ConnectionState::Reconnecting && errorWhenReconnecting.isEmpty())
                    errorWhenReconnecting = ws.connection.lastError();
            });
    QStringList errorsWhenOpened;
    connect(&ws.connection, &WebSocketConnection::opened, &ws.connection, [&] {
        errorsWhenOpened << ws.connection.lastError();
        ws.connection.sendText(QByteArrayLiteral(R"({"action":"start"})"));
    });
    QVERIFY(ws.connection.lastError().isEmpty());
    ws.connection.open();
    QTRY_COMPARE_WITH_TIMEOUT(ws.spies.opened.size(), 2, 5000);
    QVERIFY(ws.spies.closed.size() >= 1);
    QCOMPARE(ws.spies.closed.at(0).at(0).toInt(), 1011);
    QVERIFY(ws.spies.lost.size() >= 1);
    const QString reason = ws.spies.lost.at(0).at(0).toString();
    QVERIFY2(reason.contains(QLatin1String("code 1011")), qPrintable(reason));
    QCOMPARE(errorWhenReconnecting, reason);
    QCOMPARE(errorsWhenOpened.mid(0, 2), QStringList({QString(), QString()}));
}

// close() by the user: Disconnected, the server sees the close, nothing reconnects.
void TestWebSocketConnection::userCloseNeverReconnects()
{
    ConnectionFixture ws;
    QVERIFY(ws.listen(Topic));
    QSignalSpy serverClosed(&ws.server, &EmulatorServer::connectionClosed);
    QVERIFY(ws.openAndWait());
    ws.connection.close();
    QCOMPARE(ws.connection.state(), ConnectionState::Disconnected);
    QVERIFY(serverClosed.wait(5000));
    QVERIFY(!ws.spies.states.wait(400));
    QCOMPARE(statesOf(ws.spies.states).last(), ConnectionState::Disconnected);
    QCOMPARE(ws.spies.opened.size(), 1);
    QCOMPARE(ws.server.connectionCount(), 0);
}

// The Beast transport of a stream (text frames go to a FrameParser, read by the transport's own
// loop) that has nothing to read when the user closes: the close frame goes out, the server's
// answer is read and the transport is gone at once, not after the 2 s it gives a server that
// never answers. (Its frame loop waits on the socket meanwhile; Beast's close reads through it.)
void TestWebSocketConnection::closingAQuietStreamEndsItsTransportAtOnce()
{
    if (defaultTransportKind() != TransportKind::Beast)
        QSKIP("a test of the Beast transport");
    EmulatorServer server;
    QVERIFY(server.listen());
    QSignalSpy serverClosed(&server, &EmulatorServer::connectionClosed);
    auto *transport = new BeastWebSocketTransport;
    transport->setFrameProcessorFactory([] {
        return std::make_unique<FrameParser>(std::make_shared<WatchedFields>(),
                                             std::make_shared<SlabPool>());
    });
    QSignalSpy connected(transport, &WebSocketTransport::connected);
    TransportRequest request;
    request.url = server.streamUrl(Topic); // not started: nothing is sent
    request.apiKey = EmulatorDemoKey.toUtf8();
    transport->open(request);
    QVERIFY(connected.wait(5000));
    const QPointer<BeastWebSocketTransport> alive(transport);
    transport->closeAndDispose(1000);
    QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 1000);
    QVERIFY(serverClosed.size() == 1 || serverClosed.wait(5000));
}

// A server that never answers the handshake is given up on after handshakeTimeoutMs.
void TestWebSocketConnection::handshakeTimeout()
{
    EmulatorOptions serverOptions;
    serverOptions.faults.handshakeDelayMs = 3000;
    ConnectionFixture ws(serverOptions);
    QVERIFY(ws.listen(Topic));
    ConnectionOptions options = ws.connection.options();
    options.handshakeTimeoutMs = 200;
    options.maxAttempts = 1;
    ws.connection.setOptions(options);
    QElapsedTimer clock;
    clock.start();
    ws.connection.open();
    QVERIFY(ws.spies.failed.wait(5000));
    const QString reason = ws.spies.failed.at(0).at(0).toString();
    QVERIFY2(reason.contains(QLatin1String("handshake within 200 ms")), qPrintable(reason));
    QVERIFY(clock.elapsed() < 2500);
}

// wss:// with the emulator's self-signed certificate trusted through extraCaCertificates.
void TestWebSocketConnection::tlsWithTrustedCertificate()
{
    EmulatorOptions serverOptions;
    serverOptions.tls = true;
    ConnectionFixture ws(serverOptions);
    QVERIFY2(ws.listen(Topic), qPrintable(ws.server.errorString()));
    QCOMPARE(ws.server.streamUrl(Topic).scheme(), QStringLiteral("wss"));
    ConnectionOptions options = ws.connection.options();
    options.extraCaCertificates = {ws.server.certificate()};
    ws.connection.setOptions(options);
    ws.connection.open();
    QVERIFY2(
        ws.spies.opened.wait(5000),
        qPrintable(ws.spies.failed.isEmpty() ? QString() : ws.spies.failed.at(0).at(0).toString()));
    QCOMPARE(ws.connection.state(), ConnectionState::Connected);
}

// Without trusting it, the certificate is refused and explained, and not retried.
void TestWebSocketConnection::tlsUntrustedCertificateFails()
{
    EmulatorOptions serverOptions;
    serverOptions.tls = true;
    ConnectionFixture ws(serverOptions);
    QVERIFY(ws.listen(Topic));
    ws.connection.open();
    QVERIFY(ws.spies.failed.wait(5000));
    const QString reason = ws.spies.failed.at(0).at(0).toString();
    QVERIFY2(reason.startsWith(QLatin1String("TLS certificate not trusted: ")), qPrintable(reason));
    QCOMPARE(ws.spies.scheduled.size(), 0);
}

// Nothing is queued while not connected.
void TestWebSocketConnection::sendWhileDisconnectedIsRefused()
{
    WebSocketConnection connection;
    QVERIFY(!connection.sendText(QByteArrayLiteral("{}")));
}

QTEST_GUILESS_MAIN(TestWebSocketConnection)
#include "tst_websocketconnection.moc"
