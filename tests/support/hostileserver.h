// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QTcpServer;
class QTcpSocket;
QT_END_NAMESPACE

namespace allium {

/// A websocket server that misbehaves on purpose, for the hostile-server tests. It answers the
/// upgrade by hand on a plain QTcpServer (127.0.0.1, port 0), so it can write what
/// QWebSocketServer never would: a frame header announcing 400 MB, invalid UTF-8, binary frames,
/// floods. After the handshake it plays its script to every connection and never reads again.
class HostileServer : public QObject
{
    Q_OBJECT
public:
    explicit HostileServer(QObject *parent = nullptr);
    ~HostileServer() override;

    bool listen();
    quint16 port() const;
    /// ws://127.0.0.1:PORT, the base URL clients append their paths to.
    QUrl baseUrl() const;

    /// Frames written, in order, right after the handshake.
    void setScript(const QList<QByteArray> &frames) { m_script = frames; }
    /// After the script: `frame` written `count` times, only as fast as the client takes them
    /// (the server's own buffer stays small).
    void setFlood(const QByteArray &frame, qint64 count);
    /// Only connections whose request target contains `path` get the script and the flood (the
    /// others are accepted and left quiet); empty: all of them.
    void setScriptPath(const QByteArray &path) { m_scriptPath = path; }
    /// Whether a connection is closed (TCP) once its script and flood are written.
    void setCloseWhenDone(bool close) { m_closeWhenDone = close; }
    /// Whether only the first connection gets the script and the flood (a client that
    /// reconnects, e.g. after its heartbeat gave up on this server, then finds it quiet).
    void setFloodFirstConnectionOnly(bool once) { m_floodFirstConnectionOnly = once; }

    /// Accept permessage-deflate when a client offers it (the script's frames must then be
    /// made with deflatedTextFrames() where they claim compression).
    void setAcceptDeflate(bool accept) { m_acceptDeflate = accept; }
    /// Answer the upgrade with HTTP `status` and `body` instead of 101 (then close); with
    /// onlyDeflateOffers, only requests that offer permessage-deflate (a strict server).
    void setRefusal(int status, const QByteArray &body, bool onlyDeflateOffers = false)
    {
        m_refusalStatus = status;
        m_refusalBody = body;
        m_refuseOnlyDeflateOffers = onlyDeflateOffers;
    }
    /// The latest request head as the client sent it (request line and headers).
    QByteArray lastRequestHead() const { return m_lastRequestHead; }

    int connectionCount() const { return m_connections; }
    /// Flood frames written to the latest connection so far.
    qint64 floodWritten() const { return m_floodWritten; }

    // Frames as a server sends them (unmasked, FIN set).
    static QByteArray textFrame(const QByteArray &payload);
    static QByteArray binaryFrame(const QByteArray &payload);
    static QByteArray closeFrame(int code, const QByteArray &reason);
    /// A frame header that announces `declaredLength` payload bytes; none follow.
    static QByteArray frameHeader(int opcode, quint64 declaredLength);
    enum FrameFlags { FinalFrame = 0x80, CompressedFrame = 0x40 };
    static QByteArray frameHeader(FrameFlags flags, int opcode, quint64 declaredLength);
    /// One text message compressed with permessage-deflate, in `fragments` frames.
    static QList<QByteArray> deflatedTextFrames(const QByteArray &payload, int fragments = 1);
    /// A frame marked compressed whose payload does not inflate.
    static QByteArray corruptDeflatedFrame();

signals:
    void connectionAccepted();

private:
    void handleConnection();
    void handleHandshake(QTcpSocket *socket);
    void writeMore(QTcpSocket *socket);

    QTcpServer *m_server;
    QList<QByteArray> m_script;
    QByteArray m_floodFrame;
    qint64 m_floodCount = 0;
    qint64 m_floodWritten = 0;
    bool m_closeWhenDone = false;
    QByteArray m_scriptPath;
    int m_connections = 0;
    bool m_floodFirstConnectionOnly = false;
    bool m_acceptDeflate = false;
    int m_refusalStatus = 0;
    QByteArray m_refusalBody;
    bool m_refuseOnlyDeflateOffers = false;
    QByteArray m_lastRequestHead;
};

} // namespace allium
