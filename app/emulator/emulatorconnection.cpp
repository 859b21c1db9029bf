// SPDX-License-Identifier: MIT
#include "emulator/emulatorconnection.h"

#include "emulator/connectionwatch.h"

#include <QWebSocket>

namespace allium {

EmulatorConnection::EmulatorConnection(QWebSocket *socket, QTcpSocket *transport,
                                       const EmulatorLimits &limits, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_watch(new ConnectionWatch(socket, transport, limits, this))
{
    m_socket->setParent(this);
    m_socket->setMaxAllowedIncomingMessageSize(MaxIncomingMessageSize);
    m_socket->setMaxAllowedIncomingFrameSize(MaxIncomingMessageSize);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &EmulatorConnection::handleText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &EmulatorConnection::handleBinary);
    connect(m_socket, &QWebSocket::disconnected, this, &EmulatorConnection::disconnected);
}

EmulatorConnection::~EmulatorConnection() = default;

void EmulatorConnection::abort()
{
    m_socket->abort();
}

void EmulatorConnection::close(int closeCode, const QString &reason)
{
    m_watch->close(closeCode, reason);
}

} // namespace allium
