// SPDX-License-Identifier: MIT
#include "core/api/apiclient.h"
#include "core/api/apihistorymodel.h"
#include "core/connection/connectioneventlog.h"
#include "core/connection/websocketconnection.h"
#include "core/settings/appsettings.h"
#include "core/settings/keystore.h"
#include "core/settings/profilestore.h"
#include "core/stream/streamsession.h"
#include "core/stream/topiccatalogue.h"
#include "core/table/messagetablemodel.h"
#include "core/table/rowexporttask.h"
#include "emulator/embeddedemulator.h"
#include "monitor/monitorcomposition.h"
#include "support/legacyprofiles.h"
#include "ui/connection/connectionstatuswidget.h"
#include "ui/connection/profilebadge.h"
#include "ui/connection/profiledialog.h"
#include "ui/console/apiconsolepanel.h"
#include "ui/filter/filterbuilderwidget.h"
#include "ui/filter/filterconditionrow.h"
#include "ui/filter/filtereditorpanel.h"
#include "ui/filter/filtergrouprow.h"
#include "ui/mainwindow.h"
#include "ui/stream/livetableview.h"
#include "ui/stream/streampanel.h"
#include "ui/stream/streamtablepanel.h"
#include "ui/text/layoutfence.h"
#include "ui/theme/theme.h"
#include "ui/workspace/streamworkspaceview.h"
#include "uitestsupport.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QNetworkInterface>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>

#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace allium;
using namespace allium::uitest;

namespace {

// The emulator sends this many messages per second on every topic: rows arrive at once.
constexpr double EmulatorRate = 300;
constexpr int Timeout = 5000;

} // namespace

// The main window against its embedded emulator, driven by keyboard and mouse like a user.
class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    // First run: the embedded emulator, ethereum.transactions, streaming without a click.
    void firstRunStreamsFromEmulator();
    // The status bar's health summary follows the stats without re-laying out the status bar
    // each time (it sits in a LayoutFence).
    void healthSummaryUpdatesWithoutRelayout();
    // Ctrl+L, typing and Enter in the picker switch the stream's topic: columns and rows follow.
    void pickTopicWithKeyboard();
    // Switching topics opens a new connection: it is not counted as a reconnect.
    void topicSwitchIsNotAReconnect();
    // A nested filter built in the builder shows as the same JSON text.
    void builderWritesJson();
    // JSON typed into the text pane rebuilds the builder's tree.
    void jsonRebuildsBuilder();
    // After Apply (Ctrl+Return) only matching rows arrive; the preview counts matches.
    void applyFilterLimitsRows();
    // Where the filter changed is marked on the first row received after it; "Only matching"
    // applies the filter to the older rows too (an export then holds only what is shown);
    // "Clear" empties the table, and the kept setting clears it whenever a filter is applied.
    void filterChangeIsMarked();
    // Stop and Start (Shift+F5, F5) stop and resume the rows; the state label says so.
    void stopAndStart();
    // Pause view (Ctrl+P) freezes the rows and counts what waits; resuming shows them.
    void pauseAndResume();
    // A server drop: Reconnecting, then Connected; rows keep coming, still filtered.
    void surviveServerDrop();
    // Reconnect now (Ctrl+R) while connected connects both again, and the event log says so.
    void reconnectNowWhileConnected();
    // A server error frame shows in the message bar and the event log.
    void serverErrorShowsInMessageBar();
    // Ctrl+Return in the console sends a request; its response lands on the same row.
    void consoleRequest();
    // Export writes the visible rows as NDJSON and CSV.
    void exportVisibleRows();
    // The window fits 1024×700, and the message bar reads on the application's dark palette.
    // The export menu's path writes on a worker with a progress dialog; the file is complete
    // and the stream keeps arriving.
    void exportInBackground();
    void layoutAndPalette();
    // Topic, filter and layout come back in a second window over the same settings.
    void settingsPersist();
    // A key saved in the profile dialog makes that profile the default and connects with it.
    void addingKeySwitchesProfile();
    // A refused key's banner goes once the key is fixed and the stream is back.
    void fixedKeyClearsFailureBanner();
    // A relaunch whose profile key was kept for the session only falls back to the emulator,
    // with a notice and a profile shown: never a dead window.
    void relaunchWithoutSessionKeyFallsBack();
    // Allowed unencrypted ws:// to another machine shows a warning in the toolbar and the log;
    // the emulator (loopback) never does.
    void insecureConnectionWarns();
    // A saved profile with ws:// to another machine and no consent is not connected (no key is
    // read or sent); the reason is in the event log.
    void insecureProfileIsRefused();
    // A key given through ALLIUM_API_KEY (--url) is masked in the event log like a saved one.
    void environmentKeyIsRedacted();

private:
    bool rowMatches(int row, const Filter &filter) const;
    QString statusText(const char *name) const;
    quint64 shownReconnects() const;
    /// Saves `key` for `profile` in the profile dialog of `window`, as a user does.
    static bool saveKeyInDialog(MainWindow *window, const QString &profile, const QString &key);
    ConnectionState statusState(const char *name) const;
    /// Shortcuts need the window active and no completer popup left open by typing.
    bool activateWindow();

    QTemporaryDir m_dir;
    MonitorOptions m_options;
    std::unique_ptr<MonitorComposition> m_monitor;
    MainWindow *m_window = nullptr;
    MessageTableModel *m_model = nullptr;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_options.settingsFile = m_dir.filePath(QStringLiteral("settings.ini"));
    m_options.useKeychain = false;
    m_options.emulator.rate = EmulatorRate;
    m_options.window.connection.backoffBaseMs = 50;
    m_options.window.connection.backoffCapMs = 200;
    m_monitor = std::make_unique<MonitorComposition>(m_options);
    m_window = m_monitor->window();
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    m_model = m_window->streamPanel()->tablePanel()->model();
}

void TestMainWindow::cleanupTestCase()
{
    m_monitor.reset();
}

bool TestMainWindow::rowMatches(int row, const Filter &filter) const
{
    return filter.matches(QJsonDocument::fromJson(m_model->message(row).json).object());
}

QString TestMainWindow::statusText(const char *name) const
{
    if (auto *status = m_window->findChild<ConnectionStatusWidget *>(QLatin1String(name)))
        return status->statusText();
    auto *label = m_window->findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

quint64 TestMainWindow::shownReconnects() const
{
    auto *label = m_window->findChild<QLabel *>(QStringLiteral("reconnectsValue"));
    return label ? QLocale().toULongLong(label->text()) : quint64(-1);
}

bool TestMainWindow::saveKeyInDialog(MainWindow *window, const QString &profile, const QString &key)
{
    window->showProfiles();
    ProfileDialog *dialog = window->profileDialog();
    if (!dialog || !QTest::qWaitForWindowExposed(dialog))
        return false;
    dialog->selectProfile(profile);
    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("keyEdit"));
    if (!edit)
        return false;
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, key);
    QSignalSpy saved(dialog, &ProfileDialog::keySaved);
    const bool ok = dialog->saveCurrent() && saved.wait(Timeout);
    dialog->close();
    return ok;
}

bool TestMainWindow::activateWindow()
{
    while (QWidget *popup = QApplication::activePopupWidget())
        popup->close();
    m_window->activateWindow();
    return QTest::qWaitForWindowActive(m_window);
}

ConnectionState TestMainWindow::statusState(const char *name) const
{
    auto *status = m_window->findChild<ConnectionStatusWidget *>(QLatin1String(name));
    return status ? status->state() : ConnectionState::Failed;
}

void TestMainWindow::firstRunStreamsFromEmulator()
{
    QVERIFY(m_window->settings()->isFirstRun());
    QVERIFY(m_window->startUp());
    QVERIFY(m_window->isUsingEmulator());
    QVERIFY(m_monitor->emulator()->isRunning());
    QCOMPARE(m_window->activeBaseUrl(), m_monitor->emulator()->baseUrl());
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("endpointBadge"))->text(),
             QStringLiteral("Local emulator"));
    StreamPanel *panel = m_window->streamPanel();
    QCOMPARE(panel->topic(), QStringLiteral("ethereum.transactions"));
    QCOMPARE(m_model->columns(), TopicCatalogue::defaultColumns(panel->topic()));
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > 20, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(panel->stateText(), QStringLiteral("● Streaming"), Timeout);
    QCOMPARE(statusState("streamStatus"), ConnectionState::Connected);
    QTRY_COMPARE_WITH_TIMEOUT(statusState("apiStatus"), ConnectionState::Connected, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(statusText("healthSummary").contains(QStringLiteral("msg/s")),
                             Timeout);
    const QJsonObject first = QJsonDocument::fromJson(m_model->message(0).json).object();
    QVERIFY(first.contains(QStringLiteral("from_address")));
    QVERIFY(!m_window->settings()->isFirstRun());
}

void TestMainWindow::healthSummaryUpdatesWithoutRelayout()
{
    auto *label = m_window->findChild<QLabel *>(QStringLiteral("healthSummary"));
    QVERIFY(label);
    auto *fence = qobject_cast<LayoutFence *>(label->parentWidget());
    QVERIFY(fence);
    QString last = label->text();
    int changes = 0;
    const auto waitForChanges = [&](int count) {
        changes = 0;
        return QTest::qWaitFor(
            [&] {
                if (label->text() != last) {
                    last = label->text();
                    ++changes;
                }
                return changes >= count;
            },
            3 * Timeout);
    };
    // The first reports widen the text (more digits); then it mostly keeps its width.
    QVERIFY(waitForChanges(4));
    const int forwardedBefore = fence->forwardedRequests();
    QVERIFY(waitForChanges(8));
    QVERIFY(last.contains(QStringLiteral("received")));
    // A block topic's rate spans three blocks, so it gains digits for its first 36 s: a few
    // updates widen the text, most must not re-lay the status bar out.
    const int relayouts = fence->forwardedRequests() - forwardedBefore;
    QVERIFY2(relayouts * 2 < changes,
             qPrintable(QStringLiteral("%1 relayouts for %2 updates").arg(relayouts).arg(changes)));
}

void TestMainWindow::pickTopicWithKeyboard()
{
    StreamPanel *panel = m_window->streamPanel();
    QSignalSpy topicChanged(panel, &StreamPanel::topicChanged);
    QVERIFY(activateWindow());
    QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
    auto *search = panel->findChild<QLineEdit *>(QStringLiteral("topicSearch"));
    QVERIFY(search);
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("base.trans"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(topicChanged.size(), 1);
    QCOMPARE(panel->topic(), QStringLiteral("base.transactions"));
    QVERIFY(m_window->findChild<QToolButton *>(QStringLiteral("topicButton"))
                ->text()
                .contains(QStringLiteral("base.transactions")));
    QCOMPARE(m_model->columns(),
             TopicCatalogue::defaultColumns(QStringLiteral("base.transactions")));
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > 5, Timeout);
    // The table starts over when the new topic's connection is up (the old one's stragglers
    // go): it may be empty for a moment between two checks.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_model->rowCount() > 0 &&
            QJsonDocument::fromJson(m_model->message(m_model->rowCount() - 1).json)
                    .object()
                    .value(QStringLiteral("blockchain")) == QStringLiteral("base"),
        Timeout);

    // And back, by typing the exact name.
    QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
    QTest::keyClicks(search, QStringLiteral("ethereum.transactions"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(panel->topic(), QStringLiteral("ethereum.transactions"));
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > 5, Timeout);
}

void TestMainWindow::topicSwitchIsNotAReconnect()
{
    StreamPanel *panel = m_window->streamPanel();
    QTRY_COMPARE_WITH_TIMEOUT(statusState("streamStatus"), ConnectionState::Connected, Timeout);
    const quint64 before = shownReconnects();
    QCOMPARE(before, quint64(0));
    QVERIFY(activateWindow());
    QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
    auto *search = panel->findChild<QLineEdit *>(QStringLiteral("topicSearch"));
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("ethereum.blocks"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(panel->topic(), QStringLiteral("ethereum.blocks"));
    QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
    QTest::keyClicks(search, QStringLiteral("ethereum.transactions"));
    QTest::keyClick(search, Qt::Key_Return);
    // The stats that count the new connection's messages also carry its handshake.
    QTRY_COMPARE_WITH_TIMEOUT(statusState("streamStatus"), ConnectionState::Connected, Timeout);
    const quint64 received = panel->session()->stats().messages;
    QTRY_VERIFY_WITH_TIMEOUT(panel->session()->stats().messages > received + 20, Timeout);
    QCOMPARE(shownReconnects(), before);
}

void TestMainWindow::builderWritesJson()
{
    FilterEditorPanel *editor = m_window->streamPanel()->filterEditor();
    FilterBuilderWidget *builder = editor->builder();
    auto *json = editor->findChild<QPlainTextEdit *>(QStringLiteral("jsonEdit"));
    QVERIFY(json);
    const auto typeCondition = [builder](QTreeWidgetItem *target, const QString &field,
                                         const QString &op, const QString &value) {
        auto *row = qobject_cast<FilterConditionRow *>(builder->tree()->itemWidget(target, 0));
        QVERIFY(row);
        auto *fieldBox = row->findChild<QComboBox *>(QStringLiteral("fieldBox"));
        auto *operatorBox = row->findChild<QComboBox *>(QStringLiteral("operatorBox"));
        fieldBox->setFocus();
        QTest::keyClicks(fieldBox->lineEdit(), field);
        QTest::keyClick(fieldBox->lineEdit(), Qt::Key_Escape);
        operatorBox->setFocus();
        QTest::keyClicks(operatorBox, op);
        auto *edit = row->findChild<QLineEdit *>(QStringLiteral("valueEdit"));
        QVERIFY(edit->isVisible());
        edit->setFocus();
        QTest::keyClicks(edit, value);
        QTest::keyClick(edit, Qt::Key_Tab);
    };
    auto *addCondition = builder->findChild<QToolButton *>(QStringLiteral("addConditionButton"));
    auto *addGroup = builder->findChild<QToolButton *>(QStringLiteral("addGroupButton"));
    QVERIFY(addCondition && addGroup);

    // Items are looked up afresh after every edit: the builder may rebuild its tree.
    QTreeWidget *tree = builder->tree();
    const auto item = [tree](const QList<int> &path) {
        QTreeWidgetItem *found = nullptr;
        for (int index : path)
            found = found ? found->child(index) : tree->topLevelItem(index);
        return found;
    };
    const auto focusRow = [builder, &item](const QList<int> &path) {
        QTreeWidgetItem *found = item(path);
        QVERIFY(found);
        auto *row = builder->tree()->itemWidget(found, 0);
        QVERIFY(row);
        row->findChild<QComboBox *>(QStringLiteral("fieldBox"))->setFocus();
    };
    QTest::mouseClick(addCondition, Qt::LeftButton);
    QVERIFY(item({0}));
    typeCondition(item({0}), QStringLiteral("receipt_status"), QStringLiteral("="),
                  QStringLiteral("1"));
    focusRow({0});
    QTest::mouseClick(addGroup, Qt::LeftButton);
    QVERIFY(item({1}));
    auto *groupRow = qobject_cast<FilterGroupRow *>(tree->itemWidget(item({1}), 0));
    QVERIFY(groupRow);
    auto *combinator = groupRow->findChild<QComboBox *>(QStringLiteral("combinatorBox"));
    combinator->setFocus();
    QTest::keyClicks(combinator, QStringLiteral("O"));
    QVERIFY(item({1, 0}));
    typeCondition(item({1, 0}), QStringLiteral("gas"), QStringLiteral(">"),
                  QStringLiteral("100000"));
    focusRow({1, 0});
    QTest::mouseClick(addCondition, Qt::LeftButton);
    QVERIFY(item({1, 1}));
    typeCondition(item({1, 1}), QStringLiteral("transaction_index"), QStringLiteral("<"),
                  QStringLiteral("10"));

    const QByteArray expected =
        R"({"op":"AND","conditions":[{"field":"receipt_status","operator":"=","value":1},)"
        R"({"op":"OR","conditions":[{"field":"gas","operator":">","value":100000},)"
        R"({"field":"transaction_index","operator":"<","value":10}]}]})";
    QCOMPARE(builder->filter().toJsonText(), expected);
    QTRY_COMPARE(Filter::parse(json->toPlainText().toUtf8()).filter.toJsonText(), expected);
    QVERIFY(editor->isValid());
}

void TestMainWindow::jsonRebuildsBuilder()
{
    FilterEditorPanel *editor = m_window->streamPanel()->filterEditor();
    auto *json = editor->findChild<QPlainTextEdit *>(QStringLiteral("jsonEdit"));
    const QByteArray before = editor->filter().toJsonText();
    json->setFocus();
    QTest::keyClick(json, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(json, QStringLiteral(R"({"op":"OR","conditions":[)"
                                          R"({"field":"value","operator":">","value":"5"},)"
                                          R"({"field":"gas","operator":"<","value":30000}]})"));
    QTRY_COMPARE(editor->builder()->filter().toJsonText(),
                 QByteArray(R"({"op":"OR","conditions":[)"
                            R"({"field":"value","operator":">","value":"5"},)"
                            R"({"field":"gas","operator":"<","value":30000}]})"));
    QCOMPARE(editor->builder()->tree()->topLevelItemCount(), 2);
    // An invalid edit leaves the builder alone and says what is wrong.
    QTest::keyClick(json, Qt::Key_Backspace);
    QTRY_VERIFY(!editor->isValid());
    QVERIFY(!editor->errorText().isEmpty());
    QCOMPARE(editor->builder()->tree()->topLevelItemCount(), 2);
    // Back to the nested filter of the previous test.
    QTest::keyClick(json, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(json, QString::fromUtf8(before));
    QTRY_VERIFY(editor->isValid());
    QTRY_COMPARE(editor->filter().toJsonText(), before);
}

void TestMainWindow::applyFilterLimitsRows()
{
    StreamPanel *panel = m_window->streamPanel();
    FilterEditorPanel *editor = panel->filterEditor();
    const Filter filter = editor->filter();
    QVERIFY(!filter.isEmpty());

    // The preview tries the filter on what was received: some match, some do not.
    auto *preview = editor->findChild<QLabel *>(QStringLiteral("previewLabel"));
    QVERIFY(preview);
    QTRY_VERIFY(preview->text().contains(QStringLiteral("would match")));

    QVERIFY(activateWindow());
    QSignalSpy applied(panel, &StreamPanel::filterApplied);
    const int eventsBefore = m_window->eventLog()->eventCount();
    auto *json = editor->findChild<QPlainTextEdit *>(QStringLiteral("jsonEdit"));
    json->setFocus();
    QTest::keyClick(json, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(applied.size(), 1);
    QCOMPARE(panel->appliedFilter(), filter);
    QCOMPARE(panel->session()->filter(), filter);
    // The event log tells when the stream's filter changed, and on which fields.
    const ConnectionEventLog *log = m_window->eventLog();
    QString logged;
    for (int i = eventsBefore; i < log->eventCount(); ++i) {
        if (log->event(i).text.startsWith(QStringLiteral("Server filter")))
            logged = log->event(i).text;
    }
    QVERIFY2(logged.startsWith(QStringLiteral("Server filter applied on ")), qPrintable(logged));
    for (const QString &field : filter.fieldPaths())
        QVERIFY2(logged.contains(field), qPrintable(logged));

    // Messages already on the wire may still arrive (how many depends on the machine's speed);
    // after them only matches come: the newest 40 rows all match.
    const int start = m_model->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() >= start + 60, Timeout);
    const auto newestMatch = [&] {
        const int last = m_model->rowCount() - 1;
        for (int row = last - 39; row <= last; ++row) {
            if (!rowMatches(row, filter))
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(newestMatch(), Timeout);
}

void TestMainWindow::filterChangeIsMarked()
{
    StreamPanel *panel = m_window->streamPanel();
    StreamTablePanel *table = panel->tablePanel();
    const Filter filter = panel->appliedFilter();
    QVERIFY(!filter.isEmpty());
    m_window->pauseAction()->trigger(); // a still table to look at
    int marked = -1;
    for (int row = 0; row < m_model->rowCount() && marked < 0; ++row) {
        if (!m_model->index(row, 0).data(MessageTableModel::FilterChangeRole).isNull())
            marked = row;
    }
    QVERIFY(marked > 0);
    QCOMPARE(m_model->index(marked, 0).data(MessageTableModel::FilterChangeRole).toString(),
             StreamTablePanel::filterSummary(filter));
    const auto segment = [this](int row) {
        return m_model->index(row, 0).data(MessageTableModel::FilterSegmentRole).toInt();
    };
    QVERIFY(segment(marked - 1) < segment(marked));
    QCOMPARE(segment(m_model->rowCount() - 1), segment(marked));
    bool oldRowsMismatch = false;
    for (int row = 0; row < marked; ++row)
        oldRowsMismatch = oldRowsMismatch || !rowMatches(row, filter);
    QVERIFY(oldRowsMismatch);

    // The filter applied to the history: only matching rows are shown and exported.
    auto *onlyMatching = table->findChild<QToolButton *>(QStringLiteral("matchFilterButton"));
    QVERIFY(onlyMatching);
    QVERIFY(onlyMatching->isEnabled());
    QTest::mouseClick(onlyMatching, Qt::LeftButton);
    const QAbstractItemModel *shown = panel->visibleRows();
    QTRY_VERIFY(shown->rowCount() < m_model->rowCount());
    QVERIFY(shown->rowCount() > 0);
    const QString ndjson = m_dir.filePath(QStringLiteral("matching.ndjson"));
    QCOMPARE(m_window->exportRowsTo(ndjson), qint64(shown->rowCount()));
    QFile file(ndjson);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), shown->rowCount());
    for (const QByteArray &line : lines)
        QVERIFY(filter.matches(QJsonDocument::fromJson(line).object()));
    QTest::mouseClick(onlyMatching, Qt::LeftButton);
    QCOMPARE(shown->rowCount(), m_model->rowCount());

    // Clear empties the table; the stream goes on.
    auto *clear = table->findChild<QToolButton *>(QStringLiteral("clearTableButton"));
    QVERIFY(clear);
    QTest::mouseClick(clear, Qt::LeftButton);
    QCOMPARE(m_model->rowCount(), 0);
    m_window->pauseAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > 10, Timeout);

    // With the setting on, applying a filter clears the table; the setting is kept.
    auto *clearOnApply = table->findChild<QAction *>(QStringLiteral("clearOnFilterAction"));
    QVERIFY(clearOnApply);
    clearOnApply->trigger();
    QVERIFY(clearOnApply->isChecked());
    const QByteArray state = panel->saveTableState();
    panel->applyFilter(Filter());
    QCOMPARE(m_model->rowCount(), 0);
    clearOnApply->trigger();
    QVERIFY(panel->restoreTableState(state));
    QVERIFY(clearOnApply->isChecked());
    clearOnApply->trigger();
    QVERIFY(!onlyMatching->isEnabled()); // no server filter to apply
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > 10, Timeout);
    panel->applyFilter(filter);
    QVERIFY(m_model->rowCount() > 10); // not cleared with the setting off
}

void TestMainWindow::stopAndStart()
{
    StreamPanel *panel = m_window->streamPanel();
    QVERIFY(activateWindow());
    QTest::keyClick(m_window, Qt::Key_F5, Qt::ShiftModifier);
    QTRY_COMPARE(panel->stateText(), QStringLiteral("■ Stopped"));
    QVERIFY(!panel->session()->isRunning());
    QTest::keyClick(m_window, Qt::Key_F5);
    QTRY_COMPARE(panel->stateText(), QStringLiteral("● Streaming"));
    const int rows = m_model->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > rows + 5, Timeout);
}

void TestMainWindow::pauseAndResume()
{
    StreamPanel *panel = m_window->streamPanel();
    QVERIFY(activateWindow());
    QTest::keyClick(m_window, Qt::Key_P, Qt::ControlModifier);
    QVERIFY(m_model->isPaused());
    QVERIFY(m_window->pauseAction()->isChecked());
    const int frozen = m_model->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(m_model->pendingCount() > 10, Timeout);
    QCOMPARE(m_model->rowCount(), frozen);
    QTRY_VERIFY(panel->stateText().startsWith(QStringLiteral("‖ View paused — ")));
    // Every character is one the label's font has: no missing-glyph box.
    auto *stateLabel = panel->findChild<QLabel *>(QStringLiteral("streamStateLabel"));
    const QFontMetrics metrics(stateLabel->font());
    for (const uint ucs4 : stateLabel->text().toUcs4())
        QVERIFY2(metrics.inFontUcs4(ucs4), qPrintable(QString::number(ucs4, 16)));

    // Space in the table resumes; the backlog joins the table.
    LiveTableView *view = panel->tablePanel()->view();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Space);
    QVERIFY(!m_model->isPaused());
    QVERIFY(!m_window->pauseAction()->isChecked());
    QCOMPARE(m_model->pendingCount(), 0);
    QVERIFY(m_model->rowCount() > frozen);
    QTRY_COMPARE(panel->stateText(), QStringLiteral("● Streaming"));
}

void TestMainWindow::surviveServerDrop()
{
    StreamPanel *panel = m_window->streamPanel();
    const Filter filter = panel->appliedFilter();
    QSignalSpy states(panel->session(), &StreamSession::stateChanged);
    QSignalSpy resubscribed(panel->session(), &StreamSession::resubscribed);
    // Start does nothing while the stream reconnects by itself: neither the button nor the
    // toolbar's action offers it then.
    auto *startButton = panel->findChild<QPushButton *>(QStringLiteral("startButton"));
    QList<bool> startOffered;
    const QMetaObject::Connection watch =
        connect(panel->session(), &StreamSession::stateChanged, this, [&](ConnectionState state) {
            if (state == ConnectionState::Reconnecting)
                startOffered << (startButton->isEnabled() || m_window->startAction()->isEnabled());
        });
    m_monitor->emulator()->dropAllConnections();
    QTRY_VERIFY_WITH_TIMEOUT(resubscribed.size() >= 1, Timeout);
    QList<ConnectionState> seen;
    for (const QList<QVariant> &args : states)
        seen << args.at(0).value<ConnectionState>();
    QVERIFY(seen.contains(ConnectionState::Reconnecting));
    QCOMPARE(seen.last(), ConnectionState::Connected);
    disconnect(watch);
    QVERIFY(!startOffered.isEmpty());
    QVERIFY(!startOffered.contains(true));
    QTRY_COMPARE(panel->stateText(), QStringLiteral("● Streaming"));
    QTRY_COMPARE_WITH_TIMEOUT(statusState("apiStatus"), ConnectionState::Connected, Timeout);
    QTRY_COMPARE(statusState("streamStatus"), ConnectionState::Connected);

    const int start = m_model->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() >= start + 30, Timeout);
    for (int row = start; row < m_model->rowCount(); ++row)
        QVERIFY2(rowMatches(row, filter), m_model->message(row).json.constData());
    // The event log tells the story.
    ConnectionEventLog *log = m_window->eventLog();
    bool sawRetry = false;
    for (int i = 0; i < log->eventCount(); ++i)
        sawRetry |= log->event(i).kind == ConnectionEventKind::RetryScheduled;
    QVERIFY(sawRetry);
}

void TestMainWindow::reconnectNowWhileConnected()
{
    StreamPanel *panel = m_window->streamPanel();
    QTRY_COMPARE_WITH_TIMEOUT(statusState("streamStatus"), ConnectionState::Connected, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(statusState("apiStatus"), ConnectionState::Connected, Timeout);
    const quint64 reconnects = panel->session()->stats().reconnects;
    const int events = m_window->eventLog()->eventCount();
    QSignalSpy streamOpened(panel->session(), &StreamSession::opened);
    QSignalSpy apiOpened(m_window->apiClient()->connection(), &ConnectionStatusSource::opened);
    QVERIFY(activateWindow());
    QTest::keyClick(m_window, Qt::Key_R, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(streamOpened.size() >= 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(apiOpened.size() >= 1, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(shownReconnects(), reconnects + 1, Timeout);
    // Logged once by each connection, by name: the stream's and the API's, nothing more.
    QStringList asked;
    for (int i = events; i < m_window->eventLog()->eventCount(); ++i) {
        const ConnectionEvent event = m_window->eventLog()->event(i);
        if (event.text.contains(QStringLiteral("reconnecting now"), Qt::CaseInsensitive))
            asked << event.connection;
    }
    asked.sort();
    QCOMPARE(asked.size(), 2);
    QVERIFY(asked.first() != asked.last());
    // Still streaming on the new connection.
    const int rows = m_model->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > rows, Timeout);
}

void TestMainWindow::serverErrorShowsInMessageBar()
{
    StreamPanel *panel = m_window->streamPanel();
    QVERIFY(panel->messageText().isEmpty());
    QSignalSpy errors(panel->session(), &StreamSession::serverErrorsReceived);
    panel->session()->sendRawText(QByteArrayLiteral(R"({"action":"dance"})"));
    QVERIFY(errors.wait(Timeout));
    QVERIFY(panel->messageText().contains(QStringLiteral("The server answered with an error")));
    auto *bar = panel->findChild<QWidget *>(QStringLiteral("messageBar"));
    QVERIFY(bar->isVisible());
    QTest::mouseClick(bar->findChild<QToolButton *>(QStringLiteral("messageBarClose")),
                      Qt::LeftButton);
    QVERIFY(panel->messageText().isEmpty());
    // Still streaming after the error.
    const int rows = m_model->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > rows, Timeout);
}

void TestMainWindow::consoleRequest()
{
    QVERIFY(activateWindow());
    QTest::keyClick(m_window, Qt::Key_2, Qt::AltModifier);
    ApiConsolePanel *console = m_window->consolePanel();
    QCOMPARE(m_window->tabs()->currentWidget(), console);
    auto *method = console->findChild<QComboBox *>(QStringLiteral("methodCombo"));
    auto *path = console->findChild<QLineEdit *>(QStringLiteral("pathEdit"));
    auto *body = console->findChild<QPlainTextEdit *>(QStringLiteral("bodyEdit"));
    auto *id = console->findChild<QLineEdit *>(QStringLiteral("idEdit"));
    QVERIFY(method && path && body && id);
    method->setFocus();
    QTest::keyClicks(method, QStringLiteral("GET"));
    QCOMPARE(method->currentText(), QStringLiteral("GET"));
    body->setFocus();
    QTest::keyClick(body, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(body, QStringLiteral(R"({"chain":"ethereum"})"));
    path->setFocus();
    path->selectAll();
    QTest::keyClicks(path, QStringLiteral("/api/v1/developer/assets"));
    id->selectAll();
    QTest::keyClicks(id, QStringLiteral("shell-1"));
    QSignalSpy submitted(console, &ApiConsolePanel::requestSubmitted);
    path->setFocus();
    QTest::keyClick(path, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(submitted.size(), 1);
    QCOMPARE(submitted.first().at(0).toString(), QStringLiteral("shell-1"));
    ApiHistoryModel *history = console->historyModel();
    const int row = history->rowOfId(QStringLiteral("shell-1"));
    QVERIFY(row >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(history->stateAt(row), ApiHistoryModel::RowState::Succeeded, Timeout);
    const QModelIndex index = history->index(row, 0);
    QCOMPARE(index.data(ApiHistoryModel::ResponseIdRole).toString(), QStringLiteral("shell-1"));
    QVERIFY(!index.data(ApiHistoryModel::ResponseJsonRole).toByteArray().isEmpty());
    QVERIFY(activateWindow());
    QTest::keyClick(m_window, Qt::Key_1, Qt::AltModifier);
    QCOMPARE(m_window->tabs()->currentWidget(), m_window->workspaceView());
}

void TestMainWindow::exportVisibleRows()
{
    m_window->pauseAction()->trigger(); // a still table to compare with
    const int rows = m_model->rowCount();
    const QString ndjson = m_dir.filePath(QStringLiteral("rows.ndjson"));
    QString error;
    QCOMPARE(m_window->exportRowsTo(ndjson, &error), qint64(rows));
    QFile file(ndjson);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), rows + 1); // the last line ends with a newline
    QCOMPARE(lines.first(), m_model->message(0).json);

    const QString csv = m_dir.filePath(QStringLiteral("rows.csv"));
    QCOMPARE(m_window->exportRowsTo(csv, &error), qint64(rows));
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QByteArray header = csvFile.readLine();
    QCOMPARE(header.trimmed(), m_model->columns().join(QLatin1Char(',')).toUtf8());
    error.clear();
    QCOMPARE(m_window->exportRowsTo(m_dir.filePath(QStringLiteral("no/such/dir/x.csv")), &error),
             qint64(-1));
    QVERIFY(!error.isEmpty());
    m_window->pauseAction()->trigger();
    QVERIFY(!m_model->isPaused());
}

void TestMainWindow::exportInBackground()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() >= 50, Timeout);
    const QString csv = m_dir.filePath(QStringLiteral("background.csv"));
    const int rowsBefore = m_model->rowCount();
    m_window->exportRowsInBackground(csv);
    RowExportTask *task = m_window->exportTask();
    QVERIFY(task);
    auto *progress = m_window->findChild<QProgressDialog *>(QStringLiteral("exportProgress"));
    QVERIFY(progress && progress->isVisible());
    QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("exportAction"))->isEnabled());
    const qint64 snapshot = task->total();
    QVERIFY(snapshot >= rowsBefore);
    QSignalSpy finished(task, &RowExportTask::finished);
    QVERIFY(finished.wait(Timeout));
    QCOMPARE(finished.first().at(0).toLongLong(), snapshot);
    QVERIFY(!progress->isVisible());
    QVERIFY(m_window->findChild<QAction *>(QStringLiteral("exportAction"))->isEnabled());
    QTRY_VERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Exported ")));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), snapshot + 1);
    // The stream went on throughout.
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > int(snapshot), Timeout);
}

void TestMainWindow::layoutAndPalette()
{
    QVERIFY2(m_window->minimumSizeHint().width() <= 1024,
             qPrintable(QString::number(m_window->minimumSizeHint().width())));
    QVERIFY2(m_window->minimumSizeHint().height() <= 700,
             qPrintable(QString::number(m_window->minimumSizeHint().height())));
    m_window->resize(1024, 700);
    QTRY_COMPARE(m_window->size(), QSize(1024, 700));
    QTRY_VERIFY(m_window->streamPanel()->tablePanel()->view()->height() > 120);

    const QPalette before = m_window->palette();
    m_window->setPalette(Theme::darkPalette());
    StreamPanel *panel = m_window->streamPanel();
    panel->showMessage(QStringLiteral("A message on a dark palette"));
    auto *bar = panel->findChild<QWidget *>(QStringLiteral("messageBar"));
    auto *text = panel->findChild<QLabel *>(QStringLiteral("messageBarText"));
    QVERIFY(contrast(bar->palette().color(QPalette::Window),
                     text->palette().color(QPalette::WindowText)) >= 4.5);
    const QImage image = m_window->grab().toImage();
    QCOMPARE(image.size(), m_window->size() * m_window->devicePixelRatio());
    panel->hideMessage();
    m_window->setPalette(before);
    m_window->resize(1280, 800);
}

void TestMainWindow::settingsPersist()
{
    StreamPanel *panel = m_window->streamPanel();
    const Filter filter = panel->appliedFilter();
    panel->tablePanel()->setColumns({QStringLiteral("hash"), QStringLiteral("gas")});
    m_window->saveSettings();

    MonitorOptions options = m_options;
    MonitorComposition secondMonitor(options);
    MainWindow &second = *secondMonitor.window();
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    QVERIFY(!second.settings()->isFirstRun());
    second.startUp();
    QCOMPARE(second.streamPanel()->topic(), QStringLiteral("ethereum.transactions"));
    QCOMPARE(second.streamPanel()->appliedFilter(), filter);
    QCOMPARE(second.streamPanel()->filterEditor()->filter(), filter);
    QCOMPARE(second.streamPanel()->tablePanel()->columns(),
             (QStringList{QStringLiteral("hash"), QStringLiteral("gas")}));
    // Not the first run: connected, but waiting for Start.
    QTRY_COMPARE_WITH_TIMEOUT(second.streamPanel()->stateText(), QStringLiteral("■ Stopped"),
                              Timeout);
}

void TestMainWindow::addingKeySwitchesProfile()
{
    // A profile pointing at the embedded emulator's address, as a real one would at Allium.
    ProfileStore *profiles = m_window->profileStore();
    ConnectionProfile local(QStringLiteral("Local test"), m_monitor->emulator()->baseUrl());
    local.setOptions(m_options.window.connection);
    QVERIFY(profiles->create(local));
    m_window->showProfiles();
    ProfileDialog *dialog = m_window->profileDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    dialog->selectProfile(local.name());
    auto *key = dialog->findChild<QLineEdit *>(QStringLiteral("keyEdit"));
    QVERIFY(key);
    QCOMPARE(key->echoMode(), QLineEdit::Password); // masked unless the user asks
    key->setFocus();
    QTest::keyClicks(key, EmulatorDemoKey);
    QSignalSpy saved(dialog, &ProfileDialog::keySaved);
    QVERIFY(dialog->saveCurrent());
    QVERIFY(saved.wait(Timeout));
    QTRY_COMPARE(m_window->activeProfileName(), local.name());
    QVERIFY(!m_window->isUsingEmulator());
    QCOMPARE(profiles->defaultProfileName(), local.name());
    QVERIFY(m_window->settings()->profilesWithKey().contains(
        profiles->profile(local.name()).keyReference()));
    QCOMPARE(m_window->findChild<ProfileBadge *>(QStringLiteral("endpointBadge"))->kind(),
             ProfileBadge::Kind::LocalEmulator);
    // Connected with the saved key: rows keep coming on the new connection.
    QTRY_COMPARE_WITH_TIMEOUT(statusState("streamStatus"), ConnectionState::Connected, Timeout);
    const int rows = m_model->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > rows, Timeout);
    // The key never reached the settings file.
    m_window->settings()->sync();
    QFile settings(m_options.settingsFile);
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(!settings.readAll().contains(EmulatorDemoKey.toUtf8()));
    dialog->close();
}

void TestMainWindow::fixedKeyClearsFailureBanner()
{
    ProfileStore *profiles = m_window->profileStore();
    ConnectionProfile profile(QStringLiteral("Typo key"), m_monitor->emulator()->baseUrl());
    profile.setOptions(m_options.window.connection);
    QVERIFY(profiles->create(profile));
    StreamPanel *panel = m_window->streamPanel();
    // A wrong key: refused, and the message bar says so.
    QVERIFY(saveKeyInDialog(m_window, profile.name(), QStringLiteral("not-the-key")));
    QTRY_COMPARE(m_window->activeProfileName(), profile.name());
    QTRY_COMPARE_WITH_TIMEOUT(statusState("streamStatus"), ConnectionState::Failed, Timeout);
    QTRY_VERIFY(panel->messageText().contains(QStringLiteral("The stream connection failed")));
    // Fixed: the stream is back and the banner is gone.
    QVERIFY(saveKeyInDialog(m_window, profile.name(), EmulatorDemoKey));
    QTRY_COMPARE_WITH_TIMEOUT(statusState("streamStatus"), ConnectionState::Connected, Timeout);
    QTRY_VERIFY(panel->messageText().isEmpty());
    QVERIFY(!panel->findChild<QWidget *>(QStringLiteral("messageBar"))->isVisible());
}

void TestMainWindow::relaunchWithoutSessionKeyFallsBack()
{
    MonitorOptions options = m_options;
    options.settingsFile = m_dir.filePath(QStringLiteral("session-key.ini"));
    const QString name = QStringLiteral("Session only");
    {
        MonitorComposition first(options);
        MainWindow &window = *first.window();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.startUp();
        ConnectionProfile profile(name, first.emulator()->baseUrl());
        profile.setOptions(options.window.connection);
        QVERIFY(window.profileStore()->create(profile));
        // No keychain: the key lives in memory for this session only.
        QVERIFY(saveKeyInDialog(&window, name, EmulatorDemoKey));
        QTRY_COMPARE(window.activeProfileName(), name);
        window.saveSettings();
    }
    MonitorComposition second(options);
    MainWindow &window = *second.window();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.startUp();
    QTRY_VERIFY_WITH_TIMEOUT(window.isUsingEmulator(), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(window.streamPanel()->session()->state(), ConnectionState::Connected,
                              Timeout);
    const QString notice = window.streamPanel()->messageText();
    QVERIFY2(notice.contains(QStringLiteral("\"%1\"").arg(name)) &&
                 notice.contains(QStringLiteral("built-in emulator")),
             qPrintable(notice));
    auto *box = window.findChild<QComboBox *>(QStringLiteral("profileBox"));
    QVERIFY(!box->currentText().isEmpty());
    // Adding the key back (this session's emulator stands in for the server) connects the
    // profile and clears the notice.
    ConnectionProfile profile = window.profileStore()->profile(name);
    profile.setBaseUrl(second.emulator()->baseUrl());
    QVERIFY(window.profileStore()->update(profile));
    QVERIFY(saveKeyInDialog(&window, name, EmulatorDemoKey));
    QTRY_COMPARE(window.activeProfileName(), name);
    QTRY_COMPARE_WITH_TIMEOUT(window.streamPanel()->session()->state(), ConnectionState::Connected,
                              Timeout);
    QVERIFY(window.streamPanel()->messageText().isEmpty());
}

void TestMainWindow::insecureConnectionWarns()
{
    // The "remote" host is this machine's own non-loopback address: nothing leaves the machine
    // (nothing listens on the port, so the connection simply fails).
    QHostAddress local;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback()) {
            local = address;
            break;
        }
    }
    auto *emulatorWarning = m_window->findChild<QLabel *>(QStringLiteral("insecureWarning"));
    QVERIFY(emulatorWarning);
    QVERIFY(!emulatorWarning->isVisible());
    QVERIFY(!m_window->isInsecureConnection());
    if (local.isNull())
        QSKIP("this machine has no non-loopback IPv4 address");
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    MonitorOptions options = m_options;
    options.settingsFile = m_dir.filePath(QStringLiteral("insecure.ini"));
    options.window.baseUrl = QUrl(QStringLiteral("ws://%1:%2").arg(local.toString()).arg(port));
    options.window.apiKey = QStringLiteral("sk-insecure-test");
    options.window.allowInsecure = true;
    MonitorComposition monitor(options);
    MainWindow &window = *monitor.window();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.startUp();
    QVERIFY(window.isInsecureConnection());
    auto *warning = window.findChild<QLabel *>(QStringLiteral("insecureWarning"));
    QTRY_VERIFY(warning->isVisible()); // the toolbar lays it out on the next event loop pass
    QVERIFY(warning->text().contains(QStringLiteral("Unencrypted")));
    QVERIFY(warning->toolTip().contains(local.toString()));
    QString log;
    for (int row = 0; row < window.eventLog()->eventCount(); ++row)
        log += window.eventLog()->event(row).text + QLatin1Char('\n');
    QVERIFY2(log.contains(QStringLiteral("clear text")), qPrintable(log));
}

void TestMainWindow::insecureProfileIsRefused()
{
    const QString file = m_dir.filePath(QStringLiteral("legacy-insecure.ini"));
    // As an older version saved it: ws:// to another machine, no consent.
    writeLegacyProfile(file, QStringLiteral("Lab"), QStringLiteral("ws://203.0.113.1:9"));
    {
        QSettings settings(file, QSettings::IniFormat);
        settings.setValue(QStringLiteral("monitor/profilesWithKey"),
                          QStringList{QStringLiteral("Lab")});
    }
    MonitorOptions options = m_options;
    options.settingsFile = file;
    options.window.profile = QStringLiteral("Lab");
    MonitorComposition monitor(options);
    MainWindow &window = *monitor.window();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.startUp();
    QVERIFY(window.isUsingEmulator());
    QVERIFY(!window.isInsecureConnection());
    QVERIFY(window.activeBaseUrl().host() != QLatin1String("203.0.113.1"));
    QString log;
    for (int row = 0; row < window.eventLog()->eventCount(); ++row)
        log += window.eventLog()->event(row).text + QLatin1Char('\n');
    QVERIFY2(log.contains(QStringLiteral("Not connecting with \"Lab\"")), qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral("clear text")), qPrintable(log));
}

void TestMainWindow::environmentKeyIsRedacted()
{
    const QString key = QStringLiteral("sk-environment-5b7e1d");
    EmulatorOptions emulatorOptions;
    emulatorOptions.keys = {key};
    EmulatorServer server(emulatorOptions);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    MonitorOptions options = m_options;
    options.settingsFile = m_dir.filePath(QStringLiteral("environment-key.ini"));
    options.window.baseUrl = server.baseUrl();
    options.window.apiKey = key; // as main() reads it from ALLIUM_API_KEY
    MonitorComposition monitor(options);
    MainWindow &window = *monitor.window();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.startUp();
    QTRY_COMPARE_WITH_TIMEOUT(window.apiClient()->state(), ConnectionState::Connected, Timeout);
    // A server that echoes the key back (in an error, a close reason) never gets it shown.
    window.eventLog()->addEvent(QStringLiteral("Stream"), ConnectionEventKind::ServerError,
                                QStringLiteral("unknown key %1").arg(key));
    const ConnectionEvent &last = window.eventLog()->event(window.eventLog()->eventCount() - 1);
    QCOMPARE(last.text, QStringLiteral("unknown key ••••"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
