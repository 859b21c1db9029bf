// SPDX-License-Identifier: MIT
#include "emulator/generators/evmblockgenerator.h"

#include "emulator/generators/syntheticdata.h"
#include "emulator/messagewriter.h"

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
{
    seek(SyntheticChain::DefaultStartMs);
}

void EvmBlockGenerator::seek(qint64 chainMs)
{
    schedule().seek(m_chain.numberAt(chainMs));
}

void EvmBlockGenerator::writeNext(MessageWriter &writer)
{
    const BlockSchedule::Emission block = schedule().next();
    writeBlock(block.number, writer, block.version);
    setDue(m_chain.timestampMs(block.dueNumber), schedule().isDuplicated(block.number) ? 2 : 1);
}

void EvmBlockGenerator::writeBlock(qint64 number, MessageWriter &writer, int version) const
{
    // Every random value in the order it has always been drawn, so a seed keeps its data.
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
    const qint64 size = transactions * random.uniformInt(450, 900) + 620;
    const QString bloom = logsBloom(random);
    const QString transactionsRoot = random.evmHash();
    const QString stateRoot = random.evmHash();
    const QString receiptsRoot = random.evmHash();
    const QString mixHash = random.evmHash();
    const QString withdrawalsRoot = random.evmHash();
    const bool blobs = !m_chain.isL2();
    const qint64 blobGasUsed = blobs ? 131072 * random.uniformInt(0, 9) : 0;
    const qint64 excessBlobGas = blobs ? random.uniformInt(0, 80000000) : 0;

    // Keys in ascending order (see MessageWriter).
    writer.beginObject();
    writer.key("base_fee_per_gas").integer(qint64(m_chain.baseFeePerGas(number)));
    if (blobs)
        writer.key("blob_gas_used").integer(blobGasUsed);
    writer.key("difficulty").integer(0);
    if (blobs)
        writer.key("excess_blob_gas").integer(excessBlobGas);
    writer.key("extra_data").string(extraData);
    writer.key("gas_limit").integer(m_chain.gasLimit());
    writer.key("gas_used").integer(gasUsed);
    writer.key("hash").string(m_chain.blockHash(number, version));
    writer.key("logs_bloom").string(bloom);
    writer.key("miner").string(miner);
    writer.key("mix_hash").string(mixHash);
    writer.key("nonce").string(QLatin1String("0x0000000000000000"));
    writer.key("number").integer(number);
    writer.key("parent_hash")
        .string(m_chain.blockHash(number - 1, schedule().parentVersion(number, version)));
    writer.key("receipts_root").string(receiptsRoot);
    // Keccak of the empty uncle list: no uncles since the merge.
    writer.key("sha3_uncles")
        .string(
            QLatin1String("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"));
    writer.key("size").integer(size);
    writer.key("state_root").string(stateRoot);
    writer.key("timestamp").string(SyntheticData::isoTime(m_chain.timestampMs(number)));
    writer.key("total_difficulty")
        .string(m_chain.isL2() ? QLatin1String("0") : QLatin1String("58750003716598352816469"));
    writer.key("transaction_count").integer(transactions);
    writer.key("transactions_root").string(transactionsRoot);
    writer.key("withdrawals_root").string(withdrawalsRoot);
    writer.endObject();
}

} // namespace allium
