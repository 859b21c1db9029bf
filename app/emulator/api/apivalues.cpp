// SPDX-License-Identifier: MIT
#include "emulator/api/apivalues.h"

#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/syntheticdatachain.h"

#include <cmath>

namespace allium {

qint64 ApiValues::nowMs()
{
    return SyntheticChain::DefaultStartMs;
}

double ApiValues::wobble(quint64 seed, const QString &key, double range)
{
    SyntheticData random(SyntheticData::mix(seed, key));
    return 1.0 + range * (2 * random.uniform() - 1);
}

QJsonObject ApiValues::tokenObject(const SyntheticTokens::Token &token, double price)
{
    return QJsonObject{
        {QStringLiteral("object"), QStringLiteral("token")},
        {QStringLiteral("chain"), token.chain},
        {QStringLiteral("address"), token.address},
        {QStringLiteral("type"),
         token.address.startsWith(QLatin1String("0x0000000000"))
             ? QStringLiteral("native")
             : (SyntheticTokens::isEvmChain(token.chain) ? QStringLiteral("evm_erc20")
                                                         : QStringLiteral("sol_spl"))},
        {QStringLiteral("price"), price},
        {QStringLiteral("decimals"), token.decimals},
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("name"), token.name},
                                             {QStringLiteral("symbol"), token.symbol}}},
    };
}

SyntheticTokens::Token ApiValues::token(quint64 seed, const QString &chain, const QString &address)
{
    if (const SyntheticTokens::Token *known = SyntheticTokens::find(chain, address))
        return *known;
    SyntheticTokens::Token t =
        SyntheticTokens::synthetic(seed, chain, int(SyntheticData::mix(0, address) % 1000000));
    t.address = address;
    return t;
}

double ApiValues::latestPrice(quint64 seed, const SyntheticTokens::Token &token)
{
    return token.priceUsd * wobble(seed, token.address, 0.01);
}

double ApiValues::priceAt(quint64 seed, const SyntheticTokens::Token &token, qint64 ms)
{
    const quint64 key = SyntheticData::mix(SyntheticData::mix(seed, token.address), 0x64726966);
    const auto draw = [key](quint64 i, double lo, double hi) {
        return unit(SyntheticData::mix(key, i), lo, hi);
    };
    // Stablecoins barely move; everything else drifts a few per cent over hours.
    const bool stable = std::abs(token.priceUsd - 1.0) < 0.01;
    const double slow = (stable ? 0.0004 : 0.04) * draw(1, 0.5, 1.5);
    const double fast = (stable ? 0.0002 : 0.012) * draw(2, 0.5, 1.5);
    const double slowPeriod = 6.0 * HourMs * draw(3, 0.7, 1.6);
    const double fastPeriod = 0.6 * HourMs * draw(4, 0.7, 1.6);
    const double phase = draw(5, 0, 6.283);
    const auto shape = [&](qint64 t) {
        return slow * std::sin(6.283185307 * double(t) / slowPeriod + phase) +
               fast * std::sin(6.283185307 * double(t) / fastPeriod + 2 * phase);
    };
    return latestPrice(seed, token) * (1.0 + shape(ms) - shape(nowMs()));
}

QJsonObject ApiValues::money(double usd)
{
    return QJsonObject{{QStringLiteral("currency"), QStringLiteral("USD")},
                       {QStringLiteral("amount"), SyntheticData::decimal(usd, 2)}};
}

} // namespace allium
