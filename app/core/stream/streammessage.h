// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QVarLengthArray>

namespace allium {

/// One data message of a stream, kept compact: the raw JSON as received plus the few numbers
/// the consumers watch (chart field, block number for gap detection), extracted once on the
/// worker thread so the GUI never parses on its hot path.
struct StreamMessage
{
    QByteArray json;         ///< raw UTF-8 JSON text of the frame
    qint64 receivedAtMs = 0; ///< wall clock (ms since epoch) when the worker took the frame
    qint64 receivedAtUs = 0; ///< the same in µs, as recordings keep it
    quint64 sequence = 0;    ///< per session, +1 for every data frame; gaps mean dropped frames
    /// One value per watched field, NaN where absent or not numeric. A few live inline: a heap
    /// block per message for two or three numbers showed up in the ingest profile.
    QVarLengthArray<double, 4> extracted;

    /// Approximate memory held by this message, used for byte bounds.
    qint64 footprintBytes() const
    {
        // Inline values are part of sizeof; only a spilled array adds a heap block.
        const qint64 spilled =
            extracted.capacity() > 4 ? qint64(extracted.capacity()) * qint64(sizeof(double)) : 0;
        return qint64(sizeof(StreamMessage)) + json.size() + spilled;
    }
};

} // namespace allium
