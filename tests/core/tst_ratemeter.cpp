// SPDX-License-Identifier: MIT
#include "core/stream/ratemeter.h"

#include <QTest>

using namespace allium;

class TestRateMeter : public QObject
{
    Q_OBJECT

private slots:
    void steadyRate_data();
    void steadyRate();
    void fallsToZeroWhenEventsStop();
    void batchesCountEveryEvent();
};

// A steady stream of N events per second reads as N/s (within the 5 % slot granularity).
void TestRateMeter::steadyRate_data()
{
    QTest::addColumn<int>("perSecond");
    QTest::newRow("1/s") << 1;
    QTest::newRow("200/s") << 200;
    QTest::newRow("10000/s") << 10000;
}

void TestRateMeter::steadyRate()
{
    QFETCH(int, perSecond);
    RateMeter meter;
    const int seconds = 5;
    for (int i = 0; i < perSecond * seconds; ++i)
        meter.add(qint64(i) * 1000 / perSecond);
    const double rate = meter.ratePerSecond(seconds * 1000 - 1);
    QVERIFY2(rate >= perSecond * 0.95 && rate <= perSecond * 1.06 + 1,
             qPrintable(QString::number(rate)));
}

// A stalled stream reads 0/s once the span has passed, without any new event.
void TestRateMeter::fallsToZeroWhenEventsStop()
{
    RateMeter meter;
    for (int i = 0; i < 100; ++i)
        meter.add(i * 10);
    QVERIFY(meter.ratePerSecond(1000) > 50);
    QCOMPARE(meter.ratePerSecond(3000), 0.0);
}

// One add() with a count stands for that many events.
void TestRateMeter::batchesCountEveryEvent()
{
    RateMeter meter(2000);
    meter.add(100, 300);
    meter.add(900, 100);
    QCOMPARE(meter.ratePerSecond(1000), 200.0);
    meter.clear();
    QCOMPARE(meter.ratePerSecond(1000), 0.0);
}

QTEST_GUILESS_MAIN(TestRateMeter)
#include "tst_ratemeter.moc"
