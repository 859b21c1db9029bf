// SPDX-License-Identifier: MIT
#include "core/connection/connectioneventlog.h"
#include "core/connection/connectionstatussource.h"
#include "core/connection/websocketconnection.h"
#include "core/settings/keystore.h"
#include "core/settings/profilestore.h"
#include "core/stream/streamsession.h"
#include "emulator/emulatorserver.h"
#include "support/emulatortesting.h"
#include "ui/connection/connectionstatuswidget.h"
#include "ui/connection/eventlogview.h"
#include "ui/connection/profilebadge.h"
#include "ui/connection/profiledialog.h"
#include "ui/health/healthreadoutwidget.h"
#include "ui/text/plaintext.h"
#include "ui/theme/theme.h"
#include "uitestsupport.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>

using namespace allium;
using namespace allium::uitest;

namespace {

// Distinctive, so that finding it anywhere it must not be cannot happen by accident.
const QString SecretKey = QStringLiteral("sk-widgets-91d4e7a0c3b2");

// An emulator that accepts SecretKey only, and a session on its ethereum.blocks stream that
// presents `key`.
struct BlocksStream
{
    explicit BlocksStream(const QString &key)
        : server(emulatorOptionsAccepting(SecretKey))
    {
        listening = server.listen();
        session.setUrl(server.streamUrl(QStringLiteral("ethereum.blocks")));
        session.setApiKey(key);
    }

    EmulatorServer server;
    StreamSession session;
    bool listening = false;
};

QString statusText(ConnectionStatusWidget &widget)
{
    return widget.findChild<QLabel *>(QStringLiteral("statusLabel"))->text();
}

template <typename T>
T *child(QObject &parent, const char *name)
{
    T *found = parent.findChild<T *>(QLatin1String(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

// Answers the next modal message box with `button` once it shows.
void answerNextMessageBox(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, qApp, [button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box)
            box->button(button)->click();
        else
            answerNextMessageBox(button);
    });
}

} // namespace

class TestConnectionWidgets : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void statusFollowsASessionThroughADrop();
    void statusShowsRefusedKey();
    // A failure too long for the room is elided, with all of it in the label's tooltip.
    void statusElidesLongFailure();
    void statusShowsPongLatencyAndObeysButtons();
    void statusFollowsEitherKindThroughTheInterface();
    void healthShowsCountersAndStaleness();
    void healthShowsWireBytesAndCompression();
    void healthReadoutCopiesEveryValue();
    void profileDialogSwitchesCompressionOff();
    void healthFollowsALiveSession();
    // New values repaint the readout's labels only: no relayout reaches the tab widget around
    // it (which repaints all it holds), and nothing beside the readout repaints.
    void healthUpdatesRepaintOnlyTheReadout();
    // A report changes the values' texts without re-laying out the readout's grid.
    void healthUpdatesLeaveItsGridAlone();
    // Out of view (another tab) nothing ticks; back in view the age is current at once.
    void healthIdlesWhileHidden();
    // A selective filter's slow matches are not a stall; a topic shows its cadence and says it
    // waits for its first message rather than showing an age.
    void healthLearnsTheFilteredCadence();
    void eventLogViewSearchesCopiesAndClears();
    void badgeTellsEmulatorFromAllium_data();
    void badgeTellsEmulatorFromAllium();
    void profileDialogTestsAgainstTheEmulator();
    void profileDialogCreatesDuplicatesDeletes();
    void profileDialogRequiresConsentForCleartext();
    void profileDialogKeysFollowTheProfile();
};

void TestConnectionWidgets::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

// Dropped by the server, the status shows the attempt and a countdown that moves, then
// "Connected" again; "Reconnect now" skips a long wait.
void TestConnectionWidgets::statusFollowsASessionThroughADrop()
{
    BlocksStream stream(SecretKey);
    QVERIFY2(stream.listening, qPrintable(stream.server.errorString()));
    StreamSession &session = stream.session;
    ConnectionOptions options;
    options.backoffBaseMs = 1000; // attempt 1 waits 2 s: long enough to watch it count down
    options.backoffJitter = 0;
    options.stableAfterMs = 0;
    session.setConnectionOptions(options);
    ConnectionStatusWidget status;
    status.setConnectionName(QStringLiteral("ethereum.blocks"));
    status.attach(&session);
    status.resize(520, 28);
    status.show();
    QCOMPARE(statusText(status), QStringLiteral("Disconnected"));
    saveScreenshot(&status, QStringLiteral("status-disconnected"));

    session.start();
    session.open();
    QTRY_COMPARE(statusText(status), QStringLiteral("Connected"));
    saveScreenshot(&status, QStringLiteral("status-connected"));

    stream.server.dropAllConnections();
    QTRY_COMPARE(statusText(status), QStringLiteral("Reconnecting · attempt 1 in 2 s"));
    saveScreenshot(&status, QStringLiteral("status-reconnecting"));
    QVERIFY(child<QToolButton>(status, "reconnectButton")->isVisible());
    QTRY_COMPARE(statusText(status), QStringLiteral("Reconnecting · attempt 1 in 1 s"));
    QTRY_COMPARE_WITH_TIMEOUT(statusText(status), QStringLiteral("Connected"), 6000);
    QVERIFY(!child<QToolButton>(status, "reconnectButton")->isVisible());

    // A long wait, cut short by the user.
    options.backoffBaseMs = 20000;
    session.setConnectionOptions(options);
    session.close();
    QTRY_COMPARE(statusText(status), QStringLiteral("Disconnected"));
    session.open();
    QTRY_COMPARE(statusText(status), QStringLiteral("Connected"));
    stream.server.dropAllConnections();
    QTRY_VERIFY(statusText(status).startsWith(QStringLiteral("Reconnecting · attempt 1 in 3")));
    QSignalSpy reconnectNow(&status, &ConnectionStatusWidget::reconnectNowRequested);
    QTest::mouseClick(child<QToolButton>(status, "reconnectButton"), Qt::LeftButton);
    QCOMPARE(reconnectNow.count(), 1);
    QTRY_COMPARE(statusText(status), QStringLiteral("Connected"));
}

// A refused key: "Failed: invalid API key…", the dot turns red, Connect is offered.
void TestConnectionWidgets::statusShowsRefusedKey()
{
    BlocksStream stream(QStringLiteral("wrong"));
    QVERIFY2(stream.listening, qPrintable(stream.server.errorString()));
    StreamSession &session = stream.session;
    ConnectionStatusWidget status;
    status.attach(&session);
    status.resize(640, 28);
    status.show();
    session.open();
    QTRY_VERIFY(statusText(status).startsWith(QStringLiteral("Failed: invalid API key")));
    QCOMPARE(status.state(), ConnectionState::Failed);
    QCOMPARE(child<QToolButton>(status, "connectButton")->text(), QStringLiteral("Connect"));
    saveScreenshot(&status, QStringLiteral("status-failed"));
}

void TestConnectionWidgets::statusElidesLongFailure()
{
    BlocksStream stream(QStringLiteral("wrong"));
    QVERIFY2(stream.listening, qPrintable(stream.server.errorString()));
    StreamSession &session = stream.session;
    QMainWindow window;
    auto *status = new ConnectionStatusWidget(&window);
    status->attach(&session);
    window.statusBar()->addWidget(status);
    window.statusBar()->addPermanentWidget(new QLabel(QStringLiteral("120 msg/s · 1.2 MB/s")));
    window.resize(480, 200);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    session.open();
    QTRY_COMPARE(status->state(), ConnectionState::Failed);
    const QString full = status->statusText();
    QVERIFY2(full.startsWith(QStringLiteral("Failed: invalid API key")) &&
                 full.contains(QStringLiteral("401")),
             qPrintable(full));
    auto *label = status->findChild<QLabel *>(QStringLiteral("statusLabel"));
    QTRY_VERIFY(label->text().endsWith(QChar(0x2026)));
    QVERIFY(full.startsWith(label->text().chopped(1)));
    QCOMPARE(label->toolTip(), PlainText::toolTip(full));
    QCOMPARE(label->textFormat(), Qt::PlainText);
    QVERIFY(label->geometry().right() <= status->width());
    // Room enough: the whole text, no tooltip needed.
    window.resize(1600, 200);
    QTRY_COMPARE(label->text(), full);
    QVERIFY(label->toolTip().isEmpty());
}

// Attached to a WebSocketConnection, Connected carries the last pong's latency; Disconnect and
// Connect act on the connection.
void TestConnectionWidgets::statusShowsPongLatencyAndObeysButtons()
{
    EmulatorServer server(emulatorOptionsAccepting(SecretKey));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    WebSocketConnection connection;
    connection.setUrl(server.apiUrl());
    connection.setApiKey(SecretKey);
    ConnectionOptions options;
    options.pingIntervalMs = 50;
    connection.setOptions(options);
    ConnectionStatusWidget status;
    status.attach(&connection);
    status.show();
    connection.open();
    const QRegularExpression latency(QStringLiteral("^Connected · \\d+ ms$"));
    QTRY_VERIFY(latency.match(statusText(status)).hasMatch());

    QSignalSpy disconnectRequested(&status, &ConnectionStatusWidget::disconnectRequested);
    auto *connectButton = child<QToolButton>(status, "connectButton");
    QCOMPARE(connectButton->text(), QStringLiteral("Disconnect"));
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QCOMPARE(disconnectRequested.count(), 1);
    QTRY_COMPARE(connection.state(), ConnectionState::Disconnected);
    QCOMPARE(statusText(status), QStringLiteral("Disconnected"));
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QTRY_COMPARE(connection.state(), ConnectionState::Connected);
}

// One attach takes either kind as a ConnectionStatusSource: moved from a live session to an idle
// connection, the widget follows only the connection, its Connect acts on it, and once the
// connection is gone it shows "Not connected".
void TestConnectionWidgets::statusFollowsEitherKindThroughTheInterface()
{
    BlocksStream stream(SecretKey);
    QVERIFY2(stream.listening, qPrintable(stream.server.errorString()));
    StreamSession &session = stream.session;
    auto connection = std::make_unique<WebSocketConnection>();
    connection->setUrl(stream.server.apiUrl());
    connection->setApiKey(SecretKey);
    ConnectionStatusWidget status;
    status.show();
    ConnectionStatusSource *source = &session;
    status.attach(source);
    session.open();
    QTRY_COMPARE(status.state(), ConnectionState::Connected);

    source = connection.get();
    status.attach(source);
    QCOMPARE(statusText(status), QStringLiteral("Disconnected"));
    auto *connectButton = child<QToolButton>(status, "connectButton");
    QCOMPARE(connectButton->text(), QStringLiteral("Connect"));
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QTRY_COMPARE(connection->state(), ConnectionState::Connected);
    QTRY_COMPARE(status.state(), ConnectionState::Connected);

    // The session is no longer followed: its disconnect does not show.
    session.close();
    QTRY_COMPARE(session.state(), ConnectionState::Disconnected);
    QCOMPARE(status.state(), ConnectionState::Connected);
    QVERIFY(statusText(status).startsWith(QStringLiteral("Connected")));

    connection.reset();
    QCOMPARE(statusText(status), QStringLiteral("Not connected"));
    QVERIFY(!connectButton->isEnabled());
}

// Non-zero error counters stand out; a gap longer than 3 × the cadence reads as stalled, but
// not while the stream is stopped.
void TestConnectionWidgets::healthShowsCountersAndStaleness()
{
    qint64 now = 1'800'000'000'000;
    HealthReadoutWidget health;
    health.setClock([&now] { return now; });
    health.setExpectedIntervalMs(2000);
    QCOMPARE(health.staleThresholdMs(), qint64(6000));
    StreamStats stats;
    stats.messages = 1000;
    stats.messagesPerSecond = 12.5;
    stats.bytesPerSecond = 1536;
    stats.drops = 3;
    stats.lastMessageAtMs = now - 2000;
    health.setStats(stats);
    health.setBufferFill(50, 200, 3 * 1024 * 1024);
    health.resize(420, 170);
    health.show();
    QCOMPARE(child<QLabel>(health, "rateValue")->text(), QLocale().toString(12.5, 'f', 1));
    const QRegularExpression kilobytes(QStringLiteral("^1[.,]5 [kK]B/s$"));
    QVERIFY(kilobytes.match(child<QLabel>(health, "byteRateValue")->text()).hasMatch());
    QVERIFY(child<QLabel>(health, "droppedValue")->styleSheet().contains(QStringLiteral("color")));
    QVERIFY(
        !child<QLabel>(health, "parseErrorsValue")->styleSheet().contains(QStringLiteral("color")));
    QVERIFY(child<QLabel>(health, "bufferValue")->text().contains(QStringLiteral("(25 %)")));
    QCOMPARE(child<QLabel>(health, "lastMessageValue")->text(), QStringLiteral("2 s ago"));
    // Binary frames are skipped frames too: counted, shown, told apart in the tooltip.
    StreamStats skipped = stats;
    skipped.parseErrors = 2;
    skipped.binaryFrames = 3;
    health.setStats(skipped);
    QCOMPARE(child<QLabel>(health, "parseErrorsValue")->text(), QStringLiteral("5"));
    QCOMPARE(child<QLabel>(health, "parseErrorsValue")->toolTip(),
             QStringLiteral("2 not JSON objects, 3 binary frames"));
    health.setStats(stats);
    QVERIFY(!health.isStale());
    saveScreenshot(&health, QStringLiteral("health-fresh"));

    now += 10000;
    health.updateStaleness();
    QVERIFY(health.isStale());
    const QString stale = child<QLabel>(health, "lastMessageValue")->text();
    QVERIFY2(stale.startsWith(QStringLiteral("12 s ago")) &&
                 stale.contains(QStringLiteral("stalled")),
             qPrintable(stale));
    saveScreenshot(&health, QStringLiteral("health-stale"));
    health.setPalette(Theme::darkPalette());
    saveScreenshot(&health, QStringLiteral("health-stale-dark"));

    health.setStreaming(false);
    QVERIFY(!health.isStale());
}

// Wired to a live session, the readout shows a rate and a fresh last message.
void TestConnectionWidgets::healthFollowsALiveSession()
{
    EmulatorOptions options = emulatorOptionsAccepting(SecretKey);
    options.rate = 100;
    EmulatorServer server(options);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    StreamSession session;
    // A continuous topic: its rate spans one second (a block topic's spans three blocks).
    session.setUrl(server.streamUrl(QStringLiteral("hyperliquid.fills")));
    session.setApiKey(SecretKey);
    HealthReadoutWidget health;
    health.setExpectedIntervalMs(10);
    connect(&session, &StreamSession::statsChanged, &health, &HealthReadoutWidget::setStats);
    session.start();
    session.open();
    QTRY_VERIFY(QLocale().toDouble(child<QLabel>(health, "rateValue")->text()) > 20);
    QVERIFY(child<QLabel>(health, "lastMessageValue")->text().endsWith(QStringLiteral("ago")));
    QVERIFY(!health.isStale());
}

void TestConnectionWidgets::healthUpdatesRepaintOnlyTheReadout()
{
    qint64 now = 1'800'000'000'000;
    QTabWidget tabs;
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *health = new HealthReadoutWidget;
    health->setClock([&now] { return now; });
    auto *neighbour = new QPushButton(QStringLiteral("Neighbour"));
    layout->addWidget(health);
    layout->addWidget(neighbour);
    tabs.addTab(page, QStringLiteral("Stream"));
    tabs.resize(640, 420);
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));
    uitest::EventCounter layouts(QEvent::LayoutRequest);
    layouts.watch(&tabs);
    layouts.watch(page);
    uitest::EventCounter paints(QEvent::Paint);
    paints.watch(neighbour);
    const auto rate = child<QLabel>(*health, "rateValue");
    StreamStats stats;
    for (int i = 0; i <= 21; ++i) {
        now += 70;
        stats.messages += 1;
        // A new text every time, of the same number of digits: "10.2", "10.9", …
        stats.messagesPerSecond = 10.2 + i * 0.7;
        stats.bytesPerSecond = 20 * 1024 + 50.0 * i;
        stats.lastMessageAtMs = now - 100 - 10 * i;
        health->setStats(stats);
        health->setBufferFill(10000 + 1000 * i, 100000, 20 * 1024 + 100 * i);
        uitest::deliverPostedEvents();
        QCOMPARE(rate->text(), QLocale().toString(stats.messagesPerSecond, 'f', 1));
        if (i == 1) { // the first values give the readout its size: laid out once
            layouts.reset();
            paints.reset();
        }
    }
    QCOMPARE(layouts.count(&tabs), 0);
    QCOMPARE(layouts.count(page), 0);
    QCOMPARE(paints.count(neighbour), 0);
}

void TestConnectionWidgets::healthUpdatesLeaveItsGridAlone()
{
    qint64 now = 1'800'000'000'000;
    HealthReadoutWidget health;
    health.setClock([&now] { return now; });
    health.resize(640, 300);
    health.show();
    QVERIFY(QTest::qWaitForWindowExposed(&health));
    auto *grid = health.findChild<QGridLayout *>();
    QVERIFY(grid);
    uitest::EventCounter layouts(QEvent::LayoutRequest);
    layouts.watch(grid->parentWidget());
    const auto rate = child<QLabel>(health, "rateValue");
    const auto buffer = child<QLabel>(health, "bufferValue");
    StreamStats stats;
    for (int i = 0; i <= 21; ++i) {
        now += 70;
        stats.messages += 1;
        stats.messagesPerSecond = 10.2 + i * 0.7;
        stats.bytesPerSecond = 20 * 1024 + 50.0 * i;
        stats.lastMessageAtMs = now - 100 - 10 * i;
        health.setStats(stats);
        health.setBufferFill(10000 + 1000 * i, 100000, 20 * 1024 + 100 * i);
        uitest::deliverPostedEvents();
        QCOMPARE(rate->text(), QLocale().toString(stats.messagesPerSecond, 'f', 1));
        if (i == 1)
            layouts.reset();
    }
    QCOMPARE(layouts.count(grid->parentWidget()), 0);
    // Every value is still shown whole.
    QVERIFY(buffer->width() >= buffer->sizeHint().width());
    QVERIFY(rate->width() >= rate->sizeHint().width());
}

void TestConnectionWidgets::healthIdlesWhileHidden()
{
    qint64 now = 1'800'000'000'000;
    QTabWidget tabs;
    auto *health = new HealthReadoutWidget;
    health->setClock([&now] { return now; });
    tabs.addTab(health, QStringLiteral("Stream"));
    tabs.addTab(new QWidget, QStringLiteral("Other"));
    tabs.resize(640, 420);
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));
    QVERIFY(!health->isTicking()); // no message yet: no age to move on
    StreamStats stats;
    stats.messages = 1;
    stats.lastMessageAtMs = now;
    health->setStats(stats);
    QVERIFY(health->isTicking());

    tabs.setCurrentIndex(1);
    QVERIFY(!health->isTicking());
    uitest::EventCounter paints(QEvent::Paint);
    paints.watch(health);
    paints.watch(child<QLabel>(*health, "lastMessageValue"));
    now += 3000;
    health->setStats(stats);
    uitest::deliverPostedEvents();
    QVERIFY(!health->isTicking());
    QCOMPARE(paints.count(health), 0);

    tabs.setCurrentIndex(0);
    QVERIFY(health->isTicking());
    QCOMPARE(child<QLabel>(*health, "lastMessageValue")->text(), QStringLiteral("3 s ago"));
}

void TestConnectionWidgets::healthLearnsTheFilteredCadence()
{
    qint64 now = 1'800'000'000'000;
    HealthReadoutWidget health;
    health.setClock([&now] { return now; });
    const auto lastMessage = [&health] {
        return child<QLabel>(health, "lastMessageValue")->text();
    };

    health.setTopic(QStringLiteral("bitcoin.blocks"));
    QCOMPARE(lastMessage(), QStringLiteral("waiting for the first message · next Bitcoin block ≈ "
                                           "10 min"));

    // A message every 60 ms on average, but a block's transactions arrive together every 12 s:
    // ten seconds after a block is normal, not a stall.
    health.setTopic(QStringLiteral("ethereum.transactions"));
    const QString cadence = QStringLiteral(" · next Ethereum block ≈ 12 s");
    QCOMPARE(lastMessage(), QStringLiteral("waiting for the first message") + cadence);
    StreamStats stats;
    stats.messages = 500;
    stats.lastMessageAtMs = now;
    health.setStats(stats);
    QCOMPARE(lastMessage(), QStringLiteral("0 ms ago") + cadence);
    health.setStreaming(true);
    now += 10000;
    health.updateStaleness();
    QVERIFY(!health.isStale());
    QCOMPARE(lastMessage(), QStringLiteral("10 s ago") + cadence);
    now -= 10000;

    // A selective filter: the first match takes 20 s.
    const qint64 applied = now;
    health.setFilterActive(true);
    now += 10000;
    health.updateStaleness();
    QVERIFY(!health.isStale());
    QCOMPARE(lastMessage(), QStringLiteral("waiting for the first matching message") + cadence);
    now = applied + 20000;
    stats.messages = 501;
    stats.lastMessageAtMs = now;
    health.setStats(stats);
    QCOMPARE(health.effectiveIntervalMs(), qint64(20000));
    // 28 s later: slow for the topic, normal for this filter.
    now += 28000;
    health.updateStaleness();
    QVERIFY(!health.isStale());
    QCOMPARE(lastMessage(), QStringLiteral("28 s ago") + cadence);
    // Three times the learned pace: now it reads as stalled, against the filter's cadence.
    now += 33000;
    health.updateStaleness();
    QVERIFY(health.isStale());
    QVERIFY2(lastMessage().contains(QStringLiteral("stalled? (matches expected every 20 s)")),
             qPrintable(lastMessage()));

    // Clearing the filter judges against the topic again.
    health.setFilterActive(false);
    stats.messages = 502;
    stats.lastMessageAtMs = now;
    health.setStats(stats);
    QCOMPARE(health.effectiveIntervalMs(), qint64(12000));
}

// The view lists the session's events, its search narrows them, Copy puts the shown rows on
// the clipboard (without the key) and Clear empties the log.
void TestConnectionWidgets::eventLogViewSearchesCopiesAndClears()
{
    EmulatorServer server(emulatorOptionsAccepting(SecretKey));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    StreamSession session;
    configureSession(session, server, QStringLiteral("ethereum.blocks"), SecretKey, 5);
    ConnectionEventLog log;
    log.attach(&session, QStringLiteral("ethereum.blocks"));
    EventLogView view;
    view.setLog(&log);
    view.resize(760, 260);
    view.show();

    session.start();
    session.open();
    QTRY_COMPARE(view.visibleRowCount(), 2); // opened, re-subscribed
    server.dropAllConnections();
    QTRY_VERIFY(view.visibleRowCount() >= 6); // + closed, retry, opened, re-subscribed
    session.sendRawText(QByteArrayLiteral("{not json"));
    QTRY_VERIFY(view.visibleRowCount() >= 7);
    saveScreenshot(&view, QStringLiteral("eventlog"));
    view.setPalette(Theme::darkPalette());
    saveScreenshot(&view, QStringLiteral("eventlog-dark"));

    QTest::keyClicks(child<QLineEdit>(view, "searchEdit"), QStringLiteral("retry"));
    QTRY_VERIFY(view.visibleRowCount() >= 1);
    QVERIFY(view.visibleRowCount() < log.rowCount());
    QTest::mouseClick(child<QToolButton>(view, "copyButton"), Qt::LeftButton);
    const QString copied = QApplication::clipboard()->text();
    QCOMPARE(copied.count(QLatin1Char('\n')) + 1, view.visibleRowCount());
    QVERIFY(copied.contains(QStringLiteral("Retry scheduled")));
    QVERIFY(!copied.contains(SecretKey));
    // With one row selected, Copy takes that row and Copy all every shown one.
    child<QLineEdit>(view, "searchEdit")->clear();
    QTRY_COMPARE(view.visibleRowCount(), log.rowCount());
    QTableView *table = view.table();
    const QRect firstRow = table->visualRect(table->model()->index(0, 1));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, firstRow.center());
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    QTest::mouseClick(child<QToolButton>(view, "copyButton"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text().count(QLatin1Char('\n')), 0);
    QTest::mouseClick(child<QToolButton>(view, "copyAllButton"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text().count(QLatin1Char('\n')) + 1,
             view.visibleRowCount());

    QTest::mouseClick(child<QToolButton>(view, "clearButton"), Qt::LeftButton);
    QCOMPARE(log.rowCount(), 0);
    QCOMPARE(view.visibleRowCount(), 0);
}

// Loopback and the embedded emulator read "Local emulator"; *.allium.so reads "Allium".
void TestConnectionWidgets::badgeTellsEmulatorFromAllium_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("embedded");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("text");
    const int local = int(ProfileBadge::Kind::LocalEmulator);
    QTest::newRow("allium") << QStringLiteral("wss://api.allium.so") << false
                            << int(ProfileBadge::Kind::Allium) << QStringLiteral("Allium");
    QTest::newRow("127.0.0.1") << QStringLiteral("ws://127.0.0.1:8765") << false << local
                               << QStringLiteral("Local emulator");
    QTest::newRow("::1") << QStringLiteral("ws://[::1]:8765") << false << local
                         << QStringLiteral("Local emulator");
    QTest::newRow("localhost") << QStringLiteral("ws://localhost:1") << false << local
                               << QStringLiteral("Local emulator");
    QTest::newRow("embedded") << QString() << true << local << QStringLiteral("Local emulator");
    QTest::newRow("look-alike") << QStringLiteral("wss://allium.so.example.com") << false
                                << int(ProfileBadge::Kind::Other)
                                << QStringLiteral("allium.so.example.com");
}

void TestConnectionWidgets::badgeTellsEmulatorFromAllium()
{
    QFETCH(QString, url);
    QFETCH(bool, embedded);
    QFETCH(int, kind);
    QFETCH(QString, text);
    ConnectionProfile profile(QStringLiteral("p"), QUrl(url));
    profile.setEmbeddedEmulator(embedded);
    ProfileBadge badge;
    badge.setProfile(profile);
    QCOMPARE(int(badge.kind()), kind);
    QCOMPARE(badge.text(), text);
}

// Bytes on the wire against bytes decoded: the ratio and "compressed" when permessage-deflate is
// on, and a plain "not compressed" when it is not.
void TestConnectionWidgets::healthShowsWireBytesAndCompression()
{
    HealthReadoutWidget health;
    StreamStats stats;
    stats.traffic.wireBytesIn = 1000 * 1000;
    stats.traffic.decodedBytesIn = 5 * 1000 * 1000;
    stats.traffic.compression = true;
    health.setStats(stats);
    auto *wire = child<QLabel>(health, "wireValue");
    QVERIFY2(wire->text().contains(QLocale().toString(5.0, 'f', 1) + QStringLiteral("× smaller")) &&
                 wire->text().endsWith(QStringLiteral(", compressed)")),
             qPrintable(wire->text()));
    QVERIFY(wire->toolTip().contains(QStringLiteral("compressed with permessage-deflate")));
    QVERIFY(wire->toolTip().contains(HealthReadoutWidget::humanBytes(5 * 1000 * 1000)));
    stats.traffic.compression = false;
    stats.traffic.decodedBytesIn = stats.traffic.wireBytesIn;
    health.setStats(stats);
    QVERIFY2(wire->text().endsWith(QStringLiteral("(not compressed)")), qPrintable(wire->text()));
    QVERIFY(!wire->text().contains(QStringLiteral("smaller")));
}

// The values are plain labels (cheap to update); the context menu's "Copy readout" puts every
// caption and value on the clipboard instead, one row a line.
void TestConnectionWidgets::healthReadoutCopiesEveryValue()
{
    HealthReadoutWidget health;
    StreamStats stats;
    stats.messages = 1234;
    stats.reconnects = 3;
    health.setStats(stats);
    auto *copy = health.findChild<QAction *>(QStringLiteral("copyReadoutAction"));
    QVERIFY(copy);
    QCOMPARE(health.contextMenuPolicy(), Qt::ActionsContextMenu);
    QVERIFY(health.actions().contains(copy));
    QGuiApplication::clipboard()->clear();
    copy->trigger();
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY2(copied.contains(QStringLiteral("Reconnects: 3")), qPrintable(copied));
    QVERIFY2(copied.contains(QStringLiteral("Messages/s: ")), qPrintable(copied));
    QVERIFY(copied.split(QLatin1Char('\n')).size() >= 8);
}

// The profile's "Offer compression" box is saved with the profile and read back.
void TestConnectionWidgets::profileDialogSwitchesCompressionOff()
{
    QTemporaryDir dir;
    const QString settingsFile = dir.filePath(QStringLiteral("profiles.ini"));
    ProfileStore store(settingsFile);
    QVERIFY(store.create(ConnectionProfile(QStringLiteral("Remote"),
                                           QUrl(QStringLiteral("wss://example.invalid")))));
    QVERIFY(store.profile(QStringLiteral("Remote")).options().compression);
    KeyStore keys;
    keys.setKeychainEnabled(false);
    ProfileDialog dialog(&store, &keys);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.selectProfile(QStringLiteral("Remote"));
    auto *compression = child<QCheckBox>(dialog, "compressionCheck");
    QVERIFY(compression->isChecked());
    QTest::mouseClick(compression, Qt::LeftButton, {}, QPoint(8, compression->height() / 2));
    QVERIFY(!compression->isChecked());
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QVERIFY2(!store.profile(QStringLiteral("Remote")).options().compression,
             qPrintable(child<QLabel>(dialog, "errorLabel")->text()));
    ProfileStore reread(settingsFile);
    QVERIFY(!reread.profile(QStringLiteral("Remote")).options().compression);
}

// Test connection reaches the emulator with the typed key and reports refusal of a wrong one;
// the key goes to the KeyStore and never into the settings file.
void TestConnectionWidgets::profileDialogTestsAgainstTheEmulator()
{
    EmulatorServer server(emulatorOptionsAccepting(SecretKey));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    QTemporaryDir dir;
    const QString settingsFile = dir.filePath(QStringLiteral("profiles.ini"));
    ProfileStore store(settingsFile);
    QVERIFY(store.create(ConnectionProfile(QStringLiteral("Emulator test"), server.baseUrl())));
    KeyStore keys;
    keys.setKeychainEnabled(false);
    ProfileDialog dialog(&store, &keys);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.currentProfileName(), QStringLiteral("Emulator test"));
    QCOMPARE(child<ProfileBadge>(dialog, "profileBadge")->kind(),
             ProfileBadge::Kind::LocalEmulator);

    auto *keyEdit = child<QLineEdit>(dialog, "keyEdit");
    QCOMPARE(keyEdit->echoMode(), QLineEdit::Password);
    QTest::keyClicks(keyEdit, SecretKey);
    child<QAction>(dialog, "showKeyAction")->trigger();
    QCOMPARE(keyEdit->echoMode(), QLineEdit::Normal);
    child<QAction>(dialog, "showKeyAction")->trigger();
    QCOMPARE(keyEdit->echoMode(), QLineEdit::Password);

    QSignalSpy saved(&dialog, &ProfileDialog::profileSaved);
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QCOMPARE(saved.count(), 1);
    QTRY_VERIFY(
        child<QLabel>(dialog, "keyStatusLabel")->text().contains(QStringLiteral("session only")));
    QVERIFY(keys.hasSessionKey(store.profile(QStringLiteral("Emulator test")).keyReference()));

    QSignalSpy tested(&dialog, &ProfileDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(dialog, "testButton"), Qt::LeftButton);
    QVERIFY(tested.wait(10000));
    QCOMPARE(tested.at(0).at(0).toBool(), true);
    QVERIFY(child<QLabel>(dialog, "testResultLabel")
                ->text()
                .startsWith(QStringLiteral("Connected in ")));
    saveScreenshot(&dialog, QStringLiteral("profiledialog"));

    keyEdit->selectAll();
    QTest::keyClicks(keyEdit, QStringLiteral("sk-not-this-one"));
    QTest::mouseClick(child<QPushButton>(dialog, "testButton"), Qt::LeftButton);
    QVERIFY(tested.wait(10000));
    QCOMPARE(tested.at(1).at(0).toBool(), false);
    const QString refusal = child<QLabel>(dialog, "testResultLabel")->text();
    QVERIFY2(refusal.startsWith(QStringLiteral("Refused: invalid API key")), qPrintable(refusal));
    dialog.setPalette(Theme::darkPalette());
    saveScreenshot(&dialog, QStringLiteral("profiledialog-dark"));

    // Nothing anywhere on disk holds the key.
    QFile file(settingsFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray settings = file.readAll();
    QVERIFY(settings.contains("Emulator test"));
    QVERIFY(!settings.contains(SecretKey.toUtf8()));
}

// New, rename, Duplicate and Delete (confirmed) act on the store.
void TestConnectionWidgets::profileDialogCreatesDuplicatesDeletes()
{
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(QStringLiteral("profiles.ini")));
    KeyStore keys;
    keys.setKeychainEnabled(false);
    ProfileDialog dialog(&store, &keys);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *list = child<QListWidget>(dialog, "profileList");
    QCOMPARE(list->count(), 0);

    QTest::mouseClick(child<QPushButton>(dialog, "newButton"), Qt::LeftButton);
    QCOMPARE(store.names(), QStringList{QStringLiteral("New profile")});
    auto *nameEdit = child<QLineEdit>(dialog, "nameEdit");
    nameEdit->selectAll();
    QTest::keyClicks(nameEdit, QStringLiteral("Staging"));
    auto *urlEdit = child<QLineEdit>(dialog, "baseUrlEdit");
    urlEdit->selectAll();
    QTest::keyClicks(urlEdit, QStringLiteral("ws://127.0.0.1:9"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QCOMPARE(store.names(), QStringList{QStringLiteral("Staging")});
    QCOMPARE(store.profile(QStringLiteral("Staging")).baseUrl(),
             QUrl(QStringLiteral("ws://127.0.0.1:9")));
    QCOMPARE(list->currentItem()->text(), QStringLiteral("Staging"));

    // An invalid URL is refused with a reason, not saved.
    urlEdit->selectAll();
    QTest::keyClicks(urlEdit, QStringLiteral("http://x"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QVERIFY(child<QLabel>(dialog, "errorLabel")->text().startsWith(QStringLiteral("Not saved")));
    QCOMPARE(store.profile(QStringLiteral("Staging")).baseUrl(),
             QUrl(QStringLiteral("ws://127.0.0.1:9")));
    urlEdit->selectAll();
    QTest::keyClicks(urlEdit, QStringLiteral("ws://127.0.0.1:9"));

    QTest::mouseClick(child<QPushButton>(dialog, "duplicateButton"), Qt::LeftButton);
    QCOMPARE(store.names().size(), 2);
    QCOMPARE(dialog.currentProfileName(), QStringLiteral("Staging (copy)"));

    answerNextMessageBox(QMessageBox::Yes);
    QTest::mouseClick(child<QPushButton>(dialog, "deleteButton"), Qt::LeftButton);
    QCOMPARE(store.names(), QStringList{QStringLiteral("Staging")});
    QCOMPARE(list->count(), 1);
    QCOMPARE(dialog.currentProfileName(), QStringLiteral("Staging"));
}

// ws:// to another machine: the dialog explains the refusal, refuses to save or test (no key
// is sent), and accepts it once "Allow unencrypted ws://" is ticked, with a warning that stays.
void TestConnectionWidgets::profileDialogRequiresConsentForCleartext()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("profiles.ini"));
    ProfileStore store(file);
    QVERIFY(store.create(
        ConnectionProfile(QStringLiteral("Lab"), QUrl(QStringLiteral("ws://127.0.0.1:9")))));
    QVERIFY(store.create(ConnectionProfile::embeddedEmulator(QStringLiteral("Local"))));
    KeyStore keys;
    keys.setKeychainEnabled(false);
    ProfileDialog dialog(&store, &keys);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.selectProfile(QStringLiteral("Lab"));
    auto *check = child<QCheckBox>(dialog, "allowInsecureCheck");
    auto *note = child<QLabel>(dialog, "transportLabel");
    QCOMPARE(check->text(),
             QStringLiteral("Allow unencrypted ws:// (the key is sent in clear text)"));
    QVERIFY(!check->isChecked());
    QVERIFY(!note->isVisible()); // loopback needs no consent

    auto *urlEdit = child<QLineEdit>(dialog, "baseUrlEdit");
    urlEdit->selectAll();
    QTest::keyClicks(urlEdit, QStringLiteral("ws://203.0.113.1:9"));
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("clear text")), qPrintable(note->text()));
    QCOMPARE(note->textFormat(), Qt::PlainText);
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QVERIFY(child<QLabel>(dialog, "errorLabel")->text().startsWith(QStringLiteral("Not saved")));
    QCOMPARE(store.profile(QStringLiteral("Lab")).baseUrl(),
             QUrl(QStringLiteral("ws://127.0.0.1:9")));
    // Testing would send the key: refused the same way, without connecting.
    QSignalSpy tested(&dialog, &ProfileDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(dialog, "testButton"), Qt::LeftButton);
    QCOMPARE(tested.count(), 1);
    QCOMPARE(tested.at(0).at(0).toBool(), false);
    QVERIFY(tested.at(0).at(1).toString().startsWith(QStringLiteral("Cannot test")));

    QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(4, check->height() / 2));
    QVERIFY(check->isChecked());
    QVERIFY(note->text().startsWith(QStringLiteral("Warning")));
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QVERIFY(child<QLabel>(dialog, "errorLabel")->text().isEmpty());
    const ConnectionProfile saved = ProfileStore(file).profile(QStringLiteral("Lab"));
    QCOMPARE(saved.baseUrl(), QUrl(QStringLiteral("ws://203.0.113.1:9")));
    QVERIFY(saved.allowsInsecureTransport());

    // The embedded emulator has no URL to consent to.
    dialog.selectProfile(QStringLiteral("Local"));
    QVERIFY(!check->isEnabled());
    QVERIFY(!note->isVisible());
}

// Keys follow the profile, not its name: a rename keeps the key, a duplicate gets a copy in
// its own entry, and a profile created under a deleted one's name starts without a key.
void TestConnectionWidgets::profileDialogKeysFollowTheProfile()
{
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(QStringLiteral("profiles.ini")));
    QVERIFY(store.create(ConnectionProfile(QStringLiteral("Work"))));
    QVERIFY(store.create(ConnectionProfile(QStringLiteral("Other"))));
    KeyStore keys;
    keys.setKeychainEnabled(false);
    ProfileDialog dialog(&store, &keys);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.selectProfile(QStringLiteral("Work"));
    auto *keyEdit = child<QLineEdit>(dialog, "keyEdit");
    auto *nameEdit = child<QLineEdit>(dialog, "nameEdit");
    auto *keyStatus = child<QLabel>(dialog, "keyStatusLabel");
    QTRY_COMPARE(keyStatus->text(), QStringLiteral("No key saved"));
    QTest::keyClicks(keyEdit, SecretKey);
    QSignalSpy keySaved(&dialog, &ProfileDialog::keySaved);
    nameEdit->selectAll();
    QTest::keyClicks(nameEdit, QStringLiteral("Job")); // rename and key in one save
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QVERIFY(keySaved.count() == 1 || keySaved.wait(5000));
    QCOMPARE(store.names(), (QStringList{QStringLiteral("Job"), QStringLiteral("Other")}));

    // Away and back: the renamed profile still has its key.
    dialog.selectProfile(QStringLiteral("Other"));
    QTRY_COMPARE(keyStatus->text(), QStringLiteral("No key saved"));
    QVERIFY(keyEdit->text().isEmpty());
    dialog.selectProfile(QStringLiteral("Job"));
    QTRY_COMPARE(keyEdit->text(), SecretKey);
    nameEdit->selectAll();
    QTest::keyClicks(nameEdit, QStringLiteral("Work"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QCOMPARE(store.names(), (QStringList{QStringLiteral("Work"), QStringLiteral("Other")}));

    // Duplicate: the copy has the key, in an entry of its own.
    QSignalSpy copied(&dialog, &ProfileDialog::keyCopied);
    QTest::mouseClick(child<QPushButton>(dialog, "duplicateButton"), Qt::LeftButton);
    QVERIFY(copied.wait(5000));
    QCOMPARE(copied.at(0).at(0).toString(), QStringLiteral("Work (copy)"));
    const QString copyReference = store.profile(QStringLiteral("Work (copy)")).keyReference();
    QVERIFY(copyReference != store.profile(QStringLiteral("Work")).keyReference());
    QVERIFY(keys.hasSessionKey(copyReference));

    // Delete "Work" and make a new profile called "Work": it has no key.
    const QString oldReference = store.profile(QStringLiteral("Work")).keyReference();
    dialog.selectProfile(QStringLiteral("Work"));
    answerNextMessageBox(QMessageBox::Yes);
    QTest::mouseClick(child<QPushButton>(dialog, "deleteButton"), Qt::LeftButton);
    QVERIFY(!store.contains(QStringLiteral("Work")));
    QTRY_VERIFY(!keys.hasSessionKey(oldReference)); // the key went with it
    QVERIFY(keys.hasSessionKey(copyReference));     // the copy keeps its own
    QTest::mouseClick(child<QPushButton>(dialog, "newButton"), Qt::LeftButton);
    nameEdit->selectAll();
    QTest::keyClicks(nameEdit, QStringLiteral("Work"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QVERIFY(store.contains(QStringLiteral("Work")));
    dialog.selectProfile(QStringLiteral("Other"));
    dialog.selectProfile(QStringLiteral("Work"));
    QTRY_COMPARE(keyStatus->text(), QStringLiteral("No key saved"));
    QVERIFY(keyEdit->text().isEmpty());
}

QTEST_MAIN(TestConnectionWidgets)
#include "tst_connectionwidgets.moc"
