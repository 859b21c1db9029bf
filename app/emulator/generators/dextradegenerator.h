// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/generators/evmtransactiongenerator.h"

namespace allium {

/// `<chain>.dex_trades`: one trade per successful swap of the transactions stream of the same
/// seed, with Allium's DEX-trade columns (token amounts as numbers and as `_str` strings).
class DexTradeGenerator : public TopicGenerator
{
public:
    explicit DexTradeGenerator(const SyntheticChain &chain);

    void writeNext(MessageWriter &writer) override;
    void seek(qint64 chainMs) override { m_transactions.seek(chainMs); }
    void setFaults(const EmulatorFaults &faults) override { m_transactions.setFaults(faults); }

    /// Successful swaps per transaction (the swap share times the swap success rate).
    static constexpr double TradesPerTransaction = 0.16 * 0.94;

private:
    EvmTransactionGenerator m_transactions;
};

} // namespace allium
