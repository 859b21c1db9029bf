// SPDX-License-Identifier: MIT
#include "emulator/generators/syntheticdatachain.h"

#include "core/stream/topiccatalogue.h"
#include "emulator/generators/syntheticdata.h"

#include <cmath>

namespace allium {

namespace {

// Purposes for blockSeed(): each per-block fact draws from its own stream.
enum : quint64 { HashPurpose = 1, CountPurpose = 2, FeePurpose = 3, ReorgHashPurpose = 7 };

} // namespace

SyntheticChain::SyntheticChain(const QString &name, quint64 seed, qint64 tip)
    : m_name(name)
    , m_seed(seed)
    , m_key(SyntheticData::mix(seed, name))
    , m_firstNumber(tip + qint64(m_key % 50000))
{}

SyntheticChain SyntheticChain::ethereum(quint64 seed)
{
    // Near the real tip.
    SyntheticChain chain(QStringLiteral("ethereum"), seed, 23900000);
    chain.m_blockIntervalMs =
        qint64(TopicCatalogue::meanIntervalMs(QStringLiteral("ethereum.blocks")));
    chain.m_minTransactions = 150;
    chain.m_maxTransactions = 250;
    chain.m_gasLimit = 45000000;
    chain.m_baseFeeGwei = 0.8;
    return chain;
}

SyntheticChain SyntheticChain::base(quint64 seed)
{
    SyntheticChain chain(QStringLiteral("base"), seed, 38000000);
    chain.m_blockIntervalMs = qint64(TopicCatalogue::meanIntervalMs(QStringLiteral("base.blocks")));
    chain.m_minTransactions = 120;
    chain.m_maxTransactions = 220;
    chain.m_gasLimit = 150000000;
    chain.m_baseFeeGwei = 0.005;
    chain.m_isL2 = true;
    return chain;
}

quint64 SyntheticChain::blockSeed(qint64 number, quint64 purpose) const
{
    return SyntheticData::mix(m_key, quint64(number) * 16 + purpose);
}

QString SyntheticChain::blockHash(qint64 number, int version) const
{
    return SyntheticData::hashOf(blockSeed(number, version == 0 ? HashPurpose : ReorgHashPurpose));
}

qint64 SyntheticChain::timestampMs(qint64 number) const
{
    // Both chains have fixed slots (12 s post-merge, 2 s on Base); the first block sits on a
    // whole-second boundary like real block timestamps.
    return DefaultStartMs + (number - m_firstNumber) * m_blockIntervalMs;
}

qint64 SyntheticChain::numberAt(qint64 chainMs) const
{
    const qint64 offset = chainMs - DefaultStartMs;
    // Ceiling division that also rounds negative offsets up.
    const qint64 intervals = offset / m_blockIntervalMs + (offset % m_blockIntervalMs > 0 ? 1 : 0);
    return m_firstNumber + intervals;
}

int SyntheticChain::transactionCount(qint64 number) const
{
    SyntheticData random(blockSeed(number, CountPurpose));
    return int(random.uniformInt(m_minTransactions, m_maxTransactions));
}

quint64 SyntheticChain::baseFeePerGas(qint64 number) const
{
    // Slow waves plus per-block noise: a closed form, so any stream can compute any block's fee.
    SyntheticData random(blockSeed(number, FeePurpose));
    const double n = double(number);
    const double wave =
        0.7 * std::sin(n / 97.0) + 0.35 * std::sin(n / 13.7) + 0.08 * random.uniform();
    return quint64(m_baseFeeGwei * 1e9 * std::exp(wave));
}

} // namespace allium
