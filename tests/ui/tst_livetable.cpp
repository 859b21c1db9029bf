// SPDX-License-Identifier: MIT
#include "core/base/systemmemory.h"
#include "core/json/jsontreemodel.h"
#include "core/stream/streamsession.h"
#include "core/table/messagefilterproxymodel.h"
#include "core/table/messagetablemodel.h"
#include "emulator/emulatoroptions.h"
#include "emulator/emulatorserver.h"
#include "support/processmemory.h"
#include "ui/stream/columnchooserdialog.h"
#include "ui/stream/livetableview.h"
#include "ui/stream/messagedetailpane.h"
#include "ui/stream/streamtablepanel.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

using namespace allium;

namespace {

const QString Topic = QStringLiteral("ethereum.transactions");

} // namespace

class TestLiveTable : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    // Messages from a real session reach the table with the topic's default columns.
    void rowsArrive();
    // Pausing freezes the rows while the pending count grows; resuming adds them at once.
    void pauseAndResume();
    // Scrolling up stops following: arriving rows leave the view where it was; back at the
    // bottom, it follows again.
    void scrollAwayStopsFollowing();
    // Rows evicted above the viewport do not move the rows the user is reading.
    void evictionKeepsViewInPlace();
    // With the history full and Follow off, eviction keeps the selected message, its details
    // and the rows in view; when the selected message itself is evicted, the details keep it and
    // say that it left the history instead of showing another message.
    void evictionKeepsSelection();
    // Clicking a row shows its JSON in the detail pane; Ctrl+C copies the raw JSON.
    void selectShowsDetails();
    // Tab and Shift+Tab leave the table for the next and previous widgets; arrows move inside.
    void tabLeavesTable();
    // The filter's summary on the table's mark reads as conditions, not JSON.
    void filterSummary();
    // Typing in the search field (after Ctrl+F) narrows the rows to those containing the text.
    void searchNarrowsRows();
    // The history spin box bounds the rows; the fill label shows count, limit and memory.
    void historyBound();
    // The memory limit is shown and can be changed; the fill says which limit binds; it is saved.
    void memoryLimitShownAndRaised();
    // Switching topic releases a large history's messages and gives the memory back to the
    // system (RSS falls), instead of keeping the process as large as a full history.
    void topicSwitchGivesMemoryBack();
    // A search over a history too large to search at once runs in the background: the label
    // says so, the stream keeps filling the table, and the result is right and stays live.
    void searchInBackgroundKeepsStreaming();
    // Clicking a column header sorts by value (wei strings as numbers), freezing the view;
    // again: descending; a third time: arrival order, resumed and following.
    void headerClickSorts();
    // While paused, the search label says how many messages are held back (not "0 of 0").
    void searchWhilePausedSaysWhatIsHeld();
    // The column chooser adds, orders and removes columns.
    void columnChooser();
    // "Add" adds the fields selected in the list of available fields.
    void columnChooserAddsSelected();
    // saveState/restoreState bring back the chosen columns and the history size.
    void stateRoundTrip();
    // Rows arriving repaint the panel only: the tab widget around it is not re-laid out (it
    // would repaint all it holds) and a widget beside the panel does not repaint.
    void rowsRepaintOnlyThePanel();
    // A stream faster than the eye scrolls the table (a repaint of every visible row) a few
    // times a second, not once per batch; it still ends on the newest row.
    void followingScrollsAtABoundedRate();
    // Out of view (another tab) the panel neither paints nor scrolls; back in view it shows the
    // newest row at once.
    void hiddenPanelStaysIdle();
    // Rows arriving below the rows in view repaint neither those rows nor a scroll bar whose
    // handle does not move; a row arriving in view is painted.
    void rowsBelowTheViewRepaintNothing();
    // Following, each new row is drawn whole at the bottom, and the window shows exactly what
    // the table paints (a partial repaint must agree with the scroll that follows it).
    void followingShowsWhatTheTablePaints();
    // With ALLIUM_SCREENSHOT_DIR set, saves the panel at two sizes for a visual check.
    void screenshots();

private:
    void waitForRows(int rows);

    EmulatorServer *m_server = nullptr;
    StreamSession *m_session = nullptr;
    StreamTablePanel *m_panel = nullptr;
};

void TestLiveTable::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Grouped numbers below are checked as an English reader sees them.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestLiveTable::init()
{
    EmulatorOptions options;
    options.rate = 400;
    m_server = new EmulatorServer(options);
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));

    m_panel = new StreamTablePanel;
    m_panel->resize(1280, 500);
    m_panel->setTopic(Topic);
    m_panel->show();
    m_panel->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_panel));

    m_session = new StreamSession;
    connect(m_session, &StreamSession::messagesReceived, m_panel, &StreamTablePanel::appendBatch);
    m_session->setUrl(m_server->streamUrl(Topic));
    m_session->setApiKey(EmulatorDemoKey);
    m_session->open();
    m_session->start();
}

void TestLiveTable::cleanup()
{
    delete m_session;
    m_session = nullptr;
    delete m_panel;
    m_panel = nullptr;
    delete m_server;
    m_server = nullptr;
}

void TestLiveTable::waitForRows(int rows)
{
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->rowCount() >= rows, 10000);
}

void TestLiveTable::rowsArrive()
{
    waitForRows(50);
    MessageTableModel *model = m_panel->model();
    QCOMPARE(model->columns().first(), QStringLiteral("hash"));
    QVERIFY(model->columns().contains(QStringLiteral("value")));
    const int valueColumn = int(model->columns().indexOf(QStringLiteral("value")));
    QVERIFY(model->index(0, valueColumn).data().toString().endsWith(QLatin1String(" ETH")));
    QCOMPARE(m_panel->view()->model()->rowCount(), model->rowCount());
    auto *fill = m_panel->findChild<QLabel *>(QStringLiteral("fillLabel"));
    QVERIFY(fill);
    QTRY_VERIFY(fill->text().contains(QStringLiteral(" / 100,000")));
}

void TestLiveTable::pauseAndResume()
{
    waitForRows(20);
    auto *pause = m_panel->findChild<QPushButton *>(QStringLiteral("pauseButton"));
    QVERIFY(pause);
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(m_panel->model()->isPaused());
    const int frozen = m_panel->model()->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->pendingCount() >= 40, 10000);
    QCOMPARE(m_panel->model()->rowCount(), frozen);
    QVERIFY2(pause->text().startsWith(QStringLiteral("Paused — ")), qPrintable(pause->text()));
    QVERIFY(pause->text().endsWith(QStringLiteral(" new")));

    QSignalSpy inserted(m_panel->model(), &QAbstractItemModel::rowsInserted);
    const int pending = m_panel->model()->pendingCount();
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(!m_panel->model()->isPaused());
    QCOMPARE(inserted.count(), 1);
    QVERIFY(m_panel->model()->rowCount() >= frozen + pending);
    QCOMPARE(m_panel->model()->pendingCount(), 0);
    QCOMPARE(pause->text(), QStringLiteral("Pause view"));
}

void TestLiveTable::scrollAwayStopsFollowing()
{
    LiveTableView *view = m_panel->view();
    auto *follow = m_panel->findChild<QToolButton *>(QStringLiteral("followButton"));
    QVERIFY(follow);
    QVERIFY(follow->isChecked());
    waitForRows(150);
    QScrollBar *bar = view->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 50);
    QTRY_COMPARE(bar->value(), bar->maximum());

    bar->triggerAction(QAbstractSlider::SliderPageStepSub);
    bar->triggerAction(QAbstractSlider::SliderPageStepSub);
    QVERIFY(!view->isFollowing());
    QVERIFY(!follow->isChecked());
    const int parked = bar->value();
    const int rows = m_panel->model()->rowCount();
    waitForRows(rows + 60);
    QCOMPARE(bar->value(), parked);
    QVERIFY(bar->maximum() > parked);

    bar->triggerAction(QAbstractSlider::SliderToMaximum);
    QVERIFY(view->isFollowing());
    QVERIFY(follow->isChecked());
    waitForRows(m_panel->model()->rowCount() + 30);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(bar->value() > parked);
}

void TestLiveTable::evictionKeepsViewInPlace()
{
    // A block's transactions arrive together (a few hundred at this rate): the rows in view sit
    // deeper in the history than one burst evicts.
    m_panel->setHistoryLimits(1000, MessageStore::DefaultMaxBytes);
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 1000, 10000);
    LiveTableView *view = m_panel->view();
    QScrollBar *bar = view->verticalScrollBar();
    bar->triggerAction(QAbstractSlider::SliderToMinimum);
    bar->setValue(600);
    QVERIFY(!view->isFollowing());
    const auto topRowId = [view] {
        return view->indexAt(QPoint(1, 1)).data(MessageTableModel::RowIdRole).toULongLong();
    };
    const quint64 before = topRowId();
    const quint64 evictions = m_panel->model()->evictions();
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->evictions() >= evictions + 60, 10000);
    QCOMPARE(topRowId(), before);
    QVERIFY(bar->value() < 600);
}

void TestLiveTable::evictionKeepsSelection()
{
    // Deep enough in the history that one block's burst of transactions leaves the rows in view.
    m_panel->setHistoryLimits(1000, MessageStore::DefaultMaxBytes);
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 1000, 10000);
    LiveTableView *view = m_panel->view();
    QScrollBar *bar = view->verticalScrollBar();
    bar->setValue(600);
    QVERIFY(!view->isFollowing());
    const auto topRowId = [view] {
        return view->indexAt(QPoint(1, 1)).data(MessageTableModel::RowIdRole).toULongLong();
    };
    const auto currentRowId = [view] {
        return view->currentIndex().data(MessageTableModel::RowIdRole).toULongLong();
    };
    MessageDetailPane *detail = m_panel->detailPane();
    auto *notice = detail->findChild<QLabel *>(QStringLiteral("detailNotice"));

    const QModelIndex picked = view->indexAt(QPoint(5, view->rowHeight(0) * 3 + 2));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(picked).center());
    const quint64 pickedId = currentRowId();
    const QByteArray pickedJson = detail->json();
    QCOMPARE(pickedJson, picked.data(MessageTableModel::RawJsonRole).toByteArray());
    const quint64 top = topRowId();
    const quint64 evictions = m_panel->model()->evictions();
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->evictions() >= evictions + 60, 10000);
    QCOMPARE(currentRowId(), pickedId);
    QCOMPARE(detail->json(), pickedJson);
    QCOMPARE(topRowId(), top);
    QVERIFY(notice == nullptr || !notice->isVisible());

    // The oldest row is the next to go.
    bar->setValue(0);
    const QModelIndex oldest = view->indexAt(QPoint(5, 2));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(oldest).center());
    const quint64 oldestId = currentRowId();
    const QByteArray oldestJson = detail->json();
    QCOMPARE(oldestJson, oldest.data(MessageTableModel::RawJsonRole).toByteArray());
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->rowId(0) > oldestId + 20, 10000);
    QCOMPARE(detail->json(), oldestJson);
    QVERIFY(notice);
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->text(), QStringLiteral("This message left the history (kept: last %1).")
                                 .arg(QLocale().toString(1000)));
    QVERIFY(!view->currentIndex().isValid());
    QVERIFY(!view->isFollowing());

    // Picking another row shows it, without the note.
    QTest::mouseClick(
        view->viewport(), Qt::LeftButton, {},
        view->visualRect(view->indexAt(QPoint(5, view->rowHeight(0) * 5 + 2))).center());
    QVERIFY(detail->json() != oldestJson);
    QVERIFY(!notice->isVisible());
}

void TestLiveTable::selectShowsDetails()
{
    waitForRows(30);
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("pauseButton")),
                      Qt::LeftButton);
    LiveTableView *view = m_panel->view();
    const QModelIndex index = view->model()->index(view->model()->rowCount() - 3, 0);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QCOMPARE(view->currentIndex().row(), index.row());

    const QByteArray json = index.data(MessageTableModel::RawJsonRole).toByteArray();
    QVERIFY(!json.isEmpty());
    MessageDetailPane *detail = m_panel->detailPane();
    QCOMPARE(detail->json(), json);
    const QString hash =
        m_panel->model()->rawValue(m_panel->proxyModel()->mapToSource(index).row(), 0).toString();
    QVERIFY(hash.startsWith(QStringLiteral("0x")));
    QVERIFY(detail->prettyText().contains(hash));
    QVERIFY(detail->treeModel()->rowCount() > 5);

    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text().toUtf8(), json);
}

void TestLiveTable::tabLeavesTable()
{
    waitForRows(20);
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("pauseButton")),
                      Qt::LeftButton);
    LiveTableView *view = m_panel->view();
    view->scrollToTop();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(view->model()->index(1, 0)).center());
    QTRY_VERIFY(view->hasFocus());
    QCOMPARE(view->currentIndex().row(), 1);
    QTest::keyClick(view, Qt::Key_Right);
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(view->currentIndex().row(), 2);
    QCOMPARE(view->currentIndex().column(), 1);

    QTest::keyClick(view, Qt::Key_Tab);
    QTRY_VERIFY(!view->hasFocus());
    QWidget *next = QApplication::focusWidget();
    QVERIFY(next);
    QCOMPARE(view->currentIndex().row(), 2); // the table kept its place
    QTest::keyClick(next, Qt::Key_Backtab, Qt::ShiftModifier);
    QTRY_VERIFY(view->hasFocus());
    QTest::keyClick(view, Qt::Key_Backtab, Qt::ShiftModifier);
    QTRY_VERIFY(!view->hasFocus());
    QVERIFY(QApplication::focusWidget() != next);
}

void TestLiveTable::filterSummary()
{
    const Filter value =
        Filter::condition(QStringLiteral("value"), Filter::Operator::Greater, QStringLiteral("0"));
    const Filter coin = Filter::condition(QStringLiteral("payload.coin"), Filter::Operator::In,
                                          QJsonArray{QStringLiteral("ETH"), QStringLiteral("SOL")});
    const Filter exists =
        Filter::condition(QStringLiteral("hash"), Filter::Operator::Exists, QJsonValue(true));
    QCOMPARE(StreamTablePanel::filterSummary(value), QStringLiteral("value > \"0\""));
    QCOMPARE(StreamTablePanel::filterSummary(
                 Filter::group(Filter::Combinator::And,
                               {value, Filter::group(Filter::Combinator::Or, {coin, exists})})),
             QStringLiteral("value > \"0\" AND (payload.coin in [\"ETH\",\"SOL\"] OR hash "
                            "exists true)"));
    QCOMPARE(StreamTablePanel::filterSummary(Filter()),
             QStringLiteral("no filter (every message)"));
}

void TestLiveTable::searchNarrowsRows()
{
    waitForRows(40);
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("pauseButton")),
                      Qt::LeftButton);
    const QString hash = m_panel->model()->rawValue(7, 0).toString();
    QVERIFY(hash.size() > 30);

    QTest::keyClick(m_panel->view(), Qt::Key_F, Qt::ControlModifier);
    auto *search = m_panel->findChild<QLineEdit *>(QStringLiteral("searchField"));
    QVERIFY(search);
    QTRY_VERIFY(search->hasFocus());
    QCOMPARE(search->placeholderText(), QStringLiteral("Search received messages…"));

    QTest::keyClicks(search, hash.left(24).toUpper());
    QTRY_COMPARE(m_panel->proxyModel()->rowCount(), 1);
    QCOMPARE(m_panel->proxyModel()->index(0, 0).data(Qt::ToolTipRole).toString(), hash);
    auto *match = m_panel->findChild<QLabel *>(QStringLiteral("matchLabel"));
    QVERIFY(match->isVisible());
    QVERIFY(match->text().startsWith(QStringLiteral("1 of ")));

    // A broader text keeps more rows, but only matching ones.
    search->clear();
    QTest::keyClicks(search, QStringLiteral("\"receipt_status\":1"));
    QTRY_VERIFY(m_panel->proxyModel()->rowCount() > 1);
    QVERIFY(m_panel->proxyModel()->rowCount() < m_panel->model()->rowCount());
    for (int row = 0; row < m_panel->proxyModel()->rowCount(); ++row) {
        QVERIFY(m_panel->proxyModel()
                    ->index(row, 0)
                    .data(MessageTableModel::RawJsonRole)
                    .toByteArray()
                    .contains("\"receipt_status\":1"));
    }
}

void TestLiveTable::historyBound()
{
    auto *spin = m_panel->findChild<QSpinBox *>(QStringLiteral("historySpin"));
    QVERIFY(spin);
    spin->setValue(100);
    QCOMPARE(m_panel->model()->capacity(), 100);
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 100, 10000);
    QTRY_VERIFY(m_panel->model()->evictions() > 0);
    auto *fill = m_panel->findChild<QLabel *>(QStringLiteral("fillLabel"));
    QVERIFY2(fill->text().startsWith(QStringLiteral("100 / 100 · ")), qPrintable(fill->text()));
    QVERIFY2(fill->text().endsWith(QStringLiteral(" kB of 256 MB · count limit reached")),
             qPrintable(fill->text()));
}

void TestLiveTable::memoryLimitShownAndRaised()
{
    auto *spin = m_panel->findChild<QSpinBox *>(QStringLiteral("historySpin"));
    auto *memory = m_panel->findChild<QSpinBox *>(QStringLiteral("memorySpin"));
    QVERIFY(memory && memory->isVisible());
    QCOMPARE(memory->value(), 256);
    // Offered up to half of this machine's memory, never more.
    QCOMPARE(memory->maximum(), StreamTablePanel::maxHistoryMiB());
    QVERIFY(qint64(memory->maximum()) * 1024 * 1024 <=
            std::max<qint64>(SystemMemory::physicalBytes() / 2, MessageStore::DefaultMaxBytes));
    spin->setValue(100000);
    memory->setFocus();
    memory->selectAll();
    QTest::keyClicks(memory, QStringLiteral("1"));
    QTest::keyClick(memory, Qt::Key_Return);
    QCOMPARE(m_panel->model()->byteCapacity(), qint64(1024 * 1024));
    auto *fill = m_panel->findChild<QLabel *>(QStringLiteral("fillLabel"));
    // The memory limit binds well below the count: the label says so.
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->evictions() > 0, 15000);
    QTRY_VERIFY2(fill->text().endsWith(QStringLiteral(" of 1 MB · memory limit reached")),
                 qPrintable(fill->text()));
    QVERIFY(m_panel->model()->size() < 100000);
    const int keptAtOneMiB = m_panel->model()->size();
    memory->selectAll();
    QTest::keyClicks(memory, QStringLiteral("64"));
    QTest::keyClick(memory, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->size() > keptAtOneMiB + 50, 10000);
    QVERIFY2(!fill->text().contains(QStringLiteral("limit reached")), qPrintable(fill->text()));
    // The budget is part of the saved state.
    const QByteArray state = m_panel->saveState();
    StreamTablePanel other;
    QVERIFY(other.restoreState(state));
    QCOMPARE(other.model()->byteCapacity(), qint64(64) * 1024 * 1024);
    QCOMPARE(other.findChild<QSpinBox *>(QStringLiteral("memorySpin"))->value(), 64);
}

void TestLiveTable::searchInBackgroundKeepsStreaming()
{
    waitForRows(100);
    MessageFilterProxyModel *proxy = m_panel->proxyModel();
    proxy->setSynchronousBytes(0);
    QSignalSpy busy(proxy, &MessageFilterProxyModel::busyChanged);
    auto *search = m_panel->findChild<QLineEdit *>(QStringLiteral("searchField"));
    const int rowsBefore = m_panel->model()->rowCount();
    QTest::keyClicks(search, QStringLiteral("\"receipt_status\":1"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(busy.count(), 1); // started, on the worker
    auto *match = m_panel->findChild<QLabel *>(QStringLiteral("matchLabel"));
    QVERIFY2(match->text().startsWith(QStringLiteral("Searching ")), qPrintable(match->text()));
    QTRY_VERIFY(!proxy->isBusy());
    const int found = proxy->rowCount();
    QVERIFY(found > 1);
    QVERIFY(found < m_panel->model()->rowCount());
    for (int row = 0; row < proxy->rowCount(); ++row)
        QVERIFY(proxy->index(row, 0)
                    .data(MessageTableModel::RawJsonRole)
                    .toByteArray()
                    .contains("\"receipt_status\":1"));
    // The stream kept coming, and new matching rows join the result.
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->rowCount() > rowsBefore + 50, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(proxy->rowCount() > found, 10000);
    QVERIFY(match->text().endsWith(
        QStringLiteral(" of %1").arg(QLocale().toString(m_panel->model()->rowCount()))));
}

void TestLiveTable::headerClickSorts()
{
    waitForRows(150);
    QAbstractItemModelTester tester(m_panel->proxyModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    LiveTableView *view = m_panel->view();
    const int valueColumn = int(m_panel->model()->columns().indexOf(QStringLiteral("value")));
    QVERIFY(valueColumn >= 0);
    QHeaderView *header = view->horizontalHeader();
    const auto clickHeader = [&] {
        QTest::mouseClick(
            header->viewport(), Qt::LeftButton, {},
            QPoint(header->sectionViewportPosition(valueColumn) + 10, header->height() / 2));
    };
    // Wei values as exact integers: longer is larger, then digit by digit.
    const auto weiAt = [&](int row) {
        QString text = view->model()
                           ->index(row, valueColumn)
                           .data(MessageTableModel::JsonValueRole)
                           .toJsonValue()
                           .toString();
        while (text.size() > 1 && text.startsWith(QLatin1Char('0')))
            text.remove(0, 1);
        return text;
    };
    const auto weiLess = [](const QString &a, const QString &b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
    };
    clickHeader();
    QVERIFY(m_panel->model()->isPaused());
    QVERIFY(!view->isFollowing());
    QCOMPARE(header->sortIndicatorSection(), valueColumn);
    QVERIFY(header->isSortIndicatorShown());
    QTRY_VERIFY(!m_panel->proxyModel()->isBusy());
    const int rows = view->model()->rowCount();
    QCOMPARE(rows, m_panel->model()->rowCount());
    for (int row = 1; row < rows; ++row)
        QVERIFY2(!weiLess(weiAt(row), weiAt(row - 1)), qPrintable(QString::number(row)));
    QVERIFY(weiLess(weiAt(0), weiAt(rows - 1)));

    clickHeader();
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QTRY_VERIFY(!m_panel->proxyModel()->isBusy());
    for (int row = 1; row < rows; ++row)
        QVERIFY(!weiLess(weiAt(row - 1), weiAt(row)));

    clickHeader();
    QVERIFY(!m_panel->proxyModel()->isSorted());
    QVERIFY(!header->isSortIndicatorShown());
    QVERIFY(!m_panel->model()->isPaused());
    QVERIFY(view->isFollowing());
    QTRY_VERIFY(view->model()->rowCount() > rows);
    const quint64 first =
        view->model()->index(0, 0).data(MessageTableModel::SequenceRole).toULongLong();
    const quint64 second =
        view->model()->index(1, 0).data(MessageTableModel::SequenceRole).toULongLong();
    QCOMPARE(second, first + 1);
}

void TestLiveTable::searchWhilePausedSaysWhatIsHeld()
{
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("pauseButton")),
                      Qt::LeftButton);
    QVERIFY(m_panel->model()->isPaused());
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->pendingCount() >= 20, 10000);
    auto *search = m_panel->findChild<QLineEdit *>(QStringLiteral("searchField"));
    QTest::keyClicks(search, QStringLiteral("0x"));
    QTest::keyClick(search, Qt::Key_Return);
    auto *match = m_panel->findChild<QLabel *>(QStringLiteral("matchLabel"));
    QVERIFY(match->isVisible());
    QVERIFY2(match->text().contains(QStringLiteral("held while paused")),
             qPrintable(match->text()));
    QVERIFY2(match->text().contains(QLocale().toString(m_panel->model()->pendingCount())),
             qPrintable(match->text()));
}

void TestLiveTable::topicSwitchGivesMemoryBack()
{
    m_session->stop();
    m_panel->setHistoryLimits(300000, qint64(1024) * 1024 * 1024);
    // 300,000 messages of ~700 bytes: ~200 MB of small blocks, as a stream leaves them.
    const QByteArray filler(600, 'x');
    MessageBatch batch;
    for (int i = 0; i < 300000; ++i) {
        StreamMessage message;
        message.sequence = quint64(i);
        message.json = "{\"n\":" + QByteArray::number(i) + ",\"pad\":\"" + filler + "\"}";
        batch.messages.append(message);
        if (batch.messages.size() == 3000) {
            m_panel->appendBatch(batch);
            batch.messages.clear();
        }
    }
    QCOMPARE(m_panel->model()->rowCount(), 300000);
    const QByteArray probe = m_panel->model()->message(0).json;
    QVERIFY(!probe.isDetached());
    const qint64 full = vmRssKiB();
    m_panel->setTopic(QStringLiteral("ethereum.blocks"));
    QCOMPARE(m_panel->model()->rowCount(), 0);
    // Every reference (history, the search's snapshot mirror) is released…
    QTRY_VERIFY_WITH_TIMEOUT(probe.isDetached(), 10000);
    // …and the memory handed back: RSS falls by most of the history's ~200 MB.
    QTRY_VERIFY2_WITH_TIMEOUT(
        vmRssKiB() < full - 120 * 1024,
        qPrintable(
            QStringLiteral("%1 KiB with the history, %2 KiB after").arg(full).arg(vmRssKiB())),
        10000);
}

void TestLiveTable::columnChooser()
{
    ColumnChooserDialog dialog;
    dialog.setDefaultColumns({QStringLiteral("hash"), QStringLiteral("value")});
    dialog.setAvailableFields(
        {QStringLiteral("hash"), QStringLiteral("value"), QStringLiteral("gas")},
        {QStringLiteral("blockchain")});
    dialog.setColumns({QStringLiteral("hash"), QStringLiteral("value")});
    auto *available = dialog.findChild<QListWidget *>(QStringLiteral("availableList"));
    QCOMPARE(available->count(), 2); // gas, blockchain

    auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("fieldEdit"));
    QTest::keyClicks(edit, QStringLiteral("payload.coin"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addColumnButton")),
                      Qt::LeftButton);
    QCOMPARE(dialog.columns(), (QStringList{QStringLiteral("hash"), QStringLiteral("value"),
                                            QStringLiteral("payload.coin")}));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("moveUpButton")),
                      Qt::LeftButton);
    QCOMPARE(dialog.columns().at(1), QStringLiteral("payload.coin"));
    auto *shown = dialog.findChild<QListWidget *>(QStringLiteral("columnList"));
    shown->setCurrentRow(0);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("removeColumnButton")),
                      Qt::LeftButton);
    QCOMPARE(dialog.columns(),
             (QStringList{QStringLiteral("payload.coin"), QStringLiteral("value")}));
    QCOMPARE(available->count(), 3); // hash is offered again
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("restoreDefaultsButton")),
                      Qt::LeftButton);
    QCOMPARE(dialog.columns(), (QStringList{QStringLiteral("hash"), QStringLiteral("value")}));
}

void TestLiveTable::columnChooserAddsSelected()
{
    ColumnChooserDialog dialog;
    dialog.setAvailableFields(
        {QStringLiteral("hash"), QStringLiteral("value"), QStringLiteral("gas")},
        {QStringLiteral("blockchain")});
    dialog.setColumns({QStringLiteral("hash")});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *available = dialog.findChild<QListWidget *>(QStringLiteral("availableList"));
    auto *add = dialog.findChild<QPushButton *>(QStringLiteral("addColumnButton"));
    const auto itemCenter = [available](const QString &text) {
        return available->visualItemRect(available->findItems(text, Qt::MatchExactly).first())
            .center();
    };
    QTest::mouseClick(available->viewport(), Qt::LeftButton, {}, itemCenter(QStringLiteral("gas")));
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(dialog.columns(), (QStringList{QStringLiteral("hash"), QStringLiteral("gas")}));
    QVERIFY(available->findItems(QStringLiteral("gas"), Qt::MatchExactly).isEmpty());

    // Two picked with Ctrl: both are added, in list order.
    QTest::mouseClick(available->viewport(), Qt::LeftButton, {},
                      itemCenter(QStringLiteral("blockchain")));
    QTest::mouseClick(available->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      itemCenter(QStringLiteral("value")));
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(dialog.columns(),
             (QStringList{QStringLiteral("hash"), QStringLiteral("gas"), QStringLiteral("value"),
                          QStringLiteral("blockchain")}));
}

void TestLiveTable::stateRoundTrip()
{
    const QStringList chosen{QStringLiteral("block_number"), QStringLiteral("hash")};
    m_panel->setColumns(chosen);
    m_panel->setHistoryLimits(5000, MessageStore::DefaultMaxBytes);
    const QByteArray state = m_panel->saveState();

    StreamTablePanel other;
    other.setTopic(Topic);
    QVERIFY(other.columns() != chosen);
    QVERIFY(other.restoreState(state));
    QCOMPARE(other.columns(), chosen);
    QCOMPARE(other.model()->capacity(), 5000);
    QVERIFY(!other.restoreState(QByteArray("garbage")));
    // Another topic keeps its own defaults.
    other.setTopic(QStringLiteral("ethereum.blocks"));
    QVERIFY(other.columns() != chosen);
    other.setTopic(Topic);
    QCOMPARE(other.columns(), chosen);
}

void TestLiveTable::screenshots()
{
    const QString dir = qEnvironmentVariable("ALLIUM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set ALLIUM_SCREENSHOT_DIR to save screenshots");
    waitForRows(300);
    // A filter change in view: the band and its badge on the first row after it.
    m_panel->markFilterApplied(
        Filter::condition(QStringLiteral("value"), Filter::Operator::Greater, QStringLiteral("0")));
    const int before = m_panel->model()->rowCount();
    waitForRows(before + 8);
    LiveTableView *view = m_panel->view();
    view->selectRow(view->model()->rowCount() - 5);
    QVERIFY(m_panel->grab().save(QDir(dir).filePath(QStringLiteral("livetable-1280.png"))));
    m_panel->resize(700, 400);
    QTRY_COMPARE(m_panel->width(), 700);
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("pauseButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(m_panel->model()->pendingCount() > 10);
    QVERIFY(m_panel->grab().save(QDir(dir).filePath(QStringLiteral("livetable-700.png"))));
    m_panel->findChild<QTabWidget *>(QStringLiteral("detailTabs"))->setCurrentIndex(1);
    QTest::keyClicks(m_panel->findChild<QLineEdit *>(QStringLiteral("searchField")),
                     QStringLiteral("0xdac1"));
    QTRY_VERIFY(m_panel->proxyModel()->rowCount() < m_panel->model()->rowCount());
    QVERIFY(m_panel->grab().save(QDir(dir).filePath(QStringLiteral("livetable-700-json.png"))));
}

namespace {

// `count` messages of about 1 KB each (so that the fill reads in tens of kilobytes throughout).
MessageBatch kilobyteBatch(int first, int count)
{
    MessageBatch batch;
    const QByteArray pad(1000, 'x');
    for (int i = first; i < first + count; ++i) {
        StreamMessage message;
        message.sequence = quint64(i + 1);
        message.json = "{\"n\":" + QByteArray::number(i) + ",\"pad\":\"" + pad + "\"}";
        batch.messages.append(message);
    }
    return batch;
}

} // namespace

void TestLiveTable::rowsRepaintOnlyThePanel()
{
    m_session->stop();
    QTabWidget tabs;
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *panel = new StreamTablePanel;
    panel->setTopic(Topic);
    auto *neighbour = new QPushButton(QStringLiteral("Neighbour"));
    layout->addWidget(panel, 1);
    layout->addWidget(neighbour);
    tabs.addTab(page, QStringLiteral("Stream"));
    tabs.resize(1280, 600);
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));
    auto *fill = panel->findChild<QLabel *>(QStringLiteral("fillLabel"));
    QVERIFY(fill);

    uitest::EventCounter layouts(QEvent::LayoutRequest);
    layouts.watch(&tabs);
    layouts.watch(page);
    uitest::EventCounter paints(QEvent::Paint);
    paints.watch(neighbour);
    int rows = 0;
    for (int i = 0; i < 12; ++i) {
        const int count = i == 0 ? 20 : 3; // 20 to 53 rows: the fill's text keeps its length
        panel->appendBatch(kilobyteBatch(rows, count));
        rows += count;
        uitest::deliverPostedEvents();
        QVERIFY2(fill->text().startsWith(QLocale().toString(rows) + QStringLiteral(" / ")),
                 qPrintable(fill->text()));
        if (i == 1) { // the first rows give the toolbar its size: laid out once
            layouts.reset();
            paints.reset();
        }
    }
    QCOMPARE(layouts.count(&tabs), 0);
    QCOMPARE(layouts.count(page), 0);
    QCOMPARE(paints.count(neighbour), 0);
    // Fenced, the fill is still in view with the room it asks for.
    QVERIFY(!fill->visibleRegion().isEmpty());
    QVERIFY(fill->parentWidget()->width() >= fill->minimumWidth());
}

void TestLiveTable::followingScrollsAtABoundedRate()
{
    m_session->stop();
    StreamTablePanel panel;
    panel.setTopic(Topic);
    panel.resize(1280, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    LiveTableView *view = panel.view();
    QScrollBar *bar = view->verticalScrollBar();
    QSignalSpy scrolls(bar, &QScrollBar::valueChanged);
    QElapsedTimer clock;
    clock.start();
    int rows = 0;
    for (int i = 0; i < 30; ++i) {
        panel.appendBatch(kilobyteBatch(rows, 5));
        rows += 5;
        uitest::deliverPostedEvents();
    }
    const qint64 elapsed = clock.elapsed();
    QVERIFY(view->isFollowing());
    QVERIFY2(scrolls.count() <= elapsed / LiveTableView::FollowIntervalMs + 2,
             qPrintable(QStringLiteral("%1 scrolls in %2 ms").arg(scrolls.count()).arg(elapsed)));
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(bar->maximum() > 100);
}

void TestLiveTable::hiddenPanelStaysIdle()
{
    m_session->stop();
    QTabWidget tabs;
    auto *panel = new StreamTablePanel;
    panel->setTopic(Topic);
    tabs.addTab(panel, QStringLiteral("Stream"));
    tabs.addTab(new QWidget, QStringLiteral("Other"));
    tabs.resize(1280, 500);
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));
    tabs.setCurrentIndex(1);
    uitest::deliverPostedEvents();

    LiveTableView *view = panel->view();
    QScrollBar *bar = view->verticalScrollBar();
    QSignalSpy scrolls(bar, &QScrollBar::valueChanged);
    uitest::EventCounter paints(QEvent::Paint);
    paints.watch(panel);
    paints.watch(view->viewport());
    paints.watch(bar);
    paints.watch(panel->findChild<QLabel *>(QStringLiteral("fillLabel")));
    int rows = 0;
    for (int i = 0; i < 20; ++i) {
        panel->appendBatch(kilobyteBatch(rows, 10));
        rows += 10;
        uitest::deliverPostedEvents();
    }
    QCOMPARE(panel->model()->rowCount(), rows);
    QCOMPARE(scrolls.count(), 0);
    QCOMPARE(paints.count(panel), 0);
    QCOMPARE(paints.count(view->viewport()), 0);
    QCOMPARE(paints.count(bar), 0);

    tabs.setCurrentIndex(0);
    QTRY_VERIFY(bar->maximum() > 100);
    QTRY_COMPARE(bar->value(), bar->maximum());
    const QModelIndex last =
        view->indexAt(QPoint(1, view->viewport()->height() - view->rowHeight(0) / 2));
    QCOMPARE(last.row(), rows - 1);
}

void TestLiveTable::rowsBelowTheViewRepaintNothing()
{
    m_session->stop();
    StreamTablePanel panel;
    panel.setTopic(Topic);
    panel.resize(1280, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    LiveTableView *view = panel.view();
    QScrollBar *bar = view->verticalScrollBar();
    int rows = 3;
    panel.appendBatch(kilobyteBatch(0, rows));
    uitest::deliverPostedEvents();

    // A row arriving where the view has room is painted.
    uitest::EventCounter paints(QEvent::Paint);
    paints.watch(view->viewport());
    paints.watch(bar);
    panel.appendBatch(kilobyteBatch(rows, 1));
    ++rows;
    QTRY_VERIFY(paints.count(view->viewport()) > 0);
    QCOMPARE(view->indexAt(QPoint(1, view->rowViewportPosition(rows - 1) + 2)).row(), rows - 1);

    // Thousands of rows; the user reads the first ones, so the view stays where it is.
    panel.appendBatch(kilobyteBatch(rows, 3000));
    rows += 3000;
    QTRY_VERIFY(bar->maximum() > 2000);
    QTRY_COMPARE(bar->value(), bar->maximum());
    bar->triggerAction(QAbstractSlider::SliderToMinimum);
    QVERIFY(!view->isFollowing());
    QCOMPARE(bar->value(), 0);
    uitest::deliverPostedEvents();

    paints.reset();
    const int maximum = bar->maximum();
    for (int i = 0; i < 10; ++i) {
        panel.appendBatch(kilobyteBatch(rows, 2));
        rows += 2;
        uitest::deliverPostedEvents();
    }
    QTRY_COMPARE(bar->maximum(), maximum + 20);
    uitest::deliverPostedEvents();
    QCOMPARE(paints.count(view->viewport()), 0);
    QCOMPARE(paints.count(bar), 0);
    QCOMPARE(bar->value(), 0);

    // Taken to the end, the bar shows the newest rows.
    bar->triggerAction(QAbstractSlider::SliderToMaximum);
    QVERIFY(view->isFollowing());
    uitest::deliverPostedEvents();
    QVERIFY(paints.count(bar) > 0);
}

void TestLiveTable::followingShowsWhatTheTablePaints()
{
    m_session->stop();
    StreamTablePanel panel;
    panel.setTopic(Topic);
    panel.resize(1280, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    LiveTableView *view = panel.view();
    QScrollBar *bar = view->verticalScrollBar();
    int rows = 100;
    panel.appendBatch(kilobyteBatch(0, rows));
    QTRY_VERIFY(bar->maximum() > 50);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(view->isFollowing());
    const int viewportHeight = view->viewport()->height();
    for (int i = 0; i < 5; ++i) {
        panel.appendBatch(kilobyteBatch(rows, 1));
        ++rows;
        QTRY_COMPARE(bar->value(), bar->maximum());
        QTRY_COMPARE(view->rowViewportPosition(rows - 1) + view->rowHeight(rows - 1),
                     viewportHeight);
        uitest::deliverPostedEvents();
        // What the window shows (offscreen: its backing store) is what the table paints.
        QWidget *viewport = view->viewport();
        const QPoint origin = viewport->mapTo(&panel, QPoint(0, 0));
        const QImage shown = panel.screen()
                                 ->grabWindow(panel.winId(), origin.x(), origin.y(),
                                              viewport->width(), viewport->height())
                                 .toImage()
                                 .convertToFormat(QImage::Format_RGB32);
        const QImage painted = viewport->grab().toImage().convertToFormat(QImage::Format_RGB32);
        QVERIFY(shown == painted);
    }
}

QTEST_MAIN(TestLiveTable)
#include "tst_livetable.moc"
