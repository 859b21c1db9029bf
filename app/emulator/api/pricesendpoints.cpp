// SPDX-License-Identifier: MIT
#include "emulator/api/pricesendpoints.h"

#include "emulator/api/apirequestreader.h"
#include "emulator/api/apivalues.h"
#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/syntheticdatatokens.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace allium {

namespace {

// The token at (chain, address): a well-known one, or a made-up one derived from the address.
SyntheticTokens::Token lookupToken(quint64 seed, const QString &chain, const QString &address)
{
    if (const SyntheticTokens::Token *known = SyntheticTokens::find(chain, address))
        return *known;
    SyntheticTokens::Token t =
        SyntheticTokens::synthetic(seed, chain, int(SyntheticData::mix(0, address) % 1000000));
    t.address = address;
    return t;
}

} // namespace

QList<ApiRoute> PricesEndpoints::routes()
{
    return {{QStringLiteral("POST"), QStringLiteral("/api/v1/developer/prices"), &latest}};
}

ApiAnswer PricesEndpoints::latest(const ApiRequest &request)
{
    const quint64 seed = request.seed;
    QList<QPair<QString, QString>> requested;
    QString error;
    if (!ApiRequestReader::addressList(request.body, QStringLiteral("token_address"), &error,
                                       &requested))
        return ApiAnswer::failure(error);
    QJsonArray items;
    for (const auto &[chain, address] : requested) {
        const SyntheticTokens::Token t = lookupToken(seed, chain, address);
        SyntheticData random(SyntheticData::mix(SyntheticData::mix(seed, address), 0x70726963));
        const double price = t.priceUsd * ApiValues::wobble(seed, address, 0.01);
        const double open = price * random.uniform(0.985, 1.015);
        const double high = std::max(open, price) * random.uniform(1.0, 1.01);
        const double low = std::min(open, price) * random.uniform(0.99, 1.0);
        const double volume24h =
            std::max(1000.0, t.circulatingSupply * t.priceUsd * random.uniform(0.005, 0.1));
        const qint64 trades24h = qint64(volume24h / random.uniform(300, 3000)) + 1;
        items.append(QJsonObject{
            {QStringLiteral("timestamp"), SyntheticData::isoTime(ApiValues::nowMs())},
            {QStringLiteral("chain"), chain},
            {QStringLiteral("address"), address},
            {QStringLiteral("decimals"), t.decimals},
            {QStringLiteral("price"), price},
            {QStringLiteral("open"), open},
            {QStringLiteral("high"), high},
            {QStringLiteral("close"), price},
            {QStringLiteral("low"), low},
            {QStringLiteral("volume_24h"), volume24h},
            {QStringLiteral("volume_1h"), volume24h / 24 * random.uniform(0.5, 1.5)},
            {QStringLiteral("trade_count_24h"), double(trades24h)},
            {QStringLiteral("trade_count_1h"), double(trades24h / 24 + 1)},
        });
    }
    return ApiAnswer::success(QJsonObject{{QStringLiteral("items"), items}});
}

} // namespace allium
