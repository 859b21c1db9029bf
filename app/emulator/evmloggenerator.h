#pragma once

#include "evmtransactiongenerator.h"

#include <deque>

namespace allium {

/// `<chain>.logs`: the event logs of the transactions stream of the same seed (ERC-20 Transfer
/// and Approval, DEX Swap and Sync, ownership events), with block-wide log indexes. Failed
/// transactions and plain ether transfers emit none, as on chain.
class EvmLogGenerator : public TopicGenerator
{
public:
    explicit EvmLogGenerator(const SyntheticChain &chain);

    QJsonObject next() override;
    double meanIntervalMs() const override;

    /// Mean logs per transaction this generator produces (measured, rounded), for the cadence.
    static constexpr double LogsPerTransaction = 1.25;

private:
    void emitLogs(const EvmTransactionGenerator::Transaction &tx);
    void addLog(const EvmTransactionGenerator::Transaction &tx, const QString &address,
                std::initializer_list<QString> topics, const QString &data);

    EvmTransactionGenerator m_transactions;
    SyntheticData m_random;
    std::deque<QJsonObject> m_pending;
    qint64 m_block = -1;
    int m_logIndex = 0;
};

} // namespace allium
