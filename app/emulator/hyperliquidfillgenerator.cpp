#include "hyperliquidfillgenerator.h"

#include <cmath>

namespace allium {

HyperliquidFillGenerator::HyperliquidFillGenerator(quint64 seed, qint64 startMs)
    : m_trades(seed, startMs)
    , m_random(SyntheticData::mix(seed, QStringLiteral("hyperliquid.fills")))
{}

double HyperliquidFillGenerator::meanIntervalMs() const
{
    return m_trades.meanIntervalMs() / 2;
}

QJsonObject HyperliquidFillGenerator::fill(const HyperliquidTradeGenerator::Trade &trade,
                                           bool buyer, Position &position)
{
    const double signedSize = buyer ? trade.sz : -trade.sz;
    const double start = position.size;
    QString dir;
    double closedPnl = 0;
    if (start == 0 || (start > 0) == buyer) {
        dir = buyer ? QStringLiteral("Open Long") : QStringLiteral("Open Short");
        position.entry =
            (position.entry * std::abs(start) + trade.px * trade.sz) / (std::abs(start) + trade.sz);
    } else {
        const double closed = std::min(std::abs(start), trade.sz);
        closedPnl = closed * (trade.px - position.entry) * (start > 0 ? 1 : -1);
        if (trade.sz > std::abs(start) + 1e-12) {
            dir = buyer ? QStringLiteral("Short > Long") : QStringLiteral("Long > Short");
            position.entry = trade.px;
        } else {
            dir = buyer ? QStringLiteral("Close Short") : QStringLiteral("Close Long");
        }
    }
    position.size = start + signedSize;
    if (std::abs(position.size) < 1e-12)
        position.size = 0;
    const bool crossed = buyer == trade.buyerTook;
    // Taker 0.045%, maker 0.015% of notional, in USDC.
    const double fee = trade.px * trade.sz * (crossed ? 0.00045 : 0.00015);
    const int sizeDecimals = trade.szDecimals;
    return QJsonObject{
        {QStringLiteral("coin"), trade.coin},
        {QStringLiteral("px"), HyperliquidTradeGenerator::priceText(trade.px, sizeDecimals)},
        {QStringLiteral("sz"), HyperliquidTradeGenerator::sizeText(trade.sz, sizeDecimals)},
        {QStringLiteral("side"), buyer ? QStringLiteral("B") : QStringLiteral("A")},
        {QStringLiteral("time"), double(trade.timeMs)},
        {QStringLiteral("startPosition"), SyntheticData::decimal(start, sizeDecimals)},
        {QStringLiteral("dir"), dir},
        {QStringLiteral("closedPnl"), SyntheticData::decimal(closedPnl, 6)},
        {QStringLiteral("hash"), trade.hash},
        {QStringLiteral("oid"), double(buyer ? trade.buyerOid : trade.sellerOid)},
        {QStringLiteral("crossed"), crossed},
        {QStringLiteral("fee"), SyntheticData::decimal(fee, 6)},
        {QStringLiteral("tid"), double(trade.tid)},
        {QStringLiteral("feeToken"), QStringLiteral("USDC")},
    };
}

QJsonObject HyperliquidFillGenerator::next()
{
    if (m_pending.empty()) {
        const HyperliquidTradeGenerator::Trade trade = m_trades.nextTrade();
        for (const bool buyer : {true, false}) {
            const QString &user = buyer ? trade.buyer : trade.seller;
            const QString key = user + trade.coin;
            auto it = m_positions.find(key);
            if (it == m_positions.end()) {
                // A user first seen here already holds something about half of the time.
                Position initial;
                if (m_random.chance(0.5)) {
                    initial.size = HyperliquidTradeGenerator::roundSize(
                        trade.sz * m_random.uniform(-4, 4), trade.szDecimals);
                    initial.entry = trade.px * m_random.uniform(0.95, 1.05);
                }
                it = m_positions.insert(key, initial);
            }
            QJsonObject payload = fill(trade, buyer, *it);
            payload.insert(QStringLiteral("user"), user);
            m_pending.push_back(QJsonObject{{QStringLiteral("payload"), payload}});
        }
    }
    QJsonObject record = m_pending.front();
    m_pending.pop_front();
    return record;
}

} // namespace allium
