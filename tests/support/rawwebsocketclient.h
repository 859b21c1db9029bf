// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QString>

QT_BEGIN_NAMESPACE
class QSslSocket;
QT_END_NAMESPACE

namespace allium {

/// A websocket client written by hand over a QTcpSocket, for tests of clients that misbehave in
/// ways QWebSocket never would: it pipelines masked frames and reads nothing (its socket takes at
/// most a few KiB, so the server's writes back up), until startReading() takes everything.
class RawWebSocketClient : public QObject
{
    Q_OBJECT
public:
    explicit RawWebSocketClient(QObject *parent = nullptr);
    ~RawWebSocketClient() override;

    /// Before connectTo(): speak TLS, trusting `certificate` (the emulator's self-signed one).
    void useTls(const QSslCertificate &certificate);
    /// Before connectTo(): more header lines for the upgrade request, e.g.
    /// "Sec-WebSocket-Extensions: permessage-deflate".
    void setExtraHeaders(const QList<QByteArray> &headers) { m_extraHeaders = headers; }
    /// Connects to 127.0.0.1:`port`, asks to upgrade `target` ("/path?query") with X-API-KEY
    /// `apiKey` and waits for the 101; false on anything else.
    bool connectTo(quint16 port, const QByteArray &target,
                   const QByteArray &apiKey = "allium-demo-key", int timeoutMs = 5000);
    /// Queues one masked text frame (written as the server takes it).
    void sendText(const QByteArray &utf8);
    void sendPing(const QByteArray &payload = {});

    /// From now on reads and parses everything the server sends.
    void startReading();
    bool waitDisconnected(int timeoutMs = 10000);
    bool isConnected() const;

    /// The server's answer to the upgrade request, up to the blank line.
    QByteArray handshakeResponse() const { return m_handshakeResponse; }
    /// Text messages received, in order (compressed ones as they came, not inflated).
    const QList<QByteArray> &texts() const { return m_texts; }
    /// For each of texts(): whether its first frame had RSV1 set (permessage-deflate).
    const QList<bool> &compressed() const { return m_compressed; }
    /// The close frame's code and reason; -1 while none arrived.
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }

private:
    void sendFrame(quint8 opcode, const QByteArray &payload);
    void handleReadyRead();
    void parseFrames();

    QSslSocket *m_socket; ///< plain TCP unless useTls()
    QSslCertificate m_trusted;
    QList<QByteArray> m_extraHeaders;
    QByteArray m_handshakeResponse;
    bool m_reading = false;
    bool m_disconnected = false;
    QByteArray m_buffer;
    QByteArray m_fragments;
    bool m_fragmentsCompressed = false;
    QList<QByteArray> m_texts;
    QList<bool> m_compressed;
    int m_closeCode = -1;
    QString m_closeReason;
};

} // namespace allium
