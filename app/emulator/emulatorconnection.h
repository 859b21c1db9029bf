// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/emulatoroptions.h"

#include <QObject>

QT_BEGIN_NAMESPACE
class QTcpSocket;
class QWebSocket;
QT_END_NAMESPACE

namespace allium {

class ConnectionWatch;

/// What every client connection of the emulator (ApiConnection, StreamConnection) shares: it
/// owns its websocket, refuses oversized frames, hands each text or binary frame to its subclass,
/// and watches its write queue through a ConnectionWatch.
class EmulatorConnection : public QObject
{
    Q_OBJECT
public:
    /// Frames above this are refused by the websocket layer itself, which closes with 1009.
    static constexpr qint64 MaxIncomingMessageSize = 16 * 1024 * 1024;

    ~EmulatorConnection() override;

    const ConnectionWatch &watch() const { return *m_watch; }
    /// Drops the connection without a close frame, as a network failure would.
    virtual void abort();
    /// Closes through the watch: a client that never reads the close frame is aborted after a
    /// while.
    void close(int closeCode, const QString &reason);

signals:
    void disconnected();

protected:
    /// Takes ownership of `socket`; `transport` is the TCP socket underneath, or nullptr.
    EmulatorConnection(QWebSocket *socket, QTcpSocket *transport, const EmulatorLimits &limits,
                       QObject *parent);

    virtual void handleText(const QString &text) = 0;
    virtual void handleBinary(const QByteArray &data) = 0;

    QWebSocket *const m_socket;
    ConnectionWatch *const m_watch;
};

} // namespace allium
