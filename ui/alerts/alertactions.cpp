// SPDX-License-Identifier: MIT
#include "ui/alerts/alertactions.h"

#include "core/alerts/alertcenter.h"
#include "core/stream/streamsession.h"
#include "core/table/messagetablemodel.h"
#include "core/workspace/streamworkspace.h"
#include "ui/alerts/alertlogpanel.h"
#include "ui/alerts/alertrulesdialog.h"
#include "ui/alerts/desktopnotifier.h"
#include "ui/stream/streampanel.h"
#include "ui/workspace/streamworkspaceview.h"

#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSystemTrayIcon>

namespace allium {

AlertActions::AlertActions(QMainWindow *window, AlertCenter *alerts, StreamWorkspace *workspace,
                           StreamWorkspaceView *view)
    : QObject(window)
    , m_window(window)
    , m_alerts(alerts)
    , m_workspace(workspace)
    , m_view(view)
{
    m_dock = new QDockWidget(tr("Alert log"), window);
    m_dock->setObjectName(QStringLiteral("alertLogDock"));
    m_panel = new AlertLogPanel(alerts->log(), m_dock);
    m_panel->setObjectName(QStringLiteral("alertLogPanel"));
    m_dock->setWidget(m_panel);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide();

    m_notifier = new DesktopNotifier(QDBusConnection::sessionBus(), this);
    if (!m_notifier->isServiceAvailable() && QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(QApplication::applicationDisplayName());
        m_notifier->setTrayFallback(m_tray);
    }

    // Before Help, the last menu.
    QMenu *menu = new QMenu(tr("&Alerts"), window);
    menu->setObjectName(QStringLiteral("alertsMenu"));
    const QList<QAction *> menus = window->menuBar()->actions();
    window->menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.last(), menu);
    QAction *rules = menu->addAction(tr("Alert &rules…"), this, &AlertActions::showRules);
    rules->setObjectName(QStringLiteral("alertRulesAction"));
    QAction *log = m_dock->toggleViewAction();
    log->setObjectName(QStringLiteral("showAlertLogAction"));
    log->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    menu->addAction(log);

    connect(alerts, &AlertCenter::alertFired, this, &AlertActions::handleAlert);
    connect(m_panel, &AlertLogPanel::streamRequested, this,
            [this](const QString &topic, quint64 sequence) {
                for (StreamPanel *panel : m_view->panels()) {
                    if (panel->session()->topic() == topic) {
                        emit streamRequested(panel, sequence);
                        return;
                    }
                }
            });
}

AlertActions::~AlertActions() = default;

AlertRulesDialog *AlertActions::rulesDialog() const
{
    return m_rulesDialog.data();
}

AlertRulesDialog *AlertActions::showRules()
{
    if (!m_rulesDialog) {
        m_rulesDialog = new AlertRulesDialog(m_alerts, m_window);
        m_rulesDialog->setObjectName(QStringLiteral("alertRulesDialog"));
        m_rulesDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_rulesDialog->show();
    m_rulesDialog->raise();
    return m_rulesDialog;
}

void AlertActions::handleAlert(const AlertEvent &event, StreamSession *session)
{
    m_notifier->notify(event);
    if (m_alerts->soundEnabled())
        QApplication::beep();
    if (session && event.sequence > 0) {
        if (MessageTableModel *table = m_workspace->history(session))
            table->markAlert(event.sequence, event.rule);
    }
    // The log shows itself at the first alert; closing it is the user's choice afterwards.
    if (!m_dock->property("shownOnce").toBool()) {
        m_dock->setProperty("shownOnce", true);
        m_dock->show();
    }
}

} // namespace allium
