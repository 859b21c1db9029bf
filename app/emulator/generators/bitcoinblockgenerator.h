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
    BitcoinBlockGenerator(quint64 seed, qint64 startMs);

    void writeNext(MessageWriter &writer) override;

private:
    QString blockHash(qint64 number) const;

    quint64 m_seed;
    SyntheticData m_random;
    qint64 m_number;
    double m_timeMs;
};

} // namespace allium
