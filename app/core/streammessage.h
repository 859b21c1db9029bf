#pragma once

#include <QByteArray>
#include <QVector>

namespace allium {

/// One data message of a stream, kept compact: the raw JSON as received plus the few numbers
/// the consumers watch (chart field, block number for gap detection), extracted once on the
/// worker thread so the GUI never parses on its hot path.
struct StreamMessage
{
    QByteArray json;           ///< raw UTF-8 JSON text of the frame
    qint64 receivedAtMs = 0;   ///< wall clock (ms since epoch) when the worker took the frame
    quint64 sequence = 0;      ///< per session, +1 for every data frame; gaps mean dropped frames
    QVector<double> extracted; ///< one value per watched field, NaN where absent or not numeric

    /// Approximate memory held by this message, used for byte bounds.
    qint64 footprintBytes() const
    {
        return qint64(sizeof(StreamMessage)) + json.size()
                + qint64(extracted.size()) * qint64(sizeof(double));
    }
};

} // namespace allium
