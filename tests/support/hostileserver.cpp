// SPDX-License-Identifier: MIT
#include "support/hostileserver.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

#include <zlib.h>

#include <algorithm>

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
    return frameHeader(FinalFrame, opcode, declaredLength);
}

QByteArray HostileServer::frameHeader(FrameFlags flags, int opcode, quint64 declaredLength)
{
    QByteArray header;
    header.append(char(int(flags) | (opcode & 0x0f)));
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

QList<QByteArray> HostileServer::deflatedTextFrames(const QByteArray &payload, int fragments)
{
    // RFC 7692 7.2.1: raw deflate, flushed to a byte boundary, without the final 00 00 ff ff.
    // A fresh stream per message: the server offers no context takeover.
    z_stream stream{};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    QByteArray compressed(int(deflateBound(&stream, uLong(payload.size()))) + 16,
                          Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(payload.constData()));
    stream.avail_in = uInt(payload.size());
    stream.next_out = reinterpret_cast<Bytef *>(compressed.data());
    stream.avail_out = uInt(compressed.size());
    deflate(&stream, Z_SYNC_FLUSH);
    compressed.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    if (compressed.endsWith(QByteArray("\x00\x00\xff\xff", 4)))
        compressed.chop(4);

    // Split into `fragments` frames: RSV1 on the first only (RFC 7692 6.1), FIN on the last.
    QList<QByteArray> frames;
    const int count = std::max(1, std::min(fragments, int(compressed.size())));
    const qsizetype step = (compressed.size() + count - 1) / count;
    for (int i = 0; i < count; ++i) {
        const QByteArray part = compressed.mid(i * step, step);
        const bool last = i == count - 1;
        const int flags = (last ? FinalFrame : 0) | (i == 0 ? CompressedFrame : 0);
        frames << frameHeader(FrameFlags(flags), i == 0 ? 0x1 : 0x0, quint64(part.size())) + part;
    }
    return frames;
}

QByteArray HostileServer::corruptDeflatedFrame()
{
    // 0xff starts a deflate block of the reserved type 3: no inflater accepts it.
    const QByteArray garbage("\xff\xff\xff\xff\xff\xff\xff\xff", 8);
    return frameHeader(FrameFlags(FinalFrame | CompressedFrame), 0x1, quint64(garbage.size())) +
           garbage;
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
    m_lastRequestHead = head;
    const bool offersDeflate =
        headerValue(head, "sec-websocket-extensions").contains("permessage-deflate");
    if (m_refusalStatus != 0 && (!m_refuseOnlyDeflateOffers || offersDeflate)) {
        ++m_connections;
        socket->write("HTTP/1.1 " + QByteArray::number(m_refusalStatus) +
                      " Refused\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(m_refusalBody.size()) + "\r\nConnection: close\r\n\r\n" +
                      m_refusalBody);
        socket->disconnectFromHost();
        emit connectionAccepted();
        return;
    }
    // What a server without context takeover answers; Beast's offer asks for nothing it lacks.
    const QByteArray extensions =
        m_acceptDeflate && offersDeflate
            ? QByteArrayLiteral("Sec-WebSocket-Extensions: permessage-deflate; "
                                "server_no_context_takeover; client_no_context_takeover\r\n")
            : QByteArray();
    socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                  "Connection: Upgrade\r\n" +
                  extensions + "Sec-WebSocket-Accept: " +
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
