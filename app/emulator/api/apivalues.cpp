// SPDX-License-Identifier: MIT
#include "emulator/api/apivalues.h"

#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/syntheticdatachain.h"

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

} // namespace allium
