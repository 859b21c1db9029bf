// SPDX-License-Identifier: MIT
#include "emulator/generators/topicgenerator.h"
#include "emulator/messagewriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <vector>

using namespace allium;

namespace {

std::vector<QJsonObject> take(const QString &topic, int count, quint64 seed = 1)
{
    std::unique_ptr<TopicGenerator> generator = TopicGenerator::create(topic, seed);
    std::vector<QJsonObject> messages;
    if (!generator)
        return messages;
    messages.reserve(size_t(count));
    for (int i = 0; i < count; ++i)
        messages.push_back(generator->next());
    return messages;
}

// The record itself, or the `payload` of a Hyperliquid record.
QJsonObject record(const QJsonObject &message)
{
    return message.contains(QStringLiteral("payload"))
               ? message.value(QStringLiteral("payload")).toObject()
               : message;
}

// Compares two non-negative decimal integer strings numerically (wei values exceed 64 bits).
int compareDecimal(const QString &a, const QString &b)
{
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return a.compare(b);
}

bool isLowerHex(const QString &s, int digits)
{
    if (s.size() != digits + 2 || !s.startsWith(QLatin1String("0x")))
        return false;
    for (int i = 2; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
              (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

bool isBase58(const QString &s, int minLength, int maxLength)
{
    static const QString alphabet =
        QStringLiteral("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");
    if (s.size() < minLength || s.size() > maxLength)
        return false;
    for (const QChar c : s) {
        if (!alphabet.contains(c))
            return false;
    }
    return true;
}

// The members of `object` on dotted object `paths`, nested as in `object`.
QJsonObject subset(const QJsonObject &object, const QStringList &paths)
{
    QJsonObject result;
    for (const QString &path : paths) {
        const QString head = path.section(QLatin1Char('.'), 0, 0);
        if (!object.contains(head))
            continue;
        if (!path.contains(QLatin1Char('.'))) {
            result.insert(head, object.value(head));
            continue;
        }
        QJsonObject inner =
            subset(object.value(head).toObject(), {path.section(QLatin1Char('.'), 1)});
        const QJsonObject existing = result.value(head).toObject();
        for (auto it = existing.begin(); it != existing.end(); ++it)
            inner.insert(it.key(), it.value());
        result.insert(head, inner);
    }
    return result;
}

qint64 isoMs(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    return time.isValid() ? time.toMSecsSinceEpoch() : -1;
}

} // namespace

class TestTopicGenerator : public QObject
{
    Q_OBJECT

private slots:
    void knowsTheDocumentedTopics();
    void fieldTypes_data();
    void fieldTypes();
    void addressesAndHashesAreWellFormed();
    void blocksChain_data();
    void blocksChain();
    void transactionsFollowTheBlocksStream_data();
    void transactionsFollowTheBlocksStream();
    void logsBelongToTransactions();
    void dexTradesAreSwapsOfTheTransactionsStream();
    void solanaSlotsAndErrors();
    void hyperliquidFillsPairUpWithTrades();
    void deterministic_data();
    void deterministic();
    void valuesAreHeavyTailed();
    void popularContractsAndFailures();
    void serializedSizes_data();
    void serializedSizes();
    void cadence_data();
    void cadence();
    void derivedCadenceMatchesTheData();
    void startTimeAnchorsTimestamps();
    void streamTextIsTheCompactJsonOfNext_data();
    void streamTextIsTheCompactJsonOfNext();
};

// topics() lists every topic the brief asks for, sorted, and create() refuses unknown topics.
void TestTopicGenerator::knowsTheDocumentedTopics()
{
    const QStringList topics = TopicGenerator::topics();
    for (const char *name :
         {"ethereum.blocks", "ethereum.transactions", "ethereum.logs", "base.blocks",
          "base.transactions", "base.dex_trades", "solana.transactions", "hyperliquid.fills",
          "hyperliquid.trades", "bitcoin.blocks"}) {
        QVERIFY2(topics.contains(QLatin1String(name)), name);
        QVERIFY2(TopicGenerator::create(QLatin1String(name), 1), name);
    }
    QStringList sorted = topics;
    sorted.sort();
    QCOMPARE(topics, sorted);
    QVERIFY(!TopicGenerator::create(QStringLiteral("ethereum.nope"), 1));
    QVERIFY(!TopicGenerator::create(QString(), 1));
}

void TestTopicGenerator::fieldTypes_data()
{
    // Type letters: s string, n number, b bool, a array, o object; a trailing ? allows null.
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("fields");
    const QString evmBlock = QStringLiteral(
        "number:n hash:s parent_hash:s timestamp:s miner:s gas_used:n gas_limit:n "
        "base_fee_per_gas:n transaction_count:n size:n nonce:s difficulty:n total_difficulty:s "
        "extra_data:s logs_bloom:s sha3_uncles:s transactions_root:s state_root:s "
        "receipts_root:s");
    const QString evmTransaction = QStringLiteral(
        "hash:s nonce:n transaction_index:n from_address:s to_address:s? value:s gas:n "
        "gas_price:n input:s receipt_status:n receipt_gas_used:n block_number:n block_hash:s "
        "block_timestamp:s transaction_type:n max_fee_per_gas:n? max_priority_fee_per_gas:n? "
        "blockchain:s");
    QTest::newRow("ethereum.blocks") << QStringLiteral("ethereum.blocks") << evmBlock;
    QTest::newRow("base.blocks") << QStringLiteral("base.blocks") << evmBlock;
    QTest::newRow("ethereum.transactions")
        << QStringLiteral("ethereum.transactions") << evmTransaction;
    QTest::newRow("base.transactions") << QStringLiteral("base.transactions") << evmTransaction;
    QTest::newRow("ethereum.logs")
        << QStringLiteral("ethereum.logs")
        << QStringLiteral("address:s topic0:s topic1:s? topic2:s? topic3:s? data:s log_index:n "
                          "transaction_hash:s "
                          "transaction_index:n block_number:n block_timestamp:s block_hash:s");
    QTest::newRow("base.dex_trades")
        << QStringLiteral("base.dex_trades")
        << QStringLiteral(
               "chain:s project:s protocol:s liquidity_pool_address:s token_bought_address:s "
               "token_bought_symbol:s token_bought_amount:n token_bought_amount_str:s "
               "token_sold_address:s token_sold_symbol:s token_sold_amount:n "
               "token_sold_amount_str:s "
               "usd_amount:n transaction_hash:s block_number:n block_timestamp:s sender_address:s "
               "to_address:s");
    QTest::newRow("solana.transactions")
        << QStringLiteral("solana.transactions")
        << QStringLiteral(
               "block_slot:n block_height:n block_timestamp:s block_hash:s txn_id:s txn_index:n "
               "signer:s fee:n success:b err:o? is_voting:b account_keys:a instruction_count:n");
    QTest::newRow("hyperliquid.fills")
        << QStringLiteral("hyperliquid.fills")
        << QStringLiteral("coin:s px:s sz:s side:s time:n dir:s hash:s oid:n tid:n fee:s "
                          "feeToken:s closedPnl:s "
                          "crossed:b startPosition:s user:s");
    QTest::newRow("hyperliquid.trades")
        << QStringLiteral("hyperliquid.trades")
        << QStringLiteral("coin:s px:s sz:s side:s time:n hash:s tid:n users:a");
    QTest::newRow("bitcoin.blocks")
        << QStringLiteral("bitcoin.blocks")
        << QStringLiteral("number:n hash:s previous_block_hash:s timestamp:s transaction_count:n "
                          "size:n weight:n "
                          "difficulty:n miner:s");
}

// Every message of a topic carries the documented fields with the documented JSON types.
void TestTopicGenerator::fieldTypes()
{
    QFETCH(QString, topic);
    QFETCH(QString, fields);
    const auto messages = take(topic, 400);
    QCOMPARE(int(messages.size()), 400);
    for (const QJsonObject &message : messages) {
        const QJsonObject r = record(message);
        for (const QString &spec : fields.split(QLatin1Char(' '))) {
            const QString name = spec.section(QLatin1Char(':'), 0, 0);
            const QString type = spec.section(QLatin1Char(':'), 1);
            QVERIFY2(r.contains(name), qPrintable(topic + QLatin1Char(' ') + name));
            const QJsonValue v = r.value(name);
            if (type.endsWith(QLatin1Char('?')) && v.isNull())
                continue;
            bool ok = false;
            switch (type.at(0).toLatin1()) {
            case 's':
                ok = v.isString();
                break;
            case 'n':
                ok = v.isDouble();
                break;
            case 'b':
                ok = v.isBool();
                break;
            case 'a':
                ok = v.isArray();
                break;
            case 'o':
                ok = v.isObject();
                break;
            }
            QVERIFY2(
                ok, qPrintable(topic + QLatin1Char(' ') + name + QLatin1String(" is not ") + type));
        }
    }
}

// EVM hashes and addresses are lower-case 0x hex of the right length; Solana keys are base58.
void TestTopicGenerator::addressesAndHashesAreWellFormed()
{
    for (const QJsonObject &b : take(QStringLiteral("ethereum.blocks"), 20)) {
        QVERIFY(isLowerHex(b.value(QStringLiteral("hash")).toString(), 64));
        QVERIFY(isLowerHex(b.value(QStringLiteral("miner")).toString(), 40));
        QVERIFY(isLowerHex(b.value(QStringLiteral("logs_bloom")).toString(), 512));
    }
    for (const QJsonObject &t : take(QStringLiteral("ethereum.transactions"), 500)) {
        QVERIFY(isLowerHex(t.value(QStringLiteral("hash")).toString(), 64));
        QVERIFY(isLowerHex(t.value(QStringLiteral("from_address")).toString(), 40));
        const QJsonValue to = t.value(QStringLiteral("to_address"));
        QVERIFY(to.isNull() || isLowerHex(to.toString(), 40));
        QVERIFY(isLowerHex(t.value(QStringLiteral("block_hash")).toString(), 64));
        QVERIFY(isoMs(t.value(QStringLiteral("block_timestamp")).toString()) > 0);
        QVERIFY(t.value(QStringLiteral("block_timestamp")).toString().endsWith(QLatin1Char('Z')));
    }
    for (const QJsonObject &l : take(QStringLiteral("ethereum.logs"), 300)) {
        QVERIFY(isLowerHex(l.value(QStringLiteral("topic0")).toString(), 64));
        QVERIFY(isLowerHex(l.value(QStringLiteral("address")).toString(), 40));
    }
    for (const QJsonObject &s : take(QStringLiteral("solana.transactions"), 300)) {
        QVERIFY(isBase58(s.value(QStringLiteral("txn_id")).toString(), 87, 88));
        QVERIFY(isBase58(s.value(QStringLiteral("block_hash")).toString(), 43, 44));
        QVERIFY(isBase58(s.value(QStringLiteral("signer")).toString(), 32, 44));
        QCOMPARE(s.value(QStringLiteral("signer")), s.value(QStringLiteral("account_keys"))[0]);
    }
    for (const QJsonObject &b : take(QStringLiteral("bitcoin.blocks"), 5)) {
        const QString hash = b.value(QStringLiteral("hash")).toString();
        QCOMPARE(hash.size(), 64);
        QVERIFY(hash.startsWith(QLatin1String("0000000000")));
    }
}

void TestTopicGenerator::blocksChain_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("parentField");
    QTest::addColumn<qint64>("minNumber");
    QTest::addColumn<qint64>("maxNumber");
    QTest::addColumn<qint64>("stepMs"); // 0: variable
    QTest::newRow("ethereum") << QStringLiteral("ethereum.blocks") << QStringLiteral("parent_hash")
                              << qint64(23800000) << qint64(24100000) << qint64(12000);
    QTest::newRow("base") << QStringLiteral("base.blocks") << QStringLiteral("parent_hash")
                          << qint64(37900000) << qint64(38200000) << qint64(2000);
    QTest::newRow("bitcoin") << QStringLiteral("bitcoin.blocks")
                             << QStringLiteral("previous_block_hash") << qint64(924000)
                             << qint64(928000) << qint64(0);
}

// Block numbers rise by one from near the real tip, each parent hash is the previous hash, and
// timestamps advance with the chain's cadence.
void TestTopicGenerator::blocksChain()
{
    QFETCH(QString, topic);
    QFETCH(QString, parentField);
    QFETCH(qint64, minNumber);
    QFETCH(qint64, maxNumber);
    QFETCH(qint64, stepMs);
    const auto blocks = take(topic, 200);
    const qint64 first = qint64(blocks.front().value(QStringLiteral("number")).toDouble());
    QVERIFY(first >= minNumber && first <= maxNumber);
    QSet<QString> hashes;
    for (size_t i = 1; i < blocks.size(); ++i) {
        const QJsonObject &previous = blocks[i - 1];
        const QJsonObject &block = blocks[i];
        QCOMPARE(block.value(QStringLiteral("number")).toDouble(),
                 previous.value(QStringLiteral("number")).toDouble() + 1);
        QCOMPARE(block.value(parentField).toString(),
                 previous.value(QStringLiteral("hash")).toString());
        const qint64 gap = isoMs(block.value(QStringLiteral("timestamp")).toString()) -
                           isoMs(previous.value(QStringLiteral("timestamp")).toString());
        if (stepMs > 0)
            QCOMPARE(gap, stepMs);
        else
            QVERIFY(gap >= 0);
        hashes.insert(block.value(QStringLiteral("hash")).toString());
    }
    QCOMPARE(hashes.size(), int(blocks.size()) - 1);
}

void TestTopicGenerator::transactionsFollowTheBlocksStream_data()
{
    QTest::addColumn<QString>("chain");
    QTest::newRow("ethereum") << QStringLiteral("ethereum");
    QTest::newRow("base") << QStringLiteral("base");
}

// Transactions come in block order with indexes counting up from 0, and agree with the blocks
// stream of the same seed on each block's hash, timestamp and transaction_count.
void TestTopicGenerator::transactionsFollowTheBlocksStream()
{
    QFETCH(QString, chain);
    const auto blocks = take(chain + QLatin1String(".blocks"), 20, 7);
    const auto transactions = take(chain + QLatin1String(".transactions"), 2000, 7);
    int blockIndex = 0;
    int expectedIndex = 0;
    for (const QJsonObject &tx : transactions) {
        QCOMPARE(tx.value(QStringLiteral("blockchain")).toString(), chain);
        if (tx.value(QStringLiteral("transaction_index")).toInt() == 0 && expectedIndex > 0) {
            // The previous block is complete: it had exactly transaction_count transactions.
            QCOMPARE(expectedIndex,
                     blocks[size_t(blockIndex)].value(QStringLiteral("transaction_count")).toInt());
            ++blockIndex;
            expectedIndex = 0;
        }
        QVERIFY(blockIndex < int(blocks.size()));
        const QJsonObject &block = blocks[size_t(blockIndex)];
        QCOMPARE(tx.value(QStringLiteral("transaction_index")).toInt(), expectedIndex++);
        QCOMPARE(tx.value(QStringLiteral("block_number")), block.value(QStringLiteral("number")));
        QCOMPARE(tx.value(QStringLiteral("block_hash")), block.value(QStringLiteral("hash")));
        QCOMPARE(tx.value(QStringLiteral("block_timestamp")),
                 block.value(QStringLiteral("timestamp")));
    }
    QVERIFY2(blockIndex >= 7, "2000 transactions span several blocks");
    const int perBlock = 2000 / (blockIndex + 1);
    QVERIFY(perBlock >= 100 && perBlock <= 260);
}

// Every log names a transaction of the transactions stream (same seed) and its block; log_index
// counts up within a block.
void TestTopicGenerator::logsBelongToTransactions()
{
    QHash<QString, QJsonObject> byHash;
    for (const QJsonObject &tx : take(QStringLiteral("ethereum.transactions"), 3000, 3))
        byHash.insert(tx.value(QStringLiteral("hash")).toString(), tx);
    const auto logs = take(QStringLiteral("ethereum.logs"), 2000, 3);
    double block = -1;
    int expectedLogIndex = 0;
    for (const QJsonObject &log : logs) {
        const QString txHash = log.value(QStringLiteral("transaction_hash")).toString();
        QVERIFY2(byHash.contains(txHash), qPrintable(txHash));
        const QJsonObject tx = byHash.value(txHash);
        QCOMPARE(tx.value(QStringLiteral("receipt_status")).toInt(), 1);
        QCOMPARE(log.value(QStringLiteral("transaction_index")),
                 tx.value(QStringLiteral("transaction_index")));
        QCOMPARE(log.value(QStringLiteral("block_number")),
                 tx.value(QStringLiteral("block_number")));
        QCOMPARE(log.value(QStringLiteral("block_hash")), tx.value(QStringLiteral("block_hash")));
        const double number = log.value(QStringLiteral("block_number")).toDouble();
        QVERIFY(number >= block);
        if (number != block) {
            block = number;
            expectedLogIndex = log.value(QStringLiteral("log_index")).toInt();
        }
        QCOMPARE(log.value(QStringLiteral("log_index")).toInt(), expectedLogIndex++);
    }
}

// A DEX trade is a successful router transaction of the same seed; amounts and strings agree.
void TestTopicGenerator::dexTradesAreSwapsOfTheTransactionsStream()
{
    QHash<QString, QJsonObject> byHash;
    for (const QJsonObject &tx : take(QStringLiteral("base.transactions"), 3000, 5))
        byHash.insert(tx.value(QStringLiteral("hash")).toString(), tx);
    const auto trades = take(QStringLiteral("base.dex_trades"), 200, 5);
    for (const QJsonObject &trade : trades) {
        const QJsonObject tx =
            byHash.value(trade.value(QStringLiteral("transaction_hash")).toString());
        QVERIFY(!tx.isEmpty());
        QCOMPARE(tx.value(QStringLiteral("receipt_status")).toInt(), 1);
        QCOMPARE(trade.value(QStringLiteral("sender_address")),
                 tx.value(QStringLiteral("to_address")));
        QCOMPARE(trade.value(QStringLiteral("to_address")),
                 tx.value(QStringLiteral("from_address")));
        QCOMPARE(trade.value(QStringLiteral("chain")).toString(), QStringLiteral("base"));
        QVERIFY(trade.value(QStringLiteral("usd_amount")).toDouble() > 0);
        QVERIFY(trade.value(QStringLiteral("token_sold_address")) !=
                trade.value(QStringLiteral("token_bought_address")));
        const double sold = trade.value(QStringLiteral("token_sold_amount")).toDouble();
        QVERIFY(qAbs(trade.value(QStringLiteral("token_sold_amount_str")).toString().toDouble() -
                     sold) <= sold * 1e-6);
    }
}

// Solana: slots never go back, txn_index restarts per slot, err is null exactly on success.
void TestTopicGenerator::solanaSlotsAndErrors()
{
    const auto transactions = take(QStringLiteral("solana.transactions"), 3000);
    double slot = 0;
    int expectedIndex = 0;
    int voting = 0;
    int failed = 0;
    for (const QJsonObject &tx : transactions) {
        const double s = tx.value(QStringLiteral("block_slot")).toDouble();
        QVERIFY(s >= slot);
        if (s != slot) {
            slot = s;
            expectedIndex = 0;
        }
        QCOMPARE(tx.value(QStringLiteral("txn_index")).toInt(), expectedIndex++);
        const bool success = tx.value(QStringLiteral("success")).toBool();
        QCOMPARE(tx.value(QStringLiteral("err")).isNull(), success);
        failed += success ? 0 : 1;
        voting += tx.value(QStringLiteral("is_voting")).toBool() ? 1 : 0;
    }
    QVERIFY(transactions.front().value(QStringLiteral("block_slot")).toDouble() >= 380000000);
    QVERIFY(voting > 1000 && voting < 2500);
    QVERIFY(failed > 0);
}

// Hyperliquid records are wrapped in payload; fills come in buyer/seller pairs of one trade of
// the trades stream (same seed), with time in ms and numeric strings.
void TestTopicGenerator::hyperliquidFillsPairUpWithTrades()
{
    const auto trades = take(QStringLiteral("hyperliquid.trades"), 100, 9);
    const auto fills = take(QStringLiteral("hyperliquid.fills"), 200, 9);
    for (const QJsonObject &message : fills) {
        QCOMPARE(message.keys(), QStringList{QStringLiteral("payload")});
    }
    double time = 0;
    for (size_t i = 0; i < trades.size(); ++i) {
        const QJsonObject trade = record(trades[i]);
        const QJsonObject buy = record(fills[2 * i]);
        const QJsonObject sell = record(fills[2 * i + 1]);
        QCOMPARE(buy.value(QStringLiteral("side")).toString(), QStringLiteral("B"));
        QCOMPARE(sell.value(QStringLiteral("side")).toString(), QStringLiteral("A"));
        for (const char *field : {"tid", "px", "sz", "coin", "time", "hash"}) {
            QCOMPARE(buy.value(QLatin1String(field)), trade.value(QLatin1String(field)));
            QCOMPARE(sell.value(QLatin1String(field)), trade.value(QLatin1String(field)));
        }
        const QJsonArray users = trade.value(QStringLiteral("users")).toArray();
        QCOMPARE(buy.value(QStringLiteral("user")), users.at(0));
        QCOMPARE(sell.value(QStringLiteral("user")), users.at(1));
        // Exactly one side took liquidity.
        QVERIFY(buy.value(QStringLiteral("crossed")).toBool() !=
                sell.value(QStringLiteral("crossed")).toBool());
        bool ok = false;
        QVERIFY(buy.value(QStringLiteral("px")).toString().toDouble(&ok) > 0 && ok);
        QVERIFY(buy.value(QStringLiteral("sz")).toString().toDouble(&ok) > 0 && ok);
        buy.value(QStringLiteral("fee")).toString().toDouble(&ok);
        QVERIFY(ok);
        const double t = trade.value(QStringLiteral("time")).toDouble();
        QVERIFY(t >= time && t > 1.7e12);
        time = t;
    }
}

void TestTopicGenerator::deterministic_data()
{
    QTest::addColumn<QString>("topic");
    for (const QString &topic : TopicGenerator::topics())
        QTest::newRow(qPrintable(topic)) << topic;
}

// The same topic and seed give the same messages; another seed gives other messages.
void TestTopicGenerator::deterministic()
{
    QFETCH(QString, topic);
    const auto a = take(topic, 300, 42);
    const auto b = take(topic, 300, 42);
    const auto c = take(topic, 300, 43);
    QVERIFY(a == b);
    QVERIFY(a.front() != c.front());
}

// Ether values: mostly small, some zero-value calls, some > 1 ETH and a few whales > 100 ETH.
void TestTopicGenerator::valuesAreHeavyTailed()
{
    const QString oneEther = QStringLiteral("1000000000000000000");
    const QString hundredEther = QStringLiteral("100000000000000000000");
    const QString tinyEther = QStringLiteral("1000000000000000"); // 0.001 ETH
    int zero = 0, small = 0, large = 0, whale = 0;
    for (const QJsonObject &tx : take(QStringLiteral("ethereum.transactions"), 4000, 11)) {
        const QString value = tx.value(QStringLiteral("value")).toString();
        QVERIFY2(!value.isEmpty() &&
                     (value == QLatin1String("0") || !value.startsWith(QLatin1Char('0'))),
                 qPrintable(value));
        for (const QChar ch : value)
            QVERIFY(ch.isDigit());
        if (value == QLatin1String("0"))
            ++zero;
        else if (compareDecimal(value, oneEther) > 0)
            ++large;
        else if (compareDecimal(value, tinyEther) >= 0)
            ++small;
        if (compareDecimal(value, hundredEther) > 0)
            ++whale;
        QVERIFY(value.size() <= 23); // at most ~10^22 wei
    }
    QVERIFY2(zero > 1000, qPrintable(QString::number(zero)));
    QVERIFY2(small > 500, qPrintable(QString::number(small)));
    QVERIFY2(large > 40 && large < small, qPrintable(QString::number(large)));
    QVERIFY2(whale >= 1, qPrintable(QString::number(whale)));
}

// Popular contracts recur as to_address (so `=` and `in` filters match), ~2–3% receipts fail.
void TestTopicGenerator::popularContractsAndFailures()
{
    const auto transactions = take(QStringLiteral("ethereum.transactions"), 4000, 2);
    QHash<QString, int> toCount;
    int failed = 0;
    for (const QJsonObject &tx : transactions) {
        toCount[tx.value(QStringLiteral("to_address")).toString()]++;
        failed += tx.value(QStringLiteral("receipt_status")).toInt() == 0 ? 1 : 0;
    }
    QVERIFY(toCount.value(QStringLiteral("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48")) >
            200); // USDC
    QVERIFY(toCount.value(QStringLiteral("0xdac17f958d2ee523a2206206994597c13d831ec7")) >
            150); // USDT
    QVERIFY(toCount.value(QStringLiteral("0x66a9893cc07d91d95644aedd05d03f95e1dba8af")) >
            150); // UR
    const double failureRate = failed / 4000.0;
    QVERIFY2(failureRate > 0.01 && failureRate < 0.05, qPrintable(QString::number(failureRate)));
}

void TestTopicGenerator::serializedSizes_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<int>("minMean");
    QTest::addColumn<int>("maxMean");
    QTest::newRow("ethereum.blocks") << QStringLiteral("ethereum.blocks") << 1300 << 1800;
    QTest::newRow("base.blocks") << QStringLiteral("base.blocks") << 1300 << 1800;
    QTest::newRow("ethereum.transactions") << QStringLiteral("ethereum.transactions") << 400 << 800;
    QTest::newRow("hyperliquid.fills") << QStringLiteral("hyperliquid.fills") << 300 << 600;
    QTest::newRow("hyperliquid.trades") << QStringLiteral("hyperliquid.trades") << 200 << 600;
    QTest::newRow("solana.transactions") << QStringLiteral("solana.transactions") << 400 << 1000;
    QTest::newRow("ethereum.logs") << QStringLiteral("ethereum.logs") << 500 << 1000;
}

// Compact JSON sizes stay near real messages' (they drive the throughput benchmarks).
void TestTopicGenerator::serializedSizes()
{
    QFETCH(QString, topic);
    QFETCH(int, minMean);
    QFETCH(int, maxMean);
    qint64 total = 0;
    const auto messages = take(topic, 500);
    for (const QJsonObject &m : messages)
        total += QJsonDocument(m).toJson(QJsonDocument::Compact).size();
    const qint64 mean = total / qint64(messages.size());
    QVERIFY2(mean >= minMean && mean <= maxMean, qPrintable(QString::number(mean)));
}

void TestTopicGenerator::cadence_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<double>("minMs");
    QTest::addColumn<double>("maxMs");
    QTest::newRow("ethereum.blocks") << QStringLiteral("ethereum.blocks") << 12000.0 << 12000.0;
    QTest::newRow("ethereum.transactions")
        << QStringLiteral("ethereum.transactions") << 50.0 << 80.0;
    QTest::newRow("ethereum.logs") << QStringLiteral("ethereum.logs") << 20.0 << 50.0;
    QTest::newRow("base.blocks") << QStringLiteral("base.blocks") << 2000.0 << 2000.0;
    QTest::newRow("solana.transactions") << QStringLiteral("solana.transactions") << 2.0 << 5.0;
    QTest::newRow("hyperliquid.fills") << QStringLiteral("hyperliquid.fills") << 5.0 << 10.0;
    QTest::newRow("bitcoin.blocks") << QStringLiteral("bitcoin.blocks") << 600000.0 << 600000.0;
}

// Mean intervals at speed 1 follow each chain's real cadence.
void TestTopicGenerator::cadence()
{
    QFETCH(QString, topic);
    QFETCH(double, minMs);
    QFETCH(double, maxMs);
    const double interval = TopicGenerator::create(topic, 1)->meanIntervalMs();
    QVERIFY2(interval >= minMs && interval <= maxMs, qPrintable(QString::number(interval)));
}

// Streams derived from transactions (logs, DEX trades) advance through blocks at the block rate:
// their declared interval matches how many records they make per block.
void TestTopicGenerator::derivedCadenceMatchesTheData()
{
    for (const QString &topic :
         {QStringLiteral("ethereum.logs"), QStringLiteral("base.dex_trades"),
          QStringLiteral("ethereum.transactions"), QStringLiteral("base.transactions")}) {
        const auto generator = TopicGenerator::create(topic, 4);
        const auto messages = take(topic, 6000, 4);
        const double blocks = messages.back().value(QStringLiteral("block_number")).toDouble() -
                              messages.front().value(QStringLiteral("block_number")).toDouble();
        const double blockMs = topic.startsWith(QLatin1String("base")) ? 2000 : 12000;
        const double measured = blocks * blockMs / double(messages.size());
        const double declared = generator->meanIntervalMs();
        QVERIFY2(
            measured > declared * 0.85 && measured < declared * 1.15,
            qPrintable(topic +
                       QStringLiteral(": measured %1 declared %2").arg(measured).arg(declared)));
    }
}

// create() with a start time joins the chain there: the first block is the first whose slot (12 s
// apart from the chain's origin) is at or after it, the first trade comes just after it; without,
// the chain's origin, a fixed date.
void TestTopicGenerator::startTimeAnchorsTimestamps()
{
    const qint64 start = QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC).toMSecsSinceEpoch();
    // 2026-11-27T20:00:00Z plus a whole number of 12 s slots.
    QCOMPARE(TopicGenerator::create(QStringLiteral("ethereum.blocks"), 1, start)
                 ->next()
                 .value(QStringLiteral("timestamp"))
                 .toString(),
             QStringLiteral("2030-01-02T03:04:12Z"));
    const double tradeTime =
        record(TopicGenerator::create(QStringLiteral("hyperliquid.trades"), 1, start)->next())
            .value(QStringLiteral("time"))
            .toDouble();
    QVERIFY(tradeTime >= double(start) && tradeTime < double(start) + 1000);
    QCOMPARE(TopicGenerator::create(QStringLiteral("ethereum.blocks"), 1)
                 ->next()
                 .value(QStringLiteral("timestamp"))
                 .toString(),
             QStringLiteral("2026-11-27T20:00:00Z"));
}

void TestTopicGenerator::streamTextIsTheCompactJsonOfNext_data()
{
    QTest::addColumn<QString>("topic");
    for (const QString &topic : TopicGenerator::topics())
        QTest::newRow(qPrintable(topic)) << topic;
}

// What a stream sends (writeNext() text, no object built) is byte for byte the compact JSON of
// next() for the same seed; with a filter, the object built holds exactly the filtered members.
void TestTopicGenerator::streamTextIsTheCompactJsonOfNext()
{
    QFETCH(QString, topic);
    const auto objects = TopicGenerator::create(topic, 21);
    const auto texts = TopicGenerator::create(topic, 21);
    const auto filtered = TopicGenerator::create(topic, 21);
    const QStringList paths{QStringLiteral("block_number"), QStringLiteral("payload.coin"),
                            QStringLiteral("payload.side"), QStringLiteral("is_voting"),
                            QStringLiteral("to_address")};
    MessageWriter writer;
    MessageWriter picker;
    picker.setSelectedPaths(paths);
    const int count = topic.endsWith(QLatin1String(".blocks")) ? 50 : 500;
    for (int i = 0; i < count; ++i) {
        const QJsonObject object = objects->next();
        writer.reset(MessageWriter::ObjectMode::None);
        texts->writeNext(writer);
        QCOMPARE(writer.takeText().toUtf8(), QJsonDocument(object).toJson(QJsonDocument::Compact));
        picker.reset(MessageWriter::ObjectMode::Selected);
        filtered->writeNext(picker);
        QCOMPARE(picker.object(), subset(object, paths));
    }
}

QTEST_GUILESS_MAIN(TestTopicGenerator)
#include "tst_topicgenerator.moc"
