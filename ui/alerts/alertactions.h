// SPDX-License-Identifier: MIT
#pragma once

#include "core/alerts/alertevent.h"

#include <QObject>
#include <QPointer>

class QDockWidget;
class QMainWindow;
class QSystemTrayIcon;

namespace allium {

class AlertCenter;
class AlertLogPanel;
class AlertRulesDialog;
class DesktopNotifier;
class StreamPanel;
class StreamSession;
class StreamWorkspace;
class StreamWorkspaceView;

/// What the main window does with alerts: the Alerts menu (rules manager, log dock), the alert
/// log dock, and for every alert a desktop notification (or the tray, or nothing when neither
/// exists), an optional beep and a highlight on the message's row in its stream's table.
class AlertActions : public QObject
{
    Q_OBJECT
public:
    AlertActions(QMainWindow *window, AlertCenter *alerts, StreamWorkspace *workspace,
                 StreamWorkspaceView *view);
    ~AlertActions() override;

    QDockWidget *logDock() const { return m_dock; }
    AlertLogPanel *logPanel() const { return m_panel; }
    DesktopNotifier *notifier() const { return m_notifier; }
    /// Opens the rules manager (not modal) and returns it; the same one while it is open.
    AlertRulesDialog *showRules();
    AlertRulesDialog *rulesDialog() const;

signals:
    /// "Show stream" in the alert log: the panel of the stream that fired.
    void streamRequested(allium::StreamPanel *panel, quint64 sequence);

private:
    void handleAlert(const AlertEvent &event, StreamSession *session);

    QMainWindow *m_window = nullptr;
    AlertCenter *m_alerts = nullptr;
    StreamWorkspace *m_workspace = nullptr;
    StreamWorkspaceView *m_view = nullptr;
    QDockWidget *m_dock = nullptr;
    AlertLogPanel *m_panel = nullptr;
    DesktopNotifier *m_notifier = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QPointer<AlertRulesDialog> m_rulesDialog;
};

} // namespace allium
