// SPDX-License-Identifier: MIT
#include "emulator/embeddedemulator.h"
#include "emulator/emulatorserver.h"
#include "emulator/generators/syntheticdatachain.h"
#include "support/emulatortesting.h"
#include "support/testwebsocketclient.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSet>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <memory>

using namespace allium;

namespace {

// 2026-11-27T20:00:00Z: the chain origin of every generator, so block numbers are known.
constexpr qint64 StartMs = SyntheticChain::DefaultStartMs;
// Base blocks every 2 s of chain time: at this speed one every 20 ms, and ~8,500 msg/s on
// base.transactions.
constexpr double FastSpeed = 100;

EmulatorOptions chainOptions(const EmulatorFaults &faults = {}, double speed = FastSpeed)
{
    EmulatorOptions options;
    options.seed = 7;
    options.startTimeMs = StartMs;
    options.speed = speed;
    options.faults = faults;
    return options;
}

QString startAction()
{
    return QStringLiteral("{\"action\":\"start\"}");
}

void openAndStart(TestWebSocketClient &client, const EmulatorServer &server, const QString &topic)
{
    QVERIFY(client.connectTo(server.streamUrl(topic)));
    client.sendText(startAction());
}

qint64 integer(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toInteger();
}

QString text(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

qint64 isoMs(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
}

// At least `count` messages of base.blocks from the head of an emulator with `faults`; empty
// (with a warning) if they do not come.
QStringList baseBlocks(const EmulatorFaults &faults, int count)
{
    const auto server = startEmulator(chainOptions(faults));
    TestWebSocketClient client;
    if (!client.connectTo(server->streamUrl(QStringLiteral("base.blocks"))))
        return {};
    client.sendText(startAction());
    if (!client.waitForMessages(count)) {
        qWarning("only %d of %d blocks came", int(client.messages().size()), count);
        return {};
    }
    return client.messages();
}

QList<QJsonObject> objects(const QStringList &messages)
{
    QList<QJsonObject> list;
    for (const QString &message : messages)
        list.append(QJsonDocument::fromJson(message.toUtf8()).object());
    return list;
}

QList<qint64> numbers(const QList<QJsonObject> &blocks, const char *key = "number")
{
    QList<qint64> list;
    for (const QJsonObject &block : blocks)
        list.append(integer(block, key));
    return list;
}

// One block as the transactions of a topic show it: consecutive messages of one block_hash.
struct TransactionRun
{
    qint64 number = 0;
    QString hash;
    QString timestamp;
    int count = 0;
};

QList<TransactionRun> runs(const QList<QJsonObject> &transactions)
{
    QList<TransactionRun> list;
    for (const QJsonObject &tx : transactions) {
        const QString hash = text(tx, "block_hash");
        if (list.isEmpty() || list.constLast().hash != hash)
            list.append({integer(tx, "block_number"), hash, text(tx, "block_timestamp"), 0});
        ++list.last().count;
    }
    return list;
}

} // namespace

/// The emulator's chain: one per topic and server, at the wall clock's pace, whoever watches it;
/// and the integrity faults, exactly as EmulatorFaults documents them.
class TestEmulatorChain : public QObject
{
    Q_OBJECT
private slots:
    void firstBlockIsTheHeadOfTheChainClock();
    void reconnectJoinsTheHeadNotTheStart();
    void twoClientsSeeTheSameChain();
    void startTimeAndSeedReproduceTheChain();
    void gapEverySkipsExactlyTheMultiples();
    void reorgReplacesDepthBlocksWithChainedHashes();
    void duplicateEverySendsThoseBlocksTwice();
    void transactionsFollowTheBlocksThroughFaults_data();
    void transactionsFollowTheBlocksThroughFaults();
    void solanaFaultsCountBlockHeight();
    void lagDelaysEveryMessageByItsTimestamp();
    void rateAndFirehoseNumbersRise();
    void embeddedEmulatorServesTheSameChain();
};

// The first block a client gets is the first one due after it started, on the clock
// start-time + elapsed × speed: not a fixed first block.
void TestEmulatorChain::firstBlockIsTheHeadOfTheChainClock()
{
    QElapsedTimer sinceBeforeServer;
    sinceBeforeServer.start();
    const auto server = startEmulator(chainOptions());
    QElapsedTimer sinceAfterServer;
    sinceAfterServer.start();
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("base.blocks"))));
    const qint64 earliest = sinceAfterServer.elapsed();
    client.sendText(startAction());
    QVERIFY(client.waitForMessages(1));
    const qint64 latest = sinceBeforeServer.elapsed();
    const QJsonObject block = client.jsonMessages().constFirst();
    const SyntheticChain chain = SyntheticChain::base(7);
    const qint64 number = integer(block, "number");
    QVERIFY2(number >= chain.numberAt(StartMs + qint64(earliest * FastSpeed)),
             qPrintable(QString::number(number)));
    QVERIFY2(number <= chain.numberAt(StartMs + qint64(latest * FastSpeed)),
             qPrintable(QString::number(number)));
    // Its timestamp is its slot's: 2 s per block from the chain's origin.
    QCOMPARE(isoMs(text(block, "timestamp")), chain.timestampMs(number));
}

// A client that reconnects misses what passed meanwhile and continues from the live head, as
// a client that stayed connected sees it; nothing starts over.
void TestEmulatorChain::reconnectJoinsTheHeadNotTheStart()
{
    const auto server = startEmulator(chainOptions());
    const QString topic = QStringLiteral("base.blocks");
    TestWebSocketClient watcher;
    openAndStart(watcher, *server, topic);
    auto first = std::make_unique<TestWebSocketClient>();
    openAndStart(*first, *server, topic);
    QVERIFY(first->waitForMessages(5));
    const qint64 lastBeforeOutage = numbers(first->jsonMessages()).constLast();
    first.reset();

    // The outage: the watcher sees 30 more blocks go by.
    const int seen = int(watcher.messages().size());
    QVERIFY(watcher.waitForMessages(seen + 30));
    TestWebSocketClient again;
    openAndStart(again, *server, topic);
    QVERIFY(again.waitForMessages(3));
    const QList<qint64> resumed = numbers(again.jsonMessages());
    QVERIFY2(
        resumed.constFirst() > lastBeforeOutage + 25,
        qPrintable(QStringLiteral("%1 after %2").arg(resumed.constFirst()).arg(lastBeforeOutage)));
    // The same blocks as the watcher's, at the same numbers.
    QVERIFY(watcher.waitForMessages(int(watcher.messages().size()) + 3));
    QHash<qint64, QString> watched;
    for (const QJsonObject &block : watcher.jsonMessages())
        watched.insert(integer(block, "number"), text(block, "hash"));
    for (const QJsonObject &block : again.jsonMessages()) {
        QVERIFY(watched.contains(integer(block, "number")));
        QCOMPARE(text(block, "hash"), watched.value(integer(block, "number")));
    }
}

// Two clients watching at once get the same messages for the same blocks, transactions too.
void TestEmulatorChain::twoClientsSeeTheSameChain()
{
    const auto server = startEmulator(chainOptions());
    for (const auto &[topic, count] : {std::pair{QStringLiteral("base.blocks"), 30},
                                       {QStringLiteral("base.transactions"), 400}}) {
        TestWebSocketClient a;
        TestWebSocketClient b;
        openAndStart(a, *server, topic);
        openAndStart(b, *server, topic);
        QVERIFY(a.waitForMessages(count));
        QVERIFY(b.waitForMessages(count));
        const QSet<QString> fromA(a.messages().cbegin(), a.messages().cend());
        int common = 0;
        for (const QString &message : b.messages())
            common += fromA.contains(message) ? 1 : 0;
        // The streams started within a few ms: nearly everything is common, byte for byte.
        QVERIFY2(common >= count * 3 / 4,
                 qPrintable(QStringLiteral("%1: %2 in common").arg(topic).arg(common)));
    }
}

// Two servers with one seed and start time produce the same blocks at the same numbers.
void TestEmulatorChain::startTimeAndSeedReproduceTheChain()
{
    const auto one = startEmulator(chainOptions());
    const auto two = startEmulator(chainOptions());
    TestWebSocketClient a;
    TestWebSocketClient b;
    openAndStart(a, *one, QStringLiteral("base.blocks"));
    openAndStart(b, *two, QStringLiteral("base.blocks"));
    QVERIFY(a.waitForMessages(20));
    QVERIFY(b.waitForMessages(20));
    const QSet<QString> fromA(a.messages().cbegin(), a.messages().cend());
    int common = 0;
    for (const QString &message : b.messages())
        common += fromA.contains(message) ? 1 : 0;
    QVERIFY2(common >= 10, qPrintable(QString::number(common)));
}

// --gap-every 5: no block whose number is a multiple of 5 ever arrives; every other number does,
// in order; the next block's parent is the missing block's hash (the chain is whole, the stream
// is not).
void TestEmulatorChain::gapEverySkipsExactlyTheMultiples()
{
    EmulatorFaults faults;
    faults.gapEvery = 5;
    const QStringList messages = baseBlocks(faults, 40);
    QVERIFY(!messages.isEmpty());
    const QList<QJsonObject> blocks = objects(messages);
    const QList<qint64> got = numbers(blocks);
    QList<qint64> expected;
    for (qint64 n = got.constFirst(); expected.size() < got.size(); ++n) {
        if (n % 5 != 0)
            expected.append(n);
    }
    QCOMPARE(got, expected);
    const qint64 span = got.constLast() - got.constFirst() + 1;
    QCOMPARE(span - got.size(), got.constLast() / 5 - (got.constFirst() - 1) / 5);
    const SyntheticChain chain = SyntheticChain::base(7);
    for (int i = 1; i < blocks.size(); ++i) {
        const qint64 number = got.at(i);
        QCOMPARE(text(blocks.at(i), "parent_hash"), chain.blockHash(number - 1));
        if (got.at(i - 1) == number - 1)
            QCOMPARE(text(blocks.at(i), "parent_hash"), text(blocks.at(i - 1), "hash"));
    }
}

// --reorg-every 6 --reorg-depth 2: after each multiple R of 6, blocks R-1 and R again, with new
// hashes; R-1's new parent is the old R-2, R's new parent the new R-1, R+1's parent the new R.
void TestEmulatorChain::reorgReplacesDepthBlocksWithChainedHashes()
{
    EmulatorFaults faults;
    faults.reorgEvery = 6;
    faults.reorgDepth = 2;
    const QStringList messages = baseBlocks(faults, 50);
    QVERIFY(!messages.isEmpty());
    const QList<QJsonObject> blocks = objects(messages);
    const QList<qint64> got = numbers(blocks);
    QList<qint64> expected;
    for (qint64 n = got.constFirst(); expected.size() < got.size(); ++n) {
        expected.append(n);
        if (n % 6 == 0)
            expected << n - 1 << n;
    }
    expected.resize(got.size());
    QCOMPARE(got, expected);

    QHash<qint64, QString> current; // number → the hash the chain has now
    QHash<qint64, QString> first;   // number → the hash it was first sent with
    int replaced = 0;
    for (const QJsonObject &block : blocks) {
        const qint64 number = integer(block, "number");
        const QString hash = text(block, "hash");
        if (current.contains(number - 1))
            QCOMPARE(text(block, "parent_hash"), current.value(number - 1));
        if (first.contains(number)) {
            ++replaced;
            QVERIFY(hash != first.value(number));
            QCOMPARE(isoMs(text(block, "timestamp")), SyntheticChain::base(7).timestampMs(number));
        } else {
            first.insert(number, hash);
        }
        current.insert(number, hash);
    }
    QCOMPARE(replaced, got.size() - int(QSet<qint64>(got.cbegin(), got.cend()).size()));
    QVERIFY(replaced >= 10);
}

// --duplicate-every 3: a block whose number is a multiple of 3 arrives twice in a row,
// identical; no other does.
void TestEmulatorChain::duplicateEverySendsThoseBlocksTwice()
{
    EmulatorFaults faults;
    faults.duplicateEvery = 3;
    const QStringList messages = baseBlocks(faults, 40);
    QVERIFY(!messages.isEmpty());
    const QList<qint64> got = numbers(objects(messages));
    QList<qint64> expected;
    for (qint64 n = got.constFirst(); expected.size() < got.size(); ++n) {
        expected.append(n);
        if (n % 3 == 0)
            expected.append(n);
    }
    expected.resize(got.size());
    QCOMPARE(got, expected);
    for (int i = 1; i < got.size(); ++i) {
        if (got.at(i) == got.at(i - 1))
            QCOMPARE(messages.at(i), messages.at(i - 1));
    }
}

void TestEmulatorChain::transactionsFollowTheBlocksThroughFaults_data()
{
    QTest::addColumn<QString>("chain");
    QTest::addColumn<QString>("topic");
    QTest::newRow("transactions") << "base"
                                  << "base.transactions";
    QTest::newRow("logs") << "base"
                          << "base.logs";
    QTest::newRow("dex trades") << "ethereum"
                                << "ethereum.dex_trades";
}

// With gaps, reorgs and duplicates at once, the transactions (logs, trades) of one server come
// in the blocks' order, block by block, with the hash and timestamp of the block at that number
// as the blocks stream sent it: a reorged block's again with its new hash, none of a skipped one.
void TestEmulatorChain::transactionsFollowTheBlocksThroughFaults()
{
    QFETCH(QString, chain);
    QFETCH(QString, topic);
    EmulatorFaults faults;
    faults.gapEvery = 5;
    faults.reorgEvery = 7;
    faults.reorgDepth = 3;
    faults.duplicateEvery = 4;
    // Ethereum's 12 s blocks at 600×: one every 20 ms, as Base's at 100×.
    const auto server = startEmulator(
        chainOptions(faults, chain == QLatin1String("ethereum") ? 6 * FastSpeed : FastSpeed));
    TestWebSocketClient blocks;
    TestWebSocketClient records;
    openAndStart(blocks, *server, chain + QStringLiteral(".blocks"));
    openAndStart(records, *server, topic);
    QVERIFY(records.waitForMessages(3000, 15000));
    QVERIFY(blocks.waitForMessages(int(blocks.messages().size()) + 3));

    // The blocks stream without its duplicates: (number, hash) in order.
    QList<QJsonObject> blockList;
    for (const QJsonObject &block : blocks.jsonMessages()) {
        if (blockList.isEmpty() || text(blockList.constLast(), "hash") != text(block, "hash"))
            blockList.append(block);
    }
    const QList<QJsonObject> recordList = records.jsonMessages();
    const QList<TransactionRun> recordRuns = runs(recordList);
    // Drop the first run (the client may join inside it) and the last (may be incomplete).
    QVERIFY(recordRuns.size() > 10);
    int start = -1;
    for (int i = 0; i < blockList.size(); ++i) {
        if (text(blockList.at(i), "hash") == recordRuns.at(1).hash)
            start = i;
    }
    QVERIFY2(start >= 0, "the blocks stream has the transactions' blocks");
    int checked = 0;
    for (int r = 1; r + 1 < recordRuns.size() && start + r - 1 < blockList.size(); ++r) {
        const QJsonObject &block = blockList.at(start + r - 1);
        const TransactionRun &run = recordRuns.at(r);
        QCOMPARE(run.number, integer(block, "number"));
        QCOMPARE(run.hash, text(block, "hash"));
        QCOMPARE(run.timestamp, text(block, "timestamp"));
        QVERIFY(run.number % 5 != 0);
        if (topic.endsWith(QLatin1String(".transactions"))) {
            // Every transaction of the block, twice each when the block is duplicated.
            QCOMPARE(run.count,
                     integer(block, "transaction_count") * (run.number % 4 == 0 ? 2 : 1));
        }
        ++checked;
    }
    QVERIFY2(checked >= 8, qPrintable(QString::number(checked)));
    // Within a duplicated block every message comes twice in a row, elsewhere once.
    const QStringList texts = records.messages();
    for (int i = 1; i + 1 < texts.size();) {
        int copies = 1;
        while (i + copies < texts.size() && texts.at(i + copies) == texts.at(i))
            ++copies;
        if (i + copies < texts.size())
            QCOMPARE(copies, integer(recordList.at(i), "block_number") % 4 == 0 ? 2 : 1);
        i += copies;
    }
}

// On Solana the faults count block_height, which stays consecutive; block_slot skips one slot in
// twenty by design.
void TestEmulatorChain::solanaFaultsCountBlockHeight()
{
    EmulatorFaults faults;
    faults.gapEvery = 4;
    // 400 ms blockSlots at 20×: one every 20 ms, ~130 transactions each.
    const auto server = startEmulator(chainOptions(faults, 20));
    TestWebSocketClient client;
    openAndStart(client, *server, QStringLiteral("solana.transactions"));
    QVERIFY(client.waitForMessages(6000, 15000));
    QList<qint64> heights;
    QList<qint64> blockSlots;
    for (const QJsonObject &tx : client.jsonMessages()) {
        const qint64 height = integer(tx, "block_height");
        if (heights.isEmpty() || heights.constLast() != height) {
            heights.append(height);
            blockSlots.append(integer(tx, "block_slot"));
        }
    }
    QVERIFY(heights.size() > 30);
    int skippedSlots = 0;
    for (int i = 1; i < heights.size(); ++i) {
        QVERIFY(heights.at(i) % 4 != 0);
        const qint64 step = heights.at(i) - heights.at(i - 1);
        QCOMPARE(step, heights.at(i - 1) % 4 == 3 ? 2 : 1);
        QVERIFY(blockSlots.at(i) - blockSlots.at(i - 1) >= step);
        skippedSlots += int(blockSlots.at(i) - blockSlots.at(i - 1) - step);
    }
    QVERIFY(skippedSlots >= 1);
}

// --lag-ms 300 at speed 1 from the current time: every message leaves 300 ms (or a tick more)
// after its timestamp.
void TestEmulatorChain::lagDelaysEveryMessageByItsTimestamp()
{
    EmulatorOptions options;
    options.faults.lagMs = 300;
    const auto server = startEmulator(options);
    QWebSocket socket;
    QList<qint64> lags;
    connect(&socket, &QWebSocket::textMessageReceived, this, [&lags](const QString &message) {
        const qint64 received = QDateTime::currentMSecsSinceEpoch();
        const QJsonObject payload = QJsonDocument::fromJson(message.toUtf8())
                                        .object()
                                        .value(QStringLiteral("payload"))
                                        .toObject();
        lags.append(received - payload.value(QStringLiteral("time")).toInteger());
    });
    QNetworkRequest request(server->streamUrl(QStringLiteral("hyperliquid.trades")));
    request.setRawHeader("X-API-KEY", EmulatorDemoKey.toUtf8());
    socket.open(request);
    QTRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState);
    socket.sendTextMessage(startAction());
    QTRY_VERIFY_WITH_TIMEOUT(lags.size() >= 40, 10000);
    std::sort(lags.begin(), lags.end());
    QVERIFY2(lags.constFirst() >= 299, qPrintable(QString::number(lags.constFirst())));
    // The median: 300 plus up to one 50 ms tick of the cadence clock, with room for a busy machine.
    QVERIFY2(lags.at(lags.size() / 2) < 300 + 1000,
             qPrintable(QString::number(lags.at(lags.size() / 2))));
}

// --rate and --firehose keep the numbering consistent: block numbers (and transaction indexes
// within a block) only rise.
void TestEmulatorChain::rateAndFirehoseNumbersRise()
{
    for (const bool firehose : {false, true}) {
        EmulatorOptions options;
        options.rate = firehose ? 0 : 2000;
        options.firehoseCount = firehose ? 1000 : 0;
        const auto server = startEmulator(options);
        TestWebSocketClient client;
        openAndStart(client, *server, QStringLiteral("ethereum.transactions"));
        QVERIFY(client.waitForMessages(1000));
        qint64 block = -1;
        qint64 index = -1;
        for (const QJsonObject &tx : client.jsonMessages()) {
            const qint64 number = integer(tx, "block_number");
            const qint64 position = integer(tx, "transaction_index");
            if (number != block) {
                QVERIFY(block < 0 || number == block + 1);
                QCOMPARE(position, 0);
            } else {
                QCOMPARE(position, index + 1);
            }
            block = number;
            index = position;
        }
    }
}

// The in-process emulator (the GUI's, the CLI's) runs the same chain: after a dropped connection
// the client rejoins further on, faults as configured.
void TestEmulatorChain::embeddedEmulatorServesTheSameChain()
{
    EmulatorFaults faults;
    faults.gapEvery = 5;
    EmbeddedEmulator emulator(chainOptions(faults));
    QVERIFY(emulator.start());
    QUrl url = emulator.baseUrl();
    url.setPath(QStringLiteral("/api/v1/developer/ws/stream"));
    url.setQuery(QStringLiteral("topic=base.blocks"));
    TestWebSocketClient before;
    QVERIFY(before.connectTo(url));
    before.sendText(startAction());
    QVERIFY(before.waitForMessages(5));
    emulator.dropAllConnections();
    QVERIFY(before.waitDisconnected());
    const qint64 last = numbers(before.jsonMessages()).constLast();

    TestWebSocketClient after;
    QVERIFY(after.connectTo(url));
    after.sendText(startAction());
    QVERIFY(after.waitForMessages(10));
    const QList<qint64> resumed = numbers(after.jsonMessages());
    QVERIFY(resumed.constFirst() > last);
    for (const qint64 number : resumed)
        QVERIFY(number % 5 != 0);
    const SyntheticChain chain = SyntheticChain::base(7);
    for (const QJsonObject &block : after.jsonMessages())
        QCOMPARE(text(block, "hash"), chain.blockHash(integer(block, "number")));
}

QTEST_MAIN(TestEmulatorChain)
#include "tst_emulatorchain.moc"
