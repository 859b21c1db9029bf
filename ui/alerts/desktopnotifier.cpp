// SPDX-License-Identifier: MIT
#include "ui/alerts/desktopnotifier.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QSystemTrayIcon>

namespace allium {

namespace {

const QString path = QStringLiteral("/org/freedesktop/Notifications");
const QString interfaceName = QStringLiteral("org.freedesktop.Notifications");
constexpr int ExpireMs = 10000;

} // namespace

DesktopNotifier::DesktopNotifier(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
{
    const QString service = QString::fromLatin1(Service);
    if (m_bus.isConnected() && m_bus.interface()) {
        QDBusConnectionInterface *daemon = m_bus.interface();
        m_available = daemon->isServiceRegistered(service).value() ||
                      daemon->activatableServiceNames().value().contains(service);
    }
}

QString DesktopNotifier::summaryText(const AlertEvent &event)
{
    return tr("Alert: %1").arg(event.rule);
}

QString DesktopNotifier::bodyText(const AlertEvent &event, quint64 burstCount)
{
    QString body = burstCount == 1 ? tr("1 match on %1").arg(event.topic)
                                   : tr("%1 matches on %2").arg(burstCount).arg(event.topic);
    if (!event.detail.isEmpty())
        body += QStringLiteral("\n") + event.detail;
    return body;
}

void DesktopNotifier::notify(const AlertEvent &event)
{
    RuleNotification &state = m_rules[event.rule];
    // A held-back report continues the burst; a new fire starts one.
    state.burstCount = event.heldBack ? state.burstCount + event.count : event.count;
    state.pending = event;
    state.hasPending = true;
    if (!m_available) {
        if (m_tray && QSystemTrayIcon::isSystemTrayAvailable()) {
            m_tray->showMessage(summaryText(event), bodyText(event, state.burstCount),
                                QSystemTrayIcon::Warning, ExpireMs);
        }
        state.hasPending = false;
        return;
    }
    if (!state.waiting)
        send(event.rule);
}

void DesktopNotifier::send(const QString &rule)
{
    RuleNotification &state = m_rules[rule];
    if (!state.hasPending)
        return;
    const AlertEvent event = state.pending;
    state.hasPending = false;
    state.waiting = true;
    QDBusMessage call = QDBusMessage::createMethodCall(QString::fromLatin1(Service), path,
                                                       interfaceName, QStringLiteral("Notify"));
    call << QStringLiteral("Allium Monitor") << state.id
         << QStringLiteral("dialog-warning")
         // Servers may read the body as a subset of HTML: names and details from outside stay
         // text.
         << summaryText(event) << bodyText(event, state.burstCount).toHtmlEscaped() << QStringList()
         << QVariantMap{{QStringLiteral("urgency"), QVariant::fromValue(uchar(1))},
                        {QStringLiteral("category"), QStringLiteral("im.received")}}
         << ExpireMs;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, rule](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                const QDBusPendingReply<uint> reply = *w;
                RuleNotification &answered = m_rules[rule];
                answered.waiting = false;
                if (reply.isError()) {
                    // The service went away: the in-app log remains.
                    m_available = false;
                    return;
                }
                answered.id = reply.value();
                emit notified(rule, answered.id);
                send(rule); // an update that came meanwhile
            });
}

} // namespace allium
