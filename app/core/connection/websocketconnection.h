#pragma once

#include "core/connection/connectionoptions.h"
#include "core/connection/connectionstate.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace allium {

/// One websocket connection that owns its QWebSocket and timers: X-API-KEY on the handshake,
/// exponential backoff with jitter, heartbeat, no retry storm on a refused key. Reports only
/// through signals; never opens a dialog. Lives in (and must be used from) one thread.
class WebSocketConnection : public QObject
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
    QUrl url() const;
    void setApiKey(const QString &key); ///< never logged, never part of any signal
    void setOptions(const ConnectionOptions &options);
    ConnectionOptions options() const;

    ConnectionState state() const;
    int attempt() const;           ///< current reconnect attempt, 0 when connected
    qint64 msUntilRetry() const;   ///< while Reconnecting, else -1
    QString failureReason() const; ///< while Failed
    /// Why the latest connection or attempt ended (the reason of the last connectionLost() or
    /// failed()); empty while connected, after open() and after close().
    QString lastError() const;
    int lastPongLatencyMs() const; ///< -1 until the first pong

    /// Sends a text frame; false when not connected (nothing is queued here).
    bool sendText(const QByteArray &utf8);

public slots:
    void open();         ///< connect (again); clears Failed
    void close();        ///< a disconnect the user asked for: never reconnects
    void reconnectNow(); ///< skip the backoff wait

signals:
    void stateChanged(allium::ConnectionState state);
    void opened(); ///< after every successful handshake
    void closed(int closeCode, const QString &reason);
    /// A connection or an attempt ended and a retry follows (then reconnectScheduled()); reason
    /// is for people, e.g. "the server closed the connection (code 1011: …)".
    void connectionLost(const QString &reason);
    void reconnectScheduled(int attempt, int delayMs);
    void failed(const QString &reason);
    void textReceived(const QString &text);
    /// A binary message arrived (Allium sends text only); its content is not kept.
    void binaryReceived(qint64 size);
    void pongReceived(int latencyMs);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace allium
