// SPDX-License-Identifier: MIT
#include "core/connection/websocketconnection.h"

#include "core/base/logging.h"
#include "core/connection/backoffpolicy.h"

#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>
#include <QWebSocket>

namespace allium {

namespace {

// After close() we wait this long for the server's close frame before aborting the TCP link.
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

// The close codes QWebSocket uses itself when the server breaks the protocol: the close is then
// ours, and the reason says what the server sent.
QString protocolViolation(int closeCode)
{
    switch (closeCode) {
    case QWebSocketProtocol::CloseCodeProtocolError:
        return WebSocketConnection::tr("the server broke the websocket protocol");
    case QWebSocketProtocol::CloseCodeWrongDatatype:
        return WebSocketConnection::tr("the server sent text that is not valid UTF-8");
    case QWebSocketProtocol::CloseCodeTooMuchData:
        return WebSocketConnection::tr("the server sent a frame over %1 MiB or a message over %2 "
                                       "MiB")
            .arg(WebSocketConnection::MaxIncomingFrameBytes / (1024 * 1024))
            .arg(WebSocketConnection::MaxIncomingMessageBytes / (1024 * 1024));
    default:
        return {};
    }
}

QString hostAndPort(const QUrl &url)
{
    const int defaultPort = url.scheme() == QLatin1String("wss") ? 443 : 80;
    return QStringLiteral("%1:%2").arg(url.host()).arg(url.port(defaultPort));
}

} // namespace

class WebSocketConnection::Private
{
public:
    explicit Private(WebSocketConnection *owner)
        : q(owner)
    {}

    void startAttempt();
    void endAttempt();
    void scheduleReconnect(const QString &reason);
    void fail(const QString &reason);
    void setState(ConnectionState newState);
    void stopTimers();
    void detachSocket(QWebSocket *socket);
    void handleError(QWebSocket *socket, QAbstractSocket::SocketError error);
    void handleSslErrors(QWebSocket *socket, const QList<QSslError> &errors);
    void handleHeartbeat();
    QString describeError(QWebSocket *socket, QAbstractSocket::SocketError error) const;

    WebSocketConnection *q;
    QUrl url;
    QString apiKey;
    ConnectionOptions options;
    BackoffPolicy backoff;

    ConnectionState state = ConnectionState::Disconnected;
    QWebSocket *socket = nullptr;
    int attempt = 0; // failed attempts since the last stable connection
    QString failureReason;
    QString lastError;  // why the current attempt ended, for the next decision
    QString fatalError; // set when the current attempt must not be retried
    QString lostReason; // lastError(): outlives the attempt, unlike lastError
    int lastPongLatencyMs = -1;

    QTimer retryTimer;
    QTimer handshakeTimer;
    QTimer pingTimer;
    QTimer stableTimer;
    QElapsedTimer retryClock;
    int retryDelayMs = 0;

    // Heartbeat bookkeeping without a clock read per frame: frames are counted, and the ping
    // tick compares the count with the previous tick.
    QElapsedTimer activityClock;
    quint64 framesSeen = 0;
    quint64 framesAtLastTick = 0;
    bool pongSinceTick = false;
};

void WebSocketConnection::Private::setState(ConnectionState newState)
{
    if (state == newState)
        return;
    state = newState;
    emit q->stateChanged(state);
}

void WebSocketConnection::Private::stopTimers()
{
    retryTimer.stop();
    handshakeTimer.stop();
    pingTimer.stop();
    stableTimer.stop();
}

void WebSocketConnection::Private::detachSocket(QWebSocket *old)
{
    if (!old)
        return;
    QObject::disconnect(old, nullptr, q, nullptr);
    if (socket == old)
        socket = nullptr;
}

void WebSocketConnection::Private::startAttempt()
{
    if (socket) {
        QWebSocket *old = socket;
        detachSocket(old);
        old->abort();
        old->deleteLater();
    }
    fatalError.clear();
    lastError.clear();

    auto *ws = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, q);
    socket = ws;
    // Without a frame limit QWebSocket reads frames of up to 2 GiB before the message limit
    // applies: a broken or hostile server could grow our memory by that much.
    ws->setMaxAllowedIncomingFrameSize(MaxIncomingFrameBytes);
    ws->setMaxAllowedIncomingMessageSize(MaxIncomingMessageBytes);
    if (url.scheme() == QLatin1String("wss")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!options.extraCaCertificates.isEmpty())
            ssl.addCaCertificates(options.extraCaCertificates);
        ws->setSslConfiguration(ssl);
    }

    QObject::connect(ws, &QWebSocket::connected, q, [this, ws] {
        if (ws != socket)
            return;
        handshakeTimer.stop();
        lostReason.clear();
        setState(ConnectionState::Connected);
        if (options.stableAfterMs > 0)
            stableTimer.start(options.stableAfterMs);
        else
            attempt = 0;
        framesAtLastTick = framesSeen;
        pongSinceTick = false;
        activityClock.start();
        if (options.pingIntervalMs > 0)
            pingTimer.start(options.pingIntervalMs);
        qCInfo(lcNet) << "connected to" << url.toDisplayString(QUrl::RemoveUserInfo);
        emit q->opened();
    });
    // Depending on the failure, disconnected() may come before or after error(): both look at
    // the socket's error so that the reason (and a refused key) is never missed.
    QObject::connect(ws, &QWebSocket::disconnected, q,
                     [this, ws] { handleError(ws, ws->error()); });
    QObject::connect(ws, &QWebSocket::textMessageReceived, q, [this, ws](const QString &text) {
        if (ws != socket)
            return;
        ++framesSeen;
        emit q->textReceived(text);
    });
    QObject::connect(ws, &QWebSocket::binaryMessageReceived, q, [this, ws](const QByteArray &data) {
        if (ws != socket)
            return;
        ++framesSeen;
        emit q->binaryReceived(data.size());
    });
    QObject::connect(ws, &QWebSocket::pong, q, [this, ws](quint64 elapsed, const QByteArray &) {
        if (ws != socket)
            return;
        pongSinceTick = true;
        lastPongLatencyMs = int(qMin<quint64>(elapsed, INT_MAX));
        emit q->pongReceived(lastPongLatencyMs);
    });
    QObject::connect(ws, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), q,
                     [this, ws](QAbstractSocket::SocketError error) { handleError(ws, error); });
    QObject::connect(ws, &QWebSocket::sslErrors, q,
                     [this, ws](const QList<QSslError> &errors) { handleSslErrors(ws, errors); });

    setState(ConnectionState::Connecting);
    if (options.handshakeTimeoutMs > 0)
        handshakeTimer.start(options.handshakeTimeoutMs);

    QNetworkRequest request(url);
    // The key travels only in this header; it is never written to a log or a signal.
    request.setRawHeader(QByteArrayLiteral("X-API-KEY"), apiKey.toUtf8());
    ws->open(request);
}

void WebSocketConnection::Private::handleSslErrors(QWebSocket *ws, const QList<QSslError> &errors)
{
    if (ws != socket)
        return;
    // The errors are never ignored: trusting a certificate is done with extraCaCertificates.
    QStringList texts;
    for (const QSslError &error : errors)
        texts << error.errorString();
    texts.removeDuplicates();
    fatalError = WebSocketConnection::tr("TLS certificate not trusted: %1")
                     .arg(texts.join(QStringLiteral("; ")));
}

void WebSocketConnection::Private::handleError(QWebSocket *ws, QAbstractSocket::SocketError error)
{
    if (ws != socket)
        return;
    const int status = error == QAbstractSocket::ConnectionRefusedError
                           ? handshakeHttpStatus(ws->errorString())
                           : 0;
    if (status == 401 || status == 403) {
        // A refused key is not a network hiccup: retrying would only hammer the server.
        fatalError =
            WebSocketConnection::tr("invalid API key or websocket access not enabled (HTTP %1)")
                .arg(status);
    } else if (status != 0) {
        lastError = WebSocketConnection::tr("the server refused the websocket handshake (HTTP %1)")
                        .arg(status);
    } else if (lastError.isEmpty() && error != QAbstractSocket::UnknownSocketError) {
        lastError = describeError(ws, error);
    }
    // Every error ends the attempt; QWebSocket does not always follow a refused handshake
    // with disconnected().
    endAttempt();
}

QString WebSocketConnection::Private::describeError(QWebSocket *ws,
                                                    QAbstractSocket::SocketError error) const
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return WebSocketConnection::tr("connection refused by %1").arg(hostAndPort(url));
    case QAbstractSocket::HostNotFoundError:
        return WebSocketConnection::tr("host %1 not found").arg(url.host());
    case QAbstractSocket::RemoteHostClosedError:
        return WebSocketConnection::tr("the server closed the connection");
    case QAbstractSocket::SocketTimeoutError:
        return WebSocketConnection::tr("the connection timed out");
    case QAbstractSocket::SslHandshakeFailedError:
        return WebSocketConnection::tr("TLS handshake failed: %1").arg(ws->errorString());
    default:
        return ws->errorString();
    }
}

void WebSocketConnection::Private::endAttempt()
{
    QWebSocket *ws = socket;
    if (!ws)
        return;
    const bool wasConnected = state == ConnectionState::Connected;
    const int closeCode = int(ws->closeCode());
    const QString closeReason = ws->closeReason();
    detachSocket(ws);
    ws->abort();
    ws->deleteLater();
    stopTimers();

    if (wasConnected)
        emit q->closed(closeCode, closeReason);

    if (!fatalError.isEmpty()) {
        fail(fatalError);
        return;
    }
    QString reason = lastError;
    if (reason.isEmpty()) {
        const QString detail =
            closeReason.isEmpty() ? QString() : QStringLiteral(": ") + closeReason;
        const QString violation = protocolViolation(closeCode);
        if (wasConnected && !violation.isEmpty())
            reason = WebSocketConnection::tr("the connection was closed with code %1 (%2)%3")
                         .arg(closeCode)
                         .arg(violation, detail);
        else if (wasConnected && closeCode != QWebSocketProtocol::CloseCodeNormal)
            reason = WebSocketConnection::tr("the server closed the connection (code %1%2)")
                         .arg(closeCode)
                         .arg(detail);
        else
            reason = WebSocketConnection::tr("the server closed the connection");
    }
    scheduleReconnect(reason);
}

void WebSocketConnection::Private::scheduleReconnect(const QString &reason)
{
    ++attempt;
    if (backoff.isExhausted(attempt)) {
        fail(WebSocketConnection::tr("gave up after %1 attempts: %2")
                 .arg(backoff.maxAttempts())
                 .arg(reason));
        return;
    }
    lastError = reason;
    lostReason = reason;
    retryDelayMs = backoff.delayMs(attempt);
    qCInfo(lcNet).noquote() << url.toDisplayString(QUrl::RemoveUserInfo) << "lost:" << reason
                            << "- retry" << attempt << "in" << retryDelayMs << "ms";
    retryClock.start();
    // Before the state changes, so that a status view reading lastError() on stateChanged()
    // finds the reason already.
    emit q->connectionLost(reason);
    setState(ConnectionState::Reconnecting);
    emit q->reconnectScheduled(attempt, retryDelayMs);
    retryTimer.start(retryDelayMs);
}

void WebSocketConnection::Private::fail(const QString &reason)
{
    stopTimers();
    qCInfo(lcNet).noquote() << url.toDisplayString(QUrl::RemoveUserInfo) << "failed:" << reason;
    failureReason = reason;
    lostReason = reason;
    setState(ConnectionState::Failed);
    emit q->failed(reason);
}

void WebSocketConnection::Private::handleHeartbeat()
{
    if (!socket || state != ConnectionState::Connected)
        return;
    if (framesSeen != framesAtLastTick || pongSinceTick) {
        framesAtLastTick = framesSeen;
        pongSinceTick = false;
        activityClock.restart();
    } else if (options.deadAfterMs > 0 && activityClock.elapsed() >= options.deadAfterMs) {
        // A half-open TCP link shows no error at all: silence is the only symptom.
        lastError =
            WebSocketConnection::tr("no data and no pong for %1 ms; connection presumed dead")
                .arg(activityClock.elapsed());
        endAttempt();
        return;
    }
    socket->ping();
}

WebSocketConnection::WebSocketConnection(QObject *parent)
    : ConnectionStatusSource(parent)
    , d(std::make_unique<Private>(this))
{
    d->backoff = BackoffPolicy::fromOptions(d->options);
    for (QTimer *timer : {&d->retryTimer, &d->handshakeTimer, &d->stableTimer}) {
        timer->setParent(this);
        timer->setSingleShot(true);
    }
    d->pingTimer.setParent(this);

    connect(&d->retryTimer, &QTimer::timeout, this, [this] { d->startAttempt(); });
    connect(&d->handshakeTimer, &QTimer::timeout, this, [this] {
        d->lastError = tr("the server did not complete the websocket handshake within %1 ms")
                           .arg(d->options.handshakeTimeoutMs);
        d->endAttempt();
    });
    connect(&d->stableTimer, &QTimer::timeout, this, [this] { d->attempt = 0; });
    connect(&d->pingTimer, &QTimer::timeout, this, [this] { d->handleHeartbeat(); });
}

WebSocketConnection::~WebSocketConnection()
{
    if (d->socket) {
        QWebSocket *ws = d->socket;
        d->detachSocket(ws);
        ws->abort();
        delete ws;
    }
    // The timers are members of d; take them out of the child list before d goes away.
    for (QTimer *timer : {&d->retryTimer, &d->handshakeTimer, &d->stableTimer, &d->pingTimer})
        timer->setParent(nullptr);
}

void WebSocketConnection::setUrl(const QUrl &url)
{
    d->url = url;
}

QUrl WebSocketConnection::url() const
{
    return d->url;
}

void WebSocketConnection::setApiKey(const QString &key)
{
    d->apiKey = key;
}

void WebSocketConnection::setOptions(const ConnectionOptions &options)
{
    d->options = options;
    d->backoff = BackoffPolicy::fromOptions(options);
}

ConnectionOptions WebSocketConnection::options() const
{
    return d->options;
}

ConnectionState WebSocketConnection::state() const
{
    return d->state;
}

int WebSocketConnection::attempt() const
{
    return d->state == ConnectionState::Connected ? 0 : d->attempt;
}

qint64 WebSocketConnection::msUntilRetry() const
{
    if (d->state != ConnectionState::Reconnecting)
        return -1;
    return qMax<qint64>(0, d->retryDelayMs - d->retryClock.elapsed());
}

QString WebSocketConnection::failureReason() const
{
    return d->state == ConnectionState::Failed ? d->failureReason : QString();
}

QString WebSocketConnection::lastError() const
{
    return d->lostReason;
}

int WebSocketConnection::lastPongLatencyMs() const
{
    return d->lastPongLatencyMs;
}

bool WebSocketConnection::sendText(const QByteArray &utf8)
{
    if (!d->socket || d->state != ConnectionState::Connected)
        return false;
    const qint64 sent = d->socket->sendTextMessage(QString::fromUtf8(utf8));
    return sent >= 0;
}

void WebSocketConnection::open()
{
    d->stopTimers();
    d->attempt = 0;
    d->failureReason.clear();
    d->lostReason.clear();
    d->startAttempt();
}

void WebSocketConnection::close()
{
    d->stopTimers();
    QWebSocket *ws = d->socket;
    const bool wasConnected = d->state == ConnectionState::Connected;
    if (ws) {
        d->detachSocket(ws);
        // A polite close frame, then the socket cleans itself up; aborted if the server never
        // answers.
        connect(ws, &QWebSocket::disconnected, ws, &QObject::deleteLater);
        QTimer::singleShot(GracefulCloseMs, ws, [ws] {
            ws->abort();
            ws->deleteLater();
        });
        if (ws->state() == QAbstractSocket::ConnectedState) {
            ws->close(QWebSocketProtocol::CloseCodeNormal);
        } else {
            ws->abort();
            ws->deleteLater();
        }
    }
    d->attempt = 0;
    d->failureReason.clear();
    d->lostReason.clear();
    if (wasConnected)
        emit closed(QWebSocketProtocol::CloseCodeNormal, tr("closed by the user"));
    d->setState(ConnectionState::Disconnected);
}

void WebSocketConnection::reconnectNow()
{
    if (d->state == ConnectionState::Reconnecting) {
        d->retryTimer.stop();
        d->startAttempt();
    } else if (d->state == ConnectionState::Failed || d->state == ConnectionState::Disconnected) {
        open();
    }
}

} // namespace allium
