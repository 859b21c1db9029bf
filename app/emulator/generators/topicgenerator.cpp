// SPDX-License-Identifier: MIT
#include "emulator/generators/topicgenerator.h"

#include "core/stream/topiccatalogue.h"

#include "emulator/generators/bitcoinblockgenerator.h"
#include "emulator/generators/dextradegenerator.h"
#include "emulator/generators/evmblockgenerator.h"
#include "emulator/generators/evmloggenerator.h"
#include "emulator/generators/evmtransactiongenerator.h"
#include "emulator/generators/hyperliquidfillgenerator.h"
#include "emulator/generators/hyperliquidtradegenerator.h"
#include "emulator/generators/solanatransactiongenerator.h"
#include "emulator/messagewriter.h"

#include <functional>
#include <map>

namespace allium {

namespace {

// Generators are made at the chain's fixed origin; create() then seeks to the start time.
using Factory = std::function<std::unique_ptr<TopicGenerator>(quint64 seed)>;

const std::map<QString, Factory> &factories()
{
    static const std::map<QString, Factory> map{
        {QStringLiteral("ethereum.blocks"),
         [](quint64 seed) {
             return std::make_unique<EvmBlockGenerator>(SyntheticChain::ethereum(seed));
         }},
        {QStringLiteral("ethereum.transactions"),
         [](quint64 seed) {
             return std::make_unique<EvmTransactionGenerator>(SyntheticChain::ethereum(seed));
         }},
        {QStringLiteral("ethereum.logs"),
         [](quint64 seed) {
             return std::make_unique<EvmLogGenerator>(SyntheticChain::ethereum(seed));
         }},
        {QStringLiteral("base.logs"),
         [](quint64 seed) {
             return std::make_unique<EvmLogGenerator>(SyntheticChain::base(seed));
         }},
        {QStringLiteral("ethereum.dex_trades"),
         [](quint64 seed) {
             return std::make_unique<DexTradeGenerator>(SyntheticChain::ethereum(seed));
         }},
        {QStringLiteral("base.dex_trades"),
         [](quint64 seed) {
             return std::make_unique<DexTradeGenerator>(SyntheticChain::base(seed));
         }},
        {QStringLiteral("solana.transactions"),
         [](quint64 seed) { return std::make_unique<SolanaTransactionGenerator>(seed); }},
        {QStringLiteral("hyperliquid.trades"),
         [](quint64 seed) { return std::make_unique<HyperliquidTradeGenerator>(seed); }},
        {QStringLiteral("hyperliquid.fills"),
         [](quint64 seed) { return std::make_unique<HyperliquidFillGenerator>(seed); }},
        {QStringLiteral("bitcoin.blocks"),
         [](quint64 seed) { return std::make_unique<BitcoinBlockGenerator>(seed); }},
        {QStringLiteral("base.blocks"),
         [](quint64 seed) {
             return std::make_unique<EvmBlockGenerator>(SyntheticChain::base(seed));
         }},
        {QStringLiteral("base.transactions"),
         [](quint64 seed) {
             return std::make_unique<EvmTransactionGenerator>(SyntheticChain::base(seed));
         }},
    };
    return map;
}

} // namespace

QJsonObject TopicGenerator::next()
{
    MessageWriter writer;
    writer.reset(MessageWriter::ObjectMode::All);
    writeNext(writer);
    return writer.object();
}

std::unique_ptr<TopicGenerator> TopicGenerator::create(const QString &topic, quint64 seed)
{
    return create(topic, seed, SyntheticChain::DefaultStartMs);
}

std::unique_ptr<TopicGenerator> TopicGenerator::create(const QString &topic, quint64 seed,
                                                       qint64 startMs, const EmulatorFaults &faults)
{
    const auto it = factories().find(topic);
    if (it == factories().end())
        return nullptr;
    std::unique_ptr<TopicGenerator> generator = it->second(seed);
    generator->m_topic = topic;
    generator->setFaults(faults);
    generator->seek(startMs);
    return generator;
}

double TopicGenerator::meanIntervalMs() const
{
    return TopicCatalogue::meanIntervalMs(m_topic);
}

QStringList TopicGenerator::topics()
{
    QStringList names;
    for (const auto &entry : factories())
        names.append(entry.first);
    return names;
}

} // namespace allium
