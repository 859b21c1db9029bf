// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/frameprocessor.h"
#include "core/connection/transportkind.h"
#include "core/connection/transporttraffic.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace allium {

/// What one websocket handshake asks for.
struct TransportRequest
{
    QUrl url;          ///< ws:// or wss://, with path and query
    QByteArray apiKey; ///< sent as X-API-KEY; never logged
    bool offerCompression =
        true; ///< offer permessage-deflate (a transport without it ignores this)
    quint64 maxFrameBytes = 16ull * 1024 * 1024;   ///< a larger incoming frame closes with 1009
    quint64 maxMessageBytes = 64ull * 1024 * 1024; ///< a larger incoming message closes with 1009
    QList<QSslCertificate> extraCaCertificates;    ///< trusted besides the system's (tests)
};

/// How a connection or an attempt ended, as the transport saw it. WebSocketConnection turns this
/// into the decision (retry or give up) and the words a person reads.
struct TransportEnd
{
    bool wasConnected = false; ///< the handshake had completed
    int closeCode = 0;         ///< the close frame's code (ours for a protocol violation), or 0
    QString closeReason;       ///< the close frame's reason, plain text from the server
    int httpStatus = 0;        ///< a refused handshake's HTTP status, or 0
    QString serverDetail;      ///< a refused handshake's `{"detail": …}` (or short body text)
    QString error;             ///< for people; empty when a close frame says it all
    bool tlsUntrusted = false; ///< the certificate was not trusted: retrying cannot help
    bool offeredCompression = false; ///< the refused handshake had offered permessage-deflate
};

/// One websocket connection attempt on some wire implementation (QtWebSockets, Boost.Beast):
/// open once, exchange text frames, end once. It never reconnects and never decides anything;
/// WebSocketConnection owns that policy for every transport alike. Lives in one thread; every
/// signal is emitted in it. Frames are UTF-8 bytes as they came, so ingest parses them without
/// a round trip through UTF-16.
class WebSocketTransport : public QObject
{
    Q_OBJECT
public:
    /// A transport of `kind`; Beast falls back to Qt when the build has no Beast.
    static WebSocketTransport *create(TransportKind kind, QObject *parent = nullptr);

    ~WebSocketTransport() override;

    virtual TransportKind kind() const = 0;
    /// Text frames go through `factory`'s processor on the reading thread and arrive as
    /// framesProcessed() runs; call before open(). A transport without a reading thread of its
    /// own (QtWebSockets) ignores it and emits textReceived() for every frame.
    virtual void setFrameProcessorFactory(const FrameProcessorFactory &factory)
    {
        Q_UNUSED(factory)
    }
    /// Starts the handshake; connected() or ended() follows.
    virtual void open(const TransportRequest &request) = 0;
    /// Queues a text frame; false when not connected.
    virtual bool sendText(const QByteArray &utf8) = 0;
    /// A heartbeat ping; its pong comes as pongReceived().
    virtual void ping() = 0;
    /// Sends a close frame and lets the connection finish on its own, then deletes this object
    /// (aborting after a grace period if the server never answers). Emits nothing more.
    virtual void closeAndDispose(int closeCode) = 0;
    /// Drops the connection at once. Emits nothing more.
    virtual void abort() = 0;
    /// Bytes and frames so far; readable from this object's thread.
    virtual TransportTraffic traffic() const = 0;
    /// A replay's clock: while textReceived() hands over a recorded message, when the
    /// recording received it (µs since the epoch); -1 on a live connection.
    virtual qint64 recordedTimeUs() const { return -1; }

signals:
    void connected();
    void textReceived(const QByteArray &utf8);
    /// Consecutive text frames, processed by the FrameProcessor on the reading thread. `run` is
    /// valid during the emission only; a (direct) receiver may take what it holds.
    void framesProcessed(allium::ProcessedFrames *run);
    /// A binary message arrived (Allium sends text only); its content is not kept.
    void binaryReceived(qint64 size);
    void pongReceived(int latencyMs);
    /// What follows does not continue what came before (a replay jumped elsewhere or started
    /// over): no gap, reorg or stall lies between them.
    void discontinued();
    /// The connection or the attempt is over (exactly once); abort() and closeAndDispose() do
    /// not emit it.
    void ended(const allium::TransportEnd &end);

protected:
    explicit WebSocketTransport(QObject *parent = nullptr);
};

} // namespace allium

Q_DECLARE_METATYPE(allium::TransportEnd)
