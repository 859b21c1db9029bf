// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/topicgenerator.h"

#include <vector>

namespace allium {

/// `solana.transactions`: ~130 transactions per 400 ms slot (a few slots skipped), about two
/// thirds validator votes, the rest user transactions through Jupiter, pump.fun and the token
/// program; base58 keys and signatures, `err` null on success.
class SolanaTransactionGenerator : public TopicGenerator
{
public:
    explicit SolanaTransactionGenerator(quint64 seed, qint64 startMs);

    void writeNext(MessageWriter &writer) override;

    static constexpr qint64 SlotMs = 400;

private:
    const QString &account(int pool, int id);
    void startSlot(qint64 slot);

    quint64 m_seed;
    SyntheticData m_random;
    qint64 m_startMs;
    qint64 m_firstSlot;
    qint64 m_slot = 0;
    qint64 m_height = 0;
    int m_slotCount = 0;
    int m_index = 0;
    QString m_blockHash;
    QString m_timestamp;
    // Keys of the validator (pools 1, 2) and user (pool 3) accounts, made on first use.
    std::vector<QString> m_accounts[3];
};

} // namespace allium
