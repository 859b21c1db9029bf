// SPDX-License-Identifier: MIT
#include "core/filter/filter.h"
#include "core/monitor/chainhabits.h"
#include "core/monitor/integrityevent.h"
#include "core/record/recordingheader.h"
#include "core/replay/replaycontroller.h"
#include "core/replay/replaypacer.h"
#include "core/stream/streamsession.h"
#include "support/recordingfiles.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace allium;
using allium::testing::RecordingLine;

// ReplayController: a recording played through a real StreamSession (its transport a
// ReplayTransport): every message byte-exact and in order, paced, paused, sought, filtered
// locally, and a bad file read up to its last good line.
class TestReplayController : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    // As fast as possible, every message arrives once, in order, byte-exact.
    void playsEveryMessageByteExact();
    // At 1× (and 10×) the messages keep their recorded distances; the error is printed.
    void pacingFollowsTheRecording_data();
    void pacingFollowsTheRecording();
    // Pause stops the flow; a seek while paused shows the message it went to; play goes on
    // from there.
    void pauseSeekAndPlay();
    // The session's filter is applied by the replay (there is no server).
    void filterIsAppliedLocally();
    // A corrupted line ends the replay there, with its line number and reason.
    void corruptedFileStopsAtTheBadLine();
    // A file of a newer format version is refused, saying so.
    void newerVersionIsRefused();
    // A speed change while playing takes effect at once.
    void speedChangeWhilePlaying();
    // A year-old recording: lag is judged against when the recording received each block, a
    // silence in the recording is its stall (the end of the file is none), and a seek back
    // starts the views over with no reorg.
    void integrityUsesTheRecordingsClock();

private:
    struct Player
    {
        ReplayController controller;
        StreamSession session;
        QVector<StreamMessage> messages;
    };
    /// Opens `path` in a new player (not playing yet).
    static std::unique_ptr<Player> open(const QString &path);
    /// Writes `count` messages `spacingUs` apart to `name` (into m_lines) and opens it.
    std::unique_ptr<Player> openLines(const QString &name, int count, qint64 spacingUs);

    QTemporaryDir m_dir;
    QVector<RecordingLine> m_lines;
};

void TestReplayController::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

std::unique_ptr<TestReplayController::Player> TestReplayController::open(const QString &path)
{
    auto player = std::make_unique<Player>();
    if (!player->controller.open(path))
        return nullptr;
    Player *p = player.get();
    QObject::connect(&p->session, &StreamSession::messagesReceived, &p->session,
                     [p](const MessageBatch &batch) { p->messages += batch.messages; });
    p->session.setUrl(p->controller.streamUrl());
    p->session.setConnectionOptions(p->controller.connectionOptions());
    p->controller.setSession(&p->session);
    p->session.open();
    return player;
}

std::unique_ptr<TestReplayController::Player>
TestReplayController::openLines(const QString &name, int count, qint64 spacingUs)
{
    m_lines = testing::syntheticLines(count, 1764600000000000, spacingUs);
    const QString path = m_dir.filePath(name);
    if (!testing::writeRecording(path, QStringLiteral("ethereum.blocks"), m_lines))
        return nullptr;
    return open(path);
}

void TestReplayController::playsEveryMessageByteExact()
{
    auto player = openLines(QStringLiteral("exact.jsonl"), 3000, 1000);
    const QVector<RecordingLine> &lines = m_lines;
    QVERIFY(player);
    QCOMPARE(player->session.topic(), QStringLiteral("ethereum.blocks"));
    QSignalSpy ended(&player->controller, &ReplayController::endReached);
    player->controller.setSpeed(ReplayPacer::AsFastAsPossible);
    player->controller.play();
    QTRY_COMPARE_WITH_TIMEOUT(player->messages.size(), lines.size(), 20000);
    for (int i = 0; i < lines.size(); ++i)
        QCOMPARE(player->messages.at(i).json, lines.at(i).json);
    QTRY_VERIFY(player->controller.isAtEnd());
    QCOMPARE(ended.size(), 1);
    QVERIFY(!player->controller.isPlaying()); // paused at the end, as a player does
    QCOMPARE(player->controller.deliveredCount(), qint64(lines.size()));
    QCOMPARE(player->controller.currentIndex(), qint64(lines.size() - 1));
    QTRY_COMPARE(player->controller.messageCount(), qint64(lines.size()));
    QVERIFY(player->controller.problem().isNull());
    QCOMPARE(player->session.stats().drops, quint64(0));
}

void TestReplayController::pacingFollowsTheRecording_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<qint64>("spacingUs");
    QTest::newRow("1x, 50 ms apart") << 1.0 << qint64(50000);
    QTest::newRow("10x, 200 ms apart") << 10.0 << qint64(200000);
}

void TestReplayController::pacingFollowsTheRecording()
{
    QFETCH(double, speed);
    QFETCH(qint64, spacingUs);
    constexpr int Count = 40;
    auto player = openLines(QStringLiteral("paced-%1.jsonl").arg(speed), Count, spacingUs);
    const QVector<RecordingLine> &lines = m_lines;
    QVERIFY(player);
    player->controller.setSpeed(speed);
    player->controller.play();
    QTRY_COMPARE_WITH_TIMEOUT(player->messages.size(), Count, 20000);
    // The error of each message's arrival against its recorded distance from the first,
    // divided by the speed. A figure, not an assertion: timing depends on the machine.
    double sum = 0;
    double worst = 0;
    const qint64 firstArrival = player->messages.first().receivedAtUs;
    for (int i = 0; i < Count; ++i) {
        const double expected = double(lines.at(i).timeUs - lines.first().timeUs) / speed;
        const double actual = double(player->messages.at(i).receivedAtUs - firstArrival);
        const double error = std::abs(actual - expected) / 1000.0;
        sum += error;
        worst = std::max(worst, error);
        QCOMPARE(player->messages.at(i).json, lines.at(i).json);
    }
    qInfo("replay pacing at %gx over %.1f s: mean error %.2f ms, max %.2f ms", speed,
          double(spacingUs) * (Count - 1) / speed / 1e6, sum / Count, worst);
}

void TestReplayController::pauseSeekAndPlay()
{
    // A second apart: at 1× only the first message comes before the pause.
    auto player = openLines(QStringLiteral("seek.jsonl"), 1000, 1000000);
    const QVector<RecordingLine> &lines = m_lines;
    QVERIFY(player);
    QSignalSpy seeked(&player->controller, &ReplayController::seeked);
    player->controller.play();
    QVERIFY(player->controller.isPlaying());
    QTRY_COMPARE(player->messages.size(), 1);
    player->controller.pause();
    QVERIFY(!player->controller.isPlaying());

    QTRY_VERIFY(player->controller.messageCount() == 1000); // the index is complete
    player->controller.seekToMessage(500);
    QCOMPARE(seeked.size(), 1);
    QCOMPARE(seeked.first().first().toLongLong(), qint64(500));
    QTRY_COMPARE(player->messages.size(), 2);
    QCOMPARE(player->messages.last().json, lines.at(500).json);
    QTRY_COMPARE(player->controller.currentIndex(), qint64(500));
    QCOMPARE(player->controller.currentTimeUs(), lines.at(500).timeUs);
    QTest::qWait(50); // paused: nothing more comes (checked below)
    QCOMPARE(player->messages.size(), 2);

    player->controller.setSpeed(ReplayPacer::AsFastAsPossible);
    player->controller.play();
    QTRY_COMPARE_WITH_TIMEOUT(player->messages.size(), 2 + 499, 20000);
    for (int i = 2; i < player->messages.size(); ++i)
        QCOMPARE(player->messages.at(i).json, lines.at(499 + i).json);

    // Out of range: the last message.
    player->controller.seekToMessage(5000);
    QCOMPARE(seeked.last().first().toLongLong(), qint64(999));
}

void TestReplayController::filterIsAppliedLocally()
{
    auto player = openLines(QStringLiteral("filter.jsonl"), 400, 1000);
    const QVector<RecordingLine> &lines = m_lines;
    QVERIFY(player);
    const FilterParseResult parsed = Filter::parse(
        QJsonDocument::fromJson(R"({"field":"number","operator":">=","value":300})").object());
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorString()));
    player->session.setFilter(parsed.filter);
    player->controller.setSpeed(ReplayPacer::AsFastAsPossible);
    player->controller.play();
    QTRY_VERIFY(player->controller.isAtEnd());
    QTRY_COMPARE(player->messages.size(), 100);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(player->messages.at(i).json, lines.at(300 + i).json);
    QCOMPARE(player->controller.deliveredCount(), qint64(100));
}

void TestReplayController::corruptedFileStopsAtTheBadLine()
{
    const QString path = m_dir.filePath(QStringLiteral("corrupt.jsonl"));
    const QVector<RecordingLine> lines = testing::syntheticLines(20, 1764600000000000, 1000);
    // Line 22 (after the header and 20 messages) is not a message line; more follow it.
    QVERIFY(testing::writeRecording(path, QStringLiteral("ethereum.blocks"), lines,
                                    "{\"t\":1764600000100000,\"m\":{\"number\":20,\n"
                                    "{\"t\":1764600000200000,\"m\":{\"number\":21}}\n"));
    auto player = open(path);
    QVERIFY(player);
    player->controller.setSpeed(ReplayPacer::AsFastAsPossible);
    player->controller.play();
    QTRY_VERIFY(player->controller.isAtEnd());
    QTRY_COMPARE(player->messages.size(), 20);
    QTRY_COMPARE(player->controller.problem().line, qint64(22));
    QVERIFY(!player->controller.problem().reason.isEmpty());
    QCOMPARE(player->session.state(), ConnectionState::Connected); // quiet, not failed

    // Cut off in the middle of its last line (a crash): read up to the line before.
    const QString cut = m_dir.filePath(QStringLiteral("cut.jsonl"));
    QVERIFY(testing::writeRecording(cut, QStringLiteral("ethereum.blocks"), lines,
                                    "{\"t\":1764600000100000,\"m\":{\"numb"));
    auto second = open(cut);
    QVERIFY(second);
    second->controller.setSpeed(ReplayPacer::AsFastAsPossible);
    second->controller.play();
    QTRY_COMPARE(second->messages.size(), 20);
    QTRY_COMPARE(second->controller.problem().line, qint64(22));
    QVERIFY2(second->controller.problem().reason.contains(QLatin1String("cut off")),
             qPrintable(second->controller.problem().reason));
}

void TestReplayController::newerVersionIsRefused()
{
    const QString path = m_dir.filePath(QStringLiteral("newer.jsonl"));
    QVERIFY(testing::writeNewerVersionRecording(path));
    ReplayController controller;
    QVERIFY(!controller.open(path));
    QVERIFY2(controller.errorString().contains(QLatin1String("newer")),
             qPrintable(controller.errorString()));

    ReplayController foreign;
    QVERIFY(!foreign.open(QStringLiteral(ALLIUM_SOURCE_FILE)));
    QVERIFY(!foreign.errorString().isEmpty());
}

void TestReplayController::speedChangeWhilePlaying()
{
    // An hour apart: at 1× the second message would take an hour.
    auto player = openLines(QStringLiteral("speed.jsonl"), 50, 3600LL * 1000000);
    QVERIFY(player);
    player->controller.play();
    QTRY_COMPARE(player->messages.size(), 1);
    player->controller.setSpeed(ReplayPacer::AsFastAsPossible);
    QCOMPARE(player->controller.speed(), ReplayPacer::AsFastAsPossible);
    QTRY_COMPARE_WITH_TIMEOUT(player->messages.size(), 50, 10000);
}

void TestReplayController::integrityUsesTheRecordingsClock()
{
    // Ethereum blocks 12 s apart, each received 2 s after its timestamp, with one silence of
    // five minutes after block 109; recorded in December 2025.
    constexpr qint64 StartUs = 1764600000000000;
    constexpr qint64 SilenceUs = 300000000;
    QVector<RecordingLine> lines;
    qint64 timeUs = StartUs;
    for (int number = 100; number < 130; ++number) {
        const qint64 blockSeconds = timeUs / 1000000 - 2;
        lines.append({timeUs, QStringLiteral(R"({"number":%1,"hash":"0xb%1","parent_hash":"0xb%2",)"
                                             R"("timestamp":%3})")
                                  .arg(number)
                                  .arg(number - 1)
                                  .arg(blockSeconds)
                                  .toUtf8()});
        timeUs += number == 109 ? SilenceUs : 12000000;
    }
    const QString path = m_dir.filePath(QStringLiteral("old-blocks.jsonl"));
    QVERIFY(testing::writeRecording(path, QStringLiteral("ethereum.blocks"), lines));
    auto player = open(path);
    QVERIFY(player);
    QVector<IntegrityEvent> events;
    connect(&player->session, &StreamSession::integrityEventOccurred, this,
            [&events](const IntegrityEvent &event) { events.append(event); });
    int startedOver = 0;
    int messagesAtStartOver = -1;
    connect(&player->session, &StreamSession::discontinued, this, [&] {
        ++startedOver;
        messagesAtStartOver = int(player->messages.size());
    });

    player->controller.setSpeed(ReplayPacer::AsFastAsPossible);
    player->controller.play();
    QTRY_COMPARE_WITH_TIMEOUT(player->messages.size(), lines.size(), 10000);
    QTRY_COMPARE(player->session.stats().integrity.checked, quint64(lines.size()));
    const IntegritySnapshot integrity = player->session.stats().integrity;
    QCOMPARE(integrity.lastLagMs, qint64(2000)); // not a year
    QCOMPARE(integrity.lagEvents, quint64(0));
    QCOMPARE(integrity.gaps, quint64(0));
    // The five minutes of silence, at the time the recording would have called it a stall.
    QCOMPARE(integrity.stalls, quint64(1));
    QTRY_COMPARE(events.size(), 1);
    const IntegrityEvent stall = events.constFirst();
    QCOMPARE(stall.kind, IntegrityEventKind::Stall);
    QCOMPARE(stall.silentMs, SilenceUs / 1000);
    const qint64 silenceStartMs = lines.at(9).timeUs / 1000;
    QCOMPARE(stall.recordedAtMs,
             silenceStartMs + ChainHabits::staleAfterMs(QStringLiteral("ethereum.blocks"), false));
    const QString recordedText = QDateTime::fromMSecsSinceEpoch(stall.recordedAtMs, Qt::UTC)
                                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QVERIFY2(recordedText.startsWith(QLatin1String("2025-12-01 14:4")), qPrintable(recordedText));
    QVERIFY2(stall.summary().endsWith(QStringLiteral("recorded %1").arg(recordedText)),
             qPrintable(stall.summary()));
    QVERIFY(stall.toJson().contains(QStringLiteral("recorded_at")));
    QCOMPARE(startedOver, 0);

    // Paused at the end: Play starts over at block 100. The session says it starts over before
    // block 100 comes again, and the integrity check sees no reorg, duplicate or gap in that.
    QTRY_VERIFY(!player->controller.isPlaying());
    player->controller.play();
    QTRY_COMPARE_WITH_TIMEOUT(player->messages.size(), 2 * lines.size(), 10000);
    QTRY_COMPARE(player->session.stats().integrity.checked, quint64(2 * lines.size()));
    const IntegritySnapshot again = player->session.stats().integrity;
    QCOMPARE(again.reorgs, quint64(0));
    QCOMPARE(again.duplicates, quint64(0));
    QCOMPARE(again.gaps, quint64(0));
    QCOMPARE(again.stalls, quint64(2)); // the recording's silence, replayed once more
    QCOMPARE(startedOver, 1);
    QCOMPARE(messagesAtStartOver, int(lines.size()));
    QCOMPARE(player->messages.at(lines.size()).json, lines.at(0).json);
}

QTEST_GUILESS_MAIN(TestReplayController)
#include "tst_replaycontroller.moc"
