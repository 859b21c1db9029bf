// SPDX-License-Identifier: MIT
#include "emulator/generators/solanatransactiongenerator.h"

#include "emulator/generators/syntheticdatachain.h"
#include "emulator/messagewriter.h"

#include <QStringList>

#include <cmath>

namespace allium {

namespace {

constexpr int MinPerSlot = 80;
constexpr int MaxPerSlot = 180;
constexpr int ValidatorPool = 800;
constexpr int UserPool = 6000;

const QString VoteProgram = QStringLiteral("Vote111111111111111111111111111111111111111");
const QString SystemProgram = QStringLiteral("11111111111111111111111111111111");
const QString ComputeBudgetProgram = QStringLiteral("ComputeBudget111111111111111111111111111111");
const QString TokenProgram = QStringLiteral("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
const QString AssociatedTokenProgram =
    QStringLiteral("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL");
const QString JupiterProgram = QStringLiteral("JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4");
const QString PumpProgram = QStringLiteral("6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P");

} // namespace

SolanaTransactionGenerator::SolanaTransactionGenerator(quint64 seed)
    : m_seed(seed)
    , m_random(SyntheticData::mix(seed, QStringLiteral("solana.transactions")))
    , m_firstSlot(380000000 + qint64(SyntheticData::mix(seed, QStringLiteral("solana")) % 200000))
{
    // Skipped slots over the chain's life: the height trails the slot by ~21 million.
    m_heightOffset = m_firstSlot - 21400000 - qint64(m_seed % 1000) - producedBefore(m_firstSlot);
    m_accounts[0].resize(ValidatorPool);
    m_accounts[1].resize(ValidatorPool);
    m_accounts[2].resize(UserPool);
    seek(SyntheticChain::DefaultStartMs);
}

qint64 SolanaTransactionGenerator::skippedInGroup(qint64 group) const
{
    return qint64(SyntheticData::mix(SyntheticData::mix(m_seed, QStringLiteral("solana-skips")),
                                     quint64(group)) %
                  quint64(SkipGroup));
}

bool SolanaTransactionGenerator::isSkippedSlot(qint64 slot) const
{
    return slot % SkipGroup == skippedInGroup(slot / SkipGroup);
}

qint64 SolanaTransactionGenerator::producedBefore(qint64 slot) const
{
    const qint64 group = slot / SkipGroup;
    const qint64 within = slot % SkipGroup;
    return group * (SkipGroup - 1) + within - (within > skippedInGroup(group) ? 1 : 0);
}

qint64 SolanaTransactionGenerator::heightOfSlot(qint64 slot) const
{
    return producedBefore(slot) + m_heightOffset;
}

qint64 SolanaTransactionGenerator::slotOfHeight(qint64 height) const
{
    const qint64 produced = height - m_heightOffset;
    const qint64 group = produced / (SkipGroup - 1);
    const qint64 within = produced % (SkipGroup - 1);
    return group * SkipGroup + (within < skippedInGroup(group) ? within : within + 1);
}

qint64 SolanaTransactionGenerator::slotTimeMs(qint64 slot) const
{
    return SyntheticChain::DefaultStartMs + (slot - m_firstSlot) * SlotMs;
}

void SolanaTransactionGenerator::seek(qint64 chainMs)
{
    const qint64 offset = chainMs - SyntheticChain::DefaultStartMs;
    qint64 slot = m_firstSlot + offset / SlotMs + (offset % SlotMs > 0 ? 1 : 0);
    while (isSkippedSlot(slot))
        ++slot;
    schedule().seek(heightOfSlot(slot));
    startBlock(schedule().next());
}

const QString &SolanaTransactionGenerator::account(int pool, int id)
{
    QString &account = m_accounts[pool - 1][size_t(id)];
    if (account.isNull()) {
        // Deterministic keys per pool member, so busy signers recur and can be filtered on.
        const quint64 key =
            SyntheticData::mix(SyntheticData::mix(m_seed, quint64(pool)), quint64(id));
        account = SyntheticData::base58Of(key, key % 10 == 0 ? 43 : 44);
    }
    return account;
}

void SolanaTransactionGenerator::startBlock(const BlockSchedule::Emission &block)
{
    // What a block holds depends on its height only: every client sees the same block.
    const quint64 blockKey = SyntheticData::mix(
        SyntheticData::mix(m_seed, QStringLiteral("solana-block")), quint64(block.number));
    m_random = SyntheticData(blockKey);
    m_height = block.number;
    m_slot = slotOfHeight(block.number);
    m_index = 0;
    m_slotCount = int(m_random.uniformInt(MinPerSlot, MaxPerSlot));
    m_blockHash = m_random.base58(m_random.chance(0.9) ? 44 : 43);
    if (block.version != 0)
        m_blockHash = SyntheticData::base58Of(SyntheticData::mix(blockKey, 0x72656f7267), 44);
    m_timestamp = SyntheticData::isoTime(slotTimeMs(m_slot));
    m_dueMs = slotTimeMs(slotOfHeight(block.dueNumber));
    m_copies = schedule().isDuplicated(block.number) ? 2 : 1;
}

void SolanaTransactionGenerator::writeNext(MessageWriter &writer)
{
    if (m_index >= m_slotCount)
        startBlock(schedule().next());
    setDue(m_dueMs, m_copies);

    QStringList keys;
    // err, when set: {"InstructionError":[errorIndex,{"Custom":errorCode}]}
    bool failed = false;
    int errorIndex = 0;
    int errorCode = 0;
    bool voting = m_random.chance(0.65);
    qint64 fee = 5000;
    int instructions = 1;
    if (voting) {
        const int validator = int(m_random.uniformInt(0, ValidatorPool - 1));
        keys = {account(1, validator), account(2, validator),
                QStringLiteral("SysvarS1otHashes111111111111111111111111111"),
                QStringLiteral("SysvarC1ock11111111111111111111111111111111"), VoteProgram};
        failed = m_random.chance(0.003);
    } else {
        const int user = int(std::exp(m_random.uniform() * std::log(double(UserPool)))) - 1;
        keys.append(account(3, user));
        const int shape = m_random.weighted({45, 25, 20, 10});
        const int extra = int(m_random.uniformInt(1, shape == 0 ? 9 : 4));
        for (int i = 0; i < extra; ++i)
            keys.append(m_random.base58(44));
        keys.append(ComputeBudgetProgram);
        switch (shape) {
        case 0:
            keys.append(JupiterProgram);
            keys.append(TokenProgram);
            break;
        case 1:
            keys.append(PumpProgram);
            keys.append(TokenProgram);
            keys.append(AssociatedTokenProgram);
            break;
        case 2:
            keys.append(TokenProgram);
            break;
        default:
            keys.append(SystemProgram);
            break;
        }
        instructions = int(m_random.uniformInt(2, 7));
        // Priority fees: mostly modest, a heavy tail of bots bidding for inclusion.
        fee += qint64(std::min(m_random.logNormal(std::log(12000.0), 1.8), 5e7));
        if (m_random.chance(0.06)) {
            failed = true;
            errorIndex = int(m_random.uniformInt(1, instructions - 1));
            errorCode = int(m_random.uniformInt(6000, 6040));
        }
    }
    const QString txnId = m_random.base58(m_random.chance(0.9) ? 88 : 87);

    // Keys in ascending order (see MessageWriter).
    writer.beginObject();
    writer.key("account_keys").beginArray();
    for (const QString &key : std::as_const(keys))
        writer.string(key);
    writer.endArray();
    writer.key("block_hash").string(m_blockHash);
    writer.key("block_height").integer(m_height);
    writer.key("block_slot").integer(m_slot);
    writer.key("block_timestamp").string(m_timestamp);
    writer.key("err");
    if (failed) {
        writer.beginObject().key("InstructionError").beginArray().integer(errorIndex);
        writer.beginObject().key("Custom").integer(errorCode).endObject();
        writer.endArray().endObject();
    } else {
        writer.null();
    }
    writer.key("fee").integer(fee);
    writer.key("instruction_count").integer(instructions);
    writer.key("is_voting").boolean(voting);
    writer.key("signer").string(keys.first());
    writer.key("success").boolean(!failed);
    writer.key("txn_id").string(txnId);
    writer.key("txn_index").integer(m_index++);
    writer.endObject();
}

} // namespace allium
