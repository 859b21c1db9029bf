// SPDX-License-Identifier: MIT
#include "support/hostileserver.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace allium {

namespace {

// Flood frames are written while the socket's own buffer holds less than this.
constexpr qint64 FloodBufferBytes = 256 * 1024;

QByteArray acceptKey(const QByteArray &clientKey)
{
    return QCryptographicHash::hash(clientKey + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                    QCryptographicHash::Sha1)
        .toBase64();
}

QByteArray headerValue(const QByteArray &head, const QByteArray &name)
{
    for (const QByteArray &line : head.split('\n')) {
        const int colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

HostileServer::HostileServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &HostileServer::handleConnection);
}

HostileServer::~HostileServer() = default;

bool HostileServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 HostileServer::port() const
{
    return m_server->serverPort();
}

QUrl HostileServer::baseUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port()));
}

void HostileServer::setFlood(const QByteArray &frame, qint64 count)
{
    m_floodFrame = frame;
    m_floodCount = count;
}

QByteArray HostileServer::frameHeader(int opcode, quint64 declaredLength)
{
    QByteArray header;
    header.append(char(0x80 | (opcode & 0x0f)));
    if (declaredLength < 126) {
        header.append(char(declaredLength));
    } else if (declaredLength <= 0xffff) {
        header.append(char(126));
        header.append(char(declaredLength >> 8));
        header.append(char(declaredLength & 0xff));
    } else {
        header.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            header.append(char((declaredLength >> shift) & 0xff));
    }
    return header;
}

QByteArray HostileServer::textFrame(const QByteArray &payload)
{
    return frameHeader(0x1, quint64(payload.size())) + payload;
}

QByteArray HostileServer::binaryFrame(const QByteArray &payload)
{
    return frameHeader(0x2, quint64(payload.size())) + payload;
}

QByteArray HostileServer::closeFrame(int code, const QByteArray &reason)
{
    QByteArray payload;
    payload.append(char((code >> 8) & 0xff));
    payload.append(char(code & 0xff));
    payload.append(reason.left(123));
    return frameHeader(0x8, quint64(payload.size())) + payload;
}

void HostileServer::handleConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handleHandshake(socket); });
    }
}

void HostileServer::handleHandshake(QTcpSocket *socket)
{
    // Peek until the whole head is there; what follows it is never read.
    const QByteArray buffered = socket->peek(64 * 1024);
    const qsizetype end = buffered.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    socket->read(end + 4);
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    // Qt would go on reading into an unbounded buffer; with a bound the kernel's buffers fill
    // and the client's writes back up, as with a server that really stopped reading.
    socket->setReadBufferSize(64 * 1024);
    const QByteArray head = buffered.left(end);
    socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                  "Connection: Upgrade\r\nSec-WebSocket-Accept: " +
                  acceptKey(headerValue(head, "sec-websocket-key")) + "\r\n\r\n");
    const QByteArray requestLine = head.left(head.indexOf("\r\n"));
    if (!m_scriptPath.isEmpty() && !requestLine.contains(m_scriptPath))
        return;
    if (m_floodFirstConnectionOnly && m_connections > 0) {
        ++m_connections;
        emit connectionAccepted();
        return;
    }
    for (const QByteArray &frame : std::as_const(m_script))
        socket->write(frame);
    ++m_connections;
    m_floodWritten = 0;
    connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { writeMore(socket); });
    writeMore(socket);
    emit connectionAccepted();
}

void HostileServer::writeMore(QTcpSocket *socket)
{
    while (m_floodWritten < m_floodCount && socket->bytesToWrite() < FloodBufferBytes) {
        socket->write(m_floodFrame);
        ++m_floodWritten;
    }
    if (m_closeWhenDone && m_floodWritten >= m_floodCount && socket->bytesToWrite() == 0)
        socket->disconnectFromHost();
}

} // namespace allium
