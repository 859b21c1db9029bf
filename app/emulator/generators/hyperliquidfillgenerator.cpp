// SPDX-License-Identifier: MIT
#include "emulator/generators/hyperliquidfillgenerator.h"

#include "emulator/messagewriter.h"

#include <cmath>

namespace allium {

HyperliquidFillGenerator::HyperliquidFillGenerator(quint64 seed)
    : m_trades(seed)
    , m_random(SyntheticData::mix(seed, QStringLiteral("hyperliquid.fills")))
{}

HyperliquidFillGenerator::Fill
HyperliquidFillGenerator::makeFill(const HyperliquidTradeGenerator::Trade &trade, bool buyer,
                                   Position &position)
{
    Fill fill;
    fill.trade = trade;
    fill.buyer = buyer;
    const double signedSize = buyer ? trade.sz : -trade.sz;
    const double start = position.size;
    fill.startPosition = start;
    if (start == 0 || (start > 0) == buyer) {
        fill.dir = buyer ? QLatin1String("Open Long") : QLatin1String("Open Short");
        position.entry =
            (position.entry * std::abs(start) + trade.px * trade.sz) / (std::abs(start) + trade.sz);
    } else {
        const double closed = std::min(std::abs(start), trade.sz);
        fill.closedPnl = closed * (trade.px - position.entry) * (start > 0 ? 1 : -1);
        if (trade.sz > std::abs(start) + 1e-12) {
            fill.dir = buyer ? QLatin1String("Short > Long") : QLatin1String("Long > Short");
            position.entry = trade.px;
        } else {
            fill.dir = buyer ? QLatin1String("Close Short") : QLatin1String("Close Long");
        }
    }
    position.size = start + signedSize;
    if (std::abs(position.size) < 1e-12)
        position.size = 0;
    return fill;
}

void HyperliquidFillGenerator::write(const Fill &fill, MessageWriter &writer)
{
    const HyperliquidTradeGenerator::Trade &trade = fill.trade;
    const bool crossed = fill.buyer == trade.buyerTook;
    // Taker 0.045%, maker 0.015% of notional, in USDC.
    const double fee = trade.px * trade.sz * (crossed ? 0.00045 : 0.00015);
    const int sizeDecimals = trade.szDecimals;
    // Keys in ascending order (see MessageWriter).
    writer.beginObject();
    writer.key("closedPnl").string(SyntheticData::decimal(fill.closedPnl, 6));
    writer.key("coin").string(trade.coin);
    writer.key("crossed").boolean(crossed);
    writer.key("dir").string(fill.dir);
    writer.key("fee").string(SyntheticData::decimal(fee, 6));
    writer.key("feeToken").string(QLatin1String("USDC"));
    writer.key("hash").string(trade.hash);
    writer.key("oid").integer(fill.buyer ? trade.buyerOid : trade.sellerOid);
    writer.key("px").string(HyperliquidTradeGenerator::priceText(trade.px, sizeDecimals));
    writer.key("side").string(fill.buyer ? QLatin1String("B") : QLatin1String("A"));
    writer.key("startPosition").string(SyntheticData::decimal(fill.startPosition, sizeDecimals));
    writer.key("sz").string(HyperliquidTradeGenerator::sizeText(trade.sz, sizeDecimals));
    writer.key("tid").integer(trade.tid);
    writer.key("time").integer(trade.timeMs);
    if (!fill.user.isEmpty())
        writer.key("user").string(fill.user);
    writer.endObject();
}

QJsonObject HyperliquidFillGenerator::fill(const HyperliquidTradeGenerator::Trade &trade,
                                           bool buyer, Position &position)
{
    MessageWriter writer;
    writer.reset(MessageWriter::ObjectMode::All);
    write(makeFill(trade, buyer, position), writer);
    return writer.object();
}

void HyperliquidFillGenerator::seek(qint64 chainMs)
{
    m_trades.seek(chainMs);
    m_pending.clear();
}

void HyperliquidFillGenerator::writeNext(MessageWriter &writer)
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
            Fill fill = makeFill(trade, buyer, *it);
            fill.user = user;
            m_pending.push_back(std::move(fill));
        }
    }
    const Fill fill = std::move(m_pending.front());
    m_pending.pop_front();
    setDue(fill.trade.timeMs);
    writer.beginObject().key("payload");
    write(fill, writer);
    writer.endObject();
}

} // namespace allium
