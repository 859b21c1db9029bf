#include "bitcoinblockgenerator.h"

#include <QJsonValue>

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

double BitcoinBlockGenerator::meanIntervalMs() const
{
    return 600000.0;
}

QString BitcoinBlockGenerator::blockHash(qint64 number) const
{
    // Proof of work: today's difficulty leaves about 19 leading zero hex digits.
    return QString(19, QLatin1Char('0')) +
           SyntheticData::hashOf(
               SyntheticData::mix(SyntheticData::mix(m_seed, 0x627463), quint64(number)), false)
               .left(45);
}

QJsonObject BitcoinBlockGenerator::next()
{
    const qint64 number = m_number++;
    const int poolIndex = m_random.weighted({30, 18, 12, 10, 6, 7, 4, 5, 4, 4});
    const Pool &pool = Pools[poolIndex];
    const int transactions = int(m_random.uniformInt(1800, 5200));
    const qint64 size = qint64(transactions) * m_random.uniformInt(280, 480);
    const qint64 strippedSize = qint64(double(size) * m_random.uniform(0.55, 0.75));
    const QByteArray tag = QByteArray(pool.tag).toHex();
    // Coinbase: the BIP34 height push (3 bytes, little-endian), then the pool's tag.
    const QString heightPush = QStringLiteral("03") +
                               SyntheticData::hex64(quint64(number & 0xff), 2) +
                               SyntheticData::hex64(quint64((number >> 8) & 0xff), 2) +
                               SyntheticData::hex64(quint64((number >> 16) & 0xff), 2);
    const QJsonObject block{
        {QStringLiteral("number"), double(number)},
        {QStringLiteral("hash"), blockHash(number)},
        {QStringLiteral("previous_block_hash"), blockHash(number - 1)},
        {QStringLiteral("timestamp"), SyntheticData::isoTime(qint64(m_timeMs))},
        {QStringLiteral("transaction_count"), transactions},
        {QStringLiteral("size"), double(size)},
        {QStringLiteral("stripped_size"), double(strippedSize)},
        {QStringLiteral("weight"), double(strippedSize * 3 + size)},
        {QStringLiteral("version"), 536870912 + int(m_random.uniformInt(0, 8191)) * 8192},
        {QStringLiteral("merkle_root"), m_random.hex(64, false)},
        {QStringLiteral("nonce"), double(m_random.uniformInt(0, 4294967295LL))},
        {QStringLiteral("bits"), QStringLiteral("17022a0f")},
        {QStringLiteral("difficulty"), 149301205959699.9},
        {QStringLiteral("miner"), QLatin1String(pool.name)},
        {QStringLiteral("coinbase_param"), heightPush + QString::fromLatin1(tag)},
    };
    m_timeMs += m_random.exponential(600000.0);
    return block;
}

} // namespace allium
