// SPDX-License-Identifier: MIT
#include "emulator/api/assetsendpoints.h"

#include "emulator/api/apirequestreader.h"
#include "emulator/api/assetlisting.h"
#include "emulator/api/jsonlisttext.h"
#include "emulator/emulatorframes.h"
#include "emulator/generators/syntheticdatatokens.h"

#include <QJsonArray>

#include <algorithm>

namespace allium {

QList<ApiRoute> AssetsEndpoints::routes()
{
    return {{QStringLiteral("GET"), QStringLiteral("/api/v1/developer/assets"), &list},
            {QStringLiteral("POST"), QStringLiteral("/api/v1/developer/assets/batch"), &batch}};
}

ApiAnswer AssetsEndpoints::list(const ApiCall &request)
{
    const QJsonObject &params = request.parameters;
    QString chain;
    if (auto refused =
            ApiRequestReader::optionalChain(params, QStringLiteral("blockchain"), &chain))
        return *refused;
    const qint64 limit = ApiRequestReader::integer(params, QStringLiteral("limit"), 100);
    qint64 offset = 0;
    if (auto refused = ApiRequestReader::cursorOffset(params, QStringLiteral("offset"), &offset))
        return *refused;

    const std::shared_ptr<const AssetListing> listing = AssetListing::forSeed(request.seed);
    static const QList<qsizetype> none;
    const QList<qsizetype> *indexes = nullptr;
    if (!chain.isEmpty()) {
        const auto it = listing->byChain.constFind(chain);
        indexes = it == listing->byChain.cend() ? &none : &it.value();
    }
    const qint64 size = indexes ? indexes->size() : listing->items.size();
    QJsonArray items;
    JsonListText itemsText;
    const qint64 end = std::min<qint64>(offset + limit, size);
    for (qint64 i = offset; i < end; ++i) {
        const qsizetype index = indexes ? indexes->at(i) : i;
        items.append(listing->items.at(index));
        itemsText.append(listing->itemTexts.at(index));
    }
    const QJsonValue next = ApiRequestReader::nextCursor(QStringLiteral("offset"), end, size);
    // Keys in ascending order, as QJsonDocument writes them.
    const QString text = QLatin1String("{\"cursor\":") + EmulatorFrames::jsonText(next) +
                         QLatin1String(",\"items\":") + itemsText.finish() + QLatin1Char('}');
    return ApiAnswer::successText(
        text, QJsonObject{{QStringLiteral("items"), items}, {QStringLiteral("cursor"), next}});
}

ApiAnswer AssetsEndpoints::batch(const ApiCall &request)
{
    const std::shared_ptr<const AssetListing> listing = AssetListing::forSeed(request.seed);
    const QJsonArray inputs = request.body.toArray();
    QJsonArray found;
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        const QJsonObject input = inputs.at(i).toObject();
        const qint64 id = ApiRequestReader::integer(input, QStringLiteral("id"), 0);
        const QString slug = input.value(QLatin1String("slug")).toString();
        const QString chain = input.value(QLatin1String("chain")).toString();
        QString address = input.value(QLatin1String("address")).toString();
        if (id == 0 && slug.isEmpty() && (chain.isEmpty() || address.isEmpty())) {
            return ApiAnswer::invalid(QJsonArray{QStringLiteral("body"), double(i)},
                                      QStringLiteral("name the asset by id, slug, or chain and "
                                                     "address"),
                                      QStringLiteral("value_error.missing"));
        }
        if (SyntheticTokens::isEvmChain(chain))
            address = address.toLower();
        // Unknown assets are left out, as a lookup that finds nothing.
        for (const QJsonObject &asset : listing->items) {
            const QJsonObject onChain = asset.value(QLatin1String("chain_specific_data"))
                                            .toObject()
                                            .value(chain)
                                            .toObject();
            if ((id != 0 && qint64(asset.value(QLatin1String("id")).toDouble()) == id) ||
                (!slug.isEmpty() && asset.value(QLatin1String("slug")).toString() == slug) ||
                (!address.isEmpty() &&
                 onChain.value(QLatin1String("address")).toString() == address)) {
                found.append(asset);
                break;
            }
        }
    }
    return ApiAnswer::success(found);
}

} // namespace allium
