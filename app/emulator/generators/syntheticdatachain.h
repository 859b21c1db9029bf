// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace allium {

/// One synthetic EVM chain: its profile (cadence, block sizes, fees) and the facts of each block
/// as pure functions of (seed, block number), so that the blocks, transactions, logs and DEX
/// trades streams of one seed agree on every block's hash, timestamp and transaction count.
class SyntheticChain
{
public:
    /// Timestamps start here unless told otherwise: 2026-11-27T20:00:00Z.
    static constexpr qint64 DefaultStartMs = 1795809600000LL;

    /// Block `firstNumber()` has the timestamp DefaultStartMs (on the whole second), and every
    /// block's timestamp follows from its number: the chain has one clock whatever its start.
    static SyntheticChain ethereum(quint64 seed);
    static SyntheticChain base(quint64 seed);

    QString name() const { return m_name; }
    quint64 seed() const { return m_seed; }
    /// SyntheticData::mix(seed, name), computed once: the root of every per-chain derived seed.
    quint64 key() const { return m_key; }
    qint64 firstNumber() const { return m_firstNumber; }
    qint64 blockIntervalMs() const { return m_blockIntervalMs; }
    /// Mean transactions per block, for the transaction streams' cadence.
    double meanTransactions() const { return (m_minTransactions + m_maxTransactions) / 2.0; }
    qint64 gasLimit() const { return m_gasLimit; }
    /// True for an OP-stack rollup (Base): a sequencer instead of block builders, tiny fees.
    bool isL2() const { return m_isL2; }

    /// The hash of block `number`; version 1 is its replacement in a reorg (BlockSchedule).
    QString blockHash(qint64 number, int version = 0) const;
    qint64 timestampMs(qint64 number) const;
    /// The first block whose timestamp is at or after `chainMs`.
    qint64 numberAt(qint64 chainMs) const;
    int transactionCount(qint64 number) const;
    /// EIP-1559 base fee in wei; drifts smoothly from block to block as the real one does.
    quint64 baseFeePerGas(qint64 number) const;
    /// A seed for whatever else is random about one block (its own stream of values).
    quint64 blockSeed(qint64 number, quint64 purpose) const;

private:
    /// Name and seed; the first block number is `tip` shifted by the seed, so two seeds never
    /// look alike at a glance.
    SyntheticChain(const QString &name, quint64 seed, qint64 tip);

    QString m_name;
    quint64 m_seed = 0;
    quint64 m_key = 0;
    qint64 m_firstNumber = 0;
    qint64 m_blockIntervalMs = 12000;
    int m_minTransactions = 150;
    int m_maxTransactions = 250;
    qint64 m_gasLimit = 45000000;
    double m_baseFeeGwei = 1.0;
    bool m_isL2 = false;
};

} // namespace allium
