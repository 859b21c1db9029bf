#include "topicgenerator.h"

#include "evmblockgenerator.h"
#include "evmtransactiongenerator.h"

#include <functional>
#include <map>

namespace allium {

namespace {

using Factory = std::function<std::unique_ptr<TopicGenerator>(quint64 seed, qint64 startMs)>;

const std::map<QString, Factory> &factories()
{
    static const std::map<QString, Factory> map{
        {QStringLiteral("ethereum.blocks"),
         [](quint64 seed, qint64 startMs) {
             return std::make_unique<EvmBlockGenerator>(SyntheticChain::ethereum(seed, startMs));
         }},
        {QStringLiteral("ethereum.transactions"),
         [](quint64 seed, qint64 startMs) {
             return std::make_unique<EvmTransactionGenerator>(
                 SyntheticChain::ethereum(seed, startMs));
         }},
        {QStringLiteral("base.blocks"),
         [](quint64 seed, qint64 startMs) {
             return std::make_unique<EvmBlockGenerator>(SyntheticChain::base(seed, startMs));
         }},
        {QStringLiteral("base.transactions"),
         [](quint64 seed, qint64 startMs) {
             return std::make_unique<EvmTransactionGenerator>(SyntheticChain::base(seed, startMs));
         }},
    };
    return map;
}

} // namespace

std::unique_ptr<TopicGenerator> TopicGenerator::create(const QString &topic, quint64 seed)
{
    return create(topic, seed, SyntheticChain::DefaultStartMs);
}

std::unique_ptr<TopicGenerator> TopicGenerator::create(const QString &topic, quint64 seed,
                                                       qint64 startMs)
{
    const auto it = factories().find(topic);
    if (it == factories().end())
        return nullptr;
    return it->second(seed, startMs);
}

QStringList TopicGenerator::topics()
{
    QStringList names;
    for (const auto &entry : factories())
        names.append(entry.first);
    return names;
}

} // namespace allium
