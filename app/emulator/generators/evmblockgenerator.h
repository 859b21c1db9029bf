// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/generators/syntheticdatachain.h"
#include "emulator/generators/topicgenerator.h"

namespace allium {

/// `<chain>.blocks` of an EVM chain: one block per slot, numbers rising by one, each
/// parent_hash the previous hash, and the hash, timestamp and transaction_count the
/// transactions stream of the same seed uses.
class EvmBlockGenerator : public TopicGenerator
{
public:
    explicit EvmBlockGenerator(const SyntheticChain &chain);

    /// Writes the record of block `number`: a pure function of the chain, the number and the
    /// version (1: its replacement in a reorg, with a new hash).
    void writeBlock(qint64 number, MessageWriter &writer, int version = 0) const;

    void writeNext(MessageWriter &writer) override;
    void seek(qint64 chainMs) override;

private:
    SyntheticChain m_chain;
};

} // namespace allium
