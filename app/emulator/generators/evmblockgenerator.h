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

    /// Writes the record of block `number`: a pure function of the chain and the number.
    void writeBlock(qint64 number, MessageWriter &writer) const;

    void writeNext(MessageWriter &writer) override;

private:
    SyntheticChain m_chain;
    qint64 m_next = 0;
};

} // namespace allium
