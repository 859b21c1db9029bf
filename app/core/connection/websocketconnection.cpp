// SPDX-License-Identifier: MIT
#include "core/connection/websocketconnection.h"

#include "core/base/logging.h"
#include "core/connection/backoffpolicy.h"
#include "core/connection/websockettransport.h"
#include "core/replay/replaytransport.h"

#include <QElapsedTimer>
#include <QTimer>

#include <utility>

namespace allium {

namespace {

// The close codes a websocket implementation uses itself when the server breaks the protocol:
// the close is then ours, and the reason says what the server sent.
QString protocolViolation(int closeCode)
{
    switch (closeCode) {
    case 1002:
        return WebSocketConnection::tr("the server broke the websocket protocol");
    case 1007:
        return WebSocketConnection::tr("the server sent text that is not valid UTF-8");
    case 1009:
        return WebSocketConnection::tr("the server sent a frame over %1 MiB or a message over %2 "
                                       "MiB")
            .arg(WebSocketConnection::MaxIncomingFrameBytes / (1024 * 1024))
            .arg(WebSocketConnection::MaxIncomingMessageBytes / (1024 * 1024));
    default:
        return {};
    }
}

// A refused handshake in words: the status, and the server's own reason when it gave one.
QString refusal(const TransportEnd &end)
{
    const QString detail =
        end.serverDetail.isEmpty() ? QString() : QStringLiteral(": ") + end.serverDetail.left(500);
    if (end.httpStatus == 401 || end.httpStatus == 403)
        return WebSocketConnection::tr(
                   "invalid API key or websocket access not enabled (HTTP %1%2)")
            .arg(end.httpStatus)
            .arg(detail);
    return WebSocketConnection::tr("the server refused the websocket handshake (HTTP %1%2)")
        .arg(end.httpStatus)
        .arg(detail);
}

// A refused upgrade that an offer of permessage-deflate may have caused (boostorg/beast#2671:
// a strict server refused Beast's offer): worth one more try without the offer. Statuses that
// name another cause are not.
bool mayBeRefusedForCompression(const TransportEnd &end)
{
    switch (end.httpStatus) {
    case 0:
    case 401:
    case 403:
    case 404:
    case 429:
    case 503:
        return false;
    default:
        return end.offeredCompression;
    }
}

} // namespace

class WebSocketConnection::Private
{
public:
    explicit Private(WebSocketConnection *owner)
        : q(owner)
    {}

    void startAttempt();
    void handleEnd(WebSocketTransport *ended, const TransportEnd &end);
    void endAttempt(const QString &reason);
    void scheduleReconnect(const QString &reason);
    void fail(const QString &reason);
    void setState(ConnectionState newState);
    void stopTimers();
    WebSocketTransport *detachTransport();
    void dropTransport();
    void handleHeartbeat();

    WebSocketConnection *q;
    QUrl url;
    QString apiKey;
    ConnectionOptions options;
    FrameProcessorFactory processorFactory;
    BackoffPolicy backoff;

    ConnectionState state = ConnectionState::Disconnected;
    WebSocketTransport *transport = nullptr;
    int attempt = 0; // failed attempts since the last stable connection
    QString failureReason;
    QString lostReason; // lastError(): outlives the attempt
    int lastPongLatencyMs = -1;
    // Set after a refused upgrade that the compression offer may have caused: the next attempts
    // of this open() go without it.
    bool compressionRefused = false;
    TransportTraffic finishedTraffic; // of the attempts before the current one, since open()

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

WebSocketTransport *WebSocketConnection::Private::detachTransport()
{
    WebSocketTransport *old = std::exchange(transport, nullptr);
    if (old) {
        finishedTraffic += old->traffic();
        QObject::disconnect(old, nullptr, q, nullptr);
    }
    return old;
}

void WebSocketConnection::Private::dropTransport()
{
    if (WebSocketTransport *old = detachTransport()) {
        old->abort();
        old->deleteLater();
    }
}

void WebSocketConnection::Private::startAttempt()
{
    dropTransport();

    WebSocketTransport *next = options.replay ? new ReplayTransport(options.replay, q)
                                              : WebSocketTransport::create(options.transport, q);
    transport = next;
    QObject::connect(next, &WebSocketTransport::connected, q, [this, next] {
        if (next != transport)
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
        qCInfo(lcNet).noquote() << "connected to" << url.toDisplayString(QUrl::RemoveUserInfo)
                                << "over" << transportKindName(next->kind())
                                << (next->traffic().compression ? "with permessage-deflate"
                                                                : "without compression");
        emit q->opened();
    });
    QObject::connect(next, &WebSocketTransport::textReceived, q, [this](const QByteArray &utf8) {
        ++framesSeen;
        emit q->textReceived(utf8);
    });
    QObject::connect(next, &WebSocketTransport::framesProcessed, q, [this](ProcessedFrames *run) {
        framesSeen += run->frames;
        emit q->framesProcessed(run);
    });
    QObject::connect(next, &WebSocketTransport::discontinued, q,
                     &WebSocketConnection::discontinued);
    QObject::connect(next, &WebSocketTransport::binaryReceived, q, [this](qint64 size) {
        ++framesSeen;
        emit q->binaryReceived(size);
    });
    QObject::connect(next, &WebSocketTransport::pongReceived, q, [this](int latencyMs) {
        pongSinceTick = true;
        lastPongLatencyMs = latencyMs;
        emit q->pongReceived(latencyMs);
    });
    QObject::connect(next, &WebSocketTransport::ended, q,
                     [this, next](const TransportEnd &end) { handleEnd(next, end); });

    setState(ConnectionState::Connecting);
    if (options.handshakeTimeoutMs > 0)
        handshakeTimer.start(options.handshakeTimeoutMs);

    TransportRequest request;
    request.url = url;
    // The key travels only in the handshake's header; it is never written to a log or a signal.
    request.apiKey = apiKey.toUtf8();
    request.offerCompression = options.compression && !compressionRefused;
    request.maxFrameBytes = MaxIncomingFrameBytes;
    request.maxMessageBytes = MaxIncomingMessageBytes;
    request.extraCaCertificates = options.extraCaCertificates;
    if (processorFactory)
        next->setFrameProcessorFactory(processorFactory);
    next->open(request);
}

void WebSocketConnection::Private::handleEnd(WebSocketTransport *ended, const TransportEnd &end)
{
    if (ended != transport)
        return;
    const bool wasConnected = state == ConnectionState::Connected;
    dropTransport();
    stopTimers();
    if (wasConnected)
        emit q->closed(end.closeCode, end.closeReason);

    if (end.tlsUntrusted) {
        fail(end.error);
        return;
    }
    if (end.httpStatus == 401 || end.httpStatus == 403) {
        // A refused key is not a network hiccup: retrying would only hammer the server.
        fail(refusal(end));
        return;
    }
    if (mayBeRefusedForCompression(end) && !compressionRefused) {
        compressionRefused = true;
        const QString note =
            WebSocketConnection::tr("%1; trying again without offering compression")
                .arg(refusal(end));
        qCInfo(lcNet).noquote() << url.toDisplayString(QUrl::RemoveUserInfo) << note;
        emit q->eventOccurred(ConnectionEventKind::Info, note);
        startAttempt();
        return;
    }
    QString reason = end.httpStatus != 0 ? refusal(end) : end.error;
    if (reason.isEmpty()) {
        const QString detail =
            end.closeReason.isEmpty() ? QString() : QStringLiteral(": ") + end.closeReason;
        const QString violation = protocolViolation(end.closeCode);
        if (wasConnected && !violation.isEmpty())
            reason = WebSocketConnection::tr("the connection was closed with code %1 (%2)%3")
                         .arg(end.closeCode)
                         .arg(violation, detail);
        else if (wasConnected && end.closeCode != 1000 && end.closeCode != 0)
            reason = WebSocketConnection::tr("the server closed the connection (code %1%2)")
                         .arg(end.closeCode)
                         .arg(detail);
        else
            reason = WebSocketConnection::tr("the server closed the connection");
    }
    scheduleReconnect(reason);
}

void WebSocketConnection::Private::endAttempt(const QString &reason)
{
    // Ours, not the transport's: a timeout or a dead heartbeat.
    if (!transport)
        return;
    const bool wasConnected = state == ConnectionState::Connected;
    dropTransport();
    stopTimers();
    if (wasConnected)
        emit q->closed(1006, reason);
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
    if (!transport || state != ConnectionState::Connected)
        return;
    if (framesSeen != framesAtLastTick || pongSinceTick) {
        framesAtLastTick = framesSeen;
        pongSinceTick = false;
        activityClock.restart();
    } else if (options.deadAfterMs > 0 && activityClock.elapsed() >= options.deadAfterMs) {
        // A half-open TCP link shows no error at all: silence is the only symptom.
        endAttempt(
            WebSocketConnection::tr("no data and no pong for %1 ms; connection presumed dead")
                .arg(activityClock.elapsed()));
        return;
    }
    transport->ping();
}

WebSocketConnection::WebSocketConnection(QObject *parent)
    : ConnectionStatusSource(parent)
    , d(std::make_unique<Private>(this))
{
    qRegisterMetaType<allium::TransportEnd>();
    d->backoff = BackoffPolicy::fromOptions(d->options);
    for (QTimer *timer : {&d->retryTimer, &d->handshakeTimer, &d->stableTimer}) {
        timer->setParent(this);
        timer->setSingleShot(true);
    }
    d->pingTimer.setParent(this);

    connect(&d->retryTimer, &QTimer::timeout, this, [this] { d->startAttempt(); });
    connect(&d->handshakeTimer, &QTimer::timeout, this, [this] {
        d->endAttempt(tr("the server did not complete the websocket handshake within %1 ms")
                          .arg(d->options.handshakeTimeoutMs));
    });
    connect(&d->stableTimer, &QTimer::timeout, this, [this] { d->attempt = 0; });
    connect(&d->pingTimer, &QTimer::timeout, this, [this] { d->handleHeartbeat(); });
}

WebSocketConnection::~WebSocketConnection()
{
    if (WebSocketTransport *transport = d->detachTransport()) {
        transport->abort();
        delete transport;
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

void WebSocketConnection::setFrameProcessorFactory(const FrameProcessorFactory &factory)
{
    d->processorFactory = factory;
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

TransportTraffic WebSocketConnection::traffic() const
{
    TransportTraffic total = d->finishedTraffic;
    if (d->transport) {
        const TransportTraffic current = d->transport->traffic();
        total += current;
        total.compression = current.compression && d->state == ConnectionState::Connected;
    }
    return total;
}

qint64 WebSocketConnection::recordedTimeUs() const
{
    return d->transport ? d->transport->recordedTimeUs() : -1;
}

bool WebSocketConnection::sendText(const QByteArray &utf8)
{
    if (!d->transport || d->state != ConnectionState::Connected)
        return false;
    return d->transport->sendText(utf8);
}

void WebSocketConnection::open()
{
    d->stopTimers();
    d->attempt = 0;
    d->failureReason.clear();
    d->lostReason.clear();
    d->compressionRefused = false;
    d->finishedTraffic = {};
    d->startAttempt();
}

void WebSocketConnection::close()
{
    d->stopTimers();
    const bool wasConnected = d->state == ConnectionState::Connected;
    // A polite close frame; the transport cleans itself up.
    if (WebSocketTransport *transport = d->detachTransport())
        transport->closeAndDispose(1000);
    d->attempt = 0;
    d->failureReason.clear();
    d->lostReason.clear();
    if (wasConnected)
        emit closed(1000, tr("closed by the user"));
    d->setState(ConnectionState::Disconnected);
}

void WebSocketConnection::reconnectNow()
{
    // Said in the log whatever the state: a silent no-op would read as broken.
    emit eventOccurred(ConnectionEventKind::Info, tr("reconnecting now, as asked"));
    switch (d->state) {
    case ConnectionState::Reconnecting:
        d->retryTimer.stop();
        d->startAttempt();
        return;
    case ConnectionState::Failed:
    case ConnectionState::Disconnected:
        open();
        return;
    case ConnectionState::Connecting:
    case ConnectionState::Connected:
        // Asked for while up (a link that looks alive but may not be): a fresh connection now
        // rather than nothing.
        d->stopTimers();
        if (WebSocketTransport *transport = d->detachTransport())
            transport->closeAndDispose(1000);
        d->attempt = 0;
        d->startAttempt();
        return;
    }
}

} // namespace allium
