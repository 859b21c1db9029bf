#include "evmblockgenerator.h"

#include "syntheticdata.h"

#include <QJsonValue>

namespace allium {

namespace {

// The block seed purpose of everything random in a block record that nobody else needs.
constexpr quint64 BlockRecordPurpose = 5;

struct Builder
{
    const char *address;
    const char *extraData;
};

// Real fee recipients of Ethereum's biggest block builders and the extra data they stamp.
const Builder Builders[] = {
    {"0x95222290dd7278aa3ddd389cc1e1d165cc4bafe5", "beaverbuild.org"},
    {"0x4838b106fce9647bdf1e7877bf73ce8b0bad5f97", "Titan (titanbuilder.xyz)"},
    {"0x1f9090aae28b8a3dceadf281b0f12828e676c326", "rsync-builder.xyz"},
    {"0xdadb0d80178819f2319190d340ce9a924f783711", "BuilderNet (Flashbots)"},
    {"0x388c818ca8b9251b393131c08a736a67ccb19297", "Lido validator"},
};

QString hexText(const char *text)
{
    return QLatin1String("0x") + QString::fromLatin1(QByteArray(text).toHex());
}

// A bloom filter of a busy block: each bit set with probability 1/4 (the AND of two words).
QString logsBloom(SyntheticData &random)
{
    static const char digits[] = "0123456789abcdef";
    QString bloom(514, Qt::Uninitialized);
    QChar *data = bloom.data();
    data[0] = QLatin1Char('0');
    data[1] = QLatin1Char('x');
    quint64 word = 0;
    for (int i = 0; i < 512; ++i) {
        if (i % 16 == 0)
            word = random.next64() & random.next64();
        data[i + 2] = QLatin1Char(digits[word & 0xf]);
        word >>= 4;
    }
    return bloom;
}

} // namespace

EvmBlockGenerator::EvmBlockGenerator(const SyntheticChain &chain)
    : m_chain(chain)
    , m_next(chain.firstNumber())
{}

double EvmBlockGenerator::meanIntervalMs() const
{
    return double(m_chain.blockIntervalMs());
}

QJsonObject EvmBlockGenerator::next()
{
    return block(m_next++);
}

QJsonObject EvmBlockGenerator::block(qint64 number) const
{
    SyntheticData random(m_chain.blockSeed(number, BlockRecordPurpose));
    const int transactions = m_chain.transactionCount(number);
    const qint64 gasUsed = qint64(double(m_chain.gasLimit()) * random.uniform(0.25, 0.75));
    QString miner;
    QString extraData;
    if (m_chain.isL2()) {
        miner = QStringLiteral("0x4200000000000000000000000000000000000011"); // sequencer fee vault
        extraData = QStringLiteral("0x00000000fa00000006");
    } else {
        const Builder &builder = Builders[random.weighted({35, 30, 12, 15, 8})];
        miner = QLatin1String(builder.address);
        extraData = hexText(builder.extraData);
    }
    QJsonObject record{
        {QStringLiteral("number"), double(number)},
        {QStringLiteral("hash"), m_chain.blockHash(number)},
        {QStringLiteral("parent_hash"), m_chain.blockHash(number - 1)},
        {QStringLiteral("timestamp"), SyntheticData::isoTime(m_chain.timestampMs(number))},
        {QStringLiteral("miner"), miner},
        {QStringLiteral("gas_used"), double(gasUsed)},
        {QStringLiteral("gas_limit"), double(m_chain.gasLimit())},
        {QStringLiteral("base_fee_per_gas"), double(m_chain.baseFeePerGas(number))},
        {QStringLiteral("transaction_count"), transactions},
        {QStringLiteral("size"), double(transactions * random.uniformInt(450, 900) + 620)},
        {QStringLiteral("nonce"), QStringLiteral("0x0000000000000000")},
        {QStringLiteral("difficulty"), 0},
        {QStringLiteral("total_difficulty"),
         m_chain.isL2() ? QStringLiteral("0") : QStringLiteral("58750003716598352816469")},
        {QStringLiteral("extra_data"), extraData},
        {QStringLiteral("logs_bloom"), logsBloom(random)},
        // Keccak of the empty uncle list: no uncles since the merge.
        {QStringLiteral("sha3_uncles"),
         QStringLiteral("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347")},
        {QStringLiteral("transactions_root"), random.evmHash()},
        {QStringLiteral("state_root"), random.evmHash()},
        {QStringLiteral("receipts_root"), random.evmHash()},
        {QStringLiteral("mix_hash"), random.evmHash()},
        {QStringLiteral("withdrawals_root"), random.evmHash()},
    };
    if (!m_chain.isL2()) {
        record.insert(QStringLiteral("blob_gas_used"), double(131072 * random.uniformInt(0, 9)));
        record.insert(QStringLiteral("excess_blob_gas"), double(random.uniformInt(0, 80000000)));
    }
    return record;
}

} // namespace allium
