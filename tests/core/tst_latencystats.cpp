// SPDX-License-Identifier: MIT
#include "core/api/apiresult.h"
#include "core/api/latencystats.h"

#include <QTest>

using namespace allium;

class TestLatencyStats : public QObject
{
    Q_OBJECT

private slots:
    void emptyStatsReportNoLatency();
    void percentilesUseNearestRank_data();
    void percentilesUseNearestRank();
    void countsEveryTerminalStateButSamplesOnlyResponses();
    void boundedSamplesKeepExactMinMaxMean();
    void clearForgetsEverything();
    void latencyTextRounds_data();
    void latencyTextRounds();
};

// Without samples every figure is -1 and every count 0.
void TestLatencyStats::emptyStatsReportNoLatency()
{
    LatencyStats stats;
    QCOMPARE(stats.count(), 0);
    QCOMPARE(stats.p50(), -1.0);
    QCOMPARE(stats.p99(), -1.0);
    QCOMPARE(stats.min(), -1.0);
    QCOMPARE(stats.max(), -1.0);
    QCOMPARE(stats.mean(), -1.0);
    QCOMPARE(stats.count(ApiRequestState::Succeeded), 0);
}

void TestLatencyStats::percentilesUseNearestRank_data()
{
    QTest::addColumn<QList<double>>("latencies");
    QTest::addColumn<double>("p");
    QTest::addColumn<double>("expected");

    QList<double> hundred;
    for (int i = 100; i >= 1; --i) // added in reverse: the order must not matter
        hundred.append(i);
    QTest::newRow("p50 of 1..100") << hundred << 50.0 << 50.0;
    QTest::newRow("p95 of 1..100") << hundred << 95.0 << 95.0;
    QTest::newRow("p99 of 1..100") << hundred << 99.0 << 99.0;
    QTest::newRow("p100 of 1..100") << hundred << 100.0 << 100.0;
    QTest::newRow("p1 of 1..100") << hundred << 1.0 << 1.0;
    QTest::newRow("single sample") << QList<double>{7.25} << 99.0 << 7.25;
    QTest::newRow("p50 of four") << QList<double>{4, 1, 3, 2} << 50.0 << 2.0;
    QTest::newRow("p95 of four") << QList<double>{4, 1, 3, 2} << 95.0 << 4.0;
    QTest::newRow("fractions kept") << QList<double>{0.125, 0.5} << 50.0 << 0.125;
}

// Percentiles are the nearest-rank value of the sorted samples, whatever the insertion order.
void TestLatencyStats::percentilesUseNearestRank()
{
    QFETCH(QList<double>, latencies);
    QFETCH(double, p);
    QFETCH(double, expected);
    LatencyStats stats;
    for (double latency : std::as_const(latencies))
        stats.add(ApiRequestState::Succeeded, latency);
    QCOMPARE(stats.percentile(p), expected);
}

// Every result is counted under its state; only answered requests contribute a latency.
void TestLatencyStats::countsEveryTerminalStateButSamplesOnlyResponses()
{
    LatencyStats stats;
    auto result = [](ApiRequestState state, double latency) {
        ApiResult r;
        r.state = state;
        r.latencyMs = latency;
        return r;
    };
    stats.add(result(ApiRequestState::Succeeded, 10));
    stats.add(result(ApiRequestState::Succeeded, 30));
    stats.add(result(ApiRequestState::ServerError, 20));
    stats.add(result(ApiRequestState::TimedOut, 5000));
    stats.add(result(ApiRequestState::ConnectionLost, 12));
    stats.add(result(ApiRequestState::Cancelled, -1));
    stats.add(result(ApiRequestState::Rejected, -1));

    QCOMPARE(stats.count(), 7);
    QCOMPARE(stats.count(ApiRequestState::Succeeded), 2);
    QCOMPARE(stats.count(ApiRequestState::ServerError), 1);
    QCOMPARE(stats.count(ApiRequestState::TimedOut), 1);
    QCOMPARE(stats.count(ApiRequestState::ConnectionLost), 1);
    QCOMPARE(stats.count(ApiRequestState::Cancelled), 1);
    QCOMPARE(stats.count(ApiRequestState::Rejected), 1);
    QCOMPARE(stats.latencyCount(), 3);
    QCOMPARE(stats.min(), 10.0);
    QCOMPARE(stats.max(), 30.0);
    QCOMPARE(stats.mean(), 20.0);
    QCOMPARE(stats.p50(), 20.0);
}

// Past maxSamples the percentiles come from a sample, but min, max and mean stay exact.
void TestLatencyStats::boundedSamplesKeepExactMinMaxMean()
{
    LatencyStats stats(100);
    for (int i = 1; i <= 10000; ++i)
        stats.add(ApiRequestState::Succeeded, i);
    QCOMPARE(stats.latencyCount(), 10000);
    QCOMPARE(stats.min(), 1.0);
    QCOMPARE(stats.max(), 10000.0);
    QCOMPARE(stats.mean(), 5000.5);
    // A uniform sample of 100 puts the median well inside the middle of 1..10000.
    QVERIFY2(stats.p50() > 2500 && stats.p50() < 7500, qPrintable(QString::number(stats.p50())));
}

// clear() returns to the empty state.
void TestLatencyStats::clearForgetsEverything()
{
    LatencyStats stats;
    stats.add(ApiRequestState::Succeeded, 3);
    stats.clear();
    QCOMPARE(stats.count(), 0);
    QCOMPARE(stats.latencyCount(), 0);
    QCOMPARE(stats.p50(), -1.0);
    QCOMPARE(stats.count(ApiRequestState::Succeeded), 0);
}

void TestLatencyStats::latencyTextRounds_data()
{
    QTest::addColumn<double>("ms");
    QTest::addColumn<QString>("none");
    QTest::addColumn<QString>("expected");
    QTest::newRow("below 10 ms") << 3.5 << QString() << QStringLiteral("3.5 ms");
    QTest::newRow("zero") << 0.0 << QString() << QStringLiteral("0.0 ms");
    QTest::newRow("10 ms and above") << 137.4 << QString() << QStringLiteral("137 ms");
    QTest::newRow("no latency") << -1.0 << QString() << QString();
    QTest::newRow("no latency, dash") << -1.0 << QStringLiteral("–") << QStringLiteral("–");
}

// The history's Latency column and the console's summary write a latency the same way: one
// decimal below 10 ms, none above, and the caller's placeholder when there is none.
void TestLatencyStats::latencyTextRounds()
{
    QFETCH(double, ms);
    QFETCH(QString, none);
    QFETCH(QString, expected);
    QCOMPARE(latencyText(ms, none), expected);
}

QTEST_GUILESS_MAIN(TestLatencyStats)
#include "tst_latencystats.moc"
