// SPDX-License-Identifier: MIT
#include "emulator/api/wallettransactions.h"

#include "emulator/api/apirequestreader.h"
#include "emulator/api/apivalues.h"
#include "emulator/api/walletportfolio.h"
#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/syntheticdatatokens.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace allium {

namespace {

QJsonObject amountObject(double amount, int decimals)
{
    const QString raw = SyntheticData::rawAmount(std::abs(amount), decimals);
    return QJsonObject{{QStringLiteral("raw_amount"), raw},
                       {QStringLiteral("amount_str"), SyntheticData::decimal(std::abs(amount), 6)},
                       {QStringLiteral("amount"), std::abs(amount)}};
}

QJsonObject transaction(quint64 seed, const WalletPortfolio &wallet,
                        const WalletPortfolio::Change &c, const QString &activity)
{
    const SyntheticTokens::Token &t = wallet.holdings().at(c.holding).token;
    const bool received = c.after > c.before;
    const bool evm = SyntheticTokens::isEvmChain(wallet.chain());
    SyntheticData random(SyntheticData::mix(seed, c.txHash));
    const QString counterparty = evm ? random.evmAddress() : random.base58(44);
    const QString from = received ? counterparty : wallet.address();
    const QString to = received ? wallet.address() : counterparty;
    const double fee = evm ? random.uniform(0.00002, 0.002) : 0.000005;
    const QJsonObject transfer{
        {QStringLiteral("transfer_type"),
         received ? QStringLiteral("received") : QStringLiteral("sent")},
        {QStringLiteral("asset"), ApiValues::tokenObject(t, ApiValues::latestPrice(seed, t))},
        {QStringLiteral("from_address"), from},
        {QStringLiteral("to_address"), to},
        {QStringLiteral("amount"), amountObject(c.after - c.before, t.decimals)}};
    return QJsonObject{
        {QStringLiteral("id"), wallet.chain() + QLatin1Char('-') + c.txHash},
        {QStringLiteral("type"), received ? 1 : 2},
        {QStringLiteral("address"), wallet.address()},
        {QStringLiteral("chain"), wallet.chain()},
        {QStringLiteral("hash"), c.txHash},
        {QStringLiteral("index"), c.txIndex},
        {QStringLiteral("within_block_order_key"), double(c.block.number) * 100000 + c.txIndex},
        {QStringLiteral("block_timestamp"), SyntheticData::isoTime(c.block.ms)},
        {QStringLiteral("block_number"), double(c.block.number)},
        {QStringLiteral("block_hash"), c.block.hash},
        {QStringLiteral("fee"), amountObject(fee, evm ? 18 : 9)},
        {QStringLiteral("labels"), QJsonArray()},
        {QStringLiteral("from_address"), from},
        {QStringLiteral("to_address"), to},
        {QStringLiteral("asset_transfers"), QJsonArray{transfer}},
        {QStringLiteral("activities"), QJsonArray{QJsonObject{{QStringLiteral("type"), activity}}}},
    };
}

// What kind of activity a change was: mostly transfers, some swaps, the odd mint or burn.
QString activityOf(quint64 seed, const WalletPortfolio::Change &c)
{
    const double u =
        ApiValues::unit(SyntheticData::mix(seed, quint64(c.ms) * 64 + quint64(c.holding)));
    return QLatin1String(u < 0.70   ? "asset_transfer"
                         : u < 0.92 ? "swap"
                         : u < 0.95 ? "mint"
                         : u < 0.98 ? "burn"
                                    : "approval");
}

} // namespace

QList<ApiRoute> WalletTransactions::routes()
{
    return {
        {QStringLiteral("POST"), QStringLiteral("/api/v1/developer/wallet/transactions"), &list}};
}

ApiAnswer WalletTransactions::list(const ApiCall &request)
{
    QList<ApiRequestReader::Input> wallets;
    if (auto refused = ApiRequestReader::inputs(request.body, QJsonArray{QStringLiteral("body")},
                                                QStringLiteral("address"), &wallets))
        return *refused;
    const QString kind = QStringLiteral("wallet-transactions");
    qint64 offset = 0;
    if (auto refused = ApiRequestReader::cursorOffset(request.parameters, kind, &offset))
        return *refused;
    const qint64 limit = ApiRequestReader::integer(request.parameters, QStringLiteral("limit"), 25);
    const QString only = request.parameters.value(QLatin1String("activity_type")).toString();
    const qint64 now = ApiValues::nowMs();

    qint64 position = 0;
    QJsonArray items;
    for (const auto &input : std::as_const(wallets)) {
        const WalletPortfolio wallet(request.seed, input.chain, input.address);
        for (const WalletPortfolio::Change &c :
             wallet.changes(now - WalletPortfolio::HistoryMs, now)) {
            const QString activity = activityOf(request.seed, c);
            if (!only.isEmpty() && activity != only)
                continue;
            if (position >= offset && position < offset + limit)
                items.append(transaction(request.seed, wallet, c, activity));
            ++position;
        }
    }
    return ApiAnswer::success(QJsonObject{
        {QStringLiteral("items"), items},
        {QStringLiteral("cursor"), ApiRequestReader::nextCursor(kind, offset + limit, position)}});
}

} // namespace allium
