// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/syntheticdatachain.h"
#include "emulator/generators/syntheticdatatokens.h"
#include "emulator/generators/topicgenerator.h"

#include <vector>

namespace allium {

/// `<chain>.transactions` of an EVM chain: ~150–250 transactions per block in block order,
/// heavy-tailed ether values, popular token and router contracts, ~2.5% failed receipts. Also the
/// source of the logs and DEX-trade streams, which derive their records from these transactions.
class EvmTransactionGenerator : public TopicGenerator
{
public:
    enum class Kind { EtherTransfer, TokenTransfer, Approval, Swap, ContractCall, Deployment };

    /// One transaction with what the derived streams need beyond the JSON fields.
    struct Transaction
    {
        Kind kind = Kind::EtherTransfer;
        QString hash;
        qint64 nonce = 0;
        int index = 0;
        QString from;
        QString to;    ///< empty for a contract deployment
        QString value; ///< wei, decimal
        quint64 gas = 0;
        quint64 gasPrice = 0;
        quint64 maxFeePerGas = 0;
        quint64 maxPriorityFeePerGas = 0;
        int type = 2;
        QString input;
        bool success = true;
        quint64 gasUsed = 0;
        qint64 blockNumber = 0;
        QString blockHash;
        qint64 dueMs = 0; ///< when the stream sends it: its block's (or its reorg's) time
        int copies = 1;   ///< 2 when its block is duplicated
        qint64 blockTimestampMs = 0;
        QString blockTimestamp;
        QString contractAddress; ///< the deployed contract, for deployments
        QString token;           ///< transferred / approved / sold token
        int tokenDecimals = 18;
        double amount = 0; ///< in whole token units
        QString tokenOut;  ///< bought token (swaps)
        double amountOut = 0;
        QString counterparty; ///< transfer recipient, approved spender, or swap pool
        double usdAmount = 0; ///< swap size in USD
    };

    explicit EvmTransactionGenerator(const SyntheticChain &chain);

    Transaction nextTransaction();
    /// Writes the transactions-stream record of `tx`.
    void write(const Transaction &tx, MessageWriter &writer) const;

    void writeNext(MessageWriter &writer) override;
    void seek(qint64 chainMs) override;

    const SyntheticChain &chain() const { return m_chain; }
    /// Which of the chain's DEX routers `address` is (0 = the busiest), or -1.
    int routerIndex(const QString &address) const { return int(m_routers.indexOf(address)); }

private:
    int pickAccount();
    const QString &accountAddress(int id);
    quint64 accountKey(int id) const;
    QString sender(qint64 *nonce);
    QString recipient();
    void fillFees(Transaction &tx);
    void fillTokenTransfer(Transaction &tx);
    void fillSwap(Transaction &tx);
    void startBlock(const BlockSchedule::Emission &block);

    SyntheticChain m_chain;
    SyntheticData m_random;
    QList<SyntheticTokens::Token> m_tokens;
    QStringList m_routers;
    // Per pool account, filled on first use: the address and the next nonce (-1: not yet used).
    std::vector<QString> m_accounts;
    std::vector<qint64> m_nonces;
    qint64 m_blockNumber = 0;
    int m_blockCount = 0;
    int m_index = 0;
    QString m_blockHash;
    qint64 m_dueMs = 0;
    int m_copies = 1;
    qint64 m_blockTimestampMs = 0;
    QString m_blockTimestamp;
    quint64 m_baseFee = 0;
};

} // namespace allium
