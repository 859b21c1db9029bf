// SPDX-License-Identifier: MIT
#include "emulator/api/assetlisting.h"

#include "emulator/api/apivalues.h"
#include "emulator/api/seedcache.h"
#include "emulator/emulatorframes.h"
#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/syntheticdatatokens.h"

#include <algorithm>

namespace allium {

namespace {

// The well-known tokens grouped into assets by slug (USDC on three chains is one asset).
struct Asset
{
    qint64 id = 0;
    QList<SyntheticTokens::Token> tokens;
};

QList<Asset> assetUniverse(quint64 seed)
{
    QList<Asset> assets;
    for (const SyntheticTokens::Token &t : SyntheticTokens::all()) {
        auto it = std::find_if(assets.begin(), assets.end(),
                               [&t](const Asset &a) { return a.tokens.first().slug == t.slug; });
        if (it == assets.end()) {
            assets.append(Asset{assets.size() + 1, {t}});
        } else {
            it->tokens.append(t);
        }
    }
    const int known = int(assets.size());
    const QStringList chains = SyntheticTokens::chains();
    for (int i = 0; i < ApiValues::SyntheticTokensPerChain; ++i) {
        for (int c = 0; c < chains.size(); ++c)
            assets.append(Asset{known + 1 + i * chains.size() + c,
                                {SyntheticTokens::synthetic(seed, chains.at(c), i)}});
    }
    return assets;
}

QJsonObject assetItem(const Asset &asset)
{
    const SyntheticTokens::Token &first = asset.tokens.first();
    QJsonObject chains;
    for (const SyntheticTokens::Token &t : asset.tokens) {
        chains.insert(t.chain, QJsonObject{{QStringLiteral("address"), t.address},
                                           {QStringLiteral("decimals"), t.decimals}});
    }
    return QJsonObject{
        {QStringLiteral("id"), double(asset.id)},
        {QStringLiteral("slug"), first.slug},
        {QStringLiteral("source"), QStringLiteral("coingecko")},
        {QStringLiteral("chain_specific_data"), chains},
        {QStringLiteral("name"), first.name},
        {QStringLiteral("symbol"), first.symbol},
        // .invalid never resolves: a client that loads images makes no traffic off loopback.
        {QStringLiteral("image_url"),
         QStringLiteral("https://assets.allium-emulator.invalid/%1.png").arg(first.slug)},
        {QStringLiteral("circulating_supply"), first.circulatingSupply},
        {QStringLiteral("token_creation_time"), SyntheticData::isoTime(first.creationMs)},
    };
}

} // namespace

AssetListing::AssetListing(quint64 seed)
{
    const QList<Asset> assets = assetUniverse(seed);
    for (qsizetype i = 0; i < assets.size(); ++i) {
        items.append(assetItem(assets.at(i)));
        itemTexts.append(EmulatorFrames::jsonText(items.last()));
        QStringList chains;
        for (const SyntheticTokens::Token &t : assets.at(i).tokens) {
            if (!chains.contains(t.chain))
                chains.append(t.chain);
        }
        for (const QString &chain : chains)
            byChain[chain].append(i);
    }
}

std::shared_ptr<const AssetListing> AssetListing::forSeed(quint64 seed)
{
    return SeedCache<AssetListing>::get(seed);
}

} // namespace allium
