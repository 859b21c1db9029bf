// SPDX-License-Identifier: MIT
#include "emulator/generators/bitcoinblockgenerator.h"

#include "emulator/generators/syntheticdatachain.h"
#include "emulator/messagewriter.h"

namespace allium {

namespace {

struct Pool
{
    const char *name;
    const char *tag;
    double share;
};

const Pool Pools[] = {
    {"Foundry USA", "/Foundry USA Pool #dropgold/", 30},
    {"AntPool", "/AntPool/", 18},
    {"ViaBTC", "/ViaBTC/Mined by", 12},
    {"F2Pool", "/F2Pool/", 10},
    {"MARA Pool", "/MARA Pool/", 6},
    {"SpiderPool", "/SpiderPool/", 7},
    {"Luxor", "/LUXOR/", 4},
    {"SECPOOL", "/SECPOOL/", 5},
    {"Binance Pool", "/Binance/", 4},
    {"OCEAN", "/OCEAN.XYZ/", 4},
};

// floor(a / b) for b > 0, also for negative a.
qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - (a % b < 0 ? 1 : 0);
}

} // namespace

BitcoinBlockGenerator::BitcoinBlockGenerator(quint64 seed)
    : m_seed(seed)
    , m_firstNumber(925000 + qint64(SyntheticData::mix(seed, QStringLiteral("bitcoin")) % 2000))
{
    seek(SyntheticChain::DefaultStartMs);
}

qint64 BitcoinBlockGenerator::timestampMs(qint64 number) const
{
    constexpr qint64 epochMs = EpochBlocks * MeanIntervalMs;
    const qint64 epoch = floorDiv(number - m_firstNumber, EpochBlocks);
    const qint64 within = number - m_firstNumber - epoch * EpochBlocks;
    SyntheticData random(
        SyntheticData::mix(SyntheticData::mix(m_seed, 0x65706f6368), quint64(epoch)));
    double waits[EpochBlocks];
    double total = 0;
    for (double &wait : waits) {
        wait = random.exponential(double(MeanIntervalMs));
        total += wait;
    }
    double offset = 0;
    for (qint64 i = 0; i < within; ++i)
        offset += waits[i];
    return SyntheticChain::DefaultStartMs + epoch * epochMs + qint64(offset / total * epochMs);
}

void BitcoinBlockGenerator::seek(qint64 chainMs)
{
    // The epoch holding chainMs, then the first of its blocks (or the next epoch's) at or after.
    const qint64 epoch =
        floorDiv(chainMs - SyntheticChain::DefaultStartMs, EpochBlocks * MeanIntervalMs);
    qint64 number = m_firstNumber + epoch * EpochBlocks;
    while (timestampMs(number) < chainMs)
        ++number;
    schedule().seek(number);
}

QString BitcoinBlockGenerator::blockHash(qint64 number, int version) const
{
    // Proof of work: today's difficulty leaves about 19 leading zero hex digits.
    const quint64 key = SyntheticData::mix(SyntheticData::mix(m_seed, 0x627463), quint64(number));
    return QString(19, QLatin1Char('0')) +
           SyntheticData::hashOf(version == 0 ? key : SyntheticData::mix(key, 0x72656f7267), false)
               .left(45);
}

void BitcoinBlockGenerator::writeNext(MessageWriter &writer)
{
    const BlockSchedule::Emission block = schedule().next();
    const qint64 number = block.number;
    // What a block holds depends on its height only: every client sees the same block.
    SyntheticData random(
        SyntheticData::mix(SyntheticData::mix(m_seed, QStringLiteral("bitcoin.blocks")), number));
    const int poolIndex = random.weighted({30, 18, 12, 10, 6, 7, 4, 5, 4, 4});
    const Pool &pool = Pools[poolIndex];
    const int transactions = int(random.uniformInt(1800, 5200));
    const qint64 size = qint64(transactions) * random.uniformInt(280, 480);
    const qint64 strippedSize = qint64(double(size) * random.uniform(0.55, 0.75));
    const int version = 536870912 + int(random.uniformInt(0, 8191)) * 8192;
    const QString merkleRoot = random.hex(64, false);
    const qint64 nonce = random.uniformInt(0, 4294967295LL);
    const QByteArray tag = QByteArray(pool.tag).toHex();
    // Coinbase: the BIP34 height push (3 bytes, little-endian), then the pool's tag.
    const QString heightPush = QStringLiteral("03") +
                               SyntheticData::hex64(quint64(number & 0xff), 2) +
                               SyntheticData::hex64(quint64((number >> 8) & 0xff), 2) +
                               SyntheticData::hex64(quint64((number >> 16) & 0xff), 2);
    // Keys in ascending order (see MessageWriter).
    writer.beginObject();
    writer.key("bits").string(QLatin1String("17022a0f"));
    writer.key("coinbase_param").string(heightPush + QString::fromLatin1(tag));
    writer.key("difficulty").number(149301205959699.9);
    writer.key("hash").string(blockHash(number, block.version));
    writer.key("merkle_root").string(merkleRoot);
    writer.key("miner").string(QLatin1String(pool.name));
    writer.key("nonce").integer(nonce);
    writer.key("number").integer(number);
    writer.key("previous_block_hash")
        .string(blockHash(number - 1, schedule().parentVersion(number, block.version)));
    writer.key("size").integer(size);
    writer.key("stripped_size").integer(strippedSize);
    writer.key("timestamp").string(SyntheticData::isoTime(timestampMs(number)));
    writer.key("transaction_count").integer(transactions);
    writer.key("version").integer(version);
    writer.key("weight").integer(strippedSize * 3 + size);
    writer.endObject();
    setDue(timestampMs(block.dueNumber), schedule().isDuplicated(number) ? 2 : 1);
}

} // namespace allium
