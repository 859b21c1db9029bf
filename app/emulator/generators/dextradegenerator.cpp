// SPDX-License-Identifier: MIT
#include "emulator/generators/dextradegenerator.h"

#include "emulator/generators/syntheticdatatokens.h"
#include "emulator/messagewriter.h"

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

void DexTradeGenerator::writeNext(MessageWriter &writer)
{
    EvmTransactionGenerator::Transaction tx;
    do {
        tx = m_transactions.nextTransaction();
    } while (tx.kind != EvmTransactionGenerator::Kind::Swap || !tx.success);

    setDue(tx.dueMs, tx.copies);
    const QString chain = m_transactions.chain().name();
    const SyntheticTokens::Token *sold = SyntheticTokens::find(chain, tx.token);
    const SyntheticTokens::Token *bought = SyntheticTokens::find(chain, tx.tokenOut);
    const Venue where = venue(chain, m_transactions.routerIndex(tx.to));
    // Keys in ascending order (see MessageWriter).
    writer.beginObject();
    writer.key("block_hash").string(tx.blockHash);
    writer.key("block_number").integer(tx.blockNumber);
    writer.key("block_timestamp").string(tx.blockTimestamp);
    writer.key("chain").string(chain);
    writer.key("liquidity_pool_address").string(tx.counterparty);
    writer.key("project").string(QLatin1String(where.project));
    writer.key("protocol").string(QLatin1String(where.protocol));
    writer.key("sender_address").string(tx.to);
    writer.key("to_address").string(tx.from);
    writer.key("token_bought_address").string(tx.tokenOut);
    writer.key("token_bought_amount").number(tx.amountOut);
    writer.key("token_bought_amount_str").string(SyntheticData::decimal(tx.amountOut, 12));
    writer.key("token_bought_symbol").string(bought ? bought->symbol : QString());
    writer.key("token_sold_address").string(tx.token);
    writer.key("token_sold_amount").number(tx.amount);
    writer.key("token_sold_amount_str").string(SyntheticData::decimal(tx.amount, 12));
    writer.key("token_sold_symbol").string(sold ? sold->symbol : QString());
    writer.key("transaction_from_address").string(tx.from);
    writer.key("transaction_hash").string(tx.hash);
    writer.key("transaction_index").integer(tx.index);
    writer.key("transaction_to_address").string(tx.to);
    writer.key("usd_amount").number(tx.usdAmount);
    writer.endObject();
}

} // namespace allium
