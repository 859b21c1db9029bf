// SPDX-License-Identifier: MIT
#include "monitor/monitorcomposition.h"
#include "ui/help/shortcutsdialog.h"
#include "ui/mainwindow.h"
#include "ui/stream/streampanel.h"
#include "ui/stream/streamtablepanel.h"
#include "uitestsupport.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace allium;

// Keyboard reach of the main window: Ctrl+F from anywhere in the stream tab, and a Help list of
// shortcuts that is complete because it is read from the window itself.
class TestShortcuts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    // Ctrl+F in the topic picker (not the table) puts the focus in the message search; the
    // Stream menu lists it with its keys.
    void findFromAnywhereInStreamTab();
    // Help → Keyboard shortcuts lists every action that has a shortcut, with its keys, and the
    // named QShortcuts of the panels (Space in the table, Ctrl+Return in the console).
    void helpListsEveryShortcut();

private:
    bool activateWindow();

    QTemporaryDir m_dir;
    std::unique_ptr<MonitorComposition> m_monitor;
    MainWindow *m_window = nullptr;
};

void TestShortcuts::initTestCase()
{
    m_monitor = uitest::showIsolatedMonitor(m_dir, 50, QSize(1280, 800));
    QVERIFY(m_monitor);
    m_window = m_monitor->window();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QVERIFY(activateWindow());
}

void TestShortcuts::cleanupTestCase()
{
    m_monitor.reset();
}

bool TestShortcuts::activateWindow()
{
    while (QWidget *popup = QApplication::activePopupWidget())
        popup->close();
    m_window->activateWindow();
    return QTest::qWaitForWindowActive(m_window);
}

void TestShortcuts::findFromAnywhereInStreamTab()
{
    auto *search = m_window->streamPanel()->tablePanel()->findChild<QLineEdit *>(
        QStringLiteral("searchField"));
    QVERIFY(search);
    auto *topicSearch = m_window->findChild<QLineEdit *>(QStringLiteral("topicSearch"));
    QVERIFY(topicSearch);
    QVERIFY(activateWindow());
    topicSearch->setFocus();
    QTRY_VERIFY(topicSearch->hasFocus());
    search->setText(QStringLiteral("0x1a"));
    QTest::keyClick(topicSearch, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasFocus());
    QCOMPARE(search->selectedText(), QStringLiteral("0x1a")); // typing replaces the old search

    QAction *find = nullptr;
    for (QAction *menu : m_window->menuBar()->actions()) {
        if (menu->text() != QStringLiteral("&Stream"))
            continue;
        for (QAction *action : menu->menu()->actions()) {
            if (action->objectName() == QStringLiteral("findAction"))
                find = action;
        }
    }
    QVERIFY2(find, "the Stream menu lists Find in messages");
    QCOMPARE(find->shortcut(), QKeySequence(QKeySequence::Find));
}

void TestShortcuts::helpListsEveryShortcut()
{
    const QList<ShortcutsDialog::Entry> entries = ShortcutsDialog::collect(m_window);
    const auto listed = [&entries](const QString &command, const QString &keys) {
        for (const ShortcutsDialog::Entry &entry : entries) {
            if (entry.command == command && entry.keys.contains(keys))
                return true;
        }
        return false;
    };
    const QString find = QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText);
    QVERIFY(listed(QStringLiteral("Find in messages"), find));
    QVERIFY(listed(QStringLiteral("Pause or resume the table view"), QStringLiteral("Space")));
    QVERIFY(listed(QStringLiteral("Send the request"), QStringLiteral("Ctrl+Return")));
    QVERIFY(listed(QStringLiteral("Apply the filter"), QStringLiteral("Ctrl+Return")));
    // Every action of the window with a shortcut is there, whoever made it.
    for (const QAction *action : m_window->findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            continue;
        QString command = action->text();
        command.remove(QLatin1Char('&'));
        if (command.endsWith(QStringLiteral("…")))
            command.chop(1);
        QVERIFY2(listed(command, action->shortcut().toString(QKeySequence::NativeText)),
                 qPrintable(command));
    }

    // The menu opens it, as a table a user can read.
    QVERIFY(activateWindow());
    bool shown = false;
    QTimer::singleShot(0, this, [&shown] {
        QTRY_VERIFY(qobject_cast<ShortcutsDialog *>(QApplication::activeModalWidget()));
        auto *dialog = qobject_cast<ShortcutsDialog *>(QApplication::activeModalWidget());
        auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
        shown = table && table->rowCount() > 10;
        dialog->reject();
    });
    QTest::keyClick(m_window, Qt::Key_F1);
    QVERIFY(shown);
}

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
