// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace allium {

/// What is normal for a topic's chain and kind, in one table: which field numbers its messages
/// (and whether those numbers are consecutive), which carries the block hash and its parent,
/// where the block timestamp is, how long a silence is normal and how much lag is noise. The
/// integrity check and the stall watchdog judge a stream by these (see monitoring.md).
struct ChainHabits
{
    /// The field whose numbers must be consecutive (gaps) and never go back (order): `number`
    /// for blocks, `block_number` for EVM records, `block_height` for Solana (its slots skip by
    /// design). Empty for topics without a block sequence (Hyperliquid): rate and staleness only.
    QString sequenceField;
    /// The hash of the block the message is (blocks) or belongs to (records); empty if none.
    QString hashField;
    /// The previous block's hash, on block topics only (`parent_hash`, Bitcoin's
    /// `previous_block_hash`); empty otherwise.
    QString parentHashField;
    /// The block (or trade) time: ISO-8601 text or epoch seconds/milliseconds.
    QString timestampField;
    /// True when every message is one block: one number each, so a repeated number is a
    /// duplicate or a reorg; records share their block's number.
    bool oneMessagePerNumber = false;
    /// Receive time − block time above this is reported (lag events); below ~1 s it is noise on
    /// chains with second-resolution timestamps, and Bitcoin's timestamps may be off by minutes.
    qint64 lagThresholdMs = 30000;
    /// Typical time between two deliveries (a block's records arrive together: 12 s for
    /// Ethereum's transactions); 0 when not known.
    double deliveryIntervalMs = 0;
    /// How many typical intervals of silence are still normal: 3, but 6 for Bitcoin, whose
    /// block times are exponentially distributed (a 30 min wait happens every day).
    int silentIntervals = 3;

    /// The habits of `topic` ("<chain>.<kind>"); unknown chains of a known kind get the kind's
    /// EVM-like fields, unknown kinds no sequence.
    static ChainHabits of(const QString &topic);
    /// How long a running stream of `topic` may be silent before it is stalled: silentIntervals
    /// typical gaps (36 s for Ethereum blocks, an hour for Bitcoin's), at least 5 s; 30 s for a
    /// topic of unknown pace. A filtered stream's pace is its filter's: at least a minute.
    static qint64 staleAfterMs(const QString &topic, bool filtered);
};

} // namespace allium
