// SPDX-License-Identifier: MIT
#include "emulator/api/pricesendpoints.h"

#include "emulator/api/apirequestreader.h"
#include "emulator/api/apivalues.h"
#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/syntheticdatatokens.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace allium {

namespace {

constexpr qint64 MinuteMs = 60000;

const QJsonArray BodyLoc{QStringLiteral("body")};

// The token inputs of a request: the body array itself, or its "addresses".
std::optional<ApiAnswer> tokenInputs(const ApiCall &request, bool inAddresses,
                                     QList<ApiRequestReader::Input> *out)
{
    const QJsonValue batch =
        inAddresses ? request.body.toObject().value(QLatin1String("addresses")) : request.body;
    const QJsonArray loc =
        inAddresses ? QJsonArray{QStringLiteral("body"), QStringLiteral("addresses")} : BodyLoc;
    return ApiRequestReader::inputs(batch, loc, QStringLiteral("token_address"), out);
}

// The price of one bucket [t, t + step): open, high, low, close from the model at its ends.
QJsonObject candle(quint64 seed, const SyntheticTokens::Token &token, qint64 t, qint64 step)
{
    const double open = ApiValues::priceAt(seed, token, t);
    const double close = ApiValues::priceAt(seed, token, std::min(t + step, ApiValues::nowMs()));
    const double mid = ApiValues::priceAt(seed, token, t + step / 2);
    return QJsonObject{
        {QStringLiteral("timestamp"), SyntheticData::isoTime(t)},
        {QStringLiteral("price"), close},
        {QStringLiteral("open"), open},
        {QStringLiteral("high"), std::max({open, close, mid})},
        {QStringLiteral("close"), close},
        {QStringLiteral("low"), std::min({open, close, mid})},
    };
}

} // namespace

QList<ApiRoute> PricesEndpoints::routes()
{
    const QString post = QStringLiteral("POST");
    return {{post, QStringLiteral("/api/v1/developer/prices"), &latest},
            {post, QStringLiteral("/api/v1/developer/prices/history"), &history},
            {post, QStringLiteral("/api/v1/developer/prices/at-timestamp"), &atTimestamp},
            {post, QStringLiteral("/api/v1/developer/prices/stats"), &stats}};
}

ApiAnswer PricesEndpoints::latest(const ApiCall &request)
{
    const quint64 seed = request.seed;
    QList<ApiRequestReader::Input> requested;
    if (auto refused = tokenInputs(request, false, &requested))
        return *refused;
    QJsonArray items;
    for (const auto &input : std::as_const(requested)) {
        const SyntheticTokens::Token t = ApiValues::token(seed, input.chain, input.address);
        SyntheticData random(
            SyntheticData::mix(SyntheticData::mix(seed, input.address), 0x70726963));
        const double price = ApiValues::latestPrice(seed, t);
        const double open =
            ApiValues::priceAt(seed, t, ApiValues::nowMs() - 24 * ApiValues::HourMs);
        const double high = std::max(open, price) * random.uniform(1.0, 1.01);
        const double low = std::min(open, price) * random.uniform(0.99, 1.0);
        const double volume24h =
            std::max(1000.0, t.circulatingSupply * t.priceUsd * random.uniform(0.005, 0.1));
        const qint64 trades24h = qint64(volume24h / random.uniform(300, 3000)) + 1;
        items.append(QJsonObject{
            {QStringLiteral("timestamp"), SyntheticData::isoTime(ApiValues::nowMs())},
            {QStringLiteral("chain"), input.chain},
            {QStringLiteral("address"), input.address},
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

ApiAnswer PricesEndpoints::history(const ApiCall &request)
{
    const quint64 seed = request.seed;
    QList<ApiRequestReader::Input> requested;
    if (auto refused = tokenInputs(request, true, &requested))
        return *refused;
    const QJsonObject body = request.body.toObject();
    ApiRequestReader::TimeGrid grid;
    if (auto refused =
            ApiRequestReader::windowGrid(body, QStringLiteral("time_granularity"), &grid))
        return *refused;
    const auto [first, buckets, step] = grid;
    qint64 offset = 0;
    const QString kind = QStringLiteral("prices-history");
    if (auto refused = ApiRequestReader::cursorOffset(request.parameters, kind, &offset))
        return *refused;
    const qint64 stop = std::min<qint64>(offset + HistoryPageSize, buckets);

    QJsonArray items;
    for (const auto &input : std::as_const(requested)) {
        const SyntheticTokens::Token t = ApiValues::token(seed, input.chain, input.address);
        QJsonArray prices;
        for (qint64 i = offset; i < stop; ++i)
            prices.append(candle(seed, t, first + i * step, step));
        items.append(QJsonObject{{QStringLiteral("mint"), input.address},
                                 {QStringLiteral("chain"), input.chain},
                                 {QStringLiteral("decimals"), t.decimals},
                                 {QStringLiteral("prices"), prices}});
    }
    return ApiAnswer::success(
        QJsonObject{{QStringLiteral("items"), items},
                    {QStringLiteral("cursor"), ApiRequestReader::nextCursor(kind, stop, buckets)}});
}

ApiAnswer PricesEndpoints::atTimestamp(const ApiCall &request)
{
    const quint64 seed = request.seed;
    QList<ApiRequestReader::Input> requested;
    if (auto refused = tokenInputs(request, true, &requested))
        return *refused;
    const QJsonObject body = request.body.toObject();
    const qint64 at = std::min(ApiRequestReader::isoTimeMs(body, QStringLiteral("timestamp"), 0),
                               ApiValues::nowMs());
    const qint64 step =
        ApiRequestReader::stepMs(body.value(QLatin1String("time_granularity")).toString());
    const qint64 bucket = at / step * step;
    QJsonArray items;
    for (const auto &input : std::as_const(requested)) {
        const SyntheticTokens::Token t = ApiValues::token(seed, input.chain, input.address);
        items.append(
            QJsonObject{{QStringLiteral("input_timestamp"), body.value(QLatin1String("timestamp"))},
                        {QStringLiteral("price_timestamp"), SyntheticData::isoTime(bucket)},
                        {QStringLiteral("mint"), input.address},
                        {QStringLiteral("chain"), input.chain},
                        {QStringLiteral("price"), ApiValues::priceAt(seed, t, bucket)}});
    }
    return ApiAnswer::success(QJsonObject{{QStringLiteral("items"), items}});
}

ApiAnswer PricesEndpoints::stats(const ApiCall &request)
{
    const quint64 seed = request.seed;
    QList<ApiRequestReader::Input> requested;
    if (auto refused = tokenInputs(request, false, &requested))
        return *refused;
    const qint64 now = ApiValues::nowMs();
    QJsonArray items;
    for (const auto &input : std::as_const(requested)) {
        const SyntheticTokens::Token t = ApiValues::token(seed, input.chain, input.address);
        // Extremes of the model sampled every 5 minutes over the last 24 hours.
        double low24 = 1e300, high24 = 0, low1 = 1e300, high1 = 0;
        for (qint64 back = 0; back <= 24 * 12; ++back) {
            const double p = ApiValues::priceAt(seed, t, now - back * 5 * MinuteMs);
            low24 = std::min(low24, p);
            high24 = std::max(high24, p);
            if (back <= 12) {
                low1 = std::min(low1, p);
                high1 = std::max(high1, p);
            }
        }
        SyntheticData random(
            SyntheticData::mix(SyntheticData::mix(seed, input.address), 0x73746174));
        const double latest = ApiValues::latestPrice(seed, t);
        const double volume24 =
            std::max(1000.0, t.circulatingSupply * t.priceUsd * random.uniform(0.005, 0.1));
        const double day = ApiValues::priceAt(seed, t, now - 24 * ApiValues::HourMs);
        const double hour = ApiValues::priceAt(seed, t, now - ApiValues::HourMs);
        items.append(
            QJsonObject{{QStringLiteral("mint"), input.address},
                        {QStringLiteral("chain"), input.chain},
                        {QStringLiteral("timestamp"), SyntheticData::isoTime(now)},
                        {QStringLiteral("low_all_time"), low24 * random.uniform(0.05, 0.6)},
                        {QStringLiteral("high_all_time"), high24 * random.uniform(1.05, 3.0)},
                        {QStringLiteral("latest_price"), latest},
                        {QStringLiteral("low_24h"), low24},
                        {QStringLiteral("high_24h"), high24},
                        {QStringLiteral("low_1h"), low1},
                        {QStringLiteral("high_1h"), high1},
                        {QStringLiteral("volume_1h"), volume24 / 24 * random.uniform(0.5, 1.5)},
                        {QStringLiteral("volume_24h"), volume24},
                        {QStringLiteral("percent_change_24h"), (latest / day - 1) * 100},
                        {QStringLiteral("percent_change_1h"), (latest / hour - 1) * 100},
                        {QStringLiteral("decimals"), t.decimals}});
    }
    return ApiAnswer::success(QJsonObject{{QStringLiteral("items"), items}});
}

} // namespace allium
