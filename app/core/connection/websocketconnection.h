// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionoptions.h"
#include "core/connection/connectionstatussource.h"
#include "core/connection/frameprocessor.h"

#include <memory>

namespace allium {

/// One websocket connection that owns its transport (Beast or QtWebSockets) and timers: X-API-KEY
/// on the handshake, exponential backoff with jitter, heartbeat, no retry storm on a refused key.
/// Reports only through signals; never opens a dialog. Lives in (and must be used from) one thread.
/// Its status and lifecycle signals are those of ConnectionStatusSource.
class WebSocketConnection : public ConnectionStatusSource
{
    Q_OBJECT
public:
    /// Largest frame and message accepted from a server. Checked on a frame's header, before its
    /// payload is read: a larger one closes the connection with 1009 and a retry follows.
    static constexpr quint64 MaxIncomingFrameBytes = 16ull * 1024 * 1024;
    static constexpr quint64 MaxIncomingMessageBytes = 64ull * 1024 * 1024;

    explicit WebSocketConnection(QObject *parent = nullptr);
    ~WebSocketConnection() override;

    void setUrl(const QUrl &url);
    QUrl url() const override;
    void setApiKey(const QString &key); ///< never logged, never part of any signal
    void setOptions(const ConnectionOptions &options);
    ConnectionOptions options() const;

    ConnectionState state() const override;
    int attempt() const override;
    qint64 msUntilRetry() const override;
    QString failureReason() const override;
    QString lastError() const override;
    int lastPongLatencyMs() const override;
    TransportTraffic traffic() const override;
    /// See WebSocketTransport::recordedTimeUs(): valid while textReceived() is emitted.
    qint64 recordedTimeUs() const;

    /// Text frames go through a processor of `factory` on the transport's reading thread where
    /// the transport has one (Beast), and then arrive as framesProcessed(); elsewhere as
    /// textReceived(). Takes effect at the next attempt.
    void setFrameProcessorFactory(const FrameProcessorFactory &factory);

    /// Sends a text frame; false when not connected (nothing is queued here).
    bool sendText(const QByteArray &utf8);

public slots:
    void open() override;
    void close() override;
    void reconnectNow() override;

signals:
    void textReceived(const QByteArray &utf8);
    /// Text frames processed on the reading thread (see setFrameProcessorFactory()); `run` is
    /// valid during the emission only, and a direct receiver may take what it holds.
    void framesProcessed(allium::ProcessedFrames *run);
    /// A binary message arrived (Allium sends text only); its content is not kept.
    void binaryReceived(qint64 size);
    /// See WebSocketTransport::discontinued().
    void discontinued();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace allium
