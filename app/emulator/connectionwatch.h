// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/emulatoroptions.h"

#include <QObject>
#include <QPointer>
#include <QStringView>

QT_BEGIN_NAMESPACE
class QSslSocket;
class QTcpSocket;
class QTimer;
class QWebSocket;
QT_END_NAMESPACE

namespace allium {

/// Guards one emulator websocket connection against a client that makes the server hold memory
/// or a connection for nothing: measures in bytes what waits to be written (frames, pongs, TLS
/// records, plus what the owner holds back), reports bytes leaving for the network, closes with
/// 1008 when the backlog would pass the limit and with 1000 after the idle timeout. The owner
/// (ApiConnection, StreamConnection) decides what to send; this decides when it is too much.
class ConnectionWatch : public QObject
{
    Q_OBJECT
public:
    /// After a close, the client has this long to read what was queued (and the close frame)
    /// before the connection is aborted: a client that never reads cannot keep the backlog.
    static constexpr int CloseLingerMs = 10000;

    /// `transport` is the TCP (or TLS) socket beneath `socket`, or nullptr.
    ConnectionWatch(QWebSocket *socket, QTcpSocket *transport, const EmulatorLimits &limits,
                    QObject *parent);
    ~ConnectionWatch() override;

    /// Bytes handed to the socket and not yet written to the network, plus held bytes.
    qint64 queuedBytes() const;
    /// Only what the socket itself holds: its plain buffer and, with TLS, encrypted records.
    qint64 socketQueuedBytes() const;
    /// Bytes written to the network since the watch began.
    qint64 writtenBytes() const { return m_written; }
    /// The writtenBytes() at which everything handed to the socket so far has been written.
    qint64 endOfQueue() const;
    /// The highest queuedBytes() seen after a frame was queued.
    qint64 peakQueuedBytes() const { return m_peak; }
    /// More than half the limit is waiting: hold responses back, drop stream messages.
    bool isCongested() const;

    /// Bytes the owner keeps for this client outside the socket (requests not answered yet).
    void setHeldBytes(qint64 bytes);
    /// Before queuing `bytes` more: true when they fit under the limit (or nothing else waits);
    /// otherwise closes the connection for not reading and returns false.
    bool reserve(qint64 bytes);
    /// reserve() for a text message, measured exactly only when near the limit (the hot path of
    /// a firehose pays no pass over the text).
    bool reserveText(QStringView text);
    /// After queuing a frame: records the peak.
    void noteQueued();
    /// Hands what is queued to the network now, not at the next event-loop turn, so bytes leave
    /// (and dataWritten() reports them) while a burst is still being answered. Does nothing from
    /// inside dataWritten(): Qt does not report bytes written during its own report.
    void flush();
    /// A busy connection (a started stream, requests in flight) is never idle.
    void setBusy(bool busy);

    /// Closes with `code` and `reason`, stops reading, and aborts after CloseLingerMs.
    void close(int code, const QString &reason);
    bool isClosing() const { return m_closing; }
    bool closedForBacklog() const { return m_closedForBacklog; }

    /// Bytes a text message takes on the wire: its UTF-8 payload plus frame headers.
    static qint64 textFrameBytes(QStringView text);

signals:
    /// Bytes left for the network: writtenBytes() and queuedBytes() changed.
    void dataWritten();
    /// The connection is closing (for any reason): the owner stops producing frames.
    void closing();

private:
    void handleIncoming();
    void handleIdle();
    void closeForBacklog(qint64 wouldQueue);

    QWebSocket *m_socket;
    QPointer<QTcpSocket> m_transport;
    QPointer<QSslSocket> m_tls;
    EmulatorLimits m_limits;
    QTimer *m_idleTimer;
    QTimer *m_lingerTimer;
    qint64 m_written = 0;
    qint64 m_held = 0;
    qint64 m_peak = 0;
    bool m_busy = false;
    bool m_reporting = false; ///< inside the socket's bytesWritten report
    bool m_closing = false;
    bool m_closedForBacklog = false;
};

} // namespace allium
