// SPDX-License-Identifier: MIT
#include "emulator/api/hyperliquidmarketendpoints.h"

#include "emulator/api/apirequestreader.h"
#include "emulator/api/apivalues.h"
#include "emulator/generators/hyperliquidtradegenerator.h"
#include "emulator/generators/syntheticdata.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace allium {

namespace {

using Coin = HyperliquidTradeGenerator::Coin;

// A coin as a token of the price model, so candles move like the other price answers.
SyntheticTokens::Token asToken(const Coin &coin)
{
    SyntheticTokens::Token t;
    t.chain = QStringLiteral("hyperliquid");
    t.address = QLatin1String(coin.name);
    t.symbol = t.address;
    t.priceUsd = coin.price;
    return t;
}

const Coin *findCoin(const QString &name)
{
    for (const Coin &c : HyperliquidTradeGenerator::coins()) {
        if (QLatin1String(c.name) == name)
            return &c;
    }
    return nullptr;
}

} // namespace

QList<ApiRoute> HyperliquidMarketEndpoints::routes()
{
    return {{QStringLiteral("GET"),
             QStringLiteral("/api/v1/developer/trading/hyperliquid/orderbook/snapshot"),
             &orderbook},
            {QStringLiteral("POST"),
             QStringLiteral("/api/v1/developer/trading/hyperliquid/candleSnapshot"), &candles},
            {QStringLiteral("POST"),
             QStringLiteral("/api/v1/developer/trading/hyperliquid/metaAndAssetCtxs"),
             &metaAndAssetCtxs}};
}

ApiAnswer HyperliquidMarketEndpoints::orderbook(const ApiCall &request)
{
    QJsonArray books;
    for (const Coin &coin : HyperliquidTradeGenerator::coins()) {
        const QString name = QLatin1String(coin.name);
        SyntheticData random(SyntheticData::mix(request.seed, name + QLatin1String("book")));
        const double mid = ApiValues::latestPrice(request.seed, asToken(coin));
        const double tick = mid * 0.0001;
        QJsonArray sides;
        for (const int sign : {-1, 1}) {
            QJsonArray levels;
            for (int i = 0; i < BookDepth; ++i) {
                const double px = mid + sign * tick * (i + 1) * random.uniform(1, 1.5);
                const double sz = HyperliquidTradeGenerator::roundSize(
                    random.logNormal(std::log(20000.0), 1.2) / px, coin.szDecimals);
                levels.append(
                    QJsonObject{{QStringLiteral("px"),
                                 HyperliquidTradeGenerator::priceText(px, coin.szDecimals)},
                                {QStringLiteral("sz"),
                                 HyperliquidTradeGenerator::sizeText(sz, coin.szDecimals)},
                                {QStringLiteral("n"), int(random.uniformInt(1, 12))}});
            }
            sides.append(levels);
        }
        books.append(QJsonObject{{QStringLiteral("coin"), name},
                                 {QStringLiteral("time"), double(ApiValues::nowMs())},
                                 {QStringLiteral("levels"), sides}});
    }
    return ApiAnswer::success(books);
}

ApiAnswer HyperliquidMarketEndpoints::candles(const ApiCall &request)
{
    const QJsonObject body = request.body.toObject();
    const QString name = body.value(QLatin1String("coin")).toString();
    const Coin *coin = findCoin(name);
    if (!coin) {
        QStringList names;
        for (const Coin &c : HyperliquidTradeGenerator::coins())
            names.append(QLatin1String(c.name));
        return ApiAnswer::invalid(QJsonArray{QStringLiteral("body"), QStringLiteral("coin")},
                                  QStringLiteral("unknown coin \"%1\" (known: %2)")
                                      .arg(name.left(40), names.join(QStringLiteral(", "))),
                                  QStringLiteral("value_error.coin"));
    }
    const QString interval = body.value(QLatin1String("interval")).toString();
    const qint64 step = ApiRequestReader::stepMs(interval);
    const qint64 end =
        std::min(ApiValues::nowMs(),
                 ApiRequestReader::integer(body, QStringLiteral("endTime"), ApiValues::nowMs()));
    const qint64 start = ApiRequestReader::integer(body, QStringLiteral("startTime"), 0);
    if (auto refused = ApiRequestReader::checkWindow(start, end, QJsonArray{QStringLiteral("body")},
                                                     QStringLiteral("endTime")))
        return *refused;
    // The latest MaxCandles of the window, oldest first.
    const qint64 first = std::max(start / step * step, (end / step - MaxCandles + 1) * step);
    const SyntheticTokens::Token token = asToken(*coin);
    QJsonArray out;
    for (qint64 t = first; t <= end; t += step) {
        SyntheticData random(
            SyntheticData::mix(SyntheticData::mix(request.seed, name), quint64(t)));
        const double open = ApiValues::priceAt(request.seed, token, t);
        const double close =
            ApiValues::priceAt(request.seed, token, std::min(t + step, ApiValues::nowMs()));
        const auto px = [coin](double v) {
            return HyperliquidTradeGenerator::priceText(v, coin->szDecimals);
        };
        out.append(QJsonObject{
            {QStringLiteral("t"), double(t)},
            {QStringLiteral("T"), double(t + step - 1)},
            {QStringLiteral("s"), name},
            {QStringLiteral("i"), interval},
            {QStringLiteral("o"), px(open)},
            {QStringLiteral("c"), px(close)},
            {QStringLiteral("h"), px(std::max(open, close) * random.uniform(1.0, 1.004))},
            {QStringLiteral("l"), px(std::min(open, close) * random.uniform(0.996, 1.0))},
            {QStringLiteral("v"),
             SyntheticData::decimal(random.logNormal(std::log(2e6), 0.8) / open, coin->szDecimals)},
            {QStringLiteral("n"), int(random.uniformInt(50, 5000))}});
    }
    return ApiAnswer::success(out);
}

ApiAnswer HyperliquidMarketEndpoints::metaAndAssetCtxs(const ApiCall &request)
{
    QJsonArray universe;
    QJsonArray contexts;
    for (const Coin &coin : HyperliquidTradeGenerator::coins()) {
        const QString name = QLatin1String(coin.name);
        SyntheticData random(SyntheticData::mix(request.seed, name + QLatin1String("ctx")));
        const SyntheticTokens::Token token = asToken(coin);
        const double mark = ApiValues::latestPrice(request.seed, token);
        const double dayAgo =
            ApiValues::priceAt(request.seed, token, ApiValues::nowMs() - 24 * ApiValues::HourMs);
        const auto px = [&coin](double v) {
            return HyperliquidTradeGenerator::priceText(v, coin.szDecimals);
        };
        universe.append(QJsonObject{{QStringLiteral("name"), name},
                                    {QStringLiteral("szDecimals"), coin.szDecimals},
                                    {QStringLiteral("maxLeverage"), coin.price > 1000 ? 40 : 10}});
        contexts.append(QJsonObject{
            {QStringLiteral("funding"),
             SyntheticData::decimal(random.uniform(-0.00005, 0.0001), 8)},
            {QStringLiteral("openInterest"),
             SyntheticData::decimal(random.logNormal(std::log(5e7), 1.0) / mark, coin.szDecimals)},
            {QStringLiteral("prevDayPx"), px(dayAgo)},
            {QStringLiteral("dayNtlVlm"),
             SyntheticData::decimal(random.logNormal(std::log(2e8), 1.0), 2)},
            {QStringLiteral("markPx"), px(mark)},
            {QStringLiteral("midPx"), px(mark * random.uniform(0.9999, 1.0001))},
            {QStringLiteral("oraclePx"), px(mark * random.uniform(0.999, 1.001))}});
    }
    return ApiAnswer::success(
        QJsonArray{QJsonObject{{QStringLiteral("universe"), universe}}, contexts});
}

} // namespace allium
