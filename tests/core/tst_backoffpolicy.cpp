// SPDX-License-Identifier: MIT
#include "core/connection/backoffpolicy.h"

#include <QRandomGenerator>
#include <QTest>

using namespace allium;

// BackoffPolicy: the spec's min(2^attempt, 30) s schedule, jitter bounds and the attempt limit.
class TestBackoffPolicy : public QObject
{
    Q_OBJECT
private slots:
    void nominalDelay_data();
    void nominalDelay();
    void jitterMapsUnitRandomOntoSpread_data();
    void jitterMapsUnitRandomOntoSpread();
    void randomDelaysStayWithinJitter();
    void sameSeedSameDelays();
    void attemptLimit();
    void defaultsMatchSpec();
};

// Nominal delay is min(base * 2^attempt, cap), without overflow for huge attempts.
void TestBackoffPolicy::nominalDelay_data()
{
    QTest::addColumn<int>("base");
    QTest::addColumn<int>("cap");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("expected");
    QTest::newRow("spec attempt 1") << 1000 << 30000 << 1 << 2000;
    QTest::newRow("spec attempt 2") << 1000 << 30000 << 2 << 4000;
    QTest::newRow("spec attempt 4") << 1000 << 30000 << 4 << 16000;
    QTest::newRow("spec attempt 5 capped") << 1000 << 30000 << 5 << 30000;
    QTest::newRow("spec attempt 1000 capped") << 1000 << 30000 << 1000 << 30000;
    QTest::newRow("test base attempt 1") << 50 << 400 << 1 << 100;
    QTest::newRow("test base attempt 3 capped") << 50 << 400 << 3 << 400;
    QTest::newRow("attempt 0") << 50 << 400 << 0 << 50;
    QTest::newRow("zero base") << 0 << 400 << 7 << 0;
}

void TestBackoffPolicy::nominalDelay()
{
    QFETCH(int, base);
    QFETCH(int, cap);
    QFETCH(int, attempt);
    QFETCH(int, expected);
    const BackoffPolicy policy(base, cap, 0.2, 0);
    QCOMPARE(policy.nominalDelayMs(attempt), expected);
}

// unitRandom 0 gives nominal*(1-j), 0.5 the nominal, 1 nominal*(1+j); the cap is jittered too.
void TestBackoffPolicy::jitterMapsUnitRandomOntoSpread_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<double>("unitRandom");
    QTest::addColumn<int>("expected");
    QTest::newRow("low end") << 2 << 0.0 << 3200;
    QTest::newRow("middle") << 2 << 0.5 << 4000;
    QTest::newRow("high end") << 2 << 1.0 << 4800;
    QTest::newRow("quarter") << 1 << 0.25 << 1800;
    QTest::newRow("at cap, high") << 9 << 1.0 << 36000;
    QTest::newRow("at cap, low") << 9 << 0.0 << 24000;
    QTest::newRow("out of range clamped") << 2 << 7.0 << 4800;
}

void TestBackoffPolicy::jitterMapsUnitRandomOntoSpread()
{
    QFETCH(int, attempt);
    QFETCH(double, unitRandom);
    QFETCH(int, expected);
    const BackoffPolicy policy(1000, 30000, 0.2, 0);
    QCOMPARE(policy.delayMs(attempt, unitRandom), expected);
}

// Drawn delays never leave [nominal*(1-j), nominal*(1+j)] and are not all equal.
void TestBackoffPolicy::randomDelaysStayWithinJitter()
{
    const BackoffPolicy policy(1000, 30000, 0.2, 0);
    QRandomGenerator random(42);
    QSet<int> seen;
    for (int i = 0; i < 1000; ++i) {
        const int delay = policy.delayMs(3, &random);
        QVERIFY2(delay >= 6400 && delay <= 9600, qPrintable(QString::number(delay)));
        seen.insert(delay);
    }
    QVERIFY(seen.size() > 100);
}

// A given random source makes the schedule reproducible.
void TestBackoffPolicy::sameSeedSameDelays()
{
    const BackoffPolicy policy(50, 400, 0.5, 0);
    QRandomGenerator a(7);
    QRandomGenerator b(7);
    for (int attempt = 1; attempt <= 20; ++attempt)
        QCOMPARE(policy.delayMs(attempt, &a), policy.delayMs(attempt, &b));
}

// maxAttempts 0 never exhausts; N allows attempts 1..N.
void TestBackoffPolicy::attemptLimit()
{
    const BackoffPolicy unlimited(50, 400, 0.2, 0);
    QVERIFY(!unlimited.isExhausted(1));
    QVERIFY(!unlimited.isExhausted(1000000));
    const BackoffPolicy three(50, 400, 0.2, 3);
    QVERIFY(!three.isExhausted(1));
    QVERIFY(!three.isExhausted(3));
    QVERIFY(three.isExhausted(4));
}

// The default ConnectionOptions are the spec's schedule: 2, 4, 8, 16, 30, 30 s.
void TestBackoffPolicy::defaultsMatchSpec()
{
    const BackoffPolicy policy = BackoffPolicy::fromOptions(ConnectionOptions());
    const QList<int> expected{2000, 4000, 8000, 16000, 30000, 30000};
    for (int attempt = 1; attempt <= expected.size(); ++attempt)
        QCOMPARE(policy.nominalDelayMs(attempt), expected.at(attempt - 1));
    QCOMPARE(policy.maxAttempts(), 0);
}

QTEST_GUILESS_MAIN(TestBackoffPolicy)
#include "tst_backoffpolicy.moc"
