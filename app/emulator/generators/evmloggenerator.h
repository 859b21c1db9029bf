// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/generators/evmtransactiongenerator.h"

#include <deque>

namespace allium {

/// `<chain>.logs`: the event logs of the transactions stream of the same seed (ERC-20 Transfer
/// and Approval, DEX Swap and Sync, ownership events), with block-wide log indexes. Failed
/// transactions and plain ether transfers emit none, as on chain.
class EvmLogGenerator : public TopicGenerator
{
public:
    explicit EvmLogGenerator(const SyntheticChain &chain);

    void writeNext(MessageWriter &writer) override;
    void seek(qint64 chainMs) override;
    void setFaults(const EmulatorFaults &faults) override { m_transactions.setFaults(faults); }

    /// Mean logs per transaction this generator produces (measured, rounded), for the cadence.
    static constexpr double LogsPerTransaction = 1.25;

private:
    /// One pending log: its own fields and the transaction fields it repeats.
    struct Log
    {
        QString address;
        QString topics[4]; ///< null past the event's topic count
        QString data;
        int logIndex = 0;
        QString transactionHash;
        int transactionIndex = 0;
        QString from;
        QString to;
        qint64 blockNumber = 0;
        QString blockTimestamp;
        QString blockHash;
        qint64 dueMs = 0;
        int copies = 1;
    };

    void emitLogs(const EvmTransactionGenerator::Transaction &tx);
    void addLog(const EvmTransactionGenerator::Transaction &tx, const QString &address,
                std::initializer_list<QString> topics, const QString &data);

    EvmTransactionGenerator m_transactions;
    SyntheticData m_random;
    std::deque<Log> m_pending;
    QString m_blockHash; ///< of the block whose logs are being made (a reorg's differs)
    int m_logIndex = 0;
};

} // namespace allium
