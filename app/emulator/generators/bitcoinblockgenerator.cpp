// SPDX-License-Identifier: MIT
#include "emulator/generators/bitcoinblockgenerator.h"

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

} // namespace

BitcoinBlockGenerator::BitcoinBlockGenerator(quint64 seed, qint64 startMs)
    : m_seed(seed)
    , m_random(SyntheticData::mix(seed, QStringLiteral("bitcoin.blocks")))
    , m_number(925000 + qint64(SyntheticData::mix(seed, QStringLiteral("bitcoin")) % 2000))
    , m_timeMs(double(startMs))
{}

QString BitcoinBlockGenerator::blockHash(qint64 number) const
{
    // Proof of work: today's difficulty leaves about 19 leading zero hex digits.
    return QString(19, QLatin1Char('0')) +
           SyntheticData::hashOf(
               SyntheticData::mix(SyntheticData::mix(m_seed, 0x627463), quint64(number)), false)
               .left(45);
}

void BitcoinBlockGenerator::writeNext(MessageWriter &writer)
{
    // Every random value in the order it has always been drawn, so a seed keeps its data.
    const qint64 number = m_number++;
    const int poolIndex = m_random.weighted({30, 18, 12, 10, 6, 7, 4, 5, 4, 4});
    const Pool &pool = Pools[poolIndex];
    const int transactions = int(m_random.uniformInt(1800, 5200));
    const qint64 size = qint64(transactions) * m_random.uniformInt(280, 480);
    const qint64 strippedSize = qint64(double(size) * m_random.uniform(0.55, 0.75));
    const int version = 536870912 + int(m_random.uniformInt(0, 8191)) * 8192;
    const QString merkleRoot = m_random.hex(64, false);
    const qint64 nonce = m_random.uniformInt(0, 4294967295LL);
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
    writer.key("hash").string(blockHash(number));
    writer.key("merkle_root").string(merkleRoot);
    writer.key("miner").string(QLatin1String(pool.name));
    writer.key("nonce").integer(nonce);
    writer.key("number").integer(number);
    writer.key("previous_block_hash").string(blockHash(number - 1));
    writer.key("size").integer(size);
    writer.key("stripped_size").integer(strippedSize);
    writer.key("timestamp").string(SyntheticData::isoTime(qint64(m_timeMs)));
    writer.key("transaction_count").integer(transactions);
    writer.key("version").integer(version);
    writer.key("weight").integer(strippedSize * 3 + size);
    writer.endObject();
    m_timeMs += m_random.exponential(600000.0);
}

} // namespace allium
