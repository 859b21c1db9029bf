// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

namespace allium {

/// A stream's integrity counters and freshness at one moment, as the health readout, the
/// overview and `allium-cli watch`'s summary show them. Taken on the ingest worker thread.
struct IntegritySnapshot
{
    QString sequenceField;       ///< the field numbering the stream ("number", "block_height"), or
                                 ///< empty when the topic has no block sequence
    qint64 head = -1;            ///< the highest number seen, -1 before the first
    quint64 checked = 0;         ///< messages checked
    quint64 gaps = 0;            ///< gap events
    quint64 missing = 0;         ///< numbers missing in them
    quint64 reorgs = 0;          ///< reorg events
    quint64 duplicates = 0;      ///< duplicate events
    quint64 outOfOrder = 0;      ///< out-of-order events
    quint64 stalls = 0;          ///< stall events
    quint64 lagEvents = 0;       ///< times the lag rose above the threshold
    quint64 outages = 0;         ///< outage events (after reconnects)
    quint64 missedInOutages = 0; ///< numbers that passed while disconnected
    quint64 suppressed = 0;      ///< events counted but not delivered (a burst beyond the bound)
    qint64 lastLagMs = -1;       ///< receive time − block time of the latest sample; -1 none yet
    qint64 p50LagMs = -1;        ///< median over the last samples (one per block or trade)
    qint64 p95LagMs = -1;        ///< 95th percentile over the same
    int lagSamples = 0;          ///< how many samples the percentiles are taken over

    /// Every event counted so far.
    quint64 events() const
    {
        return gaps + reorgs + duplicates + outOfOrder + stalls + lagEvents + outages;
    }
    /// Gaps, reorgs, duplicates and out-of-order arrivals: faults of the data.
    quint64 dataFaults() const { return gaps + reorgs + duplicates + outOfOrder; }
};

} // namespace allium
