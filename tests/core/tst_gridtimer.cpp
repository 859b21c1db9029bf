// SPDX-License-Identifier: MIT
#include "core/base/gridtimer.h"

#include <QDateTime>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>

using namespace allium;

class TestGridTimer : public QObject
{
    Q_OBJECT

private slots:
    void nextMarkIsOnTheGrid_data();
    void nextMarkIsOnTheGrid();
    void timersStartedApartFireTogether();
    void stopsAndRestarts();
    void movesToAnotherThread();
};

void TestGridTimer::nextMarkIsOnTheGrid_data()
{
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<int>("expected");
    QTest::newRow("just after a mark") << qint64(1000) << 250 << 250;
    QTest::newRow("between marks") << qint64(1010) << 250 << 240;
    QTest::newRow("just before a mark") << qint64(1249) << 250 << 1;
    QTest::newRow("one second grid") << qint64(1'700'000'000'123) << 1000 << 877;
    QTest::newRow("before the epoch") << qint64(-10) << 250 << 10;
    QTest::newRow("a zero interval is one ms") << qint64(5) << 0 << 1;
}

void TestGridTimer::nextMarkIsOnTheGrid()
{
    QFETCH(qint64, nowMs);
    QFETCH(int, intervalMs);
    QFETCH(int, expected);
    QCOMPARE(GridTimer::msUntilNext(nowMs, intervalMs), expected);
}

// Two timers of one interval started at different moments fire on the same marks: the mark
// each fires on (its time rounded to the nearest multiple of the interval) is the same.
void TestGridTimer::timersStartedApartFireTogether()
{
    constexpr int Interval = 200;
    QList<qint64> marksA;
    QList<qint64> marksB;
    const auto mark = [] {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        return (now + Interval / 2) / Interval;
    };
    GridTimer a;
    GridTimer b;
    connect(&a, &GridTimer::timeout, this, [&] { marksA.append(mark()); });
    connect(&b, &GridTimer::timeout, this, [&] { marksB.append(mark()); });
    a.start(Interval);
    QTRY_COMPARE(marksA.size(), 1);
    QTimer::singleShot(70, &b, [&b] { b.start(Interval); });
    QTRY_VERIFY(marksB.size() >= 3);
    // Every mark b fired on, a fired on too (a machine under load may skip one of a's).
    int shared = 0;
    for (qint64 m : std::as_const(marksB))
        shared += marksA.contains(m) ? 1 : 0;
    QVERIFY2(shared >= 2,
             qPrintable(QStringLiteral("%1 of %2 marks shared").arg(shared).arg(marksB.size())));
}

void TestGridTimer::stopsAndRestarts()
{
    GridTimer timer;
    QSignalSpy fired(&timer, &GridTimer::timeout);
    QVERIFY(!timer.isActive());
    timer.start(50);
    QVERIFY(timer.isActive());
    QCOMPARE(timer.interval(), 50);
    QVERIFY(fired.wait());
    // Stopped from its own slot: no further timeout.
    connect(&timer, &GridTimer::timeout, &timer, &GridTimer::stop);
    QVERIFY(fired.wait());
    QVERIFY(!timer.isActive());
    const int count = fired.size();
    QVERIFY(!fired.wait(200));
    QCOMPARE(fired.size(), count);
    timer.start();
    QVERIFY(fired.wait());
}

// A worker object moved to its thread takes its grid timer along and it fires there.
void TestGridTimer::movesToAnotherThread()
{
    QThread thread;
    // Ended on every way out, a failed check included (a running QThread must not be destroyed).
    const auto stopThread = qScopeGuard([&thread] {
        thread.quit();
        thread.wait();
    });
    auto *timer = new GridTimer;
    timer->moveToThread(&thread);
    connect(&thread, &QThread::finished, timer, &QObject::deleteLater);
    thread.start();
    // Written in the timer's thread, read here: atomic, and set before anything is waited on.
    std::atomic<QThread *> firedOn{nullptr};
    connect(
        timer, &GridTimer::timeout, timer, [&firedOn] { firedOn = QThread::currentThread(); },
        Qt::DirectConnection);
    QMetaObject::invokeMethod(timer, [timer] { timer->start(50); });
    QTRY_VERIFY(firedOn.load() != nullptr);
    QCOMPARE(firedOn.load(), &thread);
}

QTEST_GUILESS_MAIN(TestGridTimer)
#include "tst_gridtimer.moc"
