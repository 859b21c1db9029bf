// SPDX-License-Identifier: MIT
#include "emulator/api/walletendpoints.h"

#include "emulator/api/apirequestreader.h"
#include "emulator/api/apivalues.h"
#include "emulator/api/walletportfolio.h"
#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/syntheticdatatokens.h"

#include <QJsonArray>
#include <QJsonObject>

namespace allium {

namespace {

QJsonObject balanceItem(quint64 seed, const WalletPortfolio &wallet, int index, double amount,
                        const WalletPortfolio::Block &block)
{
    const SyntheticTokens::Token &t = wallet.holdings().at(index).token;
    const QString raw = SyntheticData::rawAmount(amount, t.decimals);
    return QJsonObject{
        {QStringLiteral("chain"), wallet.chain()},
        {QStringLiteral("address"), wallet.address()},
        {QStringLiteral("token"), ApiValues::tokenObject(t, ApiValues::latestPrice(seed, t))},
        {QStringLiteral("raw_balance"), raw.toDouble()},
        {QStringLiteral("raw_balance_str"), raw},
        {QStringLiteral("block_timestamp"), SyntheticData::isoTime(block.ms)},
        {QStringLiteral("block_number"), double(block.number)},
        {QStringLiteral("block_hash"), block.hash},
    };
}

// The wallets of a request whose body holds them under "addresses".
std::optional<ApiAnswer> addressInputs(const ApiCall &request, QList<ApiRequestReader::Input> *out)
{
    return ApiRequestReader::inputs(request.body.toObject().value(QLatin1String("addresses")),
                                    QJsonArray{QStringLiteral("body"), QStringLiteral("addresses")},
                                    QStringLiteral("address"), out);
}

} // namespace

QList<ApiRoute> WalletEndpoints::routes()
{
    const QString post = QStringLiteral("POST");
    return {{post, QStringLiteral("/api/v1/developer/wallet/balances"), &balances},
            {post, QStringLiteral("/api/v1/developer/wallet/balances/history"), &balanceHistory},
            {post, QStringLiteral("/api/v1/developer/wallet/holdings/history"), &holdingsHistory}};
}

ApiAnswer WalletEndpoints::balances(const ApiCall &request)
{
    QList<ApiRequestReader::Input> wallets;
    if (auto refused = ApiRequestReader::inputs(request.body, QJsonArray{QStringLiteral("body")},
                                                QStringLiteral("address"), &wallets))
        return *refused;
    QJsonArray items;
    for (const auto &input : std::as_const(wallets)) {
        const WalletPortfolio wallet(request.seed, input.chain, input.address);
        const WalletPortfolio::Block block = wallet.blockAt(ApiValues::nowMs());
        for (int i = 0; i < wallet.holdings().size(); ++i)
            items.append(
                balanceItem(request.seed, wallet, i, wallet.holdings().at(i).amount, block));
    }
    return ApiAnswer::success(QJsonObject{{QStringLiteral("items"), items}});
}

ApiAnswer WalletEndpoints::balanceHistory(const ApiCall &request)
{
    QList<ApiRequestReader::Input> wallets;
    if (auto refused = addressInputs(request, &wallets))
        return *refused;
    const QJsonObject body = request.body.toObject();
    qint64 start = 0;
    qint64 end = 0;
    if (auto refused = ApiRequestReader::isoWindow(body, &start, &end))
        return *refused;
    const QString kind = QStringLiteral("balances-history");
    qint64 offset = 0;
    if (auto refused = ApiRequestReader::cursorOffset(request.parameters, kind, &offset))
        return *refused;
    const qint64 limit =
        ApiRequestReader::integer(request.parameters, QStringLiteral("limit"), 100);

    // Every change of every wallet, wallet by wallet, newest first: the cursor is a position in
    // this list, which is the same for the same request.
    qint64 position = 0;
    QJsonArray items;
    for (const auto &input : std::as_const(wallets)) {
        const WalletPortfolio wallet(request.seed, input.chain, input.address);
        const bool solana = !SyntheticTokens::isEvmChain(input.chain);
        for (const WalletPortfolio::Change &c : wallet.changes(start, end)) {
            if (position >= offset && position < offset + limit) {
                QJsonObject item = balanceItem(request.seed, wallet, c.holding, c.after, c.block);
                if (solana) {
                    item.insert(QStringLiteral("block_slot"), double(c.block.number));
                    item.insert(
                        QStringLiteral("token_account"),
                        SyntheticData::base58Of(
                            SyntheticData::mix(SyntheticData::mix(request.seed, input.address),
                                               quint64(c.holding)),
                            44));
                    item.insert(QStringLiteral("txn_index"), c.txIndex);
                    item.insert(QStringLiteral("txn_id"), c.txHash);
                }
                items.append(item);
            }
            ++position;
        }
    }
    return ApiAnswer::success(QJsonObject{
        {QStringLiteral("items"), items},
        {QStringLiteral("cursor"), ApiRequestReader::nextCursor(kind, offset + limit, position)}});
}

ApiAnswer WalletEndpoints::holdingsHistory(const ApiCall &request)
{
    QList<ApiRequestReader::Input> inputs;
    if (auto refused = addressInputs(request, &inputs))
        return *refused;
    const QJsonObject body = request.body.toObject();
    ApiRequestReader::TimeGrid grid;
    if (auto refused = ApiRequestReader::windowGrid(body, QStringLiteral("granularity"), &grid))
        return *refused;
    const auto [first, points, step] = grid;
    if (points > MaxSeriesPoints) {
        return ApiAnswer::invalid(
            QJsonArray{QStringLiteral("body"), QStringLiteral("granularity")},
            QStringLiteral("%1 points: at most %2, use a coarser granularity or a shorter window")
                .arg(points)
                .arg(MaxSeriesPoints),
            QStringLiteral("value_error.too_many_points"));
    }
    QList<WalletPortfolio> wallets;
    QList<QList<QList<double>>> amounts; // wallet, holding, point
    for (const auto &input : std::as_const(inputs)) {
        wallets.append(WalletPortfolio(request.seed, input.chain, input.address));
        amounts.append(wallets.last().amountSeries(first, step, points));
    }
    QJsonArray items;
    for (qint64 i = 0; i < points; ++i) {
        const qint64 t = first + i * step;
        double usd = 0;
        for (qsizetype w = 0; w < wallets.size(); ++w) {
            for (qsizetype h = 0; h < wallets.at(w).holdings().size(); ++h)
                usd += amounts.at(w).at(h).at(i) *
                       ApiValues::priceAt(request.seed, wallets.at(w).holdings().at(h).token, t);
        }
        items.append(QJsonObject{{QStringLiteral("timestamp"), SyntheticData::isoTime(t)},
                                 {QStringLiteral("amount"),
                                  QJsonObject{{QStringLiteral("currency"), QStringLiteral("USD")},
                                              {QStringLiteral("amount"), usd}}}});
    }
    return ApiAnswer::success(QJsonObject{{QStringLiteral("items"), items}});
}

} // namespace allium
