// SPDX-License-Identifier: MIT
#include "core/monitor/blocktimestamp.h"
#include "core/monitor/chainintegritychecker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

using namespace allium;

// The per-stream integrity check, fed hand-written message sequences of every chain's habit.
class TestChainIntegrityChecker : public QObject
{
    Q_OBJECT

private slots:
    void sequences_data();
    void sequences();
    void reorgNamesTheReplacedHashes();
    void lagIsReportedOnceUntilItRecovers();
    void stallOncePerSilenceAndOnlyWhileListening();
    void stallThresholdFollowsTheHabit();
    void memoryStaysBoundedOverALongRun();
    void eventsAreBoundedWhenNotTaken();
    void blockTimestamp_data();
    void blockTimestamp();
};

namespace {

// Receive time of every message: a second after the block timestamp written below.
const qint64 ReceivedAtMs =
    QDateTime(QDate(2026, 12, 1), QTime(10, 0, 1), Qt::UTC).toMSecsSinceEpoch();
const char *const BlockTime = "2026-12-01T10:00:00Z";

// Builds the messages of a test row from a short script, one step per entry:
//   "B n h p"  a block n with hash h and parent hash p (Bitcoin: previous_block_hash)
//   "T n h"    a transaction of block n with block hash h (a new transaction hash each time)
//   "S height slot"  a Solana transaction
//   "F"        a Hyperliquid fill (a new trade id each time)
//   "D"        the previous message again, byte for byte
//   "R"        a reconnect (noteInterrupted)
class Script
{
public:
    explicit Script(const QString &topic)
        : m_bitcoin(topic.startsWith(QLatin1String("bitcoin")))
    {}

    // Returns the message for a step, or an empty array for "R".
    QByteArray message(const QString &step)
    {
        const QStringList parts = step.split(QLatin1Char(' '));
        const QString kind = parts.value(0);
        if (kind == QLatin1String("D"))
            return m_previous;
        if (kind == QLatin1String("R"))
            return {};
        ++m_serial;
        QByteArray json;
        if (kind == QLatin1String("B")) {
            json = QStringLiteral(R"({"hash":"0x%1","number":%2,"%3":"0x%4","timestamp":"%5"})")
                       .arg(parts.value(2), parts.value(1),
                            m_bitcoin ? QStringLiteral("previous_block_hash")
                                      : QStringLiteral("parent_hash"),
                            parts.value(3), QLatin1String(BlockTime))
                       .toUtf8();
        } else if (kind == QLatin1String("T")) {
            json =
                QStringLiteral(
                    R"({"block_hash":"0x%1","block_number":%2,"block_timestamp":"%3","hash":"0xt%4"})")
                    .arg(parts.value(2), parts.value(1), QLatin1String(BlockTime))
                    .arg(m_serial)
                    .toUtf8();
        } else if (kind == QLatin1String("S")) {
            json =
                QStringLiteral(
                    R"({"block_hash":"h%1","block_height":%1,"block_slot":%2,"block_timestamp":"%3","txn_id":"s%4"})")
                    .arg(parts.value(1), parts.value(2), QLatin1String(BlockTime))
                    .arg(m_serial)
                    .toUtf8();
        } else if (kind == QLatin1String("F")) {
            json = QStringLiteral(R"({"payload":{"coin":"BTC","tid":%1,"time":%2}})")
                       .arg(m_serial)
                       .arg(ReceivedAtMs - 500)
                       .toUtf8();
        }
        m_previous = json;
        return json;
    }

private:
    bool m_bitcoin = false;
    int m_serial = 0;
    QByteArray m_previous;
};

void feed(ChainIntegrityChecker &checker, const QStringList &steps)
{
    Script script(checker.topic());
    for (const QString &step : steps) {
        const QByteArray json = script.message(step);
        if (json.isEmpty())
            checker.noteInterrupted();
        else
            checker.check(json, ReceivedAtMs);
    }
}

QStringList run(ChainIntegrityChecker &checker, const QStringList &steps)
{
    feed(checker, steps);
    QStringList summaries;
    for (const IntegrityEvent &event : checker.takeEvents()) {
        [&] { QCOMPARE(event.topic, checker.topic()); }();
        summaries.append(event.summary());
    }
    return summaries;
}

QByteArray block(qint64 number, const QString &timestamp)
{
    return QStringLiteral(R"({"hash":"0x%1","number":%1,"parent_hash":"0x%2","timestamp":"%3"})")
        .arg(number)
        .arg(number - 1)
        .arg(timestamp)
        .toUtf8();
}

} // namespace

void TestChainIntegrityChecker::sequences_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("filtered");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("expected");
    const auto steps = [](const char *text) {
        return QString::fromLatin1(text).split(QLatin1Char(','));
    };
    const QString eth = QStringLiteral("ethereum.blocks");
    const QString txs = QStringLiteral("ethereum.transactions");

    QTest::newRow("blocks in order")
        << eth << false << steps("B 100 a 9,B 101 b a,B 102 c b") << QStringList();
    QTest::newRow("block gap") << eth << false << steps("B 100 a 9,B 101 b a,B 104 e d")
                               << QStringList{QStringLiteral("gap: 102–103 missing (2)")};
    QTest::newRow("one block missing") << eth << false << steps("B 100 a 9,B 102 c b")
                                       << QStringList{QStringLiteral("gap: 101 missing (1)")};
    QTest::newRow("reorg depth 2")
        << eth << false << steps("B 100 a 9,B 101 b a,B 102 c b,B 101 b2 a,B 102 c2 b2,B 103 d c2")
        << QStringList{QStringLiteral("reorg at 101, depth 2")};
    QTest::newRow("reorg seen by the parent hash")
        << eth << false << steps("B 100 a 9,B 101 b a,B 102 c x")
        << QStringList{QStringLiteral("reorg at 101, depth 1")};
    QTest::newRow("reorg of the head") << eth << false << steps("B 100 a 9,B 101 b a,B 101 b2 a")
                                       << QStringList{QStringLiteral("reorg at 101, depth 1")};
    QTest::newRow("duplicate block, byte for byte")
        << eth << false << steps("B 100 a 9,B 101 b a,D,B 102 c b")
        << QStringList{QStringLiteral("duplicate: 101")};
    QTest::newRow("same block, other bytes")
        << eth << false << steps("B 100 a 9,B 101 b a,B 101 b 9")
        << QStringList{QStringLiteral("duplicate: 101")};
    QTest::newRow("late block after a gap")
        << eth << false << steps("B 100 a 9,B 101 b a,B 103 d c,B 102 c b")
        << QStringList{QStringLiteral("gap: 102 missing (1)"), QStringLiteral("out of order: 102")};
    QTest::newRow("reconnect: outage, not a gap")
        << eth << false << steps("B 100 a 9,B 101 b a,R,B 105 f e,B 106 g f")
        << QStringList{QStringLiteral("missed while disconnected: 102–104 (3)")};
    QTest::newRow("reconnect at the next block: nothing missed")
        << eth << false << steps("B 100 a 9,R,B 101 b a") << QStringList();
    QTest::newRow("reconnect replays the head: no fault")
        << eth << false << steps("B 100 a 9,B 101 b a,R,D,B 102 c b") << QStringList();
    QTest::newRow("reconnect resumes behind the head")
        << eth << false << steps("B 100 a 9,B 101 b a,B 102 c b,R,B 50 x y,B 51 z x")
        << QStringList{QStringLiteral("out of order: 50")};
    QTest::newRow("gap after the outage is a gap")
        << eth << false << steps("B 100 a 9,R,B 103 d c,B 105 f e")
        << QStringList{QStringLiteral("missed while disconnected: 101–102 (2)"),
                       QStringLiteral("gap: 104 missing (1)")};
    QTest::newRow("filtered blocks skip by design")
        << eth << true << steps("B 100 a 9,B 107 h g,B 103 d c")
        << QStringList{QStringLiteral("out of order: 103")};

    QTest::newRow("transactions share their block")
        << txs << false << steps("T 100 a,T 100 a,T 101 b,T 101 b,T 102 c") << QStringList();
    QTest::newRow("transactions gap") << txs << false << steps("T 100 a,T 100 a,T 103 d")
                                      << QStringList{QStringLiteral("gap: 101–102 missing (2)")};
    QTest::newRow("transaction out of order")
        << txs << false << steps("T 100 a,T 101 b,T 100 a,T 101 b")
        << QStringList{QStringLiteral("out of order: 100")};
    QTest::newRow("transactions reorg by block hash")
        << txs << false << steps("T 100 a,T 101 b,T 102 c,T 101 b2,T 101 b2,T 102 c2")
        << QStringList{QStringLiteral("reorg at 101, depth 2")};
    QTest::newRow("transaction duplicate") << txs << false << steps("T 100 a,T 100 a,D")
                                           << QStringList{QStringLiteral("duplicate: 100")};
    QTest::newRow("filtered transactions: no gaps")
        << txs << true << steps("T 100 a,T 140 x") << QStringList();
    QTest::newRow("logs and dex trades number by block too")
        << QStringLiteral("base.dex_trades") << false << steps("T 7 a,T 9 c")
        << QStringList{QStringLiteral("gap: 8 missing (1)")};

    QTest::newRow("solana slots skip by design")
        << QStringLiteral("solana.transactions") << false
        << steps("S 10 100,S 10 100,S 11 102,S 12 107") << QStringList();
    QTest::newRow("solana height gap")
        << QStringLiteral("solana.transactions") << false << steps("S 10 100,S 12 103")
        << QStringList{QStringLiteral("gap: 11 missing (1)")};

    QTest::newRow("bitcoin previous_block_hash")
        << QStringLiteral("bitcoin.blocks") << false << steps("B 800 a 9,B 801 b a,B 802 c q")
        << QStringList{QStringLiteral("reorg at 801, depth 1")};
    QTest::newRow("bitcoin in order") << QStringLiteral("bitcoin.blocks") << false
                                      << steps("B 800 a 9,B 801 b a") << QStringList();

    QTest::newRow("hyperliquid: no sequence, duplicates still")
        << QStringLiteral("hyperliquid.fills") << false << steps("F,F,R,F,D")
        << QStringList{QStringLiteral("duplicate message")};
    QTest::newRow("unknown kind: no sequence")
        << QStringLiteral("ethereum.traces") << false << steps("T 100 a,T 300 b") << QStringList();
}

// Every habit: exactly the events a sequence deserves, in order, and nothing for what is normal.
void TestChainIntegrityChecker::sequences()
{
    QFETCH(QString, topic);
    QFETCH(bool, filtered);
    QFETCH(QStringList, steps);
    QFETCH(QStringList, expected);
    ChainIntegrityChecker checker(topic, filtered);
    QCOMPARE(run(checker, steps), expected);

    // The counters agree with the events.
    const IntegritySnapshot snapshot = checker.snapshot();
    qsizetype messages = 0;
    for (const QString &step : steps)
        messages += step == QLatin1String("R") ? 0 : 1;
    QCOMPARE(snapshot.checked, quint64(messages));
    QCOMPARE(snapshot.events(), quint64(expected.size()));
}

// A reorg names the hashes it replaced, oldest first, and the watch output carries them.
void TestChainIntegrityChecker::reorgNamesTheReplacedHashes()
{
    ChainIntegrityChecker checker(QStringLiteral("ethereum.blocks"));
    feed(checker,
         {QStringLiteral("B 100 a 9"), QStringLiteral("B 101 b a"), QStringLiteral("B 102 c b"),
          QStringLiteral("B 103 d c"), QStringLiteral("B 101 b2 a")});
    checker.check(block(200, QLatin1String(BlockTime)), ReceivedAtMs);
    const QVector<IntegrityEvent> events = checker.takeEvents();
    QCOMPARE(events.size(), 2); // the reorg, then the gap up to 200
    const IntegrityEvent &reorg = events.first();
    QCOMPARE(reorg.kind, IntegrityEventKind::Reorg);
    QCOMPARE(reorg.number, 101);
    QCOMPARE(reorg.depth, 3);
    QCOMPARE(reorg.replacedHashes,
             (QStringList{QStringLiteral("0xb"), QStringLiteral("0xc"), QStringLiteral("0xd")}));
    QVERIFY(reorg.message.contains("\"0xb2\""));
    const QJsonObject json = reorg.toJson();
    QCOMPARE(json.value(QStringLiteral("kind")).toString(), QStringLiteral("reorg"));
    QCOMPARE(json.value(QStringLiteral("depth")).toInt(), 3);
    QCOMPARE(json.value(QStringLiteral("replaced")).toArray().size(), 3);
    QCOMPARE(events.at(1).summary(), QStringLiteral("gap: 102–199 missing (98)"));
    QCOMPARE(checker.snapshot().head, 200);
}

// Lag above the threshold is one event until it falls to half of it; last, p50 and p95 are
// taken over one sample per block.
void TestChainIntegrityChecker::lagIsReportedOnceUntilItRecovers()
{
    ChainIntegrityChecker checker(QStringLiteral("ethereum.blocks"));
    QCOMPARE(checker.lagThresholdMs(), 30000);
    const QDateTime base(QDate(2026, 12, 1), QTime(10, 0, 0), Qt::UTC);
    // Lags in seconds, one block each.
    const QList<int> lags{2, 3, 40, 41, 20, 10, 45, 2};
    for (int i = 0; i < lags.size(); ++i) {
        const QDateTime time = base.addSecs(12 * i);
        checker.check(block(100 + i, time.toString(Qt::ISODate)),
                      time.toMSecsSinceEpoch() + lags.at(i) * 1000);
    }
    const QVector<IntegrityEvent> events = checker.takeEvents();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).kind, IntegrityEventKind::Lag);
    QCOMPARE(events.at(0).lagMs, 40000);
    QCOMPARE(events.at(0).number, 102);
    QCOMPARE(events.at(1).lagMs, 45000);
    QCOMPARE(events.at(0).summary(), QStringLiteral("lag 40.0 s"));
    const IntegritySnapshot snapshot = checker.snapshot();
    QCOMPARE(snapshot.lagEvents, 2u);
    QCOMPARE(snapshot.lastLagMs, 2000);
    QCOMPARE(snapshot.lagSamples, lags.size());
    QCOMPARE(snapshot.p50LagMs, 20000); // sorted: 2 2 3 10 20 40 41 45
    QCOMPARE(snapshot.p95LagMs, 45000);

    // A threshold below a second would report noise: it is held at one second.
    checker.setLagThresholdMs(200);
    QCOMPARE(checker.lagThresholdMs(), 1000);
}

// A silence beyond the threshold is one stall event; the clock runs only while listening, and
// restarts with every message.
void TestChainIntegrityChecker::stallOncePerSilenceAndOnlyWhileListening()
{
    ChainIntegrityChecker checker(QStringLiteral("ethereum.blocks"));
    checker.setStallAfterMs(5000);
    const qint64 t0 = ReceivedAtMs;
    checker.checkStall(t0, true); // starts the clock
    checker.checkStall(t0 + 5000, true);
    QVERIFY(!checker.hasEvents());
    checker.checkStall(t0 + 6000, true);
    checker.checkStall(t0 + 9000, true);
    QVector<IntegrityEvent> events = checker.takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().kind, IntegrityEventKind::Stall);
    QCOMPARE(events.first().silentMs, 6000);
    QCOMPARE(events.first().toJson().value(QStringLiteral("silent_ms")).toInteger(), 6000);

    // A message ends the silence; not listening (disconnected, stopped) is no stall.
    checker.check(block(100, QLatin1String(BlockTime)), t0 + 10000);
    checker.checkStall(t0 + 12000, true);
    checker.checkStall(t0 + 30000, false);
    checker.checkStall(t0 + 34000, true);
    QVERIFY(!checker.hasEvents());
    checker.checkStall(t0 + 35001, true);
    QCOMPARE(checker.takeEvents().size(), 1);
    QCOMPARE(checker.snapshot().stalls, 2u);
}

// The default threshold is the topic's: three of its intervals, six of Bitcoin's.
void TestChainIntegrityChecker::stallThresholdFollowsTheHabit()
{
    QCOMPARE(ChainIntegrityChecker(QStringLiteral("ethereum.blocks")).stallAfterMs(), 36000);
    QCOMPARE(ChainIntegrityChecker(QStringLiteral("bitcoin.blocks")).stallAfterMs(), 3600000);
    QCOMPARE(ChainIntegrityChecker(QStringLiteral("ethereum.blocks"), true).stallAfterMs(), 60000);
    QVERIFY(ChainHabits::of(QStringLiteral("hyperliquid.fills")).sequenceField.isEmpty());
    QCOMPARE(ChainHabits::of(QStringLiteral("solana.transactions")).sequenceField,
             QStringLiteral("block_height"));
    QCOMPARE(ChainHabits::of(QStringLiteral("bitcoin.blocks")).parentHashField,
             QStringLiteral("previous_block_hash"));
}

// A day of blocks keeps the same few windows: no history grows with the stream.
void TestChainIntegrityChecker::memoryStaysBoundedOverALongRun()
{
    ChainIntegrityChecker checker(QStringLiteral("ethereum.blocks"));
    for (int i = 0; i < 20000; ++i)
        checker.check(block(1000 + i, QLatin1String(BlockTime)), ReceivedAtMs);
    QVERIFY(!checker.hasEvents());
    const IntegritySnapshot snapshot = checker.snapshot();
    QCOMPARE(snapshot.head, 20999);
    QCOMPARE(snapshot.lagSamples, 1); // one timestamp for all: one sample
    // A reorg within the window names every replaced hash; one deeper than the window cannot
    // be told from a late block, and says so as out of order.
    checker.check(QByteArrayLiteral(R"({"hash":"0xnew","number":20950,"parent_hash":"0x1"})"),
                  ReceivedAtMs);
    checker.check(QByteArrayLiteral(R"({"hash":"0xold","number":20000,"parent_hash":"0x1"})"),
                  ReceivedAtMs);
    const QVector<IntegrityEvent> events = checker.takeEvents();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.first().kind, IntegrityEventKind::Reorg);
    QCOMPARE(events.first().depth, 50);
    QCOMPARE(events.first().replacedHashes.size(), 50);
    QCOMPARE(events.last().kind, IntegrityEventKind::OutOfOrder);
    QVERIFY(ChainIntegrityChecker::HashWindow < 20950 - 20000);
}

// A flood of faults nobody collects is counted, not queued without bound.
void TestChainIntegrityChecker::eventsAreBoundedWhenNotTaken()
{
    ChainIntegrityChecker checker(QStringLiteral("ethereum.blocks"));
    const int blocks = ChainIntegrityChecker::MaxPendingEvents + 100;
    for (int i = 0; i <= blocks; ++i)
        checker.check(block(2 * i, QLatin1String(BlockTime)), ReceivedAtMs); // every other one
    QCOMPARE(checker.snapshot().gaps, quint64(blocks));
    QCOMPARE(checker.snapshot().suppressed, 100u);
    QCOMPARE(checker.takeEvents().size(), ChainIntegrityChecker::MaxPendingEvents);
}

void TestChainIntegrityChecker::blockTimestamp_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("ms");
    const qint64 base = QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    QTest::newRow("iso Z") << QByteArray(R"("2025-06-01T12:00:00Z")") << true << base;
    QTest::newRow("iso no zone") << QByteArray(R"("2025-06-01T12:00:00")") << true << base;
    QTest::newRow("iso ms") << QByteArray(R"("2025-06-01T12:00:00.250Z")") << true << base + 250;
    QTest::newRow("iso micro") << QByteArray(R"("2025-06-01 12:00:00.123456+00:00")") << true
                               << base + 123;
    QTest::newRow("leap year")
        << QByteArray(R"("2024-02-29T00:00:00Z")") << true
        << QDateTime(QDate(2024, 2, 29), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    QTest::newRow("epoch s") << QByteArray::number(base / 1000) << true << base;
    QTest::newRow("epoch ms") << QByteArray::number(base) << true << base;
    QTest::newRow("epoch string") << QByteArray("\"" + QByteArray::number(base) + "\"") << true
                                  << base;
    QTest::newRow("other offset") << QByteArray(R"("2025-06-01T12:00:00+02:00")") << false
                                  << qint64(0);
    QTest::newRow("month 13") << QByteArray(R"("2025-13-01T12:00:00Z")") << false << qint64(0);
    QTest::newRow("short") << QByteArray(R"("2025-06-01")") << false << qint64(0);
    QTest::newRow("unquoted iso") << QByteArray("2025-06-01T12:00:00Z") << false << qint64(0);
    QTest::newRow("empty") << QByteArray() << false << qint64(0);
}

// Block times as the chains send them, read without QDateTime, to the millisecond.
void TestChainIntegrityChecker::blockTimestamp()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(qint64, ms);
    qint64 parsed = 0;
    QCOMPARE(BlockTimestamp::parseMs(text, &parsed), ok);
    if (ok)
        QCOMPARE(parsed, ms);
}

QTEST_GUILESS_MAIN(TestChainIntegrityChecker)
#include "tst_chainintegritychecker.moc"
