// SPDX-License-Identifier: MIT
#include "emulator/emulatorserver.h"
#include "support/emulatortesting.h"
#include "support/testwebsocketclient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace allium;

namespace {

std::unique_ptr<EmulatorServer> startServer(const EmulatorFaults &faults, qint64 firehose = 0)
{
    EmulatorOptions options;
    options.rate = 500;
    options.firehoseCount = firehose;
    options.faults = faults;
    return startEmulator(options);
}

bool parses(const QString &text)
{
    QJsonParseError error;
    QJsonDocument::fromJson(text.toUtf8(), &error);
    return error.error == QJsonParseError::NoError;
}

void openAndStart(TestWebSocketClient &client, const EmulatorServer &server,
                  const QString &topic = QStringLiteral("ethereum.blocks"))
{
    QVERIFY(client.connectTo(server.streamUrl(topic)));
    client.sendText(QStringLiteral("{\"action\":\"start\"}"));
}

} // namespace

/// Each injected fault, as a client observes it.
class TestEmulatorFaults : public QObject
{
    Q_OBJECT
private slots:
    void dropAfterAbortsWithoutCloseFrame_data();
    void dropAfterAbortsWithoutCloseFrame();
    void malformedEveryBreaksEveryNthFrame();
    void stallAfterStopsMessagesAndPongs();
    void closeAfterClosesWithTheCode_data();
    void closeAfterClosesWithTheCode();
    void handshakeDelayHoldsTheHandshake();
    void setFaultsAffectsOnlyNewConnections();
};

void TestEmulatorFaults::dropAfterAbortsWithoutCloseFrame_data()
{
    QTest::addColumn<qint64>("firehose");
    QTest::newRow("cadence") << qint64(0);
    QTest::newRow("firehose") << qint64(100000);
}

// dropAfterMessages N: the client gets exactly N messages, then the TCP connection ends with no
// close frame (Qt reports RemoteHostClosedError and no close code).
void TestEmulatorFaults::dropAfterAbortsWithoutCloseFrame()
{
    QFETCH(qint64, firehose);
    EmulatorFaults faults;
    faults.dropAfterMessages = 50;
    const auto server = startServer(faults, firehose);
    TestWebSocketClient client;
    openAndStart(client, *server);
    QVERIFY(client.waitDisconnected());
    QCOMPARE(client.messages().size(), 50);
    QVERIFY(client.errors().contains(QAbstractSocket::RemoteHostClosedError));
    QCOMPARE(client.socket()->closeReason(), QString());
    QTRY_COMPARE(server->connectionCount(), 0);
}

// malformedEvery N: frames N, 2N, … are truncated JSON; the others are whole messages.
void TestEmulatorFaults::malformedEveryBreaksEveryNthFrame()
{
    EmulatorFaults faults;
    faults.malformedEvery = 3;
    const auto server = startServer(faults);
    TestWebSocketClient client;
    openAndStart(client, *server);
    QVERIFY(client.waitForMessages(9));
    for (int i = 0; i < 9; ++i) {
        const bool broken = (i + 1) % 3 == 0;
        QVERIFY2(parses(client.messages().at(i)) != broken, qPrintable(client.messages().at(i)));
    }
    QVERIFY(client.isConnected());
}

// stallAfterMessages N: after N messages the server sends nothing and answers no ping, while
// the TCP connection stays up, so only a heartbeat can tell.
void TestEmulatorFaults::stallAfterStopsMessagesAndPongs()
{
    EmulatorFaults faults;
    faults.stallAfterMessages = 3;
    const auto server = startServer(faults);
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks"))));
    client.socket()->ping();
    QVERIFY(client.waitForPongs(1)); // the control: pongs work before the stall

    client.sendText(QStringLiteral("{\"action\":\"start\"}"));
    QVERIFY(client.waitForMessages(3));
    client.socket()->ping();
    client.sendText(QStringLiteral("{\"action\":\"nope\"}"));
    // Absence can only be shown by waiting: a healthy server answers both within milliseconds.
    QVERIFY(!client.waitForPongs(2, 1000));
    QCOMPARE(client.messages().size(), 3);
    QVERIFY(client.isConnected());
    QCOMPARE(server->connectionCount(), 1);
}

void TestEmulatorFaults::closeAfterClosesWithTheCode_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("expected");
    QTest::newRow("default 1011") << 0 << 1011;
    QTest::newRow("application 4000") << 4000 << 4000;
    QTest::newRow("policy 1008") << 1008 << 1008;
}

// closeAfterMessages N: after N messages a close frame with the configured code (1011 unless
// told otherwise).
void TestEmulatorFaults::closeAfterClosesWithTheCode()
{
    QFETCH(int, code);
    QFETCH(int, expected);
    EmulatorFaults faults;
    faults.closeAfterMessages = 4;
    faults.closeCode = code;
    const auto server = startServer(faults);
    TestWebSocketClient client;
    openAndStart(client, *server);
    QVERIFY(client.waitDisconnected());
    QCOMPARE(client.messages().size(), 4);
    QCOMPARE(client.closeCode(), expected);
    QVERIFY(client.errors().isEmpty());
}

// handshakeDelayMs: the server holds the TCP connection unanswered for the delay, then upgrades.
void TestEmulatorFaults::handshakeDelayHoldsTheHandshake()
{
    EmulatorFaults faults;
    faults.handshakeDelayMs = 600;
    const auto server = startServer(faults);
    TestWebSocketClient client;
    QElapsedTimer clock;
    clock.start();
    client.open(server->apiUrl(), EmulatorDemoKey);
    // The request has reached the server, which holds it: not upgraded, client still waiting.
    QTRY_COMPARE(server->pendingHandshakeCount(), 1);
    QCOMPARE(client.socket()->state(), QAbstractSocket::ConnectingState);
    QCOMPARE(server->connectionCount(), 0);
    QVERIFY(client.waitConnected());
    QVERIFY2(clock.elapsed() >= 600, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(server->pendingHandshakeCount(), 0);
}

// setFaults changes connections opened afterwards; open ones keep the faults they began with.
void TestEmulatorFaults::setFaultsAffectsOnlyNewConnections()
{
    const auto server = startServer({});
    TestWebSocketClient before;
    openAndStart(before, *server);
    QVERIFY(before.waitForMessages(1));

    EmulatorFaults faults;
    faults.closeAfterMessages = 2;
    faults.closeCode = 4001;
    server->setFaults(faults);
    QCOMPARE(server->options().faults.closeAfterMessages, 2);
    TestWebSocketClient after;
    openAndStart(after, *server);
    QVERIFY(after.waitDisconnected());
    QCOMPARE(after.closeCode(), 4001);
    QVERIFY(before.waitForMessages(int(before.messages().size()) + 5));
    QVERIFY(before.isConnected());
}

QTEST_GUILESS_MAIN(TestEmulatorFaults)
#include "tst_emulatorfaults.moc"
