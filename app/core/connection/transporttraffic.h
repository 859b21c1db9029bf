// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QtGlobal>

namespace allium {

/// What crossed one connection: bytes on the wire (websocket frames as sent, compressed when
/// permessage-deflate is on, before TLS) against bytes decoded (message payloads), so that a
/// readout can show the compression ratio.
struct TransportTraffic
{
    quint64 wireBytesIn = 0;
    quint64 decodedBytesIn = 0;
    quint64 wireBytesOut = 0;
    quint64 decodedBytesOut = 0;
    quint64 messagesIn = 0;
    bool compression = false; ///< permessage-deflate was negotiated on this connection

    /// decoded / wire for what came in; 1 before anything did.
    double inboundRatio() const
    {
        return wireBytesIn > 0 ? double(decodedBytesIn) / double(wireBytesIn) : 1.0;
    }
    TransportTraffic &operator+=(const TransportTraffic &other)
    {
        wireBytesIn += other.wireBytesIn;
        decodedBytesIn += other.decodedBytesIn;
        wireBytesOut += other.wireBytesOut;
        decodedBytesOut += other.decodedBytesOut;
        messagesIn += other.messagesIn;
        return *this;
    }
};

} // namespace allium

Q_DECLARE_METATYPE(allium::TransportTraffic)
