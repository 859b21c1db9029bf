// SPDX-License-Identifier: MIT
#include "emulator/emulatorserver.h"

#include "core/connection/connectionprofile.h"
#include "emulator/apiconnection.h"
#include "emulator/cadenceclock.h"
#include "emulator/connectionwatch.h"
#include "emulator/deflaterelay.h"
#include "emulator/generators/topicgenerator.h"
#include "emulator/handshakegate.h"
#include "emulator/selfsignedcertificate.h"
#include "emulator/streamconnection.h"

#include <QDateTime>
#include <QHash>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <type_traits>

namespace allium {

class EmulatorServer::Private
{
public:
    struct Upgrade
    {
        QPointer<QTcpSocket> transport;
        QUrl target;
        bool relayed = false; ///< the deflate relay's connection for a client
    };

    explicit Private(EmulatorServer *owner, const EmulatorOptions &emulatorOptions)
        : q(owner)
        , options(emulatorOptions)
    {}

    void handleNewTcpConnections();
    void handlePassed(QTcpSocket *socket, const HttpRequestHead &head);
    void relayDeflate(QTcpSocket *socket, const HttpRequestHead &head);
    void handleNewWebSockets();
    template <typename Connection>
    void track(Connection *connection, QList<QPointer<Connection>> &list, const QString &label);

    EmulatorServer *q;
    EmulatorOptions options;
    QTcpServer *tcpServer = nullptr;
    QWebSocketServer *webSocketServer = nullptr;
    HandshakeGate *gate = nullptr;
    SelfSignedCertificate tls;
    QString errorString;
    QList<QPointer<StreamConnection>> streams;
    QList<QPointer<ApiConnection>> apis;
    /// Sockets handed to the websocket upgrade, by peer port (unique on one loopback address):
    /// the upgrade yields a QWebSocket, and the stall fault needs the TCP socket beneath it.
    QHash<quint16, Upgrade> upgrades;
    /// Serves clients that offer permessage-deflate; started with the first of them.
    std::unique_ptr<DeflateRelay> relay;
    QByteArray relayToken;
    /// The one timer of every stream at a cadence.
    CadenceClock *cadence = nullptr;
    // What connections that are gone reported, for the totals.
    qint64 closedPeakQueuedBytes = 0;
    int closedBacklogCount = 0;
    int closedApiAccepted = 0;
    int closedApiRefused = 0;
};

void EmulatorServer::Private::handleNewTcpConnections()
{
    while (tcpServer->hasPendingConnections()) {
        QTcpSocket *socket = tcpServer->nextPendingConnection();
        if (socket)
            gate->admit(socket, options.faults.handshakeDelayMs);
    }
}

void EmulatorServer::Private::handlePassed(QTcpSocket *socket, const HttpRequestHead &head)
{
    const bool fromRelay = gate->isFromRelay(head);
    // TLS ends in the QSslServer, before the gate: a taken-over descriptor would carry
    // encrypted bytes, so wss:// clients are served uncompressed.
    if (options.deflate && !options.tls && !fromRelay &&
        head.offersWebSocketExtension("permessage-deflate")) {
        relayDeflate(socket, head);
        return;
    }
    for (auto it = upgrades.begin(); it != upgrades.end();) {
        if (it->transport.isNull())
            it = upgrades.erase(it);
        else
            ++it;
    }
    upgrades.insert(socket->peerPort(), {socket, head.target(), fromRelay});
    webSocketServer->handleConnection(socket);
}

void EmulatorServer::Private::relayDeflate(QTcpSocket *socket, const HttpRequestHead &head)
{
    if (!relay) {
        DeflateRelay::Settings settings;
        settings.address = tcpServer->serverAddress();
        settings.port = tcpServer->serverPort();
        settings.token = relayToken;
        settings.maxIncomingMessageSize = EmulatorConnection::MaxIncomingMessageSize;
        settings.closeLingerMs = ConnectionWatch::CloseLingerMs;
        settings.compressionLevel = options.deflateLevel;
        relay = std::make_unique<DeflateRelay>(settings);
    }
    // The gate only peeked: the head (and whatever followed it) is still in Qt's buffer.
    relay->adopt(socket->socketDescriptor(), socket->readAll(), head.target().toEncoded(),
                 head.header("x-api-key"));
    socket->abort();
    socket->deleteLater();
}

template <typename Connection>
void EmulatorServer::Private::track(Connection *connection, QList<QPointer<Connection>> &list,
                                    const QString &label)
{
    list.append(connection);
    QObject::connect(connection, &Connection::disconnected, q, [this, connection, &list, label] {
        closedPeakQueuedBytes =
            std::max(closedPeakQueuedBytes, connection->watch().peakQueuedBytes());
        closedBacklogCount += connection->watch().closedForBacklog() ? 1 : 0;
        if constexpr (std::is_same_v<Connection, ApiConnection>) {
            closedApiAccepted += connection->acceptedCount();
            closedApiRefused += connection->refusedCount();
        }
        list.removeAll(connection);
        connection->deleteLater();
        emit q->connectionClosed(label);
    });
    emit q->connectionOpened(label);
}

void EmulatorServer::Private::handleNewWebSockets()
{
    while (webSocketServer->hasPendingConnections()) {
        QWebSocket *socket = webSocketServer->nextPendingConnection();
        if (!socket)
            continue;
        const Upgrade upgrade = upgrades.take(socket->peerPort());
        const QUrl target = upgrade.target.isEmpty() ? socket->requestUrl() : upgrade.target;
        const QString label = target.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority);
        const quint16 relayPort = socket->peerPort();
        EmulatorConnection *connection = nullptr;
        if (target.path() == ConnectionProfile::apiPath()) {
            auto *api = new ApiConnection(socket, upgrade.transport, options, q);
            track(api, apis, label);
            connection = api;
        } else {
            const QString topic =
                QUrlQuery(target).queryItemValue(QStringLiteral("topic"), QUrl::FullyDecoded);
            auto *stream =
                new StreamConnection(socket, upgrade.transport, topic, options, cadence, q);
            track(stream, streams, label);
            connection = stream;
            if (upgrade.relayed && relay) {
                QObject::connect(
                    stream, &StreamConnection::stalled, q,
                    [this, relayPort](qint64 messages) { relay->stall(relayPort, messages); });
            }
        }
        // The relay ends its side of a connection the emulator closes as the emulator does.
        if (upgrade.relayed && relay) {
            QObject::connect(&connection->watch(), &ConnectionWatch::closing, q,
                             [this, relayPort] { relay->closing(relayPort); });
        }
    }
}

EmulatorServer::EmulatorServer(const EmulatorOptions &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, options))
{
    d->gate = new HandshakeGate(this);
    // The chain's clock starts with the cadence clock: every stream of this server reads it.
    d->cadence = new CadenceClock(this);
    if (d->options.startTimeMs <= 0)
        d->options.startTimeMs = QDateTime::currentMSecsSinceEpoch();
    d->gate->setKeys(options.keys);
    // A recording may come from a topic the generators do not know.
    d->gate->setTopics(topics() + QStringList{options.replay.topic}.filter(QStringLiteral(".")));
    // Random, so no client can pass for the relay and slip past the connection limit.
    for (int i = 0; i < 4; ++i)
        d->relayToken += QByteArray::number(QRandomGenerator::system()->generate(), 16);
    d->gate->setRelayToken(d->relayToken);
    // Connections being upgraded count too, so a burst of handshakes cannot overshoot.
    d->gate->setConnectionLimit(options.limits.maxConnections, [this] {
        const auto upgrading =
            std::count_if(d->upgrades.cbegin(), d->upgrades.cend(),
                          [](const Private::Upgrade &u) { return !u.transport.isNull(); });
        return connectionCount() + int(upgrading) + (d->relay ? d->relay->connectingCount() : 0);
    });
    d->webSocketServer = new QWebSocketServer(QStringLiteral("allium-emulator"),
                                              QWebSocketServer::NonSecureMode, this);
    // TLS, when on, is done by the QSslServer before the gate; the upgrade sees plain bytes.
    d->webSocketServer->setMaxPendingConnections(1000);
    connect(
        d->gate, &HandshakeGate::passed, this,
        [this](QTcpSocket *socket, const HttpRequestHead &head) { d->handlePassed(socket, head); });
    connect(d->webSocketServer, &QWebSocketServer::newConnection, this,
            [this] { d->handleNewWebSockets(); });
}

EmulatorServer::~EmulatorServer()
{
    // Children report their end to this object through `d`: silence them before it goes away.
    const QObjectList children = this->children();
    for (QObject *child : children)
        child->disconnect(this);
    const QList<QPointer<StreamConnection>> streams = d->streams;
    const QList<QPointer<ApiConnection>> apis = d->apis;
    qDeleteAll(streams);
    qDeleteAll(apis);
    // Joins the relay's thread; its inner connections ended with the connections above.
    d->relay.reset();
}

bool EmulatorServer::listen()
{
    if (isListening())
        return true;
    if (!d->options.address.isLoopback()) {
        d->errorString = QStringLiteral("the emulator listens on loopback addresses only, not %1")
                             .arg(d->options.address.toString());
        return false;
    }
    if (!d->tcpServer) {
        if (d->options.tls) {
            if (d->tls.isNull())
                d->tls = SelfSignedCertificate::generate(&d->errorString);
            if (d->tls.isNull())
                return false;
            auto *sslServer = new QSslServer(this);
            QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
            configuration.setLocalCertificate(d->tls.certificate());
            configuration.setPrivateKey(d->tls.privateKey());
            configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
            sslServer->setSslConfiguration(configuration);
            d->tcpServer = sslServer;
        } else {
            d->tcpServer = new QTcpServer(this);
        }
        d->tcpServer->setMaxPendingConnections(1000);
        // pendingConnectionAvailable, not newConnection: QSslServer emits it only once a
        // socket is encrypted.
        connect(d->tcpServer, &QTcpServer::pendingConnectionAvailable, this,
                [this] { d->handleNewTcpConnections(); });
    }
    if (!d->tcpServer->listen(d->options.address, d->options.port)) {
        d->errorString = d->tcpServer->errorString();
        return false;
    }
    d->errorString.clear();
    return true;
}

void EmulatorServer::close()
{
    if (d->tcpServer)
        d->tcpServer->close();
    d->gate->abortAll();
    // Copies: a connection may report its end (and leave the list) while being closed.
    const QList<QPointer<StreamConnection>> streams = d->streams;
    const QList<QPointer<ApiConnection>> apis = d->apis;
    for (const auto &stream : streams) {
        if (stream)
            stream->close(QWebSocketProtocol::CloseCodeGoingAway,
                          QStringLiteral("emulator closed"));
    }
    for (const auto &api : apis) {
        if (api)
            api->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("emulator closed"));
    }
}

bool EmulatorServer::isListening() const
{
    return d->tcpServer && d->tcpServer->isListening();
}

QString EmulatorServer::errorString() const
{
    return d->errorString;
}

quint16 EmulatorServer::port() const
{
    return isListening() ? d->tcpServer->serverPort() : 0;
}

QUrl EmulatorServer::baseUrl() const
{
    QUrl url;
    url.setScheme(d->options.tls ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(d->options.address.toString());
    url.setPort(port());
    return url;
}

QUrl EmulatorServer::apiUrl() const
{
    return ConnectionProfile::apiUrl(baseUrl());
}

QUrl EmulatorServer::streamUrl(const QString &topic) const
{
    return ConnectionProfile::streamUrl(baseUrl(), topic);
}

QSslCertificate EmulatorServer::certificate() const
{
    return d->tls.certificate();
}

const EmulatorOptions &EmulatorServer::options() const
{
    return d->options;
}

void EmulatorServer::setFaults(const EmulatorFaults &faults)
{
    d->options.faults = faults;
}

void EmulatorServer::dropAllConnections()
{
    d->gate->abortAll();
    if (d->relay)
        d->relay->abortAll();
    const QList<QPointer<StreamConnection>> streams = d->streams;
    const QList<QPointer<ApiConnection>> apis = d->apis;
    for (const auto &stream : streams) {
        if (stream)
            stream->abort();
    }
    for (const auto &api : apis) {
        if (api)
            api->abort();
    }
}

int EmulatorServer::connectionCount() const
{
    return int(d->streams.size() + d->apis.size());
}

int EmulatorServer::deflateConnectionCount() const
{
    return d->relay ? d->relay->adoptedCount() : 0;
}

qint64 EmulatorServer::peakDeflateRelayBytes() const
{
    return d->relay ? d->relay->peakBufferedBytes() : 0;
}

qint64 EmulatorServer::cadenceWakeUps() const
{
    return d->cadence->wakeUps();
}

int EmulatorServer::pendingHandshakeCount() const
{
    return d->gate->pendingCount();
}

qint64 EmulatorServer::peakWriteQueueBytes() const
{
    qint64 peak = d->closedPeakQueuedBytes;
    for (const auto &stream : d->streams) {
        if (stream)
            peak = std::max(peak, stream->watch().peakQueuedBytes());
    }
    for (const auto &api : d->apis) {
        if (api)
            peak = std::max(peak, api->watch().peakQueuedBytes());
    }
    return peak;
}

int EmulatorServer::backlogClosedCount() const
{
    int count = d->closedBacklogCount;
    for (const auto &stream : d->streams)
        count += stream && stream->watch().closedForBacklog() ? 1 : 0;
    for (const auto &api : d->apis)
        count += api && api->watch().closedForBacklog() ? 1 : 0;
    return count;
}

int EmulatorServer::apiInFlight() const
{
    int count = 0;
    for (const auto &api : d->apis)
        count += api ? api->inFlight() : 0;
    return count;
}

int EmulatorServer::apiAcceptedCount() const
{
    int count = d->closedApiAccepted;
    for (const auto &api : d->apis)
        count += api ? api->acceptedCount() : 0;
    return count;
}

int EmulatorServer::apiRefusedCount() const
{
    int count = d->closedApiRefused;
    for (const auto &api : d->apis)
        count += api ? api->refusedCount() : 0;
    return count;
}

QStringList EmulatorServer::topics()
{
    return TopicGenerator::topics();
}

} // namespace allium
