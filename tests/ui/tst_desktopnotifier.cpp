// SPDX-License-Identifier: MIT
// Runs under dbus-run-session (a private session bus; see tests/CMakeLists.txt): a fake
// org.freedesktop.Notifications service on its own connection records every Notify call.
#include "ui/alerts/desktopnotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QSignalSpy>
#include <QTest>

using namespace allium;

namespace {

struct NotifyCall
{
    uint replacesId = 0;
    QString summary;
    QString body;
};

// The service side of the protocol: Notify returns replaces_id, or a new id when it is 0.
class FakeNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    QList<NotifyCall> calls;

public slots:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon,
                const QString &summary, const QString &body, const QStringList &actions,
                const QVariantMap &hints, int expireTimeout)
    {
        Q_UNUSED(appName);
        Q_UNUSED(appIcon);
        Q_UNUSED(actions);
        Q_UNUSED(hints);
        Q_UNUSED(expireTimeout);
        calls.append({replacesId, summary, body});
        return replacesId != 0 ? replacesId : ++m_next;
    }

private:
    uint m_next = 100;
};

AlertEvent alert(const QString &rule, quint64 count, bool heldBack)
{
    AlertEvent event;
    event.rule = rule;
    event.topic = QStringLiteral("ethereum.transactions");
    event.count = count;
    event.heldBack = heldBack;
    return event;
}

} // namespace

class TestDesktopNotifier : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void withoutAServiceNothingIsSent();
    void aBurstUpdatesOneNotification();
    void updatesWhileWaitingAreCoalesced();

private:
    QDBusConnection m_serviceBus{QString()};
    FakeNotifications *m_fake = nullptr;
    bool registerFake();
};

void TestDesktopNotifier::init()
{
    if (!QDBusConnection::sessionBus().isConnected())
        QSKIP("no D-Bus session bus (run under dbus-run-session)");
    m_fake = new FakeNotifications;
}

void TestDesktopNotifier::cleanup()
{
    if (m_serviceBus.isConnected()) {
        m_serviceBus.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
        m_serviceBus.unregisterService(QString::fromLatin1(DesktopNotifier::Service));
        QDBusConnection::disconnectFromBus(QStringLiteral("fakeNotifications"));
        m_serviceBus = QDBusConnection(QString());
    }
    delete m_fake;
    m_fake = nullptr;
}

bool TestDesktopNotifier::registerFake()
{
    // A connection of its own, so that calls really travel through the bus daemon.
    m_serviceBus = QDBusConnection::connectToBus(QDBusConnection::SessionBus,
                                                 QStringLiteral("fakeNotifications"));
    return m_serviceBus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), m_fake,
                                       QDBusConnection::ExportAllSlots) &&
           m_serviceBus.registerService(QString::fromLatin1(DesktopNotifier::Service));
}

// No notification service on the bus (as under Xvfb or in CI): no call, no error; the in-app
// log is the only place alerts go.
void TestDesktopNotifier::withoutAServiceNothingIsSent()
{
    DesktopNotifier notifier(QDBusConnection::sessionBus());
    QVERIFY(!notifier.isServiceAvailable());
    QSignalSpy notified(&notifier, &DesktopNotifier::notified);
    notifier.notify(alert(QStringLiteral("whales"), 1, false));
    QVERIFY(!notified.wait(200));
    QVERIFY(m_fake->calls.isEmpty());
}

// A fire creates a notification; the cooldown's report updates the same one (replaces_id) with
// the burst's total; another rule gets its own. Outside text is escaped in the body.
void TestDesktopNotifier::aBurstUpdatesOneNotification()
{
    QVERIFY(registerFake());
    DesktopNotifier notifier(QDBusConnection::sessionBus());
    QVERIFY(notifier.isServiceAvailable());
    QSignalSpy notified(&notifier, &DesktopNotifier::notified);
    notifier.notify(alert(QStringLiteral("whales"), 1, false));
    QTRY_COMPARE(notified.size(), 1);
    QCOMPARE(m_fake->calls.size(), 1);
    QCOMPARE(m_fake->calls.at(0).replacesId, 0u);
    QCOMPARE(m_fake->calls.at(0).summary, QStringLiteral("Alert: whales"));
    const uint id = notified.at(0).at(1).toUInt();

    notifier.notify(alert(QStringLiteral("whales"), 4, true));
    QTRY_COMPARE(notified.size(), 2);
    QCOMPARE(m_fake->calls.at(1).replacesId, id);
    QVERIFY2(m_fake->calls.at(1).body.startsWith(QStringLiteral("5 matches")),
             qPrintable(m_fake->calls.at(1).body));

    AlertEvent hostile = alert(QStringLiteral("<b>bold</b>"), 1, false);
    hostile.detail = QStringLiteral("<a href='x'>link</a>");
    notifier.notify(hostile);
    QTRY_COMPARE(notified.size(), 3);
    QCOMPARE(m_fake->calls.at(2).replacesId, 0u);
    QVERIFY(notified.at(2).at(1).toUInt() != id);
    QVERIFY(!m_fake->calls.at(2).body.contains(u'<'));
    QVERIFY(m_fake->calls.at(2).body.contains(QStringLiteral("&lt;a href")));
}

// Updates that arrive before the service answered are folded into one call with the latest
// count, sent with the id once it is known: never a second notification for the burst.
void TestDesktopNotifier::updatesWhileWaitingAreCoalesced()
{
    QVERIFY(registerFake());
    DesktopNotifier notifier(QDBusConnection::sessionBus());
    QSignalSpy notified(&notifier, &DesktopNotifier::notified);
    notifier.notify(alert(QStringLiteral("busy"), 1, false));
    notifier.notify(alert(QStringLiteral("busy"), 3, true));
    notifier.notify(alert(QStringLiteral("busy"), 6, true));
    QTRY_COMPARE(notified.size(), 2);
    QVERIFY(!notified.wait(200));
    QCOMPARE(m_fake->calls.size(), 2);
    QCOMPARE(m_fake->calls.at(0).replacesId, 0u);
    QCOMPARE(m_fake->calls.at(1).replacesId, notified.at(0).at(1).toUInt());
    QVERIFY2(m_fake->calls.at(1).body.startsWith(QStringLiteral("10 matches")),
             qPrintable(m_fake->calls.at(1).body));
}

QTEST_MAIN(TestDesktopNotifier)
#include "tst_desktopnotifier.moc"
