// SPDX-License-Identifier: MIT
#include "emulator/api/hyperliquiduserfills.h"

#include "emulator/api/apivalues.h"
#include "emulator/generators/hyperliquidtradegenerator.h"
#include "emulator/generators/syntheticdata.h"

#include <algorithm>
#include <cmath>

namespace allium {

HyperliquidUserFills::HyperliquidUserFills(quint64 seed, const QString &user)
    : m_userKey(SyntheticData::mix(seed, user))
{
    SyntheticData activity(m_userKey);
    m_perHour = activity.logNormal(std::log(3.0), 1.2);
}

QList<HyperliquidFillGenerator::Fill> HyperliquidUserFills::inHour(qint64 hour) const
{
    constexpr qint64 HourMs = ApiValues::HourMs;
    SyntheticData random(SyntheticData::mix(m_userKey, quint64(hour)));
    const int count = int(std::min(200.0, std::floor(random.exponential(m_perHour))));
    QList<HyperliquidFillGenerator::Fill> fills;
    if (count == 0)
        return fills;
    QList<qint64> times;
    for (int i = 0; i < count; ++i)
        times.append(hour * HourMs + random.uniformInt(0, HourMs - 1));
    std::sort(times.begin(), times.end());
    const QList<HyperliquidTradeGenerator::Coin> &coins = HyperliquidTradeGenerator::coins();
    fills.reserve(count);
    for (const qint64 time : times) {
        const auto &coin =
            coins.at(int(random.uniformInt(0, std::min<qint64>(3, coins.size() - 1))));
        HyperliquidTradeGenerator::Trade trade;
        trade.coin = QLatin1String(coin.name);
        trade.szDecimals = coin.szDecimals;
        const bool buyer = random.chance(0.5);
        trade.buyerTook = random.chance(0.6) == buyer;
        trade.px = HyperliquidTradeGenerator::roundPrice(coin.price * random.uniform(0.97, 1.03),
                                                         coin.szDecimals);
        trade.sz = HyperliquidTradeGenerator::roundSize(
            random.logNormal(std::log(800.0), 1.5) / trade.px, coin.szDecimals);
        trade.timeMs = time;
        trade.hash = random.evmHash();
        trade.tid = qint64(random.uniformInt(100000000000000LL, 999999999999999LL));
        trade.buyerOid = trade.sellerOid =
            qint64(random.uniformInt(200000000000LL, 260000000000LL));
        HyperliquidFillGenerator::Position position;
        position.size = random.chance(0.3) ? 0
                                           : HyperliquidTradeGenerator::roundSize(
                                                 random.uniform(-3, 3) * trade.sz, coin.szDecimals);
        position.entry = trade.px * random.uniform(0.97, 1.03);
        fills.append(HyperliquidFillGenerator::makeFill(trade, buyer, position));
    }
    return fills;
}

} // namespace allium
