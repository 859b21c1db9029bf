// SPDX-License-Identifier: MIT
#include "emulator/api/hyperliquidendpoints.h"

#include "emulator/api/apirequestreader.h"
#include "emulator/api/apivalues.h"
#include "emulator/api/hyperliquiduserfills.h"
#include "emulator/generators/hyperliquidfillgenerator.h"
#include "emulator/generators/hyperliquidtradegenerator.h"
#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/syntheticdatatokens.h"
#include "emulator/messagewriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <cmath>

namespace allium {

namespace {

// Hyperliquid answers at most this many fills per request.
constexpr int MaxFills = 2000;
constexpr qint64 HourMs = ApiValues::HourMs;
// The latest time a request may name: 2100-01-01.
constexpr qint64 MaxTimeMs = 4102444800000LL;

QJsonObject activeAssetData(quint64 seed, const QString &user, const QString &coinName)
{
    const HyperliquidTradeGenerator::Coin *coin = nullptr;
    for (const auto &c : HyperliquidTradeGenerator::coins()) {
        if (QLatin1String(c.name) == coinName)
            coin = &c;
    }
    SyntheticData random(SyntheticData::mix(SyntheticData::mix(seed, user), coinName));
    const double px = coin ? coin->price * ApiValues::wobble(seed, coinName, 0.005) : 1.0;
    const int decimals = coin ? coin->szDecimals : 2;
    const int leverage = int(random.uniformInt(1, 20));
    const double available = random.logNormal(std::log(5000.0), 1.2);
    const QString size = HyperliquidTradeGenerator::sizeText(
        HyperliquidTradeGenerator::roundSize(available * leverage / px, decimals), decimals);
    return QJsonObject{
        {QStringLiteral("user"), user},
        {QStringLiteral("coin"), coinName},
        {QStringLiteral("leverage"), QJsonObject{{QStringLiteral("type"), QStringLiteral("cross")},
                                                 {QStringLiteral("value"), leverage}}},
        {QStringLiteral("maxTradeSzs"), QJsonArray{size, size}},
        {QStringLiteral("availableToTrade"),
         QJsonArray{SyntheticData::decimal(available, 2), SyntheticData::decimal(available, 2)}},
        {QStringLiteral("markPx"), HyperliquidTradeGenerator::priceText(px, decimals)},
    };
}

QJsonObject allMids(quint64 seed)
{
    QJsonObject mids;
    for (const auto &coin : HyperliquidTradeGenerator::coins()) {
        const QString name = QLatin1String(coin.name);
        mids.insert(name, HyperliquidTradeGenerator::priceText(
                              coin.price * ApiValues::wobble(seed, name, 0.005), coin.szDecimals));
    }
    return mids;
}

QJsonObject meta()
{
    QJsonArray universe;
    for (const auto &coin : HyperliquidTradeGenerator::coins()) {
        universe.append(QJsonObject{{QStringLiteral("name"), QLatin1String(coin.name)},
                                    {QStringLiteral("szDecimals"), coin.szDecimals},
                                    {QStringLiteral("maxLeverage"), coin.price > 1000 ? 40 : 10}});
    }
    return QJsonObject{{QStringLiteral("universe"), universe}};
}

QJsonArray openOrders(SyntheticData &random)
{
    const QList<HyperliquidTradeGenerator::Coin> &coins = HyperliquidTradeGenerator::coins();
    QJsonArray orders;
    const int count = int(random.uniformInt(0, 8));
    for (int i = 0; i < count; ++i) {
        const auto &coin = coins.at(int(random.uniformInt(0, coins.size() - 1)));
        const bool bid = random.chance(0.5);
        const double px =
            coin.price * (bid ? random.uniform(0.9, 0.995) : random.uniform(1.005, 1.1));
        const double sz = HyperliquidTradeGenerator::roundSize(
            random.logNormal(std::log(1000.0), 1.3) / px, coin.szDecimals);
        orders.append(QJsonObject{
            {QStringLiteral("coin"), QLatin1String(coin.name)},
            {QStringLiteral("limitPx"), HyperliquidTradeGenerator::priceText(px, coin.szDecimals)},
            {QStringLiteral("oid"), double(random.uniformInt(200000000000LL, 260000000000LL))},
            {QStringLiteral("side"), bid ? QStringLiteral("B") : QStringLiteral("A")},
            {QStringLiteral("sz"), HyperliquidTradeGenerator::sizeText(sz, coin.szDecimals)},
            {QStringLiteral("timestamp"),
             double(ApiValues::nowMs() - random.uniformInt(0, 72 * HourMs))},
        });
    }
    return orders;
}

QJsonObject clearinghouseState(SyntheticData &random)
{
    const QList<HyperliquidTradeGenerator::Coin> &coins = HyperliquidTradeGenerator::coins();
    QJsonArray positions;
    double notional = 0;
    double margin = 0;
    const int count = int(random.uniformInt(0, 4));
    for (int i = 0; i < count; ++i) {
        const auto &coin = coins.at(i * 2 % coins.size());
        const int leverage = int(random.uniformInt(2, 20));
        const double entry = coin.price * random.uniform(0.9, 1.1);
        const double size = HyperliquidTradeGenerator::roundSize(
            random.logNormal(std::log(5000.0), 1.5) / entry * (random.chance(0.5) ? 1 : -1),
            coin.szDecimals);
        const double value = std::abs(size) * coin.price;
        const double pnl = size * (coin.price - entry);
        notional += value;
        margin += value / leverage;
        positions.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("oneWay")},
            {QStringLiteral("position"),
             QJsonObject{
                 {QStringLiteral("coin"), QLatin1String(coin.name)},
                 {QStringLiteral("szi"), SyntheticData::decimal(size, coin.szDecimals)},
                 {QStringLiteral("entryPx"),
                  HyperliquidTradeGenerator::priceText(entry, coin.szDecimals)},
                 {QStringLiteral("positionValue"), SyntheticData::decimal(value, 6)},
                 {QStringLiteral("unrealizedPnl"), SyntheticData::decimal(pnl, 6)},
                 {QStringLiteral("returnOnEquity"),
                  SyntheticData::decimal(pnl / (value / leverage), 6)},
                 {QStringLiteral("marginUsed"), SyntheticData::decimal(value / leverage, 6)},
                 {QStringLiteral("maxLeverage"), coin.price > 1000 ? 40 : 10},
                 {QStringLiteral("leverage"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("cross")},
                              {QStringLiteral("value"), leverage}}},
                 {QStringLiteral("liquidationPx"),
                  HyperliquidTradeGenerator::priceText(
                      entry * (size > 0 ? 1 - 0.8 / leverage : 1 + 0.8 / leverage),
                      coin.szDecimals)},
             }},
        });
    }
    const double accountValue = margin + random.logNormal(std::log(2000.0), 1.5);
    const QJsonObject summary{
        {QStringLiteral("accountValue"), SyntheticData::decimal(accountValue, 6)},
        {QStringLiteral("totalNtlPos"), SyntheticData::decimal(notional, 6)},
        {QStringLiteral("totalRawUsd"), SyntheticData::decimal(accountValue, 6)},
        {QStringLiteral("totalMarginUsed"), SyntheticData::decimal(margin, 6)},
    };
    return QJsonObject{
        {QStringLiteral("assetPositions"), positions},
        {QStringLiteral("marginSummary"), summary},
        {QStringLiteral("crossMarginSummary"), summary},
        {QStringLiteral("crossMaintenanceMarginUsed"), SyntheticData::decimal(margin / 2, 6)},
        {QStringLiteral("withdrawable"), SyntheticData::decimal(accountValue - margin, 6)},
        {QStringLiteral("time"), double(ApiValues::nowMs())},
    };
}

} // namespace

QList<ApiRoute> HyperliquidEndpoints::routes()
{
    return {
        {QStringLiteral("POST"), QStringLiteral("/api/v1/developer/trading/hyperliquid/info"),
         &info},
        {QStringLiteral("POST"), QStringLiteral("/api/v1/developer/trading/hyperliquid/info/fills"),
         &fills},
    };
}

ApiAnswer HyperliquidEndpoints::info(const ApiCall &request)
{
    const QJsonObject body = request.body.toObject();
    const QString type = body.value(QLatin1String("type")).toString();
    if (type == QLatin1String("allMids"))
        return ApiAnswer::success(allMids(request.seed));
    if (type == QLatin1String("meta"))
        return ApiAnswer::success(meta());
    // The other types are about one user.
    QString user;
    if (auto refused = ApiRequestReader::evmAddress(body, QStringLiteral("user"), &user))
        return *refused;
    if (type == QLatin1String("activeAssetData")) {
        if (body.value(QLatin1String("coin")).toString().isEmpty())
            return ApiAnswer::invalid(QJsonArray{QStringLiteral("body"), QStringLiteral("coin")},
                                      QStringLiteral("field required"),
                                      QStringLiteral("value_error.missing"));
        return ApiAnswer::success(
            activeAssetData(request.seed, user, body.value(QLatin1String("coin")).toString()));
    }
    const bool clearinghouse = type == QLatin1String("clearinghouseState");
    SyntheticData random(
        SyntheticData::mix(SyntheticData::mix(request.seed, user), quint64(clearinghouse)));
    return ApiAnswer::success(clearinghouse ? QJsonValue(clearinghouseState(random))
                                            : QJsonValue(openOrders(random)));
}

ApiAnswer HyperliquidEndpoints::fills(const ApiCall &request)
{
    const QJsonObject body = request.body.toObject();
    const QString type = body.value(QLatin1String("type")).toString();
    QString user;
    if (auto refused = ApiRequestReader::evmAddress(body, QStringLiteral("user"), &user))
        return *refused;
    const bool byTime = type == QLatin1String("userFillsByTime");
    const QJsonValue startValue = body.value(QStringLiteral("startTime"));
    if (byTime && (startValue.isUndefined() || startValue.isNull())) {
        return ApiAnswer::failure(
            QStringLiteral("missing \"startTime\" (ms since the epoch) for userFillsByTime"));
    }
    const qint64 start =
        std::min(MaxTimeMs, ApiRequestReader::integer(body, QStringLiteral("startTime"),
                                                      ApiValues::nowMs() - 30 * 24 * HourMs));
    const qint64 end = std::min(
        MaxTimeMs, ApiRequestReader::integer(body, QStringLiteral("endTime"), ApiValues::nowMs()));
    if (auto refused = ApiRequestReader::checkWindow(start, end, QJsonArray{QStringLiteral("body")},
                                                     QStringLiteral("endTime")))
        return *refused;
    const bool twap = type == QLatin1String("userTwapSliceFills");

    const HyperliquidUserFills source(request.seed, user);
    QList<HyperliquidFillGenerator::Fill> fills;
    if (byTime) {
        // Oldest first from startTime, at most MaxFills, as Hyperliquid pages through time.
        for (qint64 hour = start / HourMs; hour <= end / HourMs && fills.size() < MaxFills;
             ++hour) {
            for (const HyperliquidFillGenerator::Fill &f : source.inHour(hour)) {
                const qint64 t = f.trade.timeMs;
                if (t >= start && t <= end && fills.size() < MaxFills)
                    fills.append(f);
            }
        }
    } else {
        // The most recent fills first, looking back at most 90 days.
        for (qint64 hour = end / HourMs;
             hour >= (end / HourMs) - 90 * 24 && fills.size() < MaxFills; --hour) {
            const QList<HyperliquidFillGenerator::Fill> inHour = source.inHour(hour);
            for (auto it = inHour.crbegin(); it != inHour.crend() && fills.size() < MaxFills;
                 ++it) {
                if (it->trade.timeMs <= end)
                    fills.append(*it);
            }
            if (twap && fills.size() >= 50)
                break;
        }
    }
    // Written as text only: building thousands of objects cost more than all the rest.
    MessageWriter writer;
    writer.beginArray();
    SyntheticData twapIds(SyntheticData::mix(request.seed, user + QLatin1String("twap")));
    for (const HyperliquidFillGenerator::Fill &f : std::as_const(fills)) {
        if (twap) {
            writer.beginObject().key("fill");
            HyperliquidFillGenerator::write(f, writer);
            writer.key("twapId").integer(twapIds.uniformInt(100000, 999999)).endObject();
        } else {
            HyperliquidFillGenerator::write(f, writer);
        }
    }
    writer.endArray();
    return ApiAnswer::successText(writer.takeText());
}

} // namespace allium
