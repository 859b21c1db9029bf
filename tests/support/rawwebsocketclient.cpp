// SPDX-License-Identifier: MIT
#include "support/rawwebsocketclient.h"

#include "support/rawhttp.h"

#include <QHostAddress>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>
#include <QtEndian>

namespace allium {

namespace {

// What the client's socket takes from the kernel while not reading: a few KiB, so the kernel's
// buffers fill and the server's writes back up as with a real client that never reads.
constexpr qint64 NotReadingBufferSize = 4096;

} // namespace

RawWebSocketClient::RawWebSocketClient(QObject *parent)
    : QObject(parent)
    , m_socket(new QSslSocket(this))
{
    connect(m_socket, &QSslSocket::readyRead, this, &RawWebSocketClient::handleReadyRead);
    connect(m_socket, &QSslSocket::disconnected, this, [this] {
        m_disconnected = true;
        handleReadyRead();
    });
}

RawWebSocketClient::~RawWebSocketClient() = default;

void RawWebSocketClient::useTls(const QSslCertificate &certificate)
{
    m_trusted = certificate;
}

bool RawWebSocketClient::connectTo(quint16 port, const QByteArray &target, const QByteArray &apiKey,
                                   int timeoutMs)
{
    if (m_trusted.isNull()) {
        m_socket->connectToHost(QHostAddress::LocalHost, port);
        if (!m_socket->waitForConnected(timeoutMs))
            return false;
    } else {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.addCaCertificate(m_trusted);
        m_socket->setSslConfiguration(configuration);
        m_socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        // Not waitForEncrypted(): the server under test may run in this thread's event loop.
        if (!QTest::qWaitFor([this] { return m_socket->isEncrypted(); }, timeoutMs))
            return false;
    }
    m_socket->write(
        upgradeRequest(target, QList<QByteArray>{"X-API-KEY: " + apiKey} + m_extraHeaders));
    // The head only; what follows it stays unread in the socket.
    if (!QTest::qWaitFor([this] { return m_socket->peek(4096).contains("\r\n\r\n"); }, timeoutMs))
        return false;
    const QByteArray peeked = m_socket->peek(4096);
    m_handshakeResponse = m_socket->read(peeked.indexOf("\r\n\r\n") + 4);
    m_socket->setReadBufferSize(NotReadingBufferSize);
    return m_handshakeResponse.startsWith("HTTP/1.1 101");
}

void RawWebSocketClient::sendText(const QByteArray &utf8)
{
    sendFrame(0x1, utf8);
}

void RawWebSocketClient::sendPing(const QByteArray &payload)
{
    sendFrame(0x9, payload.left(125));
}

void RawWebSocketClient::sendFrame(quint8 opcode, const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x80 | opcode));
    const qsizetype size = payload.size();
    if (size < 126) {
        frame.append(char(0x80 | size));
    } else if (size < 65536) {
        frame.append(char(0x80 | 126));
        const quint16 length = qToBigEndian(quint16(size));
        frame.append(reinterpret_cast<const char *>(&length), 2);
    } else {
        frame.append(char(0x80 | 127));
        const quint64 length = qToBigEndian(quint64(size));
        frame.append(reinterpret_cast<const char *>(&length), 8);
    }
    const quint32 mask = QRandomGenerator::global()->generate();
    const char *maskBytes = reinterpret_cast<const char *>(&mask);
    frame.append(maskBytes, 4);
    const qsizetype start = frame.size();
    frame.append(payload);
    for (qsizetype i = 0; i < size; ++i)
        frame[start + i] = char(frame.at(start + i) ^ maskBytes[i % 4]);
    m_socket->write(frame);
}

void RawWebSocketClient::startReading()
{
    m_reading = true;
    m_socket->setReadBufferSize(0);
    handleReadyRead();
}

bool RawWebSocketClient::waitDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_disconnected; }, timeoutMs);
}

bool RawWebSocketClient::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void RawWebSocketClient::handleReadyRead()
{
    // Nothing buffered (after a reset the socket is closed and reading it only warns).
    if (!m_reading || m_socket->bytesAvailable() == 0)
        return;
    m_buffer += m_socket->readAll();
    parseFrames();
}

void RawWebSocketClient::parseFrames()
{
    // Server frames are never masked.
    while (m_buffer.size() >= 2) {
        const auto byte0 = quint8(m_buffer.at(0));
        const auto byte1 = quint8(m_buffer.at(1));
        qint64 length = byte1 & 0x7f;
        qsizetype offset = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return;
            length = qFromBigEndian<quint16>(m_buffer.constData() + 2);
            offset = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return;
            length = qint64(qFromBigEndian<quint64>(m_buffer.constData() + 2));
            offset = 10;
        }
        if (m_buffer.size() < offset + length)
            return;
        const QByteArray payload = m_buffer.mid(offset, length);
        m_buffer.remove(0, offset + length);
        const bool fin = byte0 & 0x80;
        const quint8 opcode = byte0 & 0x0f;
        if (opcode == 0x1 || opcode == 0x0) {
            if (opcode == 0x1)
                m_fragmentsCompressed = byte0 & 0x40;
            m_fragments += payload;
            if (fin) {
                m_texts.append(m_fragments);
                m_compressed.append(m_fragmentsCompressed);
                m_fragments.clear();
            }
        } else if (opcode == 0x8) {
            m_closeCode = payload.size() >= 2 ? qFromBigEndian<quint16>(payload.constData()) : 1005;
            m_closeReason = QString::fromUtf8(payload.mid(2));
        }
    }
}

} // namespace allium
