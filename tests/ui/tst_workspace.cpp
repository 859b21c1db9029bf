// SPDX-License-Identifier: MIT
#include "core/connection/connectioneventlog.h"
#include "core/settings/appsettings.h"
#include "core/stream/streamsession.h"
#include "core/table/messagetablemodel.h"
#include "core/workspace/historybudget.h"
#include "core/workspace/streamactivity.h"
#include "core/workspace/streamoverviewmodel.h"
#include "core/workspace/streamworkspace.h"
#include "emulator/embeddedemulator.h"
#include "ui/filter/filtereditorpanel.h"
#include "ui/stream/streamtablepanel.h"
#include "ui/text/plaintooltipfilter.h"
#include "ui/workspace/livetabwidget.h"
#include "ui/workspace/streamoverviewwidget.h"
#include "ui/workspace/streamworkspaceview.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace allium;
using namespace allium::uitest;

namespace {

constexpr double EmulatorRate = 60;
constexpr int Timeout = 8000;

Filter valueFilter()
{
    return Filter::parse(
               QByteArray(R"({"field":"value","operator":">","value":"100000000000000000"})"))
        .filter;
}

} // namespace

// Several streams at once, driven like a user: open, close, duplicate, split, the overview,
// the memory budget, the saved workspace and the command line.
class TestWorkspace : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    // Ctrl+T opens an empty stream with its topic search focused; a topic starts it.
    void newStreamByKeyboard();
    // The "+" button, a double-click on the empty tab row and a middle click (or the context
    // menu) on a topic open streams too.
    void newStreamByMouse();
    // Ctrl+Shift+D: same topic and filter, its own session; its filter changes alone.
    void duplicateKeepsTopicAndFilter();
    // Ctrl+W and the tab's close button close streams; the last one leaves an empty one.
    void closeStreams();
    // Ctrl+Shift+S: the stream and a duplicate side by side, with both rates and the share
    // that passes the filtered side.
    void sideBySide();
    // One stream's connection keeps failing: the others neither reconnect nor stop counting.
    void oneStreamsReconnectLeavesOthers();
    // A stream that goes silent says so in its tab (and the overview) without being opened.
    void staleStreamShowsInItsTab();
    // A row per stream; sortable; double-click opens the stream.
    void overviewListsAndOpens();
    // Over the budget, the largest history gives first and the user is told.
    void budgetTrimsAndTells();
    // Streams, filters, sides and the current stream come back after a relaunch.
    void workspaceRoundTrip();
    // --topic A --topic B --filter F: the streams asked for, the filter on B.
    void commandLineOpensStreams();

private:
    MonitorOptions options() const;
    bool activateWindow();
    StreamWorkspaceView *view() const { return m_window->workspaceView(); }
    static bool receives(StreamPanel *panel);

    QTemporaryDir m_dir;
    std::unique_ptr<MonitorComposition> m_monitor;
    MainWindow *m_window = nullptr;
};

MonitorOptions TestWorkspace::options() const
{
    MonitorOptions options = isolatedMonitorOptions(m_dir);
    options.emulator.rate = EmulatorRate;
    options.window.connection.backoffBaseMs = 50;
    options.window.connection.backoffCapMs = 200;
    return options;
}

void TestWorkspace::init()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
    m_monitor = std::make_unique<MonitorComposition>(options());
    m_window = m_monitor->window();
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QVERIFY(m_window->startUp());
    QTRY_VERIFY_WITH_TIMEOUT(receives(m_window->streamPanel()), Timeout);
}

void TestWorkspace::cleanup()
{
    m_monitor.reset();
    m_window = nullptr;
}

bool TestWorkspace::activateWindow()
{
    m_window->activateWindow();
    return QTest::qWaitForWindowActive(m_window);
}

bool TestWorkspace::receives(StreamPanel *panel)
{
    return panel->tablePanel()->model()->rowCount() > 3;
}

void TestWorkspace::newStreamByKeyboard()
{
    StreamPanel *first = m_window->streamPanel();
    QVERIFY(activateWindow());
    QTest::keyClick(m_window, Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(view()->count(), 2);
    StreamPanel *panel = m_window->streamPanel();
    QVERIFY(panel != first);
    QVERIFY(panel->topic().isEmpty());
    QCOMPARE(view()->tabText(panel), QStringLiteral("New stream"));
    auto *search = panel->findChild<QLineEdit *>(QStringLiteral("topicSearch"));
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("base.blocks"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(panel->topic(), QStringLiteral("base.blocks"));
    QTRY_VERIFY_WITH_TIMEOUT(receives(panel), Timeout);
    // Its own connection; the first stream is untouched and keeps its topic.
    QVERIFY(panel->session() != first->session());
    QCOMPARE(first->topic(), QStringLiteral("ethereum.transactions"));
    QCOMPARE(m_window->workspace()->count(), 2);
    // The tab tells the topic and, once a second has been measured, the live rate.
    QTRY_VERIFY_WITH_TIMEOUT(view()->tabText(panel).startsWith(QStringLiteral("base.blocks · ")) &&
                                 view()->tabText(panel).endsWith(QStringLiteral("/s")),
                             Timeout);
    // The toolbar acts on the current stream: Stop stops this one only.
    m_window->stopAction()->trigger();
    QVERIFY(!panel->session()->isRunning());
    QVERIFY(first->session()->isRunning());
}

void TestWorkspace::newStreamByMouse()
{
    QTabWidget *tabs = view()->tabs(StreamWorkspaceView::Left);
    auto *plus = tabs->findChild<QToolButton *>(QStringLiteral("newStreamButtonLeft"));
    QVERIFY(plus && plus->isVisible());
    QTest::mouseClick(plus, Qt::LeftButton);
    QCOMPARE(view()->count(), 2);
    // Right of the last tab, in the tab row.
    const QRect bar = tabs->tabBar()->geometry();
    QTest::mouseDClick(tabs, Qt::LeftButton, {}, QPoint(bar.right() + 30, bar.center().y()));
    QCOMPARE(view()->count(), 3);
    QVERIFY(m_window->streamPanel()->topic().isEmpty());

    // A middle click on a topic in any stream's picker opens it in a stream of its own.
    StreamPanel *picking = m_window->streamPanel();
    auto *search = picking->findChild<QLineEdit *>(QStringLiteral("topicSearch"));
    auto *tree = picking->findChild<QTreeView *>(QStringLiteral("topicTree"));
    QVERIFY(search && tree);
    search->setText(QStringLiteral("base.blocks"));
    QTRY_VERIFY(tree->currentIndex().isValid());
    const QRect row = tree->visualRect(tree->currentIndex());
    QTest::mouseClick(tree->viewport(), Qt::MiddleButton, {}, row.center());
    QCOMPARE(view()->count(), 4);
    QCOMPARE(m_window->streamPanel()->topic(), QStringLiteral("base.blocks"));
    QVERIFY(picking->topic().isEmpty()); // the picker's own stream is left as it was
    QTRY_VERIFY_WITH_TIMEOUT(receives(m_window->streamPanel()), Timeout);
}

void TestWorkspace::duplicateKeepsTopicAndFilter()
{
    StreamPanel *source = m_window->streamPanel();
    source->applyFilter(valueFilter());
    QVERIFY(activateWindow());
    QTest::keyClick(m_window, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(view()->count(), 2);
    StreamPanel *copy = m_window->streamPanel();
    QVERIFY(copy != source);
    QCOMPARE(copy->topic(), source->topic());
    QCOMPARE(copy->appliedFilter(), valueFilter());
    QCOMPARE(view()->sideOf(copy), int(StreamWorkspaceView::Left));
    // Next to its source.
    QTabWidget *tabs = view()->tabs(StreamWorkspaceView::Left);
    QCOMPARE(tabs->indexOf(copy), tabs->indexOf(source) + 1);
    QTRY_VERIFY_WITH_TIMEOUT(receives(copy), Timeout);
    // Its own filter: clearing it leaves the source's alone.
    copy->applyFilter(Filter());
    QCOMPARE(source->appliedFilter(), valueFilter());
    QCOMPARE(source->session()->filter(), valueFilter());
    QVERIFY(copy->session()->filter().isEmpty());
}

void TestWorkspace::closeStreams()
{
    view()->openStream(QStringLiteral("ethereum.blocks"));
    view()->openStream(QStringLiteral("solana.transactions"));
    QCOMPARE(view()->count(), 3);
    QPointer<StreamSession> closed = m_window->streamPanel()->session();
    QVERIFY(activateWindow());
    QTest::keyClick(m_window, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(view()->count(), 2);
    QVERIFY(closed.isNull()); // its connection is gone with it
    QCOMPARE(m_window->workspace()->count(), 2);

    QTabBar *bar = view()->tabs(StreamWorkspaceView::Left)->tabBar();
    QWidget *closeButton = bar->tabButton(0, QTabBar::RightSide);
    QVERIFY(closeButton);
    QTest::mouseClick(closeButton, Qt::LeftButton);
    QCOMPARE(view()->count(), 1);
    QCOMPARE(m_window->streamPanel()->topic(), QStringLiteral("ethereum.blocks"));

    // The last one: an empty stream takes its place, never an empty window.
    QTest::keyClick(m_window, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(view()->count(), 1);
    QVERIFY(m_window->streamPanel()->topic().isEmpty());
    QCOMPARE(m_window->workspace()->count(), 1);
}

void TestWorkspace::sideBySide()
{
    StreamPanel *left = m_window->streamPanel();
    QVERIFY(activateWindow());
    QTest::keyClick(m_window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(view()->isSplit());
    StreamPanel *right = m_window->streamPanel();
    QVERIFY(right != left);
    QCOMPARE(view()->sideOf(right), int(StreamWorkspaceView::Right));
    QCOMPARE(right->topic(), left->topic());
    // Both in view, next to each other.
    QTRY_VERIFY(left->isVisible() && right->isVisible());
    QVERIFY(left->mapTo(m_window, QPoint(0, 0)).x() + left->width() <=
            right->mapTo(m_window, QPoint(0, 0)).x());
    // The right one filtered: the line above says both rates and what share passes.
    right->applyFilter(valueFilter());
    QTRY_VERIFY_WITH_TIMEOUT(view()->comparisonText().contains(QStringLiteral("passes")), Timeout);
    const QString text = view()->comparisonText();
    QVERIFY2(text.contains(QStringLiteral("Left: ethereum.transactions,")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Right: ethereum.transactions (filtered),")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("the right filter passes")), qPrintable(text));

    // Moved back, the split closes.
    view()->moveToOtherSide(right);
    QVERIFY(!view()->isSplit());
    QVERIFY(view()->comparisonText().isEmpty());
    QCOMPARE(view()->count(), 2);
}

void TestWorkspace::oneStreamsReconnectLeavesOthers()
{
    StreamPanel *first = m_window->streamPanel();
    StreamPanel *second = view()->openStream(QStringLiteral("ethereum.blocks"));
    StreamPanel *troubled = view()->openStream(QStringLiteral("solana.transactions"));
    QTRY_VERIFY_WITH_TIMEOUT(receives(second) && receives(troubled), Timeout);
    // Connections opened from now on are closed by the server after a few messages: only the
    // troubled stream opens a new one.
    EmulatorFaults faults;
    faults.closeAfterMessages = 5;
    faults.closeCode = 1011;
    m_monitor->emulator()->setFaults(faults);
    QSignalSpy states(troubled->session(), &StreamSession::stateChanged);
    troubled->reconnectNow();
    QTRY_VERIFY_WITH_TIMEOUT(
        states.contains(QVariantList{QVariant::fromValue(ConnectionState::Reconnecting)}), Timeout);
    const quint64 firstBefore = first->session()->stats().messages;
    const quint64 secondBefore = second->session()->stats().messages;
    QTRY_VERIFY_WITH_TIMEOUT(troubled->session()->stats().reconnects >= 2, Timeout);
    // Meanwhile the others kept counting on their first connections.
    QTRY_VERIFY_WITH_TIMEOUT(first->session()->stats().messages > firstBefore + 20 &&
                                 second->session()->stats().messages > secondBefore + 20,
                             Timeout);
    QCOMPARE(first->session()->stats().reconnects, quint64(0));
    QCOMPARE(second->session()->stats().reconnects, quint64(0));
    QCOMPARE(first->session()->state(), ConnectionState::Connected);
    QCOMPARE(second->session()->state(), ConnectionState::Connected);
    // The troubled tab says so without being opened.
    m_window->workspaceView()->setCurrentPanel(first);
    m_monitor->emulator()->setFaults({});
    QTRY_VERIFY_WITH_TIMEOUT(troubled->session()->state() == ConnectionState::Connected &&
                                 troubled->session()->stats().messages > 50,
                             Timeout);
}

void TestWorkspace::staleStreamShowsInItsTab()
{
    StreamPanel *first = m_window->streamPanel();
    StreamPanel *quiet = view()->openStream(QStringLiteral("solana.transactions"));
    QTRY_VERIFY_WITH_TIMEOUT(receives(quiet), Timeout);
    view()->setCurrentPanel(first); // the quiet one in a background tab
    QVERIFY(!quiet->isVisible());
    // Its next connection goes silent after a few messages (and answers no ping).
    EmulatorFaults faults;
    faults.stallAfterMessages = 3;
    m_monitor->emulator()->setFaults(faults);
    quiet->reconnectNow();
    const qint64 staleAfter = StreamActivityRules::staleAfterMs(quiet->topic(), false);
    QTRY_VERIFY_WITH_TIMEOUT(view()->tabText(quiet).endsWith(QStringLiteral("· stale")),
                             int(staleAfter) + Timeout);
    StreamOverviewModel *model = m_window->overviewModel();
    QCOMPARE(model->index(model->rowOf(quiet->session()), StreamOverviewModel::StateColumn)
                 .data()
                 .toString(),
             QStringLiteral("Stale"));
    QVERIFY(view()->tabText(first).endsWith(QStringLiteral("/s"))); // the others are fine
    m_monitor->emulator()->setFaults({});
}

void TestWorkspace::overviewListsAndOpens()
{
    StreamOverviewModel *model = m_window->overviewModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    StreamPanel *first = m_window->streamPanel();
    StreamPanel *blocks = view()->openStream(QStringLiteral("ethereum.blocks"));
    StreamPanel *fills = view()->openStream(QStringLiteral("hyperliquid.fills"));
    QCOMPARE(model->rowCount(), 3);
    m_window->overviewDock()->show();
    QTableView *table = m_window->overview()->table();
    // Its tooltips (a failure's reason, from the server) are shown literally.
    QVERIFY(table->findChild<PlainToolTipFilter *>());
    QTRY_VERIFY(table->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(receives(blocks) && receives(fills), Timeout);
    model->refresh();
    const int blocksRow = model->rowOf(blocks->session());
    QCOMPARE(model->index(blocksRow, StreamOverviewModel::StreamColumn).data().toString(),
             QStringLiteral("ethereum.blocks"));
    QCOMPARE(model->index(blocksRow, StreamOverviewModel::StateColumn).data().toString(),
             QStringLiteral("Streaming"));
    // Blocks have a head block number; fills have none.
    QVERIFY(model->index(blocksRow, StreamOverviewModel::HeadColumn)
                .data(StreamOverviewModel::SortRole)
                .toLongLong() > 0);
    QCOMPARE(model->index(model->rowOf(fills->session()), StreamOverviewModel::HeadColumn)
                 .data()
                 .toString(),
             QStringLiteral("—"));
    QVERIFY(!model->index(blocksRow, StreamOverviewModel::RateColumn)
                 .data(StreamOverviewModel::SparklineRole)
                 .value<QVector<double>>()
                 .isEmpty());

    // Sorted by stream name by a click on its header: blocks, fills, transactions.
    QHeaderView *header = table->horizontalHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(StreamOverviewModel::StreamColumn) + 5,
                             header->height() / 2));
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("ethereum.blocks"));
    QCOMPARE(table->model()->index(2, 0).data().toString(), QStringLiteral("hyperliquid.fills"));

    // Double-click opens the stream.
    QCOMPARE(m_window->streamPanel(), fills);
    const QRect cell = table->visualRect(table->model()->index(0, 1));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(m_window->streamPanel(), blocks);

    // A closed stream leaves the overview.
    view()->closeStream(fills);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->rowOf(first->session()), 0);
}

void TestWorkspace::budgetTrimsAndTells()
{
    StreamPanel *large = m_window->streamPanel(); // transactions: more and larger messages
    StreamPanel *small = view()->openStream(QStringLiteral("ethereum.blocks"));
    QTRY_VERIFY_WITH_TIMEOUT(receives(small) && receives(large), Timeout);
    // The spin box sets the budget in MB.
    QSpinBox *box = m_window->overview()->budgetBox();
    m_window->overviewDock()->show();
    QTRY_VERIFY(box->isVisible());
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, QStringLiteral("128"));
    QTest::keyClick(box, Qt::Key_Return);
    HistoryBudget *budget = m_window->workspace()->budget();
    QCOMPARE(budget->budgetBytes(), qint64(128) * 1024 * 1024);

    // A budget below what is held now (set directly: the box starts at 64 MB).
    const int eventsBefore = m_window->eventLog()->eventCount();
    const qint64 held = budget->usedBytes();
    budget->setBudgetBytes(held / 2);
    QVERIFY(budget->usedBytes() <= held / 2);
    QVERIFY(budget->trimmedMessages() > 0);
    QVERIFY(budget->trimmedMessages(large->tablePanel()->model()) > 0);
    bool told = false;
    for (int i = eventsBefore; i < m_window->eventLog()->eventCount(); ++i)
        told =
            told || m_window->eventLog()->event(i).text.contains(QStringLiteral("memory budget"));
    QVERIFY(told);
    m_window->overviewModel()->refresh();
    QVERIFY2(m_window->overview()->budgetText().contains(QStringLiteral("removed")),
             qPrintable(m_window->overview()->budgetText()));
    // It holds while messages keep coming.
    const int rows = large->tablePanel()->model()->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(
        budget->trimmedMessages(large->tablePanel()->model()) > quint64(rows / 4), Timeout);
    QVERIFY(budget->usedBytes() <= budget->budgetBytes());
}

void TestWorkspace::workspaceRoundTrip()
{
    StreamPanel *blocks = view()->openStream(QStringLiteral("ethereum.blocks"));
    Q_UNUSED(blocks);
    StreamPanel *filtered = view()->duplicateStream(view()->panels().constFirst(), true);
    filtered->applyFilter(valueFilter());
    filtered->stop();
    view()->setCurrentPanel(filtered);
    const WorkspaceState saved = view()->saveState();
    m_window->saveSettings();
    QCOMPARE(saved.streams.size(), 3);

    MonitorOptions relaunch = options();
    relaunch.window.restoreSettings = true;
    MonitorComposition second(relaunch);
    second.window()->show();
    QVERIFY(second.window()->startUp());
    StreamWorkspaceView *restored = second.window()->workspaceView();
    QCOMPARE(restored->count(), 3);
    QVERIFY(restored->isSplit());
    const WorkspaceState state = restored->saveState();
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(state.streams.at(i).topic, saved.streams.at(i).topic);
        QCOMPARE(state.streams.at(i).filter, saved.streams.at(i).filter);
        QCOMPARE(state.streams.at(i).pane, saved.streams.at(i).pane);
    }
    QCOMPARE(second.window()->streamPanel()->appliedFilter(), valueFilter());
    QCOMPARE(restored->sideOf(second.window()->streamPanel()), int(StreamWorkspaceView::Right));
    // Each has its own connection again.
    QCOMPARE(second.window()->workspace()->count(), 3);

    // A damaged saved workspace: one stream, and the event log says why.
    second.settings()->setWorkspaceState(QByteArrayLiteral("{\"version\":1,\"streams\":[{"));
    MonitorComposition third(relaunch);
    third.window()->show();
    QVERIFY(third.window()->startUp());
    QCOMPARE(third.window()->workspaceView()->count(), 1);
    bool told = false;
    ConnectionEventLog *log = third.window()->eventLog();
    for (int i = 0; i < log->eventCount(); ++i)
        told = told || log->event(i).text.contains(QStringLiteral("saved workspace could not"));
    QVERIFY(told);
}

void TestWorkspace::commandLineOpensStreams()
{
    MonitorOptions command = options();
    command.settingsFile = m_dir.filePath(QStringLiteral("command.ini"));
    command.window.start = true;
    command.window.streams = {{QStringLiteral("ethereum.blocks"), false, Filter()},
                              {QStringLiteral("ethereum.transactions"), true, valueFilter()},
                              {QStringLiteral("solana.transactions"), false, Filter()}};
    MonitorComposition monitor(command);
    monitor.window()->show();
    QVERIFY(monitor.window()->startUp());
    const QList<StreamPanel *> panels = monitor.window()->workspaceView()->panels();
    QCOMPARE(panels.size(), 3);
    QCOMPARE(panels.at(0)->topic(), QStringLiteral("ethereum.blocks"));
    QVERIFY(panels.at(0)->appliedFilter().isEmpty());
    QCOMPARE(panels.at(1)->topic(), QStringLiteral("ethereum.transactions"));
    QCOMPARE(panels.at(1)->appliedFilter(), valueFilter());
    QCOMPARE(panels.at(2)->topic(), QStringLiteral("solana.transactions"));
    QCOMPARE(monitor.window()->streamPanel(), panels.at(0));
    for (StreamPanel *panel : panels)
        QTRY_VERIFY_WITH_TIMEOUT(receives(panel), Timeout);
    // Every stream talks to the same --url / emulator, each on its own connection.
    QCOMPARE(monitor.window()->workspace()->count(), 3);
    for (StreamPanel *panel : panels)
        QCOMPARE(panel->baseUrl(), monitor.window()->activeBaseUrl());
}

QTEST_MAIN(TestWorkspace)
#include "tst_workspace.moc"
