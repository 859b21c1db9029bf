// SPDX-License-Identifier: MIT
#include "emulator/generators/solanatransactiongenerator.h"

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

SolanaTransactionGenerator::SolanaTransactionGenerator(quint64 seed, qint64 startMs)
    : m_seed(seed)
    , m_random(SyntheticData::mix(seed, QStringLiteral("solana.transactions")))
    , m_startMs(startMs)
    , m_firstSlot(380000000 + qint64(SyntheticData::mix(seed, QStringLiteral("solana")) % 200000))
{
    // Skipped slots over the chain's life: the height trails the slot by ~21 million.
    m_height = m_firstSlot - 21400000 - qint64(m_seed % 1000);
    m_accounts[0].resize(ValidatorPool);
    m_accounts[1].resize(ValidatorPool);
    m_accounts[2].resize(UserPool);
    startSlot(m_firstSlot);
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

void SolanaTransactionGenerator::startSlot(qint64 slot)
{
    m_slot = slot;
    ++m_height;
    m_index = 0;
    m_slotCount = int(m_random.uniformInt(MinPerSlot, MaxPerSlot));
    m_blockHash = m_random.base58(m_random.chance(0.9) ? 44 : 43);
    m_timestamp = SyntheticData::isoTime(m_startMs + (slot - m_firstSlot) * SlotMs);
}

void SolanaTransactionGenerator::writeNext(MessageWriter &writer)
{
    if (m_index >= m_slotCount)
        startSlot(m_slot + (m_random.chance(0.05) ? 2 : 1)); // ~5% of leaders miss their slot

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
