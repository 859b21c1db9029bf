// SPDX-License-Identifier: MIT
#include "emulator/generators/evmloggenerator.h"

#include "emulator/messagewriter.h"

#include <cmath>

namespace allium {

namespace {

// keccak256 of the event signatures, as topic0 carries them.
const QString TransferTopic =
    QStringLiteral("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
const QString ApprovalTopic =
    QStringLiteral("0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925");
const QString SwapTopic =
    QStringLiteral("0xd78ad95fa46c994b6551d0da85fc275fe613ce37657fb8d5e3d130840159d822");
const QString SyncTopic =
    QStringLiteral("0x1c411e9a96e071241c2f21f7726b17ae89e3cab4c78be50e062b03a9fffbb7d1");
const QString DepositTopic =
    QStringLiteral("0xe1fffcc4923d04b559f4d29a8bfc6cda04eb5b0d3c460751c2402c5c5cc9109c");
const QString OwnershipTopic =
    QStringLiteral("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0");

// The block seed purpose of what a block's logs draw beyond its transactions.
constexpr quint64 LogsPurpose = 9;

QString topicAddress(const QString &address)
{
    return QLatin1String("0x") + SyntheticData::abiAddressWord(address);
}

QString words(std::initializer_list<double> values)
{
    QString data = QStringLiteral("0x");
    for (const double v : values)
        data += SyntheticData::abiUintWord(v);
    return data;
}

} // namespace

EvmLogGenerator::EvmLogGenerator(const SyntheticChain &chain)
    : m_transactions(chain)
    , m_random(SyntheticData::mix(SyntheticData::mix(chain.seed(), chain.name()), 0x6c6f67))
{}

void EvmLogGenerator::seek(qint64 chainMs)
{
    m_transactions.seek(chainMs);
    m_pending.clear();
    m_blockHash.clear();
}

void EvmLogGenerator::writeNext(MessageWriter &writer)
{
    // Transactions without logs are skipped; a few hundred in a row never happen in practice.
    while (m_pending.empty())
        emitLogs(m_transactions.nextTransaction());
    const Log log = std::move(m_pending.front());
    m_pending.pop_front();
    setDue(log.dueMs, log.copies);
    // Keys in ascending order (see MessageWriter).
    writer.beginObject();
    writer.key("address").string(log.address);
    writer.key("block_hash").string(log.blockHash);
    writer.key("block_number").integer(log.blockNumber);
    writer.key("block_timestamp").string(log.blockTimestamp);
    writer.key("data").string(log.data);
    writer.key("from_address").string(log.from);
    writer.key("log_index").integer(log.logIndex);
    writer.key("to_address").stringOrNull(log.to);
    writer.key("topic0").stringOrNull(log.topics[0]);
    writer.key("topic1").stringOrNull(log.topics[1]);
    writer.key("topic2").stringOrNull(log.topics[2]);
    writer.key("topic3").stringOrNull(log.topics[3]);
    writer.key("transaction_hash").string(log.transactionHash);
    writer.key("transaction_index").integer(log.transactionIndex);
    writer.endObject();
}

void EvmLogGenerator::addLog(const EvmTransactionGenerator::Transaction &tx, const QString &address,
                             std::initializer_list<QString> topics, const QString &data)
{
    Log log;
    int i = 0;
    for (const QString &t : topics)
        log.topics[i++] = t;
    log.address = address;
    log.data = data;
    log.logIndex = m_logIndex++;
    log.transactionHash = tx.hash;
    log.transactionIndex = tx.index;
    log.from = tx.from;
    log.to = tx.to;
    log.blockNumber = tx.blockNumber;
    log.blockTimestamp = tx.blockTimestamp;
    log.blockHash = tx.blockHash;
    log.dueMs = tx.dueMs;
    log.copies = tx.copies;
    m_pending.push_back(std::move(log));
}

void EvmLogGenerator::emitLogs(const EvmTransactionGenerator::Transaction &tx)
{
    if (tx.blockHash != m_blockHash) {
        m_blockHash = tx.blockHash;
        m_logIndex = 0;
        m_random = SyntheticData(m_transactions.chain().blockSeed(tx.blockNumber, LogsPurpose));
    }
    if (!tx.success)
        return;
    using Kind = EvmTransactionGenerator::Kind;
    switch (tx.kind) {
    case Kind::EtherTransfer:
        break;
    case Kind::TokenTransfer:
        addLog(tx, tx.token, {TransferTopic, topicAddress(tx.from), topicAddress(tx.counterparty)},
               words({tx.amount * std::pow(10.0, tx.tokenDecimals)}));
        break;
    case Kind::Approval:
        addLog(tx, tx.token, {ApprovalTopic, topicAddress(tx.from), topicAddress(tx.counterparty)},
               QLatin1String("0x") + QString(64, QLatin1Char('f')));
        break;
    case Kind::Swap: {
        const double in = tx.amount * 1e18;
        const double out = tx.amountOut * 1e18;
        addLog(tx, tx.token, {TransferTopic, topicAddress(tx.from), topicAddress(tx.counterparty)},
               words({in}));
        addLog(tx, tx.tokenOut,
               {TransferTopic, topicAddress(tx.counterparty), topicAddress(tx.from)}, words({out}));
        addLog(tx, tx.counterparty, {SyncTopic},
               words({m_random.uniform(1e21, 1e24), m_random.uniform(1e21, 1e24)}));
        addLog(tx, tx.counterparty, {SwapTopic, topicAddress(tx.to), topicAddress(tx.from)},
               words({in, 0, 0, out}));
        break;
    }
    case Kind::ContractCall: {
        const int count = int(m_random.uniformInt(0, 4));
        for (int i = 0; i < count; ++i) {
            switch (m_random.weighted({50, 20, 30})) {
            case 0:
                addLog(tx, tx.to,
                       {TransferTopic, topicAddress(tx.from), topicAddress(m_random.evmAddress())},
                       words({m_random.logNormal(std::log(1e20), 3)}));
                break;
            case 1:
                addLog(tx, tx.to, {DepositTopic, topicAddress(tx.from)},
                       words({m_random.logNormal(std::log(1e17), 2)}));
                break;
            default:
                // An event this decoder does not know: random signature, an indexed id.
                addLog(tx, tx.to, {m_random.evmHash(), m_random.evmHash()},
                       m_random.hex(64 * int(m_random.uniformInt(1, 3))));
                break;
            }
        }
        break;
    }
    case Kind::Deployment:
        addLog(tx, tx.contractAddress,
               {OwnershipTopic,
                topicAddress(QStringLiteral("0x0000000000000000000000000000000000000000")),
                topicAddress(tx.from)},
               QStringLiteral("0x"));
        break;
    }
}

} // namespace allium
