// SPDX-License-Identifier: MIT
#include "core/replay/replaypacer.h"

#include <QTest>

using namespace allium;

// ReplayPacer: when each message of a replay is due, at any speed, across speed changes.
class TestReplayPacer : public QObject
{
    Q_OBJECT
private slots:
    // At speed S a message recorded D µs after the anchor is due D / S µs after it.
    void dueTimesFollowTheSpeed_data();
    void dueTimesFollowTheSpeed();
    // As fast as possible, and before any anchor, every message is due at once.
    void unpacedIsDueNow();
    // A speed change keeps the position: the recorded time reached so far does not jump.
    void speedChangeKeepsThePosition();
    // Back from as fast as possible, the next message sets the pace again.
    void fromAsFastAsPossibleReanchors();
    // Nonsense speeds are taken as 1.
    void invalidSpeedsAreOne();
};

void TestReplayPacer::dueTimesFollowTheSpeed_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<qint64>("recordedDistanceUs");
    QTest::addColumn<qint64>("dueDistanceUs");
    QTest::newRow("1x") << 1.0 << qint64(12000000) << qint64(12000000);
    QTest::newRow("2x") << 2.0 << qint64(12000000) << qint64(6000000);
    QTest::newRow("10x") << 10.0 << qint64(12000000) << qint64(1200000);
    QTest::newRow("0.5x") << 0.5 << qint64(1000) << qint64(2000);
    QTest::newRow("same time") << 10.0 << qint64(0) << qint64(0);
}

void TestReplayPacer::dueTimesFollowTheSpeed()
{
    QFETCH(double, speed);
    QFETCH(qint64, recordedDistanceUs);
    QFETCH(qint64, dueDistanceUs);
    ReplayPacer pacer;
    pacer.setSpeed(speed, 0);
    const qint64 clock = 5000000;
    const qint64 recorded = 1764600000000000;
    pacer.anchor(clock, recorded);
    QCOMPARE(pacer.dueUs(recorded + recordedDistanceUs, clock), clock + dueDistanceUs);
    QCOMPARE(pacer.recordedTimeAt(clock + dueDistanceUs), recorded + recordedDistanceUs);
}

void TestReplayPacer::unpacedIsDueNow()
{
    ReplayPacer pacer;
    QVERIFY(!pacer.isAnchored());
    QCOMPARE(pacer.dueUs(999999999, 42), qint64(42));
    pacer.setSpeed(ReplayPacer::AsFastAsPossible, 0);
    pacer.anchor(0, 0);
    QCOMPARE(pacer.dueUs(60000000, 7), qint64(7));
    pacer.reset();
    QVERIFY(!pacer.isAnchored());
}

void TestReplayPacer::speedChangeKeepsThePosition()
{
    ReplayPacer pacer;
    pacer.anchor(0, 1000000);
    // 3 s into the replay at 1×: 3 s of recording played.
    QCOMPARE(pacer.recordedTimeAt(3000000), qint64(4000000));
    pacer.setSpeed(10, 3000000);
    QCOMPARE(pacer.speed(), 10.0);
    QCOMPARE(pacer.recordedTimeAt(3000000), qint64(4000000));
    // One more second of clock is ten of recording.
    QCOMPARE(pacer.recordedTimeAt(4000000), qint64(14000000));
    QCOMPARE(pacer.dueUs(14000000, 0), qint64(4000000));
}

void TestReplayPacer::fromAsFastAsPossibleReanchors()
{
    ReplayPacer pacer;
    pacer.setSpeed(ReplayPacer::AsFastAsPossible, 0);
    pacer.anchor(0, 0);
    pacer.setSpeed(1, 500);
    QVERIFY(!pacer.isAnchored());
    pacer.anchor(500, 9000000);
    QCOMPARE(pacer.dueUs(9001000, 500), qint64(1500));
}

void TestReplayPacer::invalidSpeedsAreOne()
{
    QCOMPARE(ReplayPacer::validSpeed(-2), 1.0);
    QCOMPARE(ReplayPacer::validSpeed(qQNaN()), 1.0);
    QCOMPARE(ReplayPacer::validSpeed(qInf()), 1.0);
    QCOMPARE(ReplayPacer::validSpeed(0.0000001), 1.0);
    QCOMPARE(ReplayPacer::validSpeed(ReplayPacer::AsFastAsPossible), ReplayPacer::AsFastAsPossible);
    QCOMPARE(ReplayPacer::validSpeed(2), 2.0);
}

QTEST_GUILESS_MAIN(TestReplayPacer)
#include "tst_replaypacer.moc"
