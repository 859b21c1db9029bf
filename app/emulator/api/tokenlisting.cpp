// SPDX-License-Identifier: MIT
#include "emulator/api/tokenlisting.h"

#include "emulator/api/apivalues.h"
#include "emulator/api/seedcache.h"
#include "emulator/emulatorframes.h"
#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/syntheticdatatokens.h"

#include <algorithm>
#include <cmath>

namespace allium {

TokenListing::TokenListing(quint64 seed)
{
    for (const QString &c : SyntheticTokens::chains()) {
        const qsizetype begin = qsizetype(m_rows.size());
        QList<SyntheticTokens::Token> list = SyntheticTokens::onChain(c);
        for (int i = 0; i < ApiValues::SyntheticTokensPerChain; ++i)
            list.append(SyntheticTokens::synthetic(seed, c, i));
        for (const SyntheticTokens::Token &t : list) {
            SyntheticData random(SyntheticData::mix(SyntheticData::mix(seed, t.address), 0x746f6b));
            const double price = t.priceUsd * ApiValues::wobble(seed, t.address, 0.01);
            const double fdv = price * t.circulatingSupply * random.uniform(1.0, 2.5);
            const double volume = fdv * random.uniform(0.001, 0.08);
            const double tradeCount = std::floor(volume / random.uniform(200, 4000)) + 1;
            QJsonObject o = ApiValues::tokenObject(t, price);
            o.insert(QStringLiteral("attributes"),
                     QJsonObject{
                         {QStringLiteral("volume_24h"), volume},
                         {QStringLiteral("trade_count_24h"), tradeCount},
                         {QStringLiteral("fully_diluted_valuation"), fdv},
                         {QStringLiteral("total_supply"), t.circulatingSupply},
                         {QStringLiteral("price_change_24h"), random.uniform(-0.15, 0.15)},
                     });
            m_rows.push_back(
                {o, EmulatorFrames::jsonText(o), volume, tradeCount, fdv, t.address, t.name});
        }
        m_chainRange.insert(c, {begin, qsizetype(m_rows.size())});
    }
}

std::shared_ptr<const TokenListing> TokenListing::forSeed(quint64 seed)
{
    return SeedCache<TokenListing>::get(seed);
}

std::shared_ptr<const std::vector<qsizetype>>
TokenListing::order(const QString &chain, const QString &sort, bool ascending) const
{
    const QString key = chain + QLatin1Char('/') + sort + (ascending ? u'+' : u'-');
    const QMutexLocker lock(&m_mutex);
    if (const auto it = m_orders.constFind(key); it != m_orders.cend())
        return it.value();
    auto indexes = std::make_shared<std::vector<qsizetype>>();
    const QPair<qsizetype, qsizetype> range =
        chain.isEmpty() ? qMakePair(qsizetype(0), qsizetype(m_rows.size()))
                        : m_chainRange.value(chain);
    for (qsizetype i = range.first; i < range.second; ++i)
        indexes->push_back(i);
    const auto sortBy = [&](auto field) {
        // Stable, so ties keep the listing's order whichever way it is sorted.
        std::stable_sort(indexes->begin(), indexes->end(), [&](qsizetype a, qsizetype b) {
            const auto &x = m_rows[size_t(a)].*field;
            const auto &y = m_rows[size_t(b)].*field;
            return ascending ? x < y : y < x;
        });
    };
    if (sort == QLatin1String("volume"))
        sortBy(&Row::volume);
    else if (sort == QLatin1String("trade_count"))
        sortBy(&Row::tradeCount);
    else if (sort == QLatin1String("fully_diluted_valuation"))
        sortBy(&Row::fdv);
    else if (sort == QLatin1String("address"))
        sortBy(&Row::address);
    else
        sortBy(&Row::name);
    m_orders.insert(key, indexes);
    return indexes;
}

} // namespace allium
