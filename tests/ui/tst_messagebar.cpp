// SPDX-License-Identifier: MIT
#include "core/stream/streamsession.h"
#include "emulator/emulatoroptions.h"
#include "emulator/emulatorserver.h"
#include "support/fastconnectionoptions.h"
#include "ui/stream/streampanel.h"

#include <QSignalSpy>
#include <QTest>

using namespace allium;

// The stream panel's message bar against the emulator: a report of a condition leaves when the
// condition does, so that a fixed problem never stays on screen.
class TestMessageBar : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    // A refused key shows "connection failed"; once the key is fixed and the stream is back,
    // the bar is gone.
    void failureClearsWhenConnectedAgain();
    // A note about where we connect stays while connected and goes when the target changes;
    // an event (a server error) stays until dismissed.
    void lifetimes();

private:
    static EmulatorOptions slowEmulator()
    {
        EmulatorOptions options;
        options.rate = 50;
        return options;
    }

    EmulatorServer m_server{slowEmulator()};
};

void TestMessageBar::initTestCase()
{
    QVERIFY(m_server.listen());
}

void TestMessageBar::failureClearsWhenConnectedAgain()
{
    StreamSession session;
    StreamPanel panel(&session);
    panel.resize(1024, 700);
    panel.show();
    panel.setTopic(QStringLiteral("ethereum.blocks"));
    panel.setConnection(m_server.baseUrl(), QStringLiteral("not-the-key"), fastConnectionOptions());
    QTRY_VERIFY(panel.messageText().contains(QStringLiteral("failed")));
    QCOMPARE(session.state(), ConnectionState::Failed);

    panel.setConnection(m_server.baseUrl(), EmulatorDemoKey, fastConnectionOptions());
    QTRY_COMPARE(session.state(), ConnectionState::Connected);
    QTRY_VERIFY(panel.messageText().isEmpty());
}

void TestMessageBar::lifetimes()
{
    StreamSession session;
    StreamPanel panel(&session);
    panel.show();
    panel.setTopic(QStringLiteral("ethereum.blocks"));
    panel.setConnection(m_server.baseUrl(), EmulatorDemoKey, fastConnectionOptions());
    panel.showMessage(QStringLiteral("No API key saved: showing the built-in emulator."),
                      StreamPanel::MessageLifetime::UntilTargetChanges);
    QTRY_COMPARE(session.state(), ConnectionState::Connected);
    QVERIFY(!panel.messageText().isEmpty()); // connecting does not answer it
    panel.setConnection(m_server.baseUrl(), EmulatorDemoKey, fastConnectionOptions());
    QVERIFY(panel.messageText().isEmpty());

    panel.showMessage(QStringLiteral("The server answered with an error: bad filter"));
    QSignalSpy opened(&session, &StreamSession::opened);
    session.reconnectNow();
    QVERIFY(opened.wait());
    QCOMPARE(session.state(), ConnectionState::Connected);
    QCOMPARE(panel.messageText(), QStringLiteral("The server answered with an error: bad filter"));
}

QTEST_MAIN(TestMessageBar)
#include "tst_messagebar.moc"
