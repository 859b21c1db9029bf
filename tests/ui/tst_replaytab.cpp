// SPDX-License-Identifier: MIT
#include "core/replay/replaycontroller.h"
#include "core/replay/replaypacer.h"
#include "core/stream/streamsession.h"
#include "core/table/messagetablemodel.h"
#include "core/workspace/streamoverviewmodel.h"
#include "core/workspace/streamworkspace.h"
#include "support/recordingfiles.h"
#include "ui/record/replaycontrolswidget.h"
#include "ui/stream/streampanel.h"
#include "ui/stream/streamtablepanel.h"
#include "ui/workspace/streamworkspaceview.h"
#include "uitestsupport.h"

#include <QComboBox>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

using namespace allium;
using allium::testing::RecordingLine;

// A recording opened as a stream tab: its controls (play, pause, speed, position slider, jump)
// driven with the mouse and keyboard, the window's ways to open one (File → Open recording,
// drag and drop, --replay), and a damaged file shown up to its bad line with the reason.
class TestReplayTab : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    // Play, pause, speed, the slider and jump as a user drives them; the table follows.
    void controlsDriveTheReplay();
    // The filter applies to replayed data as to live data.
    void filterAppliesToReplayedData();
    // Opened from the window (as File → Open recording does) and by dropping the file.
    void openFromWindowAndByDrop();
    // A corrupted or cut-off file opens up to its last good line, showing line and reason; a
    // newer version is refused with a message, and nothing crashes.
    void damagedFilesSayWhere();
    // Duplicating a replay tab replays the same file, at the source's position and speed (one
    // from the command line, such as 5×, is listed), on its own; never a live stream.
    void duplicateReplaysTheSameFile();

private:
    QString writeLines(const QString &name, int count, qint64 spacingUs,
                       const QByteArray &tail = {});
    static int rows(StreamPanel *panel) { return panel->tablePanel()->model()->size(); }
    static QByteArray row(StreamPanel *panel, int index)
    {
        return panel->tablePanel()->model()->message(index).json;
    }
    static bool onlyRowIs(StreamPanel *panel, const QByteArray &json)
    {
        return rows(panel) == 1 && row(panel, 0) == json;
    }

    /// A workspace view of its own, shown.
    struct Workspace
    {
        Workspace() { view.show(); }
        StreamWorkspace workspace;
        StreamOverviewModel overview{&workspace};
        StreamWorkspaceView view{&workspace, &overview};
    };

    QTemporaryDir m_dir;
    QVector<RecordingLine> m_lines;
};

void TestReplayTab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

QString TestReplayTab::writeLines(const QString &name, int count, qint64 spacingUs,
                                  const QByteArray &tail)
{
    m_lines = testing::syntheticLines(count, 1764600000000000, spacingUs);
    const QString path = m_dir.filePath(name);
    if (!testing::writeRecording(path, QStringLiteral("ethereum.blocks"), m_lines, tail))
        return {};
    return path;
}

void TestReplayTab::controlsDriveTheReplay()
{
    // A second apart: at 1× the second message waits a second.
    const QString path = writeLines(QStringLiteral("blocks.jsonl"), 200, 1000000);
    QVERIFY(!path.isEmpty());
    Workspace shown;
    StreamWorkspaceView &view = shown.view;
    view.resize(1200, 800);
    QString error;
    StreamPanel *panel = view.openRecording(path, false, &error);
    QVERIFY2(panel, qPrintable(error));
    QVERIFY(panel->replay());
    QCOMPARE(panel->topic(), QStringLiteral("ethereum.blocks"));
    ReplayControlsWidget *controls = panel->replayControls();
    QVERIFY(controls && controls->isVisible());
    auto *play = controls->findChild<QToolButton *>(QStringLiteral("replayPlayButton"));
    auto *speed = controls->findChild<QComboBox *>(QStringLiteral("replaySpeed"));
    auto *slider = controls->findChild<QSlider *>(QStringLiteral("replayPosition"));
    auto *jumpTo = controls->findChild<QSpinBox *>(QStringLiteral("replayJumpTo"));
    auto *jump = controls->findChild<QPushButton *>(QStringLiteral("replayJumpButton"));
    QVERIFY(play && speed && slider && jumpTo && jump);
    QCOMPARE(play->text(), QStringLiteral("▶ Play"));
    QTRY_COMPARE(panel->session()->state(), ConnectionState::Connected);
    QTRY_COMPARE(slider->maximum(), 199); // the index counted the file

    // Play: the first message at once, the next one only a second later.
    QTest::mouseClick(play, Qt::LeftButton);
    QCOMPARE(play->text(), QStringLiteral("‖ Pause"));
    QVERIFY(panel->session()->isRunning());
    QTRY_COMPARE(rows(panel), 1);
    QCOMPARE(row(panel, 0), m_lines.at(0).json);
    QTRY_COMPARE(controls->positionText(), QStringLiteral("Message 1 of 200"));
    QVERIFY2(controls->timeText().startsWith(QStringLiteral("14:40:00.000 UTC · 0:00 / 3:19")),
             qPrintable(controls->timeText()));
    QVERIFY2(controls->timeText().endsWith(QLatin1String("0:00 / 3:19")),
             qPrintable(controls->timeText()));
    QTest::mouseClick(play, Qt::LeftButton);
    QCOMPARE(play->text(), QStringLiteral("▶ Play"));
    QVERIFY(!panel->session()->isRunning());

    // The slider: End goes to the last message, which shows (paused) in a cleared table.
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_End);
    QTRY_VERIFY(onlyRowIs(panel, m_lines.at(199).json));
    QTRY_COMPARE(controls->positionText(), QStringLiteral("Message 200 of 200"));
    QCOMPARE(slider->value(), 199);

    // Jump to message 150 (1-based): the table starts over there.
    jumpTo->setFocus();
    jumpTo->selectAll();
    QTest::keyClicks(jumpTo, QStringLiteral("150"));
    QTest::mouseClick(jump, Qt::LeftButton);
    QTRY_VERIFY(onlyRowIs(panel, m_lines.at(149).json));
    QTRY_COMPARE(controls->positionText(), QStringLiteral("Message 150 of 200"));
    QTRY_COMPARE(slider->value(), 149);

    // As fast as possible (the last entry of the speed box, chosen with the keyboard), then
    // play: the rest of the file, in order.
    speed->setFocus();
    QTest::keyClick(speed, Qt::Key_End);
    QCOMPARE(speed->currentText(), QStringLiteral("As fast as possible"));
    QCOMPARE(panel->replay()->speed(), ReplayPacer::AsFastAsPossible);
    QTest::mouseClick(play, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(rows(panel), 51, 10000);
    for (int i = 0; i < 51; ++i)
        QCOMPARE(row(panel, i), m_lines.at(149 + i).json);
    QTRY_VERIFY(panel->replay()->isAtEnd());
    QTRY_COMPARE(controls->positionText(), QStringLiteral("Message 200 of 200"));
    // At the end it pauses: Play would start over.
    QTRY_COMPARE(play->text(), QStringLiteral("▶ Play"));
    QVERIFY(!panel->session()->isRunning());
    uitest::saveScreenshot(&view, QStringLiteral("replay-tab"));

    // 2×, with the keyboard again.
    QTest::keyClick(speed, Qt::Key_Home);
    QTest::keyClick(speed, Qt::Key_Down);
    QCOMPARE(panel->replay()->speed(), 2.0);
    QCOMPARE(controls->problemText(), QString());
}

void TestReplayTab::filterAppliesToReplayedData()
{
    const QString path = writeLines(QStringLiteral("filtered.jsonl"), 300, 1000);
    Workspace shown;
    StreamWorkspaceView &view = shown.view;
    StreamPanel *panel = view.openRecording(path, false);
    QVERIFY(panel);
    const FilterParseResult parsed =
        Filter::parse(QByteArray(R"({"field":"number","operator":"<","value":100})"));
    QVERIFY(parsed.ok());
    panel->applyFilter(parsed.filter);
    panel->replay()->setSpeed(ReplayPacer::AsFastAsPossible);
    panel->start();
    QTRY_VERIFY(panel->replay()->isAtEnd());
    QTRY_COMPARE(rows(panel), 100);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(row(panel, i), m_lines.at(i).json);
    QVERIFY(panel->findChild<QWidget *>(QStringLiteral("appliedFilterLabel")));
}

void TestReplayTab::openFromWindowAndByDrop()
{
    const QString path = writeLines(QStringLiteral("window.jsonl"), 50, 1000);
    QTemporaryDir settings;
    auto monitor = uitest::showIsolatedMonitor(settings, 5, QSize(1280, 800));
    QVERIFY(monitor);
    MainWindow *window = monitor->window();
    window->startUp();
    const int before = window->workspaceView()->count();
    QVERIFY(window->openRecordingAction());
    QVERIFY(window->openRecording(path));
    QCOMPARE(window->workspaceView()->count(), before + 1);
    StreamPanel *panel = window->streamPanel();
    QVERIFY(panel->replay());
    QCOMPARE(window->workspaceView()->tabText(panel), QStringLiteral("▶ window.jsonl"));
    QTRY_COMPARE_WITH_TIMEOUT(rows(panel), 50, 10000);
    QCOMPARE(row(panel, 0), m_lines.at(0).json);
    QCOMPARE(row(panel, 49), m_lines.at(49).json);

    // A dropped file opens the same way.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &drop);
    QCOMPARE(window->workspaceView()->count(), before + 2);
    QVERIFY(window->streamPanel()->replay());
    QVERIFY(window->streamPanel() != panel);

    // Dropped text that is not a file is not taken.
    QMimeData text;
    text.setText(QStringLiteral("not a file"));
    QDragEnterEvent refused(QPoint(100, 100), Qt::CopyAction, &text, Qt::LeftButton,
                            Qt::NoModifier);
    refused.setAccepted(false);
    QCoreApplication::sendEvent(window, &refused);
    QVERIFY(!refused.isAccepted());
    // Another topic asked of a replay (the toolbar's topic menu) opens a live stream of it.
    StreamPanel *replay = window->streamPanel();
    const int open = window->workspaceView()->count();
    replay->setTopic(QStringLiteral("ethereum.logs"));
    QCOMPARE(window->workspaceView()->count(), open + 1);
    QCOMPARE(replay->topic(), QStringLiteral("ethereum.blocks"));
    QCOMPARE(window->streamPanel()->topic(), QStringLiteral("ethereum.logs"));
    QVERIFY(!window->streamPanel()->replay());
    window->workspaceView()->setCurrentPanel(replay);
    // A profile switch does not touch a replay.
    window->connectProfile(window->activeProfileName());
    QCOMPARE(window->streamPanel()->session()->url().scheme(), QStringLiteral("file"));
}

void TestReplayTab::damagedFilesSayWhere()
{
    QTemporaryDir settings;
    auto monitor = uitest::showIsolatedMonitor(settings, 5, QSize(1024, 700));
    QVERIFY(monitor);
    MainWindow *window = monitor->window();
    window->startUp();

    // Line 12 (the header, then 10 messages) is broken; the one after it is never read.
    const QString corrupt = writeLines(QStringLiteral("corrupt.jsonl"), 10, 1000,
                                       "{\"t\":1764600000100000,\"m\":{\"number\":\n"
                                       "{\"t\":1764600000200000,\"m\":{\"number\":11}}\n");
    QVERIFY(window->openRecording(corrupt));
    StreamPanel *panel = window->streamPanel();
    panel->replay()->setSpeed(ReplayPacer::AsFastAsPossible);
    QTRY_COMPARE_WITH_TIMEOUT(rows(panel), 10, 10000);
    QTRY_VERIFY(panel->replayControls()->problemText().contains(QLatin1String("line 12: ")));
    QVERIFY(panel->replayControls()->isVisible());
    uitest::saveScreenshot(window, QStringLiteral("replay-corrupt"));

    // Cut off by a crash in the middle of its last line.
    const QString cut = writeLines(QStringLiteral("cut.jsonl"), 10, 1000, "{\"t\":17646");
    QVERIFY(window->openRecording(cut));
    QTRY_VERIFY(window->streamPanel()->replayControls()->problemText().contains(
        QLatin1String("line 12: cut off")));

    // A newer format version: refused, and the message bar says why.
    const QString newer = m_dir.filePath(QStringLiteral("newer.jsonl"));
    QVERIFY(testing::writeNewerVersionRecording(newer));
    const int count = window->workspaceView()->count();
    QString error;
    QVERIFY(!window->openRecording(newer, &error));
    QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
    QCOMPARE(window->workspaceView()->count(), count);
    QVERIFY(window->streamPanel()->messageText().contains(QLatin1String("newer.jsonl")));

    // Not a recording at all.
    QVERIFY(!window->openRecording(m_dir.filePath(QStringLiteral("missing.jsonl")), &error));
    QVERIFY(!error.isEmpty());
}

void TestReplayTab::duplicateReplaysTheSameFile()
{
    const QString path = writeLines(QStringLiteral("twice.jsonl"), 120, 1000);
    Workspace shown;
    StreamWorkspaceView &view = shown.view;
    StreamPanel *source = view.openRecording(path, false);
    QVERIFY(source);
    source->replay()->setSpeed(5);
    auto *speed = source->replayControls()->findChild<QComboBox *>(QStringLiteral("replaySpeed"));
    QVERIFY(speed);
    QCOMPARE(speed->currentText(), QStringLiteral("5×"));
    QCOMPARE(speed->itemText(speed->currentIndex() + 1), QStringLiteral("10×"));
    // Paused at message 40 (a seek while paused shows that one message).
    QTRY_VERIFY(source->replay()->isIndexComplete());
    source->replay()->seekToMessage(40);
    QTRY_VERIFY(onlyRowIs(source, m_lines.at(40).json));

    StreamPanel *copy = view.duplicateStream(source);
    QVERIFY(copy && copy != source);
    QVERIFY(copy->replay());
    QCOMPARE(copy->replay()->path(), path);
    QCOMPARE(copy->topic(), QStringLiteral("ethereum.blocks"));
    QCOMPARE(copy->session()->url().scheme(), QStringLiteral("file"));
    QCOMPARE(view.tabText(copy), QStringLiteral("▶ twice.jsonl"));
    QCOMPARE(copy->replay()->speed(), 5.0);
    QTRY_VERIFY(onlyRowIs(copy, m_lines.at(41).json)); // where the source goes on
    copy->replay()->setSpeed(ReplayPacer::AsFastAsPossible);
    copy->start();
    QTRY_COMPARE_WITH_TIMEOUT(rows(copy), 120 - 41, 10000);
    QCOMPARE(row(copy, rows(copy) - 1), m_lines.at(119).json);
    QVERIFY(onlyRowIs(source, m_lines.at(40).json)); // the source stays where it was
}

QTEST_MAIN(TestReplayTab)
#include "tst_replaytab.moc"
