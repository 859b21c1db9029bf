// SPDX-License-Identifier: MIT
#include "core/monitor/chainhabits.h"

#include "core/stream/topiccatalogue.h"

#include <algorithm>

namespace allium {

ChainHabits ChainHabits::of(const QString &topic)
{
    const int dot = topic.indexOf(QLatin1Char('.'));
    const QString chain = topic.left(dot);
    const QString kind = dot < 0 ? QString() : topic.mid(dot + 1);
    ChainHabits habits;
    habits.deliveryIntervalMs = TopicCatalogue::deliveryIntervalMs(topic);

    if (chain == QLatin1String("hyperliquid")) {
        // Fills and trades carry a time in ms and a trade id, no block number: bursts and lulls
        // follow the market, so only rate, staleness and lag apply.
        habits.timestampField = kind == QLatin1String("blocks")
                                    ? QStringLiteral("payload.blockTime")
                                    : QStringLiteral("payload.time");
        habits.lagThresholdMs = 10000;
        return habits;
    }
    if (chain == QLatin1String("solana")) {
        // Slots skip by design (a few % produce no block); block_height counts produced blocks.
        habits.sequenceField = QStringLiteral("block_height");
        habits.hashField = QStringLiteral("block_hash");
        habits.timestampField = QStringLiteral("block_timestamp");
        habits.lagThresholdMs = 10000;
        return habits;
    }
    if (kind == QLatin1String("blocks")) {
        habits.sequenceField = QStringLiteral("number");
        habits.hashField = QStringLiteral("hash");
        habits.parentHashField = chain == QLatin1String("bitcoin")
                                     ? QStringLiteral("previous_block_hash")
                                     : QStringLiteral("parent_hash");
        habits.timestampField = QStringLiteral("timestamp");
        habits.oneMessagePerNumber = true;
    } else if (kind == QLatin1String("transactions") || kind == QLatin1String("logs") ||
               kind == QLatin1String("dex_trades")) {
        habits.sequenceField = QStringLiteral("block_number");
        habits.hashField = QStringLiteral("block_hash");
        habits.timestampField = QStringLiteral("block_timestamp");
    }
    if (chain == QLatin1String("bitcoin")) {
        // A miner's clock may be off by up to two hours, and block times are exponential.
        habits.lagThresholdMs = 2 * 60 * 60 * 1000;
        habits.silentIntervals = 6;
    } else if (chain == QLatin1String("base")) {
        habits.lagThresholdMs = 10000; // 2 s blocks from one sequencer
    }
    return habits;
}

qint64 ChainHabits::staleAfterMs(const QString &topic, bool filtered)
{
    const ChainHabits habits = of(topic);
    const auto interval = qint64(habits.deliveryIntervalMs);
    const qint64 usual =
        interval > 0 ? std::max<qint64>(5000, habits.silentIntervals * interval) : 30000;
    return filtered ? std::max<qint64>(60000, usual) : usual;
}

} // namespace allium
