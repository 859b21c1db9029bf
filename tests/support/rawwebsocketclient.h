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

    /// Text messages received, in order.
    const QList<QByteArray> &texts() const { return m_texts; }
    /// The close frame's code and reason; -1 while none arrived.
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }

private:
    void sendFrame(quint8 opcode, const QByteArray &payload);
    void handleReadyRead();
    void parseFrames();

    QSslSocket *m_socket; ///< plain TCP unless useTls()
    QSslCertificate m_trusted;
    bool m_reading = false;
    bool m_disconnected = false;
    QByteArray m_buffer;
    QByteArray m_fragments;
    QList<QByteArray> m_texts;
    int m_closeCode = -1;
    QString m_closeReason;
};

} // namespace allium
