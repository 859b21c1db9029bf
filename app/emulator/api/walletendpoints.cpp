// SPDX-License-Identifier: MIT
#include "emulator/api/walletendpoints.h"

#include "emulator/api/apirequestreader.h"
#include "emulator/api/apivalues.h"
#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/syntheticdatachain.h"
#include "emulator/generators/syntheticdatatokens.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace allium {

QList<ApiRoute> WalletEndpoints::routes()
{
    return {
        {QStringLiteral("POST"), QStringLiteral("/api/v1/developer/wallet/balances"), &balances}};
}

ApiAnswer WalletEndpoints::balances(const ApiRequest &request)
{
    const quint64 seed = request.seed;
    QList<QPair<QString, QString>> wallets;
    QString error;
    if (!ApiRequestReader::addressList(request.body, QStringLiteral("address"), &error, &wallets)) {
        // Balances take {"chain","address"}; say it in that order, as the docs do.
        return ApiAnswer::failure(error.replace(QStringLiteral("{\"address\",\"chain\"}"),
                                                QStringLiteral("{\"chain\",\"address\"}")));
    }
    QJsonArray items;
    for (const auto &[chain, address] : wallets) {
        SyntheticData random(SyntheticData::mix(SyntheticData::mix(seed, chain), address));
        QList<SyntheticTokens::Token> held;
        SyntheticTokens::Token native;
        native.chain = chain;
        native.decimals = SyntheticTokens::isEvmChain(chain) ? 18 : 9;
        native.address = SyntheticTokens::isEvmChain(chain)
                             ? QStringLiteral("0x0000000000000000000000000000000000000000")
                             : QStringLiteral("11111111111111111111111111111111");
        native.symbol =
            SyntheticTokens::isEvmChain(chain) ? QStringLiteral("ETH") : QStringLiteral("SOL");
        native.name =
            SyntheticTokens::isEvmChain(chain) ? QStringLiteral("Ether") : QStringLiteral("Solana");
        native.priceUsd = SyntheticTokens::onChain(chain).first().priceUsd;
        held.append(native);
        for (const SyntheticTokens::Token &t : SyntheticTokens::onChain(chain)) {
            if (random.chance(0.45))
                held.append(t);
        }
        qint64 blockNumber = 0;
        QString blockHash;
        qint64 blockMs = ApiValues::nowMs();
        if (SyntheticTokens::isEvmChain(chain)) {
            const SyntheticChain evm = chain == QLatin1String("base")
                                           ? SyntheticChain::base(seed)
                                           : SyntheticChain::ethereum(seed);
            blockNumber = evm.firstNumber();
            blockHash = evm.blockHash(blockNumber);
            blockMs = evm.timestampMs(blockNumber);
        } else {
            blockNumber =
                380000000 + qint64(SyntheticData::mix(seed, QStringLiteral("solana")) % 200000);
            blockHash = SyntheticData::base58Of(SyntheticData::mix(seed, quint64(blockNumber)), 44);
        }
        for (const SyntheticTokens::Token &t : held) {
            // Wallet sizes are heavy-tailed: mostly a few hundred dollars, some whales.
            const double usd = random.logNormal(std::log(300.0), 2.2);
            const double amount = usd / t.priceUsd;
            const QString raw = SyntheticData::rawAmount(amount, t.decimals);
            items.append(QJsonObject{
                {QStringLiteral("chain"), chain},
                {QStringLiteral("address"), address},
                {QStringLiteral("token"),
                 ApiValues::tokenObject(t, t.priceUsd * ApiValues::wobble(seed, t.address, 0.01))},
                {QStringLiteral("raw_balance"), raw.toDouble()},
                {QStringLiteral("raw_balance_str"), raw},
                {QStringLiteral("block_timestamp"), SyntheticData::isoTime(blockMs)},
                {QStringLiteral("block_number"), double(blockNumber)},
                {QStringLiteral("block_hash"), blockHash},
            });
        }
    }
    return ApiAnswer::success(QJsonObject{{QStringLiteral("items"), items}});
}

} // namespace allium
