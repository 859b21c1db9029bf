// SPDX-License-Identifier: MIT
#include "emulator/api/hyperliquidorderendpoints.h"

#include "emulator/api/apirequestreader.h"
#include "emulator/api/apivalues.h"
#include "emulator/api/hyperliquiduserfills.h"
#include "emulator/generators/syntheticdata.h"

#include <QJsonArray>
#include <QJsonObject>

namespace allium {

namespace {

constexpr qint64 HourMs = ApiValues::HourMs;

// The order behind one of the user's fills, as historicalOrders lists it.
QJsonObject orderOf(const HyperliquidFillGenerator::Fill &f, quint64 seed, const QString &user)
{
    const auto &t = f.trade;
    const qint64 oid = f.buyer ? t.buyerOid : t.sellerOid;
    SyntheticData random(SyntheticData::mix(SyntheticData::mix(seed, user), quint64(oid)));
    const bool cancelled = random.chance(0.25);
    const double origSz = t.sz * (cancelled ? random.uniform(1.2, 3) : 1.0);
    const QJsonObject order{
        {QStringLiteral("coin"), t.coin},
        {QStringLiteral("side"), f.buyer ? QStringLiteral("B") : QStringLiteral("A")},
        {QStringLiteral("limitPx"), HyperliquidTradeGenerator::priceText(t.px, t.szDecimals)},
        {QStringLiteral("sz"),
         HyperliquidTradeGenerator::sizeText(cancelled ? origSz - t.sz : 0, t.szDecimals)},
        {QStringLiteral("oid"), double(oid)},
        {QStringLiteral("timestamp"), double(t.timeMs - random.uniformInt(0, 60000))},
        {QStringLiteral("triggerCondition"), QStringLiteral("N/A")},
        {QStringLiteral("isTrigger"), false},
        {QStringLiteral("triggerPx"), QStringLiteral("0.0")},
        {QStringLiteral("children"), QJsonArray()},
        {QStringLiteral("isPositionTpsl"), false},
        {QStringLiteral("reduceOnly"), false},
        {QStringLiteral("orderType"), QStringLiteral("Limit")},
        {QStringLiteral("origSz"),
         HyperliquidTradeGenerator::sizeText(
             HyperliquidTradeGenerator::roundSize(origSz, t.szDecimals), t.szDecimals)},
        {QStringLiteral("tif"), QStringLiteral("Gtc")},
        {QStringLiteral("cloid"), QJsonValue()},
    };
    return QJsonObject{{QStringLiteral("order"), order},
                       {QStringLiteral("status"),
                        cancelled ? QStringLiteral("canceled") : QStringLiteral("filled")},
                       {QStringLiteral("statusTimestamp"),
                        double(t.timeMs + (cancelled ? random.uniformInt(1000, 600000) : 0))}};
}

} // namespace

QList<ApiRoute> HyperliquidOrderEndpoints::routes()
{
    const QString post = QStringLiteral("POST");
    return {
        {post, QStringLiteral("/api/v1/developer/trading/hyperliquid/info/order/history"),
         &history},
        {post, QStringLiteral("/api/v1/developer/trading/hyperliquid/info/order/status"), &status}};
}

ApiAnswer HyperliquidOrderEndpoints::history(const ApiCall &request)
{
    const QJsonObject body = request.body.toObject();
    QString user;
    if (auto refused = ApiRequestReader::evmAddress(body, QStringLiteral("user"), &user))
        return *refused;
    const qint64 end =
        std::min(ApiValues::nowMs(),
                 ApiRequestReader::integer(body, QStringLiteral("endTime"), ApiValues::nowMs()));
    const qint64 start =
        ApiRequestReader::integer(body, QStringLiteral("startTime"), end - MaxWindowMs);
    const QJsonArray bodyLoc{QStringLiteral("body")};
    if (auto refused =
            ApiRequestReader::checkWindow(start, end, bodyLoc, QStringLiteral("endTime")))
        return *refused;
    if (end - start > MaxWindowMs) {
        return ApiAnswer::invalid(QJsonArray{QStringLiteral("body"), QStringLiteral("startTime")},
                                  QStringLiteral("the window is at most 30 days"),
                                  QStringLiteral("value_error.time_window"));
    }
    // Newest first, as Hyperliquid lists them; one order per fill (its oid), at most MaxOrders.
    const HyperliquidUserFills fills(request.seed, user);
    QJsonArray orders;
    QSet<qint64> seen;
    for (qint64 hour = end / HourMs; hour >= start / HourMs && orders.size() < MaxOrders; --hour) {
        const QList<HyperliquidFillGenerator::Fill> inHour = fills.inHour(hour);
        for (auto it = inHour.crbegin(); it != inHour.crend() && orders.size() < MaxOrders; ++it) {
            const qint64 oid = it->buyer ? it->trade.buyerOid : it->trade.sellerOid;
            if (it->trade.timeMs < start || it->trade.timeMs > end || seen.contains(oid))
                continue;
            seen.insert(oid);
            orders.append(orderOf(*it, request.seed, user));
        }
    }
    return ApiAnswer::success(orders);
}

ApiAnswer HyperliquidOrderEndpoints::status(const ApiCall &request)
{
    const QJsonObject body = request.body.toObject();
    QString user;
    if (auto refused = ApiRequestReader::evmAddress(body, QStringLiteral("user"), &user))
        return *refused;
    const QJsonValue oid = body.value(QLatin1String("oid"));
    // Looked up in the last day of the user's fills; an older or unknown order is unknownOid.
    const HyperliquidUserFills fills(request.seed, user);
    const qint64 now = ApiValues::nowMs();
    for (qint64 hour = now / HourMs; hour > (now - 24 * HourMs) / HourMs; --hour) {
        for (const HyperliquidFillGenerator::Fill &f : fills.inHour(hour)) {
            const qint64 own = f.buyer ? f.trade.buyerOid : f.trade.sellerOid;
            if (oid.isDouble() && qint64(oid.toDouble()) == own)
                return ApiAnswer::success(
                    QJsonObject{{QStringLiteral("status"), QStringLiteral("order")},
                                {QStringLiteral("order"), orderOf(f, request.seed, user)}});
        }
    }
    return ApiAnswer::success(
        QJsonObject{{QStringLiteral("status"), QStringLiteral("unknownOid")}});
}

} // namespace allium
