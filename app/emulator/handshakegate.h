// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/httprequesthead.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>

QT_BEGIN_NAMESPACE
class QTcpSocket;
class QTimer;
QT_END_NAMESPACE

namespace allium {

/// An HTTP answer the gate gives instead of upgrading; status 0 means "let it through".
struct HttpRefusal
{
    int status = 0;
    QByteArray reasonPhrase;
    QByteArray body; ///< JSON, e.g. {"detail":"Invalid API key"}

    bool refuses() const { return status != 0; }
    /// The whole HTTP/1.1 response, with Content-Length and Connection: close.
    QByteArray toHttp() const;
};

/// Holds each new TCP connection until its HTTP request head has arrived (peeked, not consumed),
/// answers the refusals the real service gives at the handshake itself (401 for a missing or
/// wrong key, 404 for an unknown path or topic) and passes the rest on, after the optional
/// handshake-delay fault, to the websocket upgrade. Refuses with 503 beyond the connection limit.
class HandshakeGate : public QObject
{
    Q_OBJECT
public:
    /// A client that has not sent a complete request head by then is dropped.
    static constexpr int HeadTimeoutMs = 10000;

    explicit HandshakeGate(QObject *parent = nullptr);
    ~HandshakeGate() override;

    void setKeys(const QStringList &keys);
    void setTopics(const QStringList &topics);
    /// At most `maximum` connections: `openConnections` says how many are open (upgraded or
    /// being upgraded); a good head beyond that is refused with 503, and at most `maximum`
    /// connections may wait here for their head.
    void setConnectionLimit(int maximum, std::function<int()> openConnections);
    /// Heads carrying DeflateRelay::TokenHeader with this value come from the emulator's own
    /// deflate relay on behalf of a client the gate passed already: they are not counted against
    /// the limit or delayed again. Empty: no head is the relay's.
    void setRelayToken(const QByteArray &token);
    bool isFromRelay(const HttpRequestHead &head) const;

    /// Watches `socket` until its head is complete; then refuses it or emits passed().
    void admit(QTcpSocket *socket, int handshakeDelayMs);
    /// Connections admitted but neither refused nor passed yet (waiting for the head or the delay).
    int pendingCount() const;
    void abortAll();

    /// The refusal for a request head, or a refusal with status 0 when it may be upgraded.
    HttpRefusal check(const HttpRequestHead &head) const;

signals:
    /// The head is good: the socket, with its head still unread, is the receiver's now.
    void passed(QTcpSocket *socket, const HttpRequestHead &head);

private:
    struct Pending
    {
        QTimer *timer = nullptr; ///< head timeout, then the handshake delay
        int handshakeDelayMs = 0;
        bool headDone = false;
        HttpRequestHead head;
    };

    void handleReadyRead(QTcpSocket *socket);
    void refuse(QTcpSocket *socket, const HttpRefusal &refusal);
    void handOver(QTcpSocket *socket, const HttpRequestHead &head);
    void forget(QTcpSocket *socket);

    QStringList m_keys;
    QStringList m_topics;
    QByteArray m_relayToken;
    int m_maxConnections = 0; ///< 0: no limit
    std::function<int()> m_openConnections;
    QHash<QTcpSocket *, Pending> m_pending;
};

} // namespace allium
