#include "dextradegenerator.h"

#include "syntheticdatatokens.h"

#include <QJsonValue>

namespace allium {

namespace {

struct Venue
{
    const char *project;
    const char *protocol;
};

// Which DEX a router's swaps land on (aggregators route mostly through Uniswap pools).
Venue venue(const QString &chain, int routerIndex)
{
    if (chain == QLatin1String("base") && routerIndex == 0)
        return {"aerodrome", "aerodrome_slipstream"};
    if (routerIndex == 1 && chain != QLatin1String("base"))
        return {"uniswap", "uniswap_v2"};
    return {"uniswap", "uniswap_v3"};
}

} // namespace

DexTradeGenerator::DexTradeGenerator(const SyntheticChain &chain)
    : m_transactions(chain)
{}

double DexTradeGenerator::meanIntervalMs() const
{
    return m_transactions.meanIntervalMs() / TradesPerTransaction;
}

QJsonObject DexTradeGenerator::next()
{
    EvmTransactionGenerator::Transaction tx;
    do {
        tx = m_transactions.nextTransaction();
    } while (tx.kind != EvmTransactionGenerator::Kind::Swap || !tx.success);

    const QString chain = m_transactions.chain().name();
    const SyntheticTokens::Token *sold = SyntheticTokens::find(chain, tx.token);
    const SyntheticTokens::Token *bought = SyntheticTokens::find(chain, tx.tokenOut);
    const Venue where = venue(chain, m_transactions.routerIndex(tx.to));
    return QJsonObject{
        {QStringLiteral("chain"), chain},
        {QStringLiteral("project"), QLatin1String(where.project)},
        {QStringLiteral("protocol"), QLatin1String(where.protocol)},
        {QStringLiteral("liquidity_pool_address"), tx.counterparty},
        {QStringLiteral("token_bought_address"), tx.tokenOut},
        {QStringLiteral("token_bought_symbol"), bought ? bought->symbol : QString()},
        {QStringLiteral("token_bought_amount"), tx.amountOut},
        {QStringLiteral("token_bought_amount_str"), SyntheticData::decimal(tx.amountOut, 12)},
        {QStringLiteral("token_sold_address"), tx.token},
        {QStringLiteral("token_sold_symbol"), sold ? sold->symbol : QString()},
        {QStringLiteral("token_sold_amount"), tx.amount},
        {QStringLiteral("token_sold_amount_str"), SyntheticData::decimal(tx.amount, 12)},
        {QStringLiteral("usd_amount"), tx.usdAmount},
        {QStringLiteral("sender_address"), tx.to},
        {QStringLiteral("to_address"), tx.from},
        {QStringLiteral("transaction_hash"), tx.hash},
        {QStringLiteral("transaction_index"), tx.index},
        {QStringLiteral("transaction_from_address"), tx.from},
        {QStringLiteral("transaction_to_address"), tx.to},
        {QStringLiteral("block_number"), double(tx.blockNumber)},
        {QStringLiteral("block_timestamp"), tx.blockTimestamp},
        {QStringLiteral("block_hash"), tx.blockHash},
    };
}

} // namespace allium
