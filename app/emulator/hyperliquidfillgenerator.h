#pragma once

#include "hyperliquidtradegenerator.h"

#include <deque>

namespace allium {

/// `hyperliquid.fills`: each trade of the trades stream (same seed) as two fills, buyer's and
/// seller's, with Hyperliquid's fill fields and each user's running position behind `dir`,
/// `startPosition` and `closedPnl`. Wrapped in `{"payload": …}`.
class HyperliquidFillGenerator : public TopicGenerator
{
public:
    HyperliquidFillGenerator(quint64 seed, qint64 startMs);

    QJsonObject next() override;
    double meanIntervalMs() const override;

    /// One side of `trade` as Hyperliquid's fill object (without `user`), updating the user's
    /// position; shared with the API responder's fills endpoint.
    struct Position
    {
        double size = 0; ///< signed: long > 0
        double entry = 0;
    };
    static QJsonObject fill(const HyperliquidTradeGenerator::Trade &trade, bool buyer,
                            Position &position);

private:
    HyperliquidTradeGenerator m_trades;
    SyntheticData m_random;
    QHash<QString, Position> m_positions;
    std::deque<QJsonObject> m_pending;
};

} // namespace allium
