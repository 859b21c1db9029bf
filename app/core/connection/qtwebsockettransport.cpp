// SPDX-License-Identifier: MIT
#include "core/connection/qtwebsockettransport.h"

#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>
#include <QWebSocket>

#include <climits>

namespace allium {

namespace {

// After closeAndDispose() we wait this long for the server's close frame before aborting.
constexpr int GracefulCloseMs = 2000;

// QWebSocket 6.4 reports a non-101 handshake answer only as ConnectionRefusedError with the text
// "QWebSocketPrivate::processHandshake: Unhandled http status code: 401 (Unauthorized)."; the
// status code is not exposed otherwise, so it is read back from that text.
int handshakeHttpStatus(const QString &errorString)
{
    static const QRegularExpression pattern(QStringLiteral("status code: (\\d{3})"));
    const QRegularExpressionMatch match = pattern.match(errorString);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

QString hostAndPort(const QUrl &url)
{
    const int defaultPort = url.scheme() == QLatin1String("wss") ? 443 : 80;
    return QStringLiteral("%1:%2").arg(url.host()).arg(url.port(defaultPort));
}

// Header bytes of a frame carrying `payload` bytes (RFC 6455 5.2), `masked` from a client.
quint64 frameHeaderBytes(quint64 payload, bool masked)
{
    const quint64 length = payload < 126 ? 2 : payload <= 0xffff ? 4 : 10;
    return length + (masked ? 4 : 0);
}

} // namespace

QtWebSocketTransport::QtWebSocketTransport(QObject *parent)
    : WebSocketTransport(parent)
{}

QtWebSocketTransport::~QtWebSocketTransport()
{
    if (m_socket) {
        QObject::disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
}

void QtWebSocketTransport::open(const TransportRequest &request)
{
    m_url = request.url;
    auto *ws = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = ws;
    // Without a frame limit QWebSocket reads frames of up to 2 GiB before the message limit
    // applies: a broken or hostile server could grow our memory by that much.
    ws->setMaxAllowedIncomingFrameSize(request.maxFrameBytes);
    ws->setMaxAllowedIncomingMessageSize(request.maxMessageBytes);
    if (m_url.scheme() == QLatin1String("wss")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!request.extraCaCertificates.isEmpty())
            ssl.addCaCertificates(request.extraCaCertificates);
        ws->setSslConfiguration(ssl);
    }

    connect(ws, &QWebSocket::connected, this, [this] {
        m_connected = true;
        emit connected();
    });
    // Depending on the failure, disconnected() may come before or after error(): both end the
    // attempt, once, from the socket's error so that the reason is never missed.
    connect(ws, &QWebSocket::disconnected, this, [this] { finish(m_socket->error()); });
    connect(ws, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &QtWebSocketTransport::finish);
    connect(ws, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QByteArray utf8 = text.toUtf8();
        countIncoming(utf8.size());
        emit textReceived(utf8);
    });
    connect(ws, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
        countIncoming(data.size());
        emit binaryReceived(data.size());
    });
    connect(ws, &QWebSocket::pong, this, [this](quint64 elapsed, const QByteArray &) {
        m_traffic.wireBytesIn += frameHeaderBytes(0, false);
        emit pongReceived(int(qMin<quint64>(elapsed, INT_MAX)));
    });
    connect(ws, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        // The errors are never ignored: trusting a certificate is done with extraCaCertificates.
        QStringList texts;
        for (const QSslError &error : errors)
            texts << error.errorString();
        texts.removeDuplicates();
        m_tlsUntrusted = true;
        m_tlsErrors = texts.join(QStringLiteral("; "));
    });

    QNetworkRequest networkRequest(m_url);
    // The key travels only in this header; it is never written to a log or a signal.
    networkRequest.setRawHeader(QByteArrayLiteral("X-API-KEY"), request.apiKey);
    ws->open(networkRequest);
}

void QtWebSocketTransport::countIncoming(qint64 payloadBytes)
{
    // QWebSocket does not say how a message was framed; one frame per message is what servers
    // send for messages of this size.
    m_traffic.decodedBytesIn += quint64(payloadBytes);
    m_traffic.wireBytesIn += quint64(payloadBytes) + frameHeaderBytes(quint64(payloadBytes), false);
    ++m_traffic.messagesIn;
}

bool QtWebSocketTransport::sendText(const QByteArray &utf8)
{
    if (!m_socket || !m_connected || m_ended)
        return false;
    if (m_socket->sendTextMessage(QString::fromUtf8(utf8)) < 0)
        return false;
    m_traffic.decodedBytesOut += quint64(utf8.size());
    m_traffic.wireBytesOut += quint64(utf8.size()) + frameHeaderBytes(quint64(utf8.size()), true);
    return true;
}

void QtWebSocketTransport::ping()
{
    if (m_socket && m_connected && !m_ended) {
        m_socket->ping();
        m_traffic.wireBytesOut += frameHeaderBytes(0, true);
    }
}

void QtWebSocketTransport::closeAndDispose(int closeCode)
{
    m_ended = true;
    if (!m_socket) {
        deleteLater();
        return;
    }
    QObject::disconnect(m_socket, nullptr, this, nullptr);
    // A polite close frame, then this object goes once the server answers, or after a while.
    connect(m_socket, &QWebSocket::disconnected, this, &QObject::deleteLater);
    QTimer::singleShot(GracefulCloseMs, this, [this] {
        m_socket->abort();
        deleteLater();
    });
    if (m_socket->state() == QAbstractSocket::ConnectedState) {
        m_socket->close(QWebSocketProtocol::CloseCode(closeCode));
    } else {
        m_socket->abort();
        deleteLater();
    }
}

void QtWebSocketTransport::abort()
{
    m_ended = true;
    if (m_socket) {
        QObject::disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
}

void QtWebSocketTransport::finish(QAbstractSocket::SocketError error)
{
    if (m_ended)
        return;
    m_ended = true;
    TransportEnd end;
    end.wasConnected = m_connected;
    end.closeCode = int(m_socket->closeCode());
    end.closeReason = m_socket->closeReason();
    if (error == QAbstractSocket::ConnectionRefusedError)
        end.httpStatus = handshakeHttpStatus(m_socket->errorString());
    if (m_tlsUntrusted) {
        end.tlsUntrusted = true;
        end.error = tr("TLS certificate not trusted: %1").arg(m_tlsErrors);
    } else if (end.httpStatus == 0 && error != QAbstractSocket::UnknownSocketError) {
        end.error = describe(error);
    }
    QObject::disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
    emit ended(end);
}

QString QtWebSocketTransport::describe(QAbstractSocket::SocketError error) const
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return tr("connection refused by %1").arg(hostAndPort(m_url));
    case QAbstractSocket::HostNotFoundError:
        return tr("host %1 not found").arg(m_url.host());
    case QAbstractSocket::RemoteHostClosedError:
        return tr("the server closed the connection");
    case QAbstractSocket::SocketTimeoutError:
        return tr("the connection timed out");
    case QAbstractSocket::SslHandshakeFailedError:
        return tr("TLS handshake failed: %1").arg(m_socket->errorString());
    default:
        return m_socket->errorString();
    }
}

} // namespace allium
