// SPDX-License-Identifier: MIT
#include "core/stream/timeseriesbuffer.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace allium;

namespace {

bool containsValue(const QVector<QPointF> &points, double value)
{
    for (const QPointF &point : points) {
        if (point.y() == value)
            return true;
    }
    return false;
}

bool isTimeOrdered(const QVector<QPointF> &points)
{
    for (int i = 1; i < points.size(); ++i) {
        if (points.at(i).x() < points.at(i - 1).x())
            return false;
    }
    return true;
}

} // namespace

class TestTimeSeriesBuffer : public QObject
{
    Q_OBJECT

private slots:
    void windowDropsOldSamples_data();
    void windowDropsOldSamples();
    void ignoresNonFiniteValues();
    void keepsSamplesOrderedWhenTimeGoesBack();
    void smallSeriesIsReturnedWhole();
    void decimationIsBoundedAndKeepsSpikes_data();
    void decimationIsBoundedAndKeepsSpikes();
    void decimationCoversOnlyTheSpan();
    void capacityBoundsMemoryAndKeepsOldSpikes();
    void trimDropsSamplesWhenDataStops();
    void scaleMultipliesValues();
    void firehoseCoversTheWholeWindow();
    void segmentsBreakAtAnOutage();
};

// A sample older than the newest minus the window is dropped on append.
void TestTimeSeriesBuffer::windowDropsOldSamples_data()
{
    QTest::addColumn<qint64>("windowMs");
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("expected");
    // One sample per second, t = 0 … samples-1 s; the window keeps [last - window, last].
    QTest::newRow("1 min, 120 s of data") << qint64(60000) << 120 << 61;
    QTest::newRow("5 min, 120 s of data") << qint64(300000) << 120 << 120;
    QTest::newRow("1 s, 10 s of data") << qint64(1000) << 10 << 2;
}

void TestTimeSeriesBuffer::windowDropsOldSamples()
{
    QFETCH(qint64, windowMs);
    QFETCH(int, samples);
    QFETCH(int, expected);
    TimeSeriesBuffer buffer(windowMs);
    for (int i = 0; i < samples; ++i)
        buffer.append(qint64(i) * 1000, i);
    QCOMPARE(buffer.size(), expected);
    QCOMPARE(buffer.at(buffer.size() - 1).value, double(samples - 1));
    QVERIFY(buffer.at(0).timeMs >= buffer.lastTimeMs() - windowMs);
}

// NaN (absent field) and infinities never become points.
void TestTimeSeriesBuffer::ignoresNonFiniteValues()
{
    TimeSeriesBuffer buffer;
    buffer.append(1, std::numeric_limits<double>::quiet_NaN());
    buffer.append(2, std::numeric_limits<double>::infinity());
    buffer.append(3, 5.0);
    QCOMPARE(buffer.size(), 1);
    QCOMPARE(buffer.at(0).value, 5.0);
}

// Samples stay sorted by time even when a clock steps back, so lookups by time stay valid.
void TestTimeSeriesBuffer::keepsSamplesOrderedWhenTimeGoesBack()
{
    TimeSeriesBuffer buffer;
    buffer.append(1000, 1);
    buffer.append(500, 2);
    QCOMPARE(buffer.size(), 2);
    QCOMPARE(buffer.at(1).timeMs, qint64(1000));
}

// Fewer samples than points: every sample, with x in seconds relative to now.
void TestTimeSeriesBuffer::smallSeriesIsReturnedWhole()
{
    TimeSeriesBuffer buffer;
    buffer.append(10000, 1);
    buffer.append(11000, 2);
    buffer.append(12000, 3);
    const QVector<QPointF> points = buffer.decimated(100, 12000, 60000);
    QCOMPARE(points.size(), 3);
    QCOMPARE(points.at(0), QPointF(-2.0, 1));
    QCOMPARE(points.at(2), QPointF(0.0, 3));
}

// Decimation returns at most maxPoints points, in time order, and keeps isolated extremes.
void TestTimeSeriesBuffer::decimationIsBoundedAndKeepsSpikes_data()
{
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("maxPoints");
    QTest::newRow("10k into 100") << 10000 << 100;
    QTest::newRow("10k into 2000") << 10000 << 2000;
    QTest::newRow("60k into 1201 (odd)") << 60000 << 1201;
    QTest::newRow("5 into 4") << 5 << 4;
}

void TestTimeSeriesBuffer::decimationIsBoundedAndKeepsSpikes()
{
    QFETCH(int, samples);
    QFETCH(int, maxPoints);
    TimeSeriesBuffer buffer(60000, 1 << 20);
    const qint64 spanMs = 60000;
    for (int i = 0; i < samples; ++i) {
        double value = std::sin(i / 50.0);
        if (i == samples / 3)
            value = 1000; // one spike up
        if (i == 2 * samples / 3)
            value = -1000; // one spike down
        buffer.append(qint64(i) * spanMs / samples, value);
    }
    const qint64 now = buffer.lastTimeMs();
    const QVector<QPointF> points = buffer.decimated(maxPoints, now, spanMs);
    QVERIFY2(points.size() <= maxPoints, qPrintable(QString::number(points.size())));
    QVERIFY(points.size() >= qMin(samples, maxPoints / 2));
    QVERIFY(isTimeOrdered(points));
    QVERIFY(containsValue(points, 1000));
    QVERIFY(containsValue(points, -1000));
    QVERIFY(points.first().x() >= -spanMs / 1000.0);
    QCOMPARE(points.last().x(), 0.0);
}

// Only samples in (now - span, now] are drawn: a 1 min view of 5 min of data.
void TestTimeSeriesBuffer::decimationCoversOnlyTheSpan()
{
    TimeSeriesBuffer buffer(300000);
    for (int s = 0; s <= 300; ++s)
        buffer.append(qint64(s) * 1000, s);
    const QVector<QPointF> points = buffer.decimated(1000, 300000, 60000);
    QCOMPARE(points.size(), 60);
    QCOMPARE(points.first().y(), 241.0);
    QCOMPARE(points.last().y(), 300.0);
}

// However fast samples come, the buffer holds at most its capacity, and an early spike survives
// the compaction of old data.
void TestTimeSeriesBuffer::capacityBoundsMemoryAndKeepsOldSpikes()
{
    TimeSeriesBuffer buffer(TimeSeriesBuffer::DefaultWindowMs, 1000);
    const int samples = 200000;
    for (int i = 0; i < samples; ++i)
        buffer.append(i, i == 100 ? 1e9 : double(i % 7));
    QVERIFY(buffer.size() <= 1000);
    QVERIFY(buffer.size() >= 500);
    QCOMPARE(buffer.lastTimeMs(), qint64(samples - 1));
    const QVector<QPointF> points = buffer.decimated(100, samples - 1, samples);
    QVERIFY(containsValue(points, 1e9));
    for (int i = 1; i < buffer.size(); ++i)
        QVERIFY(buffer.at(i).timeMs >= buffer.at(i - 1).timeMs);
}

// A stalled stream: trim(now) empties the window although nothing was appended.
void TestTimeSeriesBuffer::trimDropsSamplesWhenDataStops()
{
    TimeSeriesBuffer buffer(60000);
    buffer.append(0, 1);
    buffer.append(30000, 2);
    buffer.trim(70000);
    QCOMPARE(buffer.size(), 1);
    buffer.trim(100000);
    QVERIFY(buffer.isEmpty());
    QVERIFY(buffer.decimated(100, 100000, 60000).isEmpty());
}

// The scale converts units for display (wei to ETH) without touching the stored samples.
void TestTimeSeriesBuffer::scaleMultipliesValues()
{
    TimeSeriesBuffer buffer;
    buffer.append(0, 2.5e18);
    const QVector<QPointF> points = buffer.decimated(10, 0, 1000, 1e-18);
    QCOMPARE(points.size(), 1);
    QCOMPARE(points.first().y(), 2.5);
    QCOMPARE(buffer.at(0).value, 2.5e18);
}

// 15 minutes at 20,000 samples a second: the default buffer still holds the whole window at an
// even resolution, and the decimated line covers it from edge to edge with no hole wider than
// a few drawing buckets (it held only the last ~10 s before: issue 10, item 22).
void TestTimeSeriesBuffer::firehoseCoversTheWholeWindow()
{
    TimeSeriesBuffer buffer;
    const qint64 windowMs = TimeSeriesBuffer::DefaultWindowMs;
    const int perMs = 20;
    for (qint64 t = 0; t <= windowMs; ++t) {
        for (int k = 0; k < perMs; ++k)
            buffer.append(t, double((t * perMs + k) % 1000));
    }
    QVERIFY(buffer.size() <= TimeSeriesBuffer::DefaultCapacity);
    QVERIFY(buffer.at(0).timeMs <= 1000);
    const int maxPoints = 2000;
    const QVector<QPointF> points = buffer.decimated(maxPoints, windowMs, windowMs);
    QVERIFY(points.size() <= maxPoints);
    QVERIFY2(points.first().x() <= -899.0, qPrintable(QString::number(points.first().x())));
    const double bucketSeconds = windowMs / 1000.0 / ((maxPoints - 2) / 2);
    double widest = 0;
    for (int i = 1; i < points.size(); ++i)
        widest = std::max(widest, points.at(i).x() - points.at(i - 1).x());
    QVERIFY2(widest <= 2 * bucketSeconds, qPrintable(QString::number(widest)));
    QVERIFY(containsValue(points, 0));
    QVERIFY(containsValue(points, 999));
}

// Samples every 100 ms, none for 20 s, then again: two runs, none spanning the outage; the
// typical interval stays 100 ms.
void TestTimeSeriesBuffer::segmentsBreakAtAnOutage()
{
    TimeSeriesBuffer buffer(60000);
    for (qint64 t = 0; t <= 60000; t += 100) {
        if (t < 20000 || t >= 40000)
            buffer.append(t, double(t % 700));
    }
    QCOMPARE(buffer.typicalIntervalMs(60000, 60000), qint64(100));
    const auto runs = buffer.segments(400, 60000, 60000, 1.0, 2000);
    QCOMPARE(runs.size(), 2);
    QVERIFY(runs.at(0).last().x() <= -40.0);
    QVERIFY(runs.at(1).first().x() >= -20.0);
    QCOMPARE(buffer.segments(400, 60000, 60000, 1.0, 0).size(), 1);
}

QTEST_GUILESS_MAIN(TestTimeSeriesBuffer)
#include "tst_timeseriesbuffer.moc"
