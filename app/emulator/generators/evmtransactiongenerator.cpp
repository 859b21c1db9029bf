// SPDX-License-Identifier: MIT
#include "emulator/generators/evmtransactiongenerator.h"

#include "emulator/generators/syntheticdatatokens.h"
#include "emulator/messagewriter.h"

#include <cmath>

namespace allium {

namespace {

// How many distinct senders a stream reuses: small enough that the busiest ones show up many
// times (their nonces count up), large enough to look like a chain.
constexpr int SenderPool = 4000;
// The block seed purpose of a block's transactions: each block's are its own.
constexpr quint64 TransactionsPurpose = 8;

const char *const ExchangeWallets[] = {
    "0x28c6c06298d514db089934071355e5743bf21d60", // Binance 14
    "0xa9d1e08c7793af67e9d92fe308d5697fb81d3e43", // Coinbase 10
    "0x267be1c1d684f78cb4f6a176c4911b741e4ffdc0", // Kraken 4
};

QStringList routers(const QString &chain)
{
    if (chain == QLatin1String("base")) {
        return {QStringLiteral("0xcf77a3ba9a5ca399b7c97c74d54e5b1beb874e43"),  // Aerodrome
                QStringLiteral("0x6ff5693b99212da76ad316178a184ab56d299b43"),  // Uniswap UR
                QStringLiteral("0x111111125421ca6dc452d289314280a0f8842a65")}; // 1inch v6
    }
    return {QStringLiteral("0x66a9893cc07d91d95644aedd05d03f95e1dba8af"),  // Uniswap UR
            QStringLiteral("0x7a250d5630b4cf539739df2c5dacb4c659f2488d"),  // Uniswap V2
            QStringLiteral("0x111111125421ca6dc452d289314280a0f8842a65")}; // 1inch v6
}

// A pool address stable across seeds, so filters on a pool keep matching between runs.
QString poolAddress(const QString &tokenA, const QString &tokenB)
{
    const QString pair = tokenA < tokenB ? tokenA + tokenB : tokenB + tokenA;
    return SyntheticData::addressOf(SyntheticData::mix(7, pair));
}

} // namespace

EvmTransactionGenerator::EvmTransactionGenerator(const SyntheticChain &chain)
    : m_chain(chain)
    , m_random(SyntheticData::mix(SyntheticData::mix(chain.seed(), chain.name()), 0x7478))
    , m_tokens(SyntheticTokens::onChain(chain.name()))
    , m_routers(routers(chain.name()))
    , m_accounts(SenderPool)
    , m_nonces(SenderPool, -1)
{
    seek(SyntheticChain::DefaultStartMs);
}

void EvmTransactionGenerator::seek(qint64 chainMs)
{
    schedule().seek(m_chain.numberAt(chainMs));
    startBlock(schedule().next());
}

void EvmTransactionGenerator::startBlock(const BlockSchedule::Emission &block)
{
    const qint64 number = block.number;
    // What a block holds depends on its number only, so every client sees the same
    // transactions in it (nonces aside: they count what this stream has sent).
    m_random = SyntheticData(m_chain.blockSeed(number, TransactionsPurpose));
    m_blockNumber = number;
    m_blockCount = m_chain.transactionCount(number);
    m_index = 0;
    m_blockHash = m_chain.blockHash(number, block.version);
    m_dueMs = m_chain.timestampMs(block.dueNumber);
    m_copies = schedule().isDuplicated(number) ? 2 : 1;
    m_blockTimestampMs = m_chain.timestampMs(number);
    m_blockTimestamp = SyntheticData::isoTime(m_blockTimestampMs);
    m_baseFee = m_chain.baseFeePerGas(number);
}

int EvmTransactionGenerator::pickAccount()
{
    // Log-uniform over the pool: a few very busy accounts (bots, exchanges) and a long tail.
    return int(std::exp(m_random.uniform() * std::log(double(SenderPool)))) - 1;
}

const QString &EvmTransactionGenerator::accountAddress(int id)
{
    QString &address = m_accounts[size_t(id)];
    if (address.isNull())
        address = SyntheticData::addressOf(accountKey(id));
    return address;
}

quint64 EvmTransactionGenerator::accountKey(int id) const
{
    return SyntheticData::mix(m_chain.key(), 0x53454e44ULL * SenderPool + quint64(id));
}

QString EvmTransactionGenerator::sender(qint64 *nonce)
{
    const int id = pickAccount();
    qint64 &next = m_nonces[size_t(id)];
    // Busy accounts have long histories.
    if (next < 0)
        next = qint64(accountKey(id) % 5000) * (id < 40 ? 200 : 1);
    *nonce = next++;
    return accountAddress(id);
}

QString EvmTransactionGenerator::recipient()
{
    switch (m_random.weighted({55, 30, 15})) {
    case 0:
        return m_random.evmAddress();
    case 1:
        return accountAddress(pickAccount());
    default:
        return QLatin1String(ExchangeWallets[m_random.uniformInt(0, 2)]);
    }
}

void EvmTransactionGenerator::fillFees(Transaction &tx)
{
    const double priority = std::min(m_random.logNormal(std::log(0.05e9), 1.3), 50e9);
    switch (m_random.weighted({89, 10, 1})) {
    case 0:
        tx.type = 2;
        tx.maxPriorityFeePerGas = quint64(priority);
        tx.maxFeePerGas = m_baseFee * 2 + tx.maxPriorityFeePerGas;
        tx.gasPrice = m_baseFee + tx.maxPriorityFeePerGas;
        break;
    default:
        tx.type = m_random.chance(0.9) ? 0 : 1;
        tx.gasPrice = quint64(double(m_baseFee) * m_random.uniform(1.05, 1.6));
        break;
    }
}

void EvmTransactionGenerator::fillTokenTransfer(Transaction &tx)
{
    const QList<SyntheticTokens::Token> &tokens = m_tokens;
    // Stablecoins dominate token transfers, as on mainnet.
    const int pick = m_random.weighted({12, 30, 25, 4, 6, 4, 3, 3, 2, 6, 5});
    const SyntheticTokens::Token &token = tokens.at(std::min(pick, int(tokens.size()) - 1));
    const double usd = m_random.logNormal(std::log(400.0), 2.0);
    tx.token = token.address;
    tx.tokenDecimals = token.decimals;
    tx.to = token.address;
    tx.amount = usd / token.priceUsd;
    tx.value = QStringLiteral("0");
}

void EvmTransactionGenerator::fillSwap(Transaction &tx)
{
    const QList<SyntheticTokens::Token> &tokens = m_tokens;
    tx.to = m_routers.at(m_random.weighted({60, 25, 15}));
    const SyntheticTokens::Token &weth = tokens.at(0); // WETH is listed first on each chain
    const SyntheticTokens::Token &other = tokens.at(m_random.uniformInt(1, tokens.size() - 1));
    const bool sellEth = m_random.chance(0.5);
    const SyntheticTokens::Token &sold = sellEth ? weth : other;
    const SyntheticTokens::Token &bought = sellEth ? other : weth;
    tx.usdAmount = m_random.logNormal(std::log(900.0), 1.9);
    tx.token = sold.address;
    tx.amount = tx.usdAmount / sold.priceUsd;
    tx.tokenOut = bought.address;
    // The pool takes its fee and the price moves a little against the trader.
    tx.amountOut = tx.usdAmount * m_random.uniform(0.990, 0.997) / bought.priceUsd;
    tx.counterparty = poolAddress(sold.address, bought.address);
    tx.value = sellEth ? m_random.weiFromEther(tx.amount, false) : QStringLiteral("0");
}

EvmTransactionGenerator::Transaction EvmTransactionGenerator::nextTransaction()
{
    if (m_index >= m_blockCount)
        startBlock(schedule().next());

    Transaction tx;
    tx.index = m_index++;
    tx.blockNumber = m_blockNumber;
    tx.blockHash = m_blockHash;
    tx.dueMs = m_dueMs;
    tx.copies = m_copies;
    tx.blockTimestampMs = m_blockTimestampMs;
    tx.blockTimestamp = m_blockTimestamp;
    tx.hash = m_random.evmHash();
    tx.from = sender(&tx.nonce);
    fillFees(tx);

    tx.kind = Kind(m_random.weighted({34, 30, 5, 16, 14.7, 0.3}));
    double failure = 0.02;
    switch (tx.kind) {
    case Kind::EtherTransfer: {
        tx.to = recipient();
        // Most transfers are small (0.001–1 ETH); one in a hundred is a whale.
        const double ether = m_random.chance(0.01) ? std::min(m_random.pareto(100, 1.1), 12000.0)
                                                   : m_random.logNormal(std::log(0.06), 1.7);
        tx.value = m_random.weiFromEther(ether, m_random.chance(0.6));
        tx.input = QStringLiteral("0x");
        tx.gas = 21000;
        tx.gasUsed = 21000;
        failure = 0;
        break;
    }
    case Kind::TokenTransfer:
        fillTokenTransfer(tx);
        tx.counterparty = recipient();
        tx.input = QLatin1String("0xa9059cbb") + SyntheticData::abiAddressWord(tx.counterparty) +
                   SyntheticData::abiUintWord(tx.amount * std::pow(10.0, tx.tokenDecimals));
        tx.gas = quint64(m_random.uniformInt(55000, 120000));
        tx.gasUsed = quint64(m_random.uniformInt(34000, 54000));
        failure = 0.01;
        break;
    case Kind::Approval:
        fillTokenTransfer(tx);
        tx.counterparty = m_routers.at(m_random.uniformInt(0, 2));
        tx.amount = 1.157920892373162e59; // type(uint256).max, the usual infinite approval
        tx.input = QLatin1String("0x095ea7b3") + SyntheticData::abiAddressWord(tx.counterparty) +
                   QString(64, QLatin1Char('f'));
        tx.gas = quint64(m_random.uniformInt(46000, 70000));
        tx.gasUsed = quint64(m_random.uniformInt(44000, 46500));
        failure = 0.005;
        break;
    case Kind::Swap:
        fillSwap(tx);
        // Universal Router execute() calldata, shortened to keep records near real sizes.
        tx.input = QLatin1String("0x3593564c") + SyntheticData::abiUintWord(tx.amount * 1e6) +
                   SyntheticData::abiUintWord(double(tx.blockTimestampMs / 1000 + 1800));
        tx.gas = quint64(m_random.uniformInt(180000, 450000));
        tx.gasUsed = quint64(double(tx.gas) * m_random.uniform(0.45, 0.8));
        failure = 0.06;
        break;
    case Kind::ContractCall:
        tx.to =
            m_random.chance(0.3) ? m_routers.at(m_random.uniformInt(0, 2)) : m_random.evmAddress();
        tx.value = m_random.chance(0.85)
                       ? QStringLiteral("0")
                       : m_random.weiFromEther(m_random.logNormal(std::log(0.02), 1.5), true);
        tx.input = m_random.hex(8) + m_random.hex(64 * int(m_random.uniformInt(0, 2)), false);
        tx.gas = quint64(m_random.uniformInt(60000, 900000));
        tx.gasUsed = quint64(double(tx.gas) * m_random.uniform(0.3, 0.9));
        failure = 0.03;
        break;
    case Kind::Deployment:
        tx.value = QStringLiteral("0");
        tx.input = QLatin1String("0x60806040") + m_random.hex(184, false);
        tx.gas = quint64(m_random.uniformInt(800000, 4000000));
        tx.gasUsed = quint64(double(tx.gas) * m_random.uniform(0.6, 0.95));
        tx.contractAddress = m_random.evmAddress();
        failure = 0.01;
        break;
    }
    if (m_random.chance(failure)) {
        tx.success = false;
        tx.gasUsed = quint64(double(tx.gasUsed) * m_random.uniform(0.2, 0.9));
        tx.contractAddress.clear();
    }
    return tx;
}

void EvmTransactionGenerator::write(const Transaction &tx, MessageWriter &writer) const
{
    // Keys in ascending order (see MessageWriter).
    const bool eip1559 = tx.type == 2;
    writer.beginObject();
    writer.key("block_hash").string(tx.blockHash);
    writer.key("block_number").integer(tx.blockNumber);
    writer.key("block_timestamp").string(tx.blockTimestamp);
    writer.key("blockchain").string(m_chain.name());
    writer.key("from_address").string(tx.from);
    writer.key("gas").integer(qint64(tx.gas));
    writer.key("gas_price").integer(qint64(tx.gasPrice));
    writer.key("hash").string(tx.hash);
    writer.key("input").string(tx.input);
    writer.key("max_fee_per_gas");
    eip1559 ? writer.integer(qint64(tx.maxFeePerGas)) : writer.null();
    writer.key("max_priority_fee_per_gas");
    eip1559 ? writer.integer(qint64(tx.maxPriorityFeePerGas)) : writer.null();
    writer.key("nonce").integer(tx.nonce);
    writer.key("receipt_contract_address").stringOrNull(tx.contractAddress);
    writer.key("receipt_gas_used").integer(qint64(tx.gasUsed));
    writer.key("receipt_status").integer(tx.success ? 1 : 0);
    writer.key("to_address").stringOrNull(tx.to);
    writer.key("transaction_index").integer(tx.index);
    writer.key("transaction_type").integer(tx.type);
    writer.key("value").string(tx.value);
    writer.endObject();
}

void EvmTransactionGenerator::writeNext(MessageWriter &writer)
{
    const Transaction tx = nextTransaction();
    write(tx, writer);
    setDue(tx.dueMs, tx.copies);
}

} // namespace allium
