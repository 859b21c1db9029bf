// SPDX-License-Identifier: MIT
#include "emulator/cadenceclock.h"

#include <QTest>

#include <cmath>
#include <memory>

using namespace allium;

/// The emulator's shared cadence timer: callers due within one tick are called in one wake-up,
/// never before they are due, and with nothing asked the clock does not wake at all.
class TestCadenceClock : public QObject
{
    Q_OBJECT
private slots:
    void callersDueInOneTickShareAWakeUp();
    void laterTicksAreLaterWakeUps();
    void idleWithNothingAsked();
    void aGoneReceiverIsNotCalled();
};

// Two receivers due a few milliseconds apart inside one tick are called in the same wake-up, at
// or after the later one's due time.
void TestCadenceClock::callersDueInOneTickShareAWakeUp()
{
    CadenceClock clock;
    QObject first;
    QObject second;
    // The start of the next tick but one, so both requests fall inside one tick.
    const double tick =
        (std::floor(clock.nowMs() / CadenceClock::TickMs) + 2) * CadenceClock::TickMs;
    qint64 firstWakeUp = -1;
    qint64 secondWakeUp = -1;
    double secondCalledAt = 0;
    clock.callAt(&first, tick - CadenceClock::TickMs + 5, [&] { firstWakeUp = clock.wakeUps(); });
    clock.callAt(&second, tick - 3, [&] {
        secondWakeUp = clock.wakeUps();
        secondCalledAt = clock.nowMs();
    });
    QVERIFY(clock.isArmed());
    QTRY_VERIFY(firstWakeUp > 0 && secondWakeUp > 0);
    QCOMPARE(firstWakeUp, secondWakeUp);
    QCOMPARE(clock.wakeUps(), qint64(1));
    QVERIFY(secondCalledAt >= tick - 3);
}

// A receiver due in a later tick is called in a wake-up of its own; asking again replaces the
// earlier request.
void TestCadenceClock::laterTicksAreLaterWakeUps()
{
    CadenceClock clock;
    QObject early;
    QObject late;
    const double now = clock.nowMs();
    int earlyCalls = 0;
    qint64 earlyWakeUp = -1;
    qint64 lateWakeUp = -1;
    clock.callAt(&early, now + 1000, [&] { ++earlyCalls; });
    clock.callAt(&early, now + 1, [&] {
        ++earlyCalls;
        earlyWakeUp = clock.wakeUps();
    });
    clock.callAt(&late, now + 1 + 3 * CadenceClock::TickMs, [&] { lateWakeUp = clock.wakeUps(); });
    QTRY_VERIFY(lateWakeUp > 0);
    QCOMPARE(earlyCalls, 1);
    QVERIFY(lateWakeUp > earlyWakeUp);
    QVERIFY(!clock.isArmed());
}

// With nothing asked, or everything cancelled, no timer runs.
void TestCadenceClock::idleWithNothingAsked()
{
    CadenceClock clock;
    QVERIFY(!clock.isArmed());
    QObject receiver;
    clock.callAt(&receiver, clock.nowMs() + 20, [] {});
    QVERIFY(clock.isArmed());
    clock.cancel(&receiver);
    QVERIFY(!clock.isArmed());
    QTest::qWait(3 * CadenceClock::TickMs);
    QCOMPARE(clock.wakeUps(), qint64(0));
}

// A receiver destroyed before its tick is not called.
void TestCadenceClock::aGoneReceiverIsNotCalled()
{
    CadenceClock clock;
    auto gone = std::make_unique<QObject>();
    QObject kept;
    bool goneCalled = false;
    bool keptCalled = false;
    clock.callAt(gone.get(), clock.nowMs() + 5, [&] { goneCalled = true; });
    clock.callAt(&kept, clock.nowMs() + 5, [&] { keptCalled = true; });
    gone.reset();
    QTRY_VERIFY(keptCalled);
    QVERIFY(!goneCalled);
}

QTEST_GUILESS_MAIN(TestCadenceClock)
#include "tst_cadenceclock.moc"
