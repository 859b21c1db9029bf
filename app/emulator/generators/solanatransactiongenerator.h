// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/topicgenerator.h"

#include <vector>

namespace allium {

/// `solana.transactions`: ~130 transactions per 400 ms slot, one slot in every 20 skipped by
/// design (block_slot jumps, block_height stays consecutive; the integrity faults count
/// block_height), about two thirds validator votes, the rest user transactions through Jupiter,
/// pump.fun and the token program; base58 keys and signatures, `err` null on success.
class SolanaTransactionGenerator : public TopicGenerator
{
public:
    explicit SolanaTransactionGenerator(quint64 seed);

    void writeNext(MessageWriter &writer) override;
    void seek(qint64 chainMs) override;

    static constexpr qint64 SlotMs = 400;
    /// One slot of each aligned group of this many is skipped (which one depends on the seed).
    static constexpr qint64 SkipGroup = 20;

    bool isSkippedSlot(qint64 slot) const;
    qint64 heightOfSlot(qint64 slot) const;
    qint64 slotOfHeight(qint64 height) const;
    qint64 slotTimeMs(qint64 slot) const;

private:
    const QString &account(int pool, int id);
    void startBlock(const BlockSchedule::Emission &block);
    qint64 skippedInGroup(qint64 group) const;
    /// Slots produced in [0, slot).
    qint64 producedBefore(qint64 slot) const;

    quint64 m_seed;
    SyntheticData m_random;
    qint64 m_firstSlot;
    qint64 m_heightOffset = 0;
    qint64 m_slot = 0;
    qint64 m_height = 0;
    qint64 m_dueMs = 0;
    int m_copies = 1;
    int m_slotCount = 0;
    int m_index = 0;
    QString m_blockHash;
    QString m_timestamp;
    // Keys of the validator (pools 1, 2) and user (pool 3) accounts, made on first use.
    std::vector<QString> m_accounts[3];
};

} // namespace allium
