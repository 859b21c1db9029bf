// SPDX-License-Identifier: MIT
#include "monitor/monitorcomposition.h"
#include "ui/mainwindow.h"
#include "ui/stream/livetableview.h"
#include "ui/stream/streampanel.h"
#include "ui/stream/streamtablepanel.h"
#include "uitestsupport.h"

#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace allium;

// The main window in small windows (800×600, the minimum, and 1024×700) as a user sees it:
// the endpoint badge and the profile, Start and Stop, the message search and enough table rows
// to read, and the filter editor's Apply, Clear and Expand stay whole and visible.
class TestSmallWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void essentialsFit_data();
    void essentialsFit();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<MonitorComposition> m_monitor;
    MainWindow *m_window = nullptr;
};

namespace {

// Whole, visible and inside the window: not cut by the window's edge nor hidden.
bool isWhollyShown(const QWidget *widget, const QWidget *window)
{
    if (!widget || !widget->isVisibleTo(window) ||
        widget->width() < widget->minimumSizeHint().width())
        return false;
    const QRect inWindow(widget->mapTo(window, QPoint(0, 0)), widget->size());
    return window->rect().contains(inWindow);
}

} // namespace

void TestSmallWindow::initTestCase()
{
    m_monitor = uitest::showIsolatedMonitor(m_dir, 50, QSize(1280, 800));
    QVERIFY(m_monitor);
    m_window = m_monitor->window();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QVERIFY(m_window->startUp());
}

void TestSmallWindow::cleanupTestCase()
{
    m_monitor.reset();
}

void TestSmallWindow::essentialsFit_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("minimumRows");
    QTest::newRow("800x600") << QSize(800, 600) << 5;
    QTest::newRow("1024x700") << QSize(1024, 700) << 7;
}

void TestSmallWindow::essentialsFit()
{
    QFETCH(QSize, size);
    QFETCH(int, minimumRows);
    QVERIFY(m_window->minimumSize().width() <= 800 && m_window->minimumSize().height() <= 600);
    m_window->resize(size);
    QTRY_COMPARE(m_window->size(), size);

    for (const char *name :
         {"endpointBadge", "profileBox", "topicButton", "startButton", "stopButton", "searchField",
          "streamStateLabel", "appliedFilterLabel"}) {
        auto *widget = m_window->findChild<QWidget *>(QLatin1String(name));
        QTRY_VERIFY2(isWhollyShown(widget, m_window), name);
    }
    // The filter editor's actions stay in view, and the editor fits the width (no sideways
    // scrolling to reach Apply).
    auto *editor = m_window->streamPanel()->findChild<QWidget *>(QStringLiteral("filterEditor"));
    QVERIFY(editor);
    for (const char *name : {"applyButton", "clearButton", "expandEditorButton"}) {
        auto *button = editor->findChild<QPushButton *>(QLatin1String(name));
        QTRY_VERIFY2(isWhollyShown(button, m_window), name);
    }
    auto *editorArea =
        m_window->streamPanel()->findChild<QScrollArea *>(QStringLiteral("editorArea"));
    QVERIFY(editorArea);
    QCOMPARE(editorArea->horizontalScrollBar()->maximum(), 0);

    LiveTableView *table = m_window->streamPanel()->tablePanel()->view();
    QTRY_VERIFY(table->verticalHeader()->defaultSectionSize() > 0);
    const int rowsShown =
        table->viewport()->height() / table->verticalHeader()->defaultSectionSize();
    QVERIFY2(rowsShown >= minimumRows, qPrintable(QString::number(rowsShown)));
    m_window->resize(1280, 800);
}

QTEST_MAIN(TestSmallWindow)
#include "tst_smallwindow.moc"
