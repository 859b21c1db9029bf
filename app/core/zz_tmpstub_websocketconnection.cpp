// TEMPORARY local stub, never committed: replaced by branch `stream`.
#include "websocketconnection.h"

#include <QNetworkRequest>
#include <QWebSocket>

namespace allium {

QString connectionStateText(ConnectionState state) { return QString::number(int(state)); }

class WebSocketConnection::Private
{
public:
    QWebSocket socket;
    QUrl url;
    QString key;
    ConnectionOptions options;
    ConnectionState state = ConnectionState::Disconnected;
    QString reason;
    bool userClosed = false;
};

WebSocketConnection::WebSocketConnection(QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    auto set = [this](ConnectionState s) {
        if (d->state == s) return;
        d->state = s;
        emit stateChanged(s);
    };
    connect(&d->socket, &QWebSocket::connected, this, [this, set] { set(ConnectionState::Connected); emit opened(); });
    connect(&d->socket, &QWebSocket::disconnected, this, [this, set] {
        if (d->userClosed) { set(ConnectionState::Disconnected); return; }
        d->reason = d->socket.errorString();
        set(ConnectionState::Failed);
        emit failed(d->reason);
    });
    connect(&d->socket, &QWebSocket::textMessageReceived, this, &WebSocketConnection::textReceived);
}
WebSocketConnection::~WebSocketConnection() = default;
void WebSocketConnection::setUrl(const QUrl &url) { d->url = url; }
QUrl WebSocketConnection::url() const { return d->url; }
void WebSocketConnection::setApiKey(const QString &key) { d->key = key; }
void WebSocketConnection::setOptions(const ConnectionOptions &o) { d->options = o; }
ConnectionOptions WebSocketConnection::options() const { return d->options; }
ConnectionState WebSocketConnection::state() const { return d->state; }
int WebSocketConnection::attempt() const { return 0; }
qint64 WebSocketConnection::msUntilRetry() const { return -1; }
QString WebSocketConnection::failureReason() const { return d->reason; }
int WebSocketConnection::lastPongLatencyMs() const { return -1; }
bool WebSocketConnection::sendText(const QByteArray &utf8)
{
    if (d->state != ConnectionState::Connected) return false;
    d->socket.sendTextMessage(QString::fromUtf8(utf8));
    return true;
}
void WebSocketConnection::open()
{
    d->userClosed = false;
    QNetworkRequest request(d->url);
    request.setRawHeader("X-API-KEY", d->key.toUtf8());
    d->state = ConnectionState::Connecting;
    emit stateChanged(d->state);
    d->socket.open(request);
}
void WebSocketConnection::close() { d->userClosed = true; d->socket.close(); }
void WebSocketConnection::reconnectNow() { open(); }

} // namespace allium
