// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QString>

namespace allium {

/// What happened to a connection, as one row of the connection event log.
enum class ConnectionEventKind {
    Opened,         ///< handshake done
    Closed,         ///< the link or an attempt ended (with its reason), or the user disconnected
    RetryScheduled, ///< a reconnect attempt is scheduled
    Resubscribed,   ///< after a (re)connect, the filter and start were sent again
    ServerError,    ///< a `{"status":"error"}` frame
    Failed,         ///< gave up: refused key, attempts exhausted…
    TlsError,       ///< a failure caused by TLS (untrusted certificate, handshake)
    Integrity,      ///< the stream's integrity check: a gap, reorg, duplicate, lag, stall, outage
    Info,           ///< anything else the application logs
};

QString connectionEventKindText(ConnectionEventKind kind);

/// One entry of the connection event log.
struct ConnectionEvent
{
    qint64 timeMs = 0;  ///< wall clock, ms since the epoch
    QString connection; ///< the name given to attach(), e.g. "ethereum.blocks"
    ConnectionEventKind kind = ConnectionEventKind::Info;
    QString text;
};

} // namespace allium

Q_DECLARE_METATYPE(allium::ConnectionEventKind)
