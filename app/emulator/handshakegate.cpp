// SPDX-License-Identifier: MIT
#include "emulator/handshakegate.h"

#include "core/connection/connectionprofile.h"
#include "emulator/deflaterelay.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

namespace allium {

namespace {

HttpRefusal refusal(int status, const QByteArray &reasonPhrase, const QString &detail)
{
    const QJsonObject body{{QStringLiteral("detail"), detail}};
    return {status, reasonPhrase, QJsonDocument(body).toJson(QJsonDocument::Compact)};
}

HttpRefusal tooManyConnections(int maximum)
{
    return refusal(503, "Service Unavailable",
                   QStringLiteral("too many connections: the emulator serves at most %1 at once")
                       .arg(maximum));
}

// Refused sockets get this long to take their answer before they are aborted.
constexpr int RefusalLingerMs = 5000;

} // namespace

QByteArray HttpRefusal::toHttp() const
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase +
           "\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

HandshakeGate::HandshakeGate(QObject *parent)
    : QObject(parent)
{}

HandshakeGate::~HandshakeGate() = default;

void HandshakeGate::setKeys(const QStringList &keys)
{
    m_keys = keys;
}

void HandshakeGate::setTopics(const QStringList &topics)
{
    m_topics = topics;
}

void HandshakeGate::setConnectionLimit(int maximum, std::function<int()> openConnections)
{
    m_maxConnections = maximum;
    m_openConnections = std::move(openConnections);
}

void HandshakeGate::setRelayToken(const QByteArray &token)
{
    m_relayToken = token;
}

bool HandshakeGate::isFromRelay(const HttpRequestHead &head) const
{
    return !m_relayToken.isEmpty() && head.header(DeflateRelay::TokenHeader) == m_relayToken;
}

void HandshakeGate::admit(QTcpSocket *socket, int handshakeDelayMs)
{
    // Connections that have not sent their head yet cost memory and a timer each: bounded too.
    if (m_maxConnections > 0 && m_pending.size() >= m_maxConnections) {
        refuse(socket, tooManyConnections(m_maxConnections));
        return;
    }
    Pending pending;
    pending.timer = new QTimer(this);
    pending.timer->setSingleShot(true);
    // The delay fault is a lower bound clients may measure: a coarse timer could fire early.
    pending.timer->setTimerType(Qt::PreciseTimer);
    pending.handshakeDelayMs = handshakeDelayMs;
    m_pending.insert(socket, pending);

    connect(pending.timer, &QTimer::timeout, this, [this, socket] {
        const Pending current = m_pending.value(socket);
        if (current.headDone)
            handOver(socket, current.head);
        else
            refuse(socket, refusal(408, "Request Timeout",
                                   QStringLiteral("request head not received in time")));
    });
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handleReadyRead(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        forget(socket);
        socket->deleteLater();
    });
    pending.timer->start(HeadTimeoutMs);
    // With TLS the head may have arrived together with the end of the TLS handshake.
    if (socket->bytesAvailable() > 0)
        handleReadyRead(socket);
}

int HandshakeGate::pendingCount() const
{
    return int(m_pending.size());
}

void HandshakeGate::abortAll()
{
    const QList<QTcpSocket *> sockets = m_pending.keys();
    for (QTcpSocket *socket : sockets) {
        forget(socket);
        socket->abort();
        socket->deleteLater();
    }
}

HttpRefusal HandshakeGate::check(const HttpRequestHead &head) const
{
    // Same order as a web framework: route first, then the key, then the handler's own checks.
    const QString path = head.target().path();
    if (path != ConnectionProfile::apiPath() && path != ConnectionProfile::streamPath())
        return refusal(404, "Not Found", QStringLiteral("Not Found"));
    if (head.method() != "GET")
        return refusal(405, "Method Not Allowed", QStringLiteral("Method Not Allowed"));

    const QString key = QString::fromUtf8(head.header("x-api-key"));
    if (key.isEmpty() || !m_keys.contains(key))
        return refusal(401, "Unauthorized", QStringLiteral("Invalid API key"));

    if (path == ConnectionProfile::streamPath()) {
        const QUrlQuery query(head.target());
        const QString topic = query.queryItemValue(QStringLiteral("topic"), QUrl::FullyDecoded);
        if (topic.isEmpty()) {
            return refusal(404, "Not Found",
                           QStringLiteral("Missing topic: use ?topic=<chain>.<kind>, "
                                          "e.g. ?topic=ethereum.blocks"));
        }
        if (!m_topics.contains(topic))
            return refusal(404, "Not Found", QStringLiteral("Topic not found: %1").arg(topic));
    }
    if (!head.isWebSocketUpgrade()) {
        return refusal(426, "Upgrade Required",
                       QStringLiteral("This endpoint only accepts websocket connections"));
    }
    // Last: a request that is wrong anyway gets its own answer, not "try later". The relay's
    // connection stands for one counted already.
    if (m_maxConnections > 0 && m_openConnections && !isFromRelay(head) &&
        m_openConnections() >= m_maxConnections)
        return tooManyConnections(m_maxConnections);
    return {};
}

void HandshakeGate::handleReadyRead(QTcpSocket *socket)
{
    auto it = m_pending.find(socket);
    if (it == m_pending.end() || it->headDone)
        return;
    // Peek, never read: the websocket server parses the same bytes again after the hand-over.
    const QByteArray available = socket->peek(HttpRequestHead::MaxSize + 4);
    const qsizetype end = available.indexOf("\r\n\r\n");
    if (end < 0) {
        if (available.size() > HttpRequestHead::MaxSize) {
            refuse(socket, refusal(431, "Request Header Fields Too Large",
                                   QStringLiteral("request head too large")));
        }
        return;
    }
    const auto head = HttpRequestHead::parse(available.left(end + 4));
    if (!head) {
        refuse(socket, refusal(400, "Bad Request", QStringLiteral("malformed HTTP request")));
        return;
    }
    const HttpRefusal verdict = check(*head);
    if (verdict.refuses()) {
        refuse(socket, verdict);
        return;
    }
    it->headDone = true;
    it->head = *head;
    if (it->handshakeDelayMs > 0 && !isFromRelay(*head))
        it->timer->start(it->handshakeDelayMs);
    else
        handOver(socket, *head);
}

void HandshakeGate::refuse(QTcpSocket *socket, const HttpRefusal &refusal)
{
    forget(socket);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(RefusalLingerMs, socket, [socket] { socket->abort(); });
    socket->write(refusal.toHttp());
    socket->disconnectFromHost();
}

void HandshakeGate::handOver(QTcpSocket *socket, const HttpRequestHead &head)
{
    forget(socket);
    emit passed(socket, head);
}

void HandshakeGate::forget(QTcpSocket *socket)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return;
    delete it->timer;
    m_pending.erase(it);
    socket->disconnect(this);
}

} // namespace allium
