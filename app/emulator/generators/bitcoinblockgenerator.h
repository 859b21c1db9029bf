// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/topicgenerator.h"

namespace allium {

/// `bitcoin.blocks`: a block every ten minutes on average (exponential gaps), heights rising by
/// one, `previous_block_hash` chaining, proof-of-work-looking hashes, the mining pool's name.
class BitcoinBlockGenerator : public TopicGenerator
{
public:
    explicit BitcoinBlockGenerator(quint64 seed);

    void writeNext(MessageWriter &writer) override;
    void seek(qint64 chainMs) override;

    /// Blocks per epoch: each epoch lasts exactly EpochBlocks × 10 min, its blocks' waits drawn
    /// from an exponential distribution (then scaled to fill it), so a block's time is a function
    /// of its height.
    static constexpr qint64 EpochBlocks = 16;
    static constexpr qint64 MeanIntervalMs = 600000;
    qint64 timestampMs(qint64 number) const;

private:
    QString blockHash(qint64 number, int version) const;

    quint64 m_seed;
    qint64 m_firstNumber;
};

} // namespace allium
