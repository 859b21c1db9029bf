// SPDX-License-Identifier: MIT
#pragma once

#include "core/alerts/alertevent.h"

#include <QDBusConnection>
#include <QHash>
#include <QObject>

class QSystemTrayIcon;

namespace allium {

/// Desktop notifications for alerts through the freedesktop notification service
/// (org.freedesktop.Notifications over D-Bus). One notification per rule: a burst (and every
/// later alert of the rule) updates it in place through replaces_id, with the burst's count.
/// Where no service exists (Xvfb, CI, a bare window manager) it falls back to a tray icon's
/// message if one was given, else it does nothing: the in-app alert log has every alert anyway.
class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *Service = "org.freedesktop.Notifications";

    explicit DesktopNotifier(const QDBusConnection &bus = QDBusConnection::sessionBus(),
                             QObject *parent = nullptr);

    /// True when the bus is there and the service is running or can be started.
    bool isServiceAvailable() const { return m_available; }
    /// Used when the service is not available; may be null.
    void setTrayFallback(QSystemTrayIcon *tray) { m_tray = tray; }

    void notify(const AlertEvent &event);

    /// The text of a rule's notification: summary and body (plain; escaped for D-Bus servers).
    static QString summaryText(const AlertEvent &event);
    static QString bodyText(const AlertEvent &event, quint64 burstCount);

signals:
    /// The service answered a Notify with this id (tests, diagnostics).
    void notified(const QString &rule, uint id);

private:
    struct RuleNotification
    {
        uint id = 0;          // the service's id, 0 before its first answer
        bool waiting = false; // a Notify is on its way: the next update waits for its id
        quint64 burstCount = 0;
        AlertEvent pending; // the latest update that waited
        bool hasPending = false;
    };

    void send(const QString &rule);

    QDBusConnection m_bus;
    bool m_available = false;
    QSystemTrayIcon *m_tray = nullptr;
    QHash<QString, RuleNotification> m_rules;
};

} // namespace allium
