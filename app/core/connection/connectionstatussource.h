// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionevent.h"
#include "core/connection/connectionstate.h"
#include "core/connection/transporttraffic.h"

#include <QObject>
#include <QUrl>

namespace allium {

/// A connection as a status view and the event log see it: where it stands and why, its
/// retries and heartbeat, its lifecycle signals, and open/close/reconnect for the user's buttons.
/// WebSocketConnection (a socket in this thread) and StreamSession (a socket on a worker thread)
/// implement it, so a view or a log takes either without knowing which.
class ConnectionStatusSource : public QObject
{
    Q_OBJECT
public:
    ~ConnectionStatusSource() override;

    virtual QUrl url() const = 0;
    virtual ConnectionState state() const = 0;
    virtual int attempt() const = 0;           ///< current reconnect attempt, 0 when connected
    virtual qint64 msUntilRetry() const = 0;   ///< while Reconnecting, else -1
    virtual QString failureReason() const = 0; ///< while Failed, else empty
    /// Why the latest connection or attempt ended (the reason of the last connectionLost() or
    /// failed()); empty while connected, after open() and after close().
    virtual QString lastError() const = 0;
    /// Round trip of the latest heartbeat ping in ms; -1 until the first pong.
    virtual int lastPongLatencyMs() const = 0;
    /// Bytes on the wire and decoded since open(), and whether compression is on now.
    virtual TransportTraffic traffic() const = 0;

public slots:
    virtual void open() = 0;  ///< connect (again); clears Failed
    virtual void close() = 0; ///< a disconnect the user asked for: never reconnects
    /// A new connection now: skips the backoff wait, or replaces a live connection.
    virtual void reconnectNow() = 0;

signals:
    void stateChanged(allium::ConnectionState state);
    void opened(); ///< after every successful handshake
    /// An established connection ended: the code and reason of the server's close frame as
    /// QWebSocket reports them, or 1000 "closed by the user" after close().
    void closed(int closeCode, const QString &reason);
    /// A connection or an attempt ended and a retry follows; comes before the stateChanged() to
    /// Reconnecting and reconnectScheduled(), with lastError() already set to reason, which is
    /// for people, e.g. "the server closed the connection (code 1011: …)".
    void connectionLost(const QString &reason);
    void reconnectScheduled(int attempt, int delayMs);
    /// Gave up (refused key, TLS error, attempts exhausted), after the stateChanged() to Failed.
    void failed(const QString &reason);
    /// A heartbeat pong came back after latencyMs (the ping interval is in ConnectionOptions).
    void pongReceived(int latencyMs);
    /// Something for the event log that only this kind of source has (a stream's re-subscribe,
    /// the server's error frames), in words; the shared lifecycle has the signals above.
    void eventOccurred(allium::ConnectionEventKind kind, const QString &text);

protected:
    explicit ConnectionStatusSource(QObject *parent = nullptr);
};

} // namespace allium
