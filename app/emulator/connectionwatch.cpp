// SPDX-License-Identifier: MIT
#include "emulator/connectionwatch.h"

#include <QScopedValueRollback>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

namespace allium {

namespace {

// QWebSocket splits a message into frames of this size (its default outgoingFrameSize()).
constexpr qint64 OutgoingFragmentSize = 512 * 1024;
// A server frame header is at most 10 bytes (no mask).
constexpr qint64 MaxFrameHeaderSize = 10;

} // namespace

ConnectionWatch::ConnectionWatch(QWebSocket *socket, QTcpSocket *transport,
                                 const EmulatorLimits &limits, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_transport(transport)
    , m_tls(qobject_cast<QSslSocket *>(transport))
    , m_limits(limits)
    , m_idleTimer(new QTimer(this))
    , m_lingerTimer(new QTimer(this))
{
    // QWebSocket::bytesWritten counts bytes on the wire (encrypted ones with TLS), the same
    // units as socketQueuedBytes(), so written + queued is a position in one byte stream.
    connect(m_socket, &QWebSocket::bytesWritten, this, [this](qint64 bytes) {
        const QScopedValueRollback<bool> reporting(m_reporting, true);
        m_written += bytes;
        emit dataWritten();
    });
    // Connected after the websocket's own reader, so pongs it queued are already counted.
    if (m_transport)
        connect(m_transport, &QIODevice::readyRead, this, &ConnectionWatch::handleIncoming);
    else
        connect(m_socket, &QWebSocket::textMessageReceived, this, &ConnectionWatch::handleIncoming);

    m_idleTimer->setSingleShot(true);
    connect(m_idleTimer, &QTimer::timeout, this, &ConnectionWatch::handleIdle);
    if (m_limits.idleTimeoutMs > 0)
        m_idleTimer->start(m_limits.idleTimeoutMs);

    m_lingerTimer->setSingleShot(true);
    connect(m_lingerTimer, &QTimer::timeout, m_socket, &QWebSocket::abort);
}

ConnectionWatch::~ConnectionWatch() = default;

qint64 ConnectionWatch::socketQueuedBytes() const
{
    // QSslSocket::bytesToWrite() is only the plain text not yet encrypted; the records waiting
    // for the network are encryptedBytesToWrite().
    return m_socket->bytesToWrite() + (m_tls ? m_tls->encryptedBytesToWrite() : 0);
}

qint64 ConnectionWatch::queuedBytes() const
{
    return socketQueuedBytes() + m_held;
}

qint64 ConnectionWatch::endOfQueue() const
{
    return m_written + socketQueuedBytes();
}

bool ConnectionWatch::isCongested() const
{
    return queuedBytes() > m_limits.maxWriteQueueBytes / 2;
}

void ConnectionWatch::setHeldBytes(qint64 bytes)
{
    m_held = bytes;
}

bool ConnectionWatch::reserve(qint64 bytes)
{
    if (m_closing)
        return false;
    const qint64 queued = queuedBytes();
    // A single frame larger than the limit still goes to a client that has read everything.
    if (queued == 0 || queued + bytes <= m_limits.maxWriteQueueBytes)
        return true;
    closeForBacklog(queued);
    return false;
}

bool ConnectionWatch::reserveText(QStringView text)
{
    // At most three UTF-8 bytes per UTF-16 unit: far from the limit that bound is enough.
    const qint64 payloadBound = text.size() * 3;
    const qint64 upperBound =
        payloadBound + MaxFrameHeaderSize * (1 + payloadBound / OutgoingFragmentSize);
    if (!m_closing && queuedBytes() + upperBound <= m_limits.maxWriteQueueBytes)
        return true;
    return reserve(textFrameBytes(text));
}

void ConnectionWatch::noteQueued()
{
    m_peak = std::max(m_peak, queuedBytes());
}

void ConnectionWatch::flush()
{
    if (!m_reporting && !m_closing)
        m_socket->flush();
}

void ConnectionWatch::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    if (m_busy)
        m_idleTimer->stop();
    else if (m_limits.idleTimeoutMs > 0 && !m_closing)
        m_idleTimer->start(m_limits.idleTimeoutMs);
}

void ConnectionWatch::close(int code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_idleTimer->stop();
    emit closing();
    // Closing the socket also stops reading from the client: nothing more is parsed or answered
    // (pings included), while what was queued can still be read until the linger ends.
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
    m_lingerTimer->start(CloseLingerMs);
}

void ConnectionWatch::handleIncoming()
{
    if (m_closing)
        return;
    if (!m_busy && m_limits.idleTimeoutMs > 0)
        m_idleTimer->start(m_limits.idleTimeoutMs);
    // Pongs are queued by QWebSocket itself: a client flooding pings and never reading is
    // caught here, where no frame of the owner's passes through reserve().
    const qint64 queued = queuedBytes();
    if (queued > m_limits.maxWriteQueueBytes)
        closeForBacklog(queued);
}

void ConnectionWatch::handleIdle()
{
    if (m_busy || m_closing)
        return;
    close(QWebSocketProtocol::CloseCodeNormal,
          QStringLiteral("idle timeout: nothing received and nothing running for %1 s")
              .arg(m_limits.idleTimeoutMs / 1000.0));
}

void ConnectionWatch::closeForBacklog(qint64 queued)
{
    m_closedForBacklog = true;
    close(QWebSocketProtocol::CloseCodePolicyViolated,
          QStringLiteral("client is not reading its responses: %1 bytes unsent").arg(queued));
}

qint64 ConnectionWatch::textFrameBytes(QStringView text)
{
    qint64 bytes = 0;
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80) {
            bytes += 1;
        } else if (c < 0x800) {
            bytes += 2;
        } else if (QChar::isHighSurrogate(c) && i + 1 < size &&
                   QChar::isLowSurrogate(text[i + 1].unicode())) {
            bytes += 4;
            ++i;
        } else {
            bytes += 3;
        }
    }
    const qint64 fragments =
        std::max<qint64>(1, (bytes + OutgoingFragmentSize - 1) / OutgoingFragmentSize);
    return bytes + fragments * MaxFrameHeaderSize;
}

} // namespace allium
