// SPDX-License-Identifier: MIT
#include "emulator/api/walletpnlendpoints.h"

#include "emulator/api/apirequestreader.h"
#include "emulator/api/apivalues.h"
#include "emulator/api/walletendpoints.h"
#include "emulator/api/walletportfolio.h"
#include "emulator/generators/syntheticdata.h"

#include <QJsonArray>
#include <QJsonObject>

namespace allium {

namespace {

struct TokenPnl
{
    double realized = 0;
    double unrealized = 0;
};

// P&L of holding `h` at price `price` with amount `amount`: realised gains grow with the
// wallet's turnover, unrealised ones are the amount held times the price over its cost.
TokenPnl pnlOf(quint64 seed, const WalletPortfolio &w, int h, double amount, double price)
{
    const WalletPortfolio::Holding &holding = w.holdings().at(h);
    SyntheticData random(
        SyntheticData::mix(SyntheticData::mix(seed, w.address()), holding.token.address));
    return {holding.amount * holding.averageCost * random.uniform(-0.2, 0.35),
            amount * (price - holding.averageCost)};
}

QJsonObject tokenEntry(quint64 seed, const WalletPortfolio &w, int h)
{
    const WalletPortfolio::Holding &holding = w.holdings().at(h);
    const double price = ApiValues::latestPrice(seed, holding.token);
    const TokenPnl p = pnlOf(seed, w, h, holding.amount, price);
    return QJsonObject{
        {QStringLiteral("token"), ApiValues::tokenObject(holding.token, price)},
        {QStringLiteral("balance"), SyntheticData::decimal(holding.amount, 6)},
        {QStringLiteral("average_cost"), ApiValues::money(holding.averageCost)},
        {QStringLiteral("current_price"), ApiValues::money(price)},
        {QStringLiteral("current_value"), ApiValues::money(price * holding.amount)},
        {QStringLiteral("realized_pnl"), ApiValues::money(p.realized)},
        {QStringLiteral("unrealized_pnl"), ApiValues::money(p.unrealized)},
    };
}

// The holding of `token` in `w`, or -1 when the wallet does not hold it.
int holdingOf(const WalletPortfolio &w, const QString &token)
{
    for (int h = 0; h < w.holdings().size(); ++h) {
        if (w.holdings().at(h).token.address.compare(token, Qt::CaseInsensitive) == 0)
            return h;
    }
    return -1;
}

std::optional<ApiAnswer> readInputs(const ApiCall &request, bool history,
                                    QList<ApiRequestReader::Input> *out)
{
    const QJsonValue batch =
        history ? request.body.toObject().value(QLatin1String("addresses")) : request.body;
    const QJsonArray loc = history ? QJsonArray{QStringLiteral("body"), QStringLiteral("addresses")}
                                   : QJsonArray{QStringLiteral("body")};
    return ApiRequestReader::inputs(batch, loc, QStringLiteral("address"), out);
}

QJsonObject walletHeader(const ApiRequestReader::Input &input, bool byToken)
{
    QJsonObject o{{QStringLiteral("chain"), input.chain},
                  {QStringLiteral("address"), input.address}};
    if (byToken)
        o.insert(QStringLiteral("token_address"),
                 input.object.value(QLatin1String("token_address")));
    return o;
}

ApiAnswer current(const ApiCall &request, bool byToken)
{
    QList<ApiRequestReader::Input> inputs;
    if (auto refused = readInputs(request, false, &inputs))
        return *refused;
    QJsonArray items;
    for (const auto &input : std::as_const(inputs)) {
        const WalletPortfolio w(request.seed, input.chain, input.address);
        const QString only = input.object.value(QLatin1String("token_address")).toString();
        QJsonArray tokens;
        double realized = 0;
        double unrealized = 0;
        for (int h = 0; h < w.holdings().size(); ++h) {
            if (byToken && h != holdingOf(w, only))
                continue;
            const WalletPortfolio::Holding &holding = w.holdings().at(h);
            const TokenPnl p = pnlOf(request.seed, w, h, holding.amount,
                                     ApiValues::latestPrice(request.seed, holding.token));
            realized += p.realized;
            unrealized += p.unrealized;
            tokens.append(tokenEntry(request.seed, w, h));
        }
        QJsonObject item = walletHeader(input, byToken);
        item.insert(QStringLiteral("tokens"), tokens);
        item.insert(QStringLiteral("total_realized_pnl"), ApiValues::money(realized));
        item.insert(QStringLiteral("total_unrealized_pnl"), ApiValues::money(unrealized));
        items.append(item);
    }
    return ApiAnswer::success(QJsonObject{{QStringLiteral("items"), items}});
}

ApiAnswer history(const ApiCall &request, bool byToken)
{
    QList<ApiRequestReader::Input> inputs;
    if (auto refused = readInputs(request, true, &inputs))
        return *refused;
    const QJsonObject body = request.body.toObject();
    ApiRequestReader::TimeGrid grid;
    if (auto refused = ApiRequestReader::windowGrid(body, QStringLiteral("granularity"), &grid))
        return *refused;
    const qint64 first = grid.first;
    const qint64 step = grid.step;
    const qint64 points = std::min<qint64>(grid.count, WalletEndpoints::MaxSeriesPoints);
    QJsonArray items;
    for (const auto &input : std::as_const(inputs)) {
        const WalletPortfolio w(request.seed, input.chain, input.address);
        const QList<QList<double>> amounts = w.amountSeries(first, step, points);
        const int only =
            byToken ? holdingOf(w, input.object.value(QLatin1String("token_address")).toString())
                    : -2;
        QJsonArray series;
        for (qint64 i = 0; i < points; ++i) {
            const qint64 t = first + i * step;
            double realized = 0;
            double unrealized = 0;
            for (int h = 0; h < w.holdings().size(); ++h) {
                if (only != -2 && h != only)
                    continue;
                const TokenPnl p =
                    pnlOf(request.seed, w, h, amounts.at(h).at(i),
                          ApiValues::priceAt(request.seed, w.holdings().at(h).token, t));
                // Realised gains accrue over the wallet's 90 days of history.
                const double elapsed =
                    1.0 - double(ApiValues::nowMs() - t) / double(WalletPortfolio::HistoryMs);
                realized += p.realized * std::max(0.0, elapsed);
                unrealized += p.unrealized;
            }
            series.append(
                QJsonObject{{QStringLiteral("timestamp"), SyntheticData::isoTime(t)},
                            {QStringLiteral("realized_pnl"), ApiValues::money(realized)},
                            {QStringLiteral("unrealized_pnl"), ApiValues::money(unrealized)}});
        }
        QJsonObject item = walletHeader(input, byToken);
        item.insert(QStringLiteral("pnl"), series);
        items.append(item);
    }
    return ApiAnswer::success(QJsonObject{{QStringLiteral("items"), items}});
}

} // namespace

QList<ApiRoute> WalletPnlEndpoints::routes()
{
    const QString post = QStringLiteral("POST");
    return {{post, QStringLiteral("/api/v1/developer/wallet/pnl"), &pnl},
            {post, QStringLiteral("/api/v1/developer/wallet/pnl/history"), &pnlHistory},
            {post, QStringLiteral("/api/v1/developer/wallet/pnl-by-token"), &pnlByToken},
            {post, QStringLiteral("/api/v1/developer/wallet/pnl-by-token/history"),
             &pnlByTokenHistory}};
}

ApiAnswer WalletPnlEndpoints::pnl(const ApiCall &request)
{
    return current(request, false);
}

ApiAnswer WalletPnlEndpoints::pnlHistory(const ApiCall &request)
{
    return history(request, false);
}

ApiAnswer WalletPnlEndpoints::pnlByToken(const ApiCall &request)
{
    return current(request, true);
}

ApiAnswer WalletPnlEndpoints::pnlByTokenHistory(const ApiCall &request)
{
    return history(request, true);
}

} // namespace allium
