// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/transporttraffic.h"
#include "core/monitor/integritysnapshot.h"

#include <QMetaType>
#include <QtGlobal>

namespace allium {

/// Counters of one stream session, as a plain snapshot taken on the worker thread.
struct StreamStats
{
    quint64 messages = 0;         ///< data messages delivered to consumers
    quint64 bytes = 0;            ///< bytes of every text frame received (UTF-8)
    quint64 parseErrors = 0;      ///< frames that were not valid JSON objects (skipped)
    quint64 binaryFrames = 0;     ///< binary frames (the service sends text): counted, skipped
    quint64 drops = 0;            ///< data frames dropped because consumers lagged (backpressure)
    quint64 serverErrors = 0;     ///< `{"status":"error",…}` frames (not counted as messages)
    quint64 reconnects = 0;       ///< successful handshakes after the first one
    double messagesPerSecond = 0; ///< over the last rateSpanMs
    double bytesPerSecond = 0;    ///< over the last rateSpanMs
    /// The span the rates average over: a few of the chain's block intervals (36 s for
    /// Ethereum records, which arrive a block at a time), 1 s for steady topics.
    qint64 rateSpanMs = 1000;
    qint64 lastMessageAtMs = 0;  ///< wall clock of the last data message, 0 before the first
    TransportTraffic traffic;    ///< bytes on the wire and decoded since open(), compression
    IntegritySnapshot integrity; ///< gaps, reorgs, lag… of what was received (not dropped)
};

} // namespace allium

Q_DECLARE_METATYPE(allium::StreamStats)
