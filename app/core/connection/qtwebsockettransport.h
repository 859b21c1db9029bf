// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/websockettransport.h"

#include <QAbstractSocket>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace allium {

/// The QtWebSockets transport: no compression, and the handshake's status only as far as
/// QWebSocket's error text tells it (no body).
class QtWebSocketTransport : public WebSocketTransport
{
    Q_OBJECT
public:
    explicit QtWebSocketTransport(QObject *parent = nullptr);
    ~QtWebSocketTransport() override;

    TransportKind kind() const override { return TransportKind::Qt; }
    void open(const TransportRequest &request) override;
    bool sendText(const QByteArray &utf8) override;
    void ping() override;
    void closeAndDispose(int closeCode) override;
    void abort() override;
    TransportTraffic traffic() const override { return m_traffic; }

private:
    void finish(QAbstractSocket::SocketError error);
    QString describe(QAbstractSocket::SocketError error) const;
    void countIncoming(qint64 payloadBytes);

    QWebSocket *m_socket = nullptr;
    QUrl m_url;
    TransportTraffic m_traffic;
    bool m_connected = false;
    bool m_ended = false;
    bool m_tlsUntrusted = false;
    QString m_tlsErrors;
};

} // namespace allium
