#include "solanatransactiongenerator.h"

#include "syntheticdatatokens.h"

#include <QJsonArray>
#include <QJsonValue>

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
    startSlot(m_firstSlot);
}

double SolanaTransactionGenerator::meanIntervalMs() const
{
    return double(SlotMs) / ((MinPerSlot + MaxPerSlot) / 2.0);
}

QString SolanaTransactionGenerator::account(int pool, int id) const
{
    // Deterministic keys per pool member, so busy signers recur and can be filtered on.
    const quint64 key = SyntheticData::mix(SyntheticData::mix(m_seed, quint64(pool)), quint64(id));
    return SyntheticData::base58Of(key, key % 10 == 0 ? 43 : 44);
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

QJsonObject SolanaTransactionGenerator::next()
{
    if (m_index >= m_slotCount)
        startSlot(m_slot + (m_random.chance(0.05) ? 2 : 1)); // ~5% of leaders miss their slot

    QJsonArray keys;
    QJsonValue err;
    bool voting = m_random.chance(0.65);
    qint64 fee = 5000;
    int instructions = 1;
    if (voting) {
        const int validator = int(m_random.uniformInt(0, ValidatorPool - 1));
        keys = {account(1, validator), account(2, validator),
                QStringLiteral("SysvarS1otHashes111111111111111111111111111"),
                QStringLiteral("SysvarC1ock11111111111111111111111111111111"), VoteProgram};
        if (m_random.chance(0.003))
            err = QJsonObject{{QStringLiteral("InstructionError"),
                               QJsonArray{0, QJsonObject{{QStringLiteral("Custom"), 0}}}}};
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
            err = QJsonObject{{QStringLiteral("InstructionError"),
                               QJsonArray{int(m_random.uniformInt(1, instructions - 1)),
                                          QJsonObject{{QStringLiteral("Custom"),
                                                       int(m_random.uniformInt(6000, 6040))}}}}};
        }
    }
    return QJsonObject{
        {QStringLiteral("block_slot"), double(m_slot)},
        {QStringLiteral("block_height"), double(m_height)},
        {QStringLiteral("block_timestamp"), m_timestamp},
        {QStringLiteral("block_hash"), m_blockHash},
        {QStringLiteral("txn_id"), m_random.base58(m_random.chance(0.9) ? 88 : 87)},
        {QStringLiteral("txn_index"), m_index++},
        {QStringLiteral("signer"), keys.first()},
        {QStringLiteral("fee"), double(fee)},
        {QStringLiteral("success"), err.isNull()},
        {QStringLiteral("err"), err},
        {QStringLiteral("is_voting"), voting},
        {QStringLiteral("account_keys"), keys},
        {QStringLiteral("instruction_count"), instructions},
    };
}

} // namespace allium
