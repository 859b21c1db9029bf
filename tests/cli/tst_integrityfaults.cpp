// SPDX-License-Identifier: MIT
#include "core/monitor/integrityevent.h"
#include "core/record/recordingreader.h"
#include "core/stream/messagebatch.h"
#include "core/stream/streamsession.h"
#include "emulator/emulatorserver.h"
#include "emulator/generators/syntheticdatachain.h"
#include "support/clirunner.h"
#include "support/emulatortesting.h"
#include "support/fastconnectionoptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace allium;

namespace {

const QString secretKey = QStringLiteral("integrity-faults-key-81c4d0");
// Base blocks every 2 s of chain time: at 100× one every 20 ms.
constexpr double FastSpeed = 100;
// The chain starts days ago at a fast speed: its lag is not what the sequence rows check.
constexpr qint64 IgnoredLagS = 2000000;

struct Block
{
    qint64 number = -1;
    QString hash;
};

Block blockOf(const QByteArray &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    return {object.value(QStringLiteral("number")).toInteger(-1),
            object.value(QStringLiteral("hash")).toString()};
}

// An event as compared: its own fields, without the time it was noticed (and the topic, checked
// apart), as canonical JSON text.
QString described(QJsonObject event)
{
    event.remove(QStringLiteral("time"));
    event.remove(QStringLiteral("topic"));
    return QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact));
}

QString gapEvent(qint64 from, qint64 to)
{
    return described({{QStringLiteral("kind"), QStringLiteral("gap")},
                      {QStringLiteral("from"), from},
                      {QStringLiteral("to"), to},
                      {QStringLiteral("missing"), to - from + 1}});
}

QString numberEvent(const char *kind, qint64 number)
{
    return described(
        {{QStringLiteral("kind"), QLatin1String(kind)}, {QStringLiteral("number"), number}});
}

qint64 firstMultipleAbove(qint64 value, qint64 every)
{
    return (value / every + 1) * every;
}

// What a client that received `blocks` (in order) must be told, by each fault's definition
// (EmulatorFaults); the rows' `expected`.
using Expectation = std::function<QStringList(const QList<Block> &blocks)>;

// --gap-every N: each multiple of N between the first and the last block received is one gap
// of one block.
Expectation gapsEvery(qint64 every)
{
    return [every](const QList<Block> &blocks) {
        QStringList events;
        for (qint64 m = firstMultipleAbove(blocks.constFirst().number, every);
             m < blocks.constLast().number; m += every)
            events.append(gapEvent(m, m));
        return events;
    };
}

// --duplicate-every N: the second copy of each multiple of N received is one duplicate.
Expectation duplicatesEvery(qint64 every)
{
    return [every](const QList<Block> &blocks) {
        QStringList events;
        for (int i = 1; i < blocks.size(); ++i) {
            const qint64 number = blocks.at(i).number;
            if (number % every == 0 && blocks.at(i - 1).number == number)
                events.append(numberEvent("duplicate", number));
        }
        return events;
    };
}

// --reorg-every R --reorg-depth D: after each multiple m of R, blocks m-D+1..m come again with
// new hashes: one reorg at m-D+1 of depth D replacing the hashes first seen. A client that
// joined inside that range never saw the first blocks replayed: they arrive out of order,
// and the reorg starts at its first block.
Expectation reorgsEvery(qint64 every, int depth)
{
    return [every, depth](const QList<Block> &blocks) {
        QStringList events;
        const qint64 first = blocks.constFirst().number;
        QHash<qint64, QString> firstHash;
        for (int i = 0; i < blocks.size(); ++i) {
            const Block &block = blocks.at(i);
            if (firstHash.contains(block.number))
                continue;
            firstHash.insert(block.number, block.hash);
            if (block.number % every != 0)
                continue;
            // The replay after block m, as far as it was received.
            const qint64 low = std::max(block.number - depth + 1, first);
            for (int j = i + 1; j < blocks.size() && blocks.at(j).number <= block.number; ++j) {
                const qint64 number = blocks.at(j).number;
                if (number < first) {
                    events.append(numberEvent("out_of_order", number));
                } else if (number == low) {
                    QJsonArray replaced;
                    for (qint64 n = low; n <= block.number; ++n)
                        replaced.append(firstHash.value(n));
                    events.append(described({{QStringLiteral("kind"), QStringLiteral("reorg")},
                                             {QStringLiteral("number"), low},
                                             {QStringLiteral("depth"), block.number - low + 1},
                                             {QStringLiteral("replaced"), replaced}}));
                }
            }
        }
        return events;
    };
}

} // namespace

Q_DECLARE_METATYPE(allium::EmulatorFaults)
Q_DECLARE_METATYPE(Expectation)

// From each integrity fault flag of the emulator to what a user sees: `allium-cli watch` prints
// exactly the events the fault defines for the blocks it received (read back from its
// --record file), and a StreamSession, the core under the GUI, reports the same through
// integrityEventOccurred for the blocks it received. Both watch one emulator at once.
class TestIntegrityFaults : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sequenceFaults_data();
    void sequenceFaults();
    void lagFaultIsOneLagEvent();
    void reconnectIsAnOutageNotAGap();

private:
    std::unique_ptr<EmulatorServer> startServer(const EmulatorFaults &faults, qint64 startTimeMs,
                                                double speed) const
    {
        EmulatorOptions options = emulatorOptionsAccepting(secretKey);
        options.seed = 11;
        options.startTimeMs = startTimeMs;
        options.speed = speed;
        options.faults = faults;
        return startEmulator(options);
    }
    // A StreamSession on `topic` that records every message and integrity event.
    struct Watched
    {
        StreamSession session;
        QVector<StreamMessage> messages;
        QVector<IntegrityEvent> events;
    };
    void openSession(Watched &watched, const EmulatorServer &server, const QString &topic,
                     qint64 lagThresholdMs) const
    {
        IngestOptions ingest;
        ingest.lagThresholdMs = lagThresholdMs;
        ingest.stallAfterMs = 30000;
        watched.session.setUrl(server.streamUrl(topic));
        watched.session.setApiKey(secretKey);
        watched.session.setConnectionOptions(fastConnectionOptions());
        watched.session.setIngestOptions(ingest);
        connect(&watched.session, &StreamSession::messagesReceived, this,
                [&watched](const MessageBatch &batch) { watched.messages += batch.messages; });
        connect(&watched.session, &StreamSession::integrityEventOccurred, this,
                [&watched](const IntegrityEvent &event) { watched.events.append(event); });
        watched.session.start();
        watched.session.open();
    }
    CliRun watch(const EmulatorServer &server, const QString &topic, const QStringList &options)
    {
        return CliRunner(m_home.path())
            .run(QStringList{QStringLiteral("watch"), QStringLiteral("--topic"), topic,
                             QStringLiteral("--url"), server.baseUrl().toString(),
                             QStringLiteral("--stall-after"), QStringLiteral("30")} +
                     options,
                 secretKey, 20000);
    }

    QTemporaryDir m_home;
};

void TestIntegrityFaults::initTestCase()
{
    QVERIFY(QFile::exists(CliRunner::executablePath()));
    QVERIFY(m_home.isValid());
}

void TestIntegrityFaults::sequenceFaults_data()
{
    QTest::addColumn<EmulatorFaults>("faults");
    QTest::addColumn<Expectation>("expected");
    QTest::addColumn<int>("atLeast"); ///< events the run must hold, so that it proves something
    EmulatorFaults gaps;
    gaps.gapEvery = 5;
    QTest::newRow("--gap-every 5") << gaps << gapsEvery(5) << 8;
    EmulatorFaults reorgs;
    reorgs.reorgEvery = 6;
    reorgs.reorgDepth = 2;
    QTest::newRow("--reorg-every 6 --reorg-depth 2") << reorgs << reorgsEvery(6, 2) << 6;
    EmulatorFaults deep;
    deep.reorgEvery = 9;
    deep.reorgDepth = 4;
    QTest::newRow("--reorg-every 9 --reorg-depth 4") << deep << reorgsEvery(9, 4) << 4;
    EmulatorFaults duplicates;
    duplicates.duplicateEvery = 4;
    QTest::newRow("--duplicate-every 4") << duplicates << duplicatesEvery(4) << 8;
}

// Gaps, reorgs and duplicates on base.blocks: the exact events, through the CLI and the core.
void TestIntegrityFaults::sequenceFaults()
{
    QFETCH(EmulatorFaults, faults);
    QFETCH(Expectation, expected);
    QFETCH(int, atLeast);
    const QString topic = QStringLiteral("base.blocks");
    constexpr int Count = 60;
    const auto server = startServer(faults, SyntheticChain::DefaultStartMs, FastSpeed);
    Watched core;
    openSession(core, *server, topic, IgnoredLagS * 1000);

    const QString path = m_home.filePath(QStringLiteral("watched.ndjson"));
    const CliRun result =
        watch(*server, topic,
              {QStringLiteral("--count"), QString::number(Count), QStringLiteral("--record"), path,
               QStringLiteral("--lag-above"), QString::number(IgnoredLagS)});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    RecordingReader reader;
    QVERIFY2(reader.open(path), qPrintable(reader.errorString()));
    QList<Block> cliBlocks;
    RecordedMessage recorded;
    while (reader.readNext(&recorded))
        cliBlocks.append(blockOf(recorded.json));
    QCOMPARE(cliBlocks.size(), Count);
    QStringList printed;
    for (const QByteArray &line : result.lines()) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        QCOMPARE(event.value(QStringLiteral("topic")).toString(), topic);
        printed.append(described(event));
    }
    const QStringList cliExpected = expected(cliBlocks);
    QCOMPARE(printed, cliExpected);
    QVERIFY2(printed.size() >= atLeast, qPrintable(QString::number(printed.size())));
    QVERIFY2(result.err.contains(QStringLiteral("events: %1 ").arg(printed.size()).toUtf8()),
             result.err.constData());

    // The core, over as many messages: the events the first Count of them revealed.
    QTRY_VERIFY_WITH_TIMEOUT(core.messages.size() >= Count, 10000);
    core.session.close();
    QList<Block> coreBlocks;
    for (int i = 0; i < Count; ++i)
        coreBlocks.append(blockOf(core.messages.at(i).json));
    const quint64 lastSequence = core.messages.at(Count - 1).sequence;
    QStringList reported;
    for (const IntegrityEvent &event : std::as_const(core.events)) {
        QVERIFY(event.sequence > 0);
        QCOMPARE(event.topic, topic);
        if (event.sequence <= lastSequence)
            reported.append(described(event.toJson()));
    }
    QCOMPARE(reported, expected(coreBlocks));
    QVERIFY2(reported.size() >= atLeast, qPrintable(QString::number(reported.size())));
}

// --lag-ms 1500 on a chain at the wall clock's pace: one lag event (reported once as it rises
// above the 1 s threshold), of 1.5 s and at most a cadence tick and a batch more, through the
// CLI and the core; nothing else.
void TestIntegrityFaults::lagFaultIsOneLagEvent()
{
    EmulatorFaults faults;
    faults.lagMs = 1500;
    const QString topic = QStringLiteral("hyperliquid.trades");
    const auto server = startServer(faults, 0, 1.0);
    Watched core;
    openSession(core, *server, topic, 1000);
    const CliRun result = watch(*server, topic,
                                {QStringLiteral("--count"), QStringLiteral("10"),
                                 QStringLiteral("--lag-above"), QStringLiteral("1")});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QList<QByteArray> lines = result.lines();
    QCOMPARE(lines.size(), 1);
    const QJsonObject event = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(event.value(QStringLiteral("kind")).toString(), QStringLiteral("lag"));
    QCOMPARE(event.value(QStringLiteral("topic")).toString(), topic);
    const qint64 lag = event.value(QStringLiteral("lag_ms")).toInteger();
    QVERIFY2(lag >= 1500 && lag < 2500, qPrintable(QString::number(lag)));

    QTRY_VERIFY_WITH_TIMEOUT(core.messages.size() >= 10, 10000);
    core.session.close();
    QCOMPARE(core.events.size(), 1);
    QCOMPARE(core.events.constFirst().kind, IntegrityEventKind::Lag);
    QVERIFY2(core.events.constFirst().lagMs >= 1500 && core.events.constFirst().lagMs < 2500,
             qPrintable(QString::number(core.events.constFirst().lagMs)));
    QVERIFY(core.session.stats().integrity.p50LagMs >= 1500);
}

// The emulator drops every connection after 25 messages; the session reconnects and joins the
// head: what passed meanwhile is one outage per reconnect that skipped blocks (from the last
// block before to the first after), never a gap.
void TestIntegrityFaults::reconnectIsAnOutageNotAGap()
{
    constexpr int PerConnection = 25;
    EmulatorFaults faults;
    faults.dropAfterMessages = PerConnection;
    const QString topic = QStringLiteral("base.blocks");
    const auto server = startServer(faults, SyntheticChain::DefaultStartMs, FastSpeed);
    Watched core;
    openSession(core, *server, topic, IgnoredLagS * 1000);
    constexpr int Count = 4 * PerConnection;
    QTRY_VERIFY_WITH_TIMEOUT(core.messages.size() >= Count, 10000);
    core.session.close();

    QStringList expected;
    for (int i = 1; i < Count; ++i) {
        const qint64 before = blockOf(core.messages.at(i - 1).json).number;
        const qint64 after = blockOf(core.messages.at(i).json).number;
        if (i % PerConnection != 0) {
            QCOMPARE(after, before + 1);
        } else if (after > before + 1) {
            expected.append(described({{QStringLiteral("kind"), QStringLiteral("outage")},
                                       {QStringLiteral("from"), before + 1},
                                       {QStringLiteral("to"), after - 1},
                                       {QStringLiteral("missing"), after - before - 1}}));
        }
    }
    const quint64 lastSequence = core.messages.at(Count - 1).sequence;
    QStringList reported;
    for (const IntegrityEvent &event : std::as_const(core.events)) {
        if (event.sequence <= lastSequence)
            reported.append(described(event.toJson()));
    }
    QCOMPARE(reported, expected);
    QVERIFY(core.session.stats().reconnects >= 3);
    QCOMPARE(core.session.stats().integrity.gaps, quint64(0));
}

QTEST_GUILESS_MAIN(TestIntegrityFaults)
#include "tst_integrityfaults.moc"
