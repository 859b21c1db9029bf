// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/generators/hyperliquidtradegenerator.h"

#include <deque>

namespace allium {

/// `hyperliquid.fills`: each trade of the trades stream (same seed) as two fills, buyer's and
/// seller's, with Hyperliquid's fill fields and each user's running position behind `dir`,
/// `startPosition` and `closedPnl`. Wrapped in `{"payload": …}`.
class HyperliquidFillGenerator : public TopicGenerator
{
public:
    explicit HyperliquidFillGenerator(quint64 seed);

    void writeNext(MessageWriter &writer) override;
    void seek(qint64 chainMs) override;

    /// One side of `trade` as Hyperliquid's fill object (without `user`), updating the user's
    /// position; shared with the API responder's fills endpoint.
    struct Position
    {
        double size = 0; ///< signed: long > 0
        double entry = 0;
    };
    static QJsonObject fill(const HyperliquidTradeGenerator::Trade &trade, bool buyer,
                            Position &position);

    /// One fill as the stream and the API send it, worked out when its trade happens.
    struct Fill
    {
        HyperliquidTradeGenerator::Trade trade;
        bool buyer = true;
        double startPosition = 0;
        double closedPnl = 0;
        QLatin1String dir;
        QString user; ///< empty: no `user` member (the API's fills)
    };
    /// The fill of one side of `trade`, updating the user's position.
    static Fill makeFill(const HyperliquidTradeGenerator::Trade &trade, bool buyer,
                         Position &position);
    /// Writes `fill` as Hyperliquid's fill object.
    static void write(const Fill &fill, MessageWriter &writer);

private:
    HyperliquidTradeGenerator m_trades;
    SyntheticData m_random;
    QHash<QString, Position> m_positions;
    std::deque<Fill> m_pending;
};

} // namespace allium
