// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/emulatoroptions.h"

#include <QObject>
#include <QSslCertificate>
#include <QUrl>

#include <memory>

namespace allium {

/// A local, faithful server of Allium's two websocket services (APIs and data streams) with
/// synthetic data. Used by allium-emulator, embedded by the GUI and the CLI, and talked to by
/// every test. Lives in the thread it was created in.
class EmulatorServer : public QObject
{
    Q_OBJECT
public:
    explicit EmulatorServer(const EmulatorOptions &options = {}, QObject *parent = nullptr);
    ~EmulatorServer() override;

    /// Starts listening; false with errorString() on failure.
    bool listen();
    void close();
    bool isListening() const;
    QString errorString() const;

    quint16 port() const;
    /// ws://127.0.0.1:PORT or wss://… with tls.
    QUrl baseUrl() const;
    QUrl apiUrl() const;                        ///< baseUrl + /api/v1/developer/ws/api
    QUrl streamUrl(const QString &topic) const; ///< baseUrl + /api/v1/developer/ws/stream?topic=T

    /// The self-signed certificate when tls is on (clients under test trust it explicitly).
    QSslCertificate certificate() const;

    const EmulatorOptions &options() const;
    /// Faults for connections opened from now on.
    void setFaults(const EmulatorFaults &faults);
    /// Aborts every open connection, as a server crash or network drop would.
    void dropAllConnections();
    int connectionCount() const;
    /// Connections accepted over TCP whose websocket handshake is not answered yet (waiting for
    /// the request head or the handshake-delay fault).
    int pendingHandshakeCount() const;

    /// Connections taken over by the deflate relay so far: clients that offered
    /// permessage-deflate while EmulatorOptions::deflate was on (and tls off).
    int deflateConnectionCount() const;
    /// The most bytes the deflate relay has held for one client that did not read them; stays
    /// within DeflateRelay::MaxBufferedBytes plus one message.
    qint64 peakDeflateRelayBytes() const;

    /// Times the streams' shared cadence timer woke the server's thread: at most one wake-up
    /// per CadenceClock::TickMs for all the streams sent at a cadence together.
    qint64 cadenceWakeUps() const;

    /// The largest write backlog any connection has had, in bytes (what waited to be written
    /// plus requests held for it); stays within EmulatorLimits::maxWriteQueueBytes.
    qint64 peakWriteQueueBytes() const;
    /// Connections closed (1008) because their client did not read what it was sent.
    int backlogClosedCount() const;
    /// API requests accepted whose response has not been written to the network yet.
    int apiInFlight() const;
    /// API requests accepted (valid, under the in-flight limit), and refused for the limit.
    int apiAcceptedCount() const;
    int apiRefusedCount() const;

    /// The topics the emulator serves, e.g. "ethereum.blocks".
    static QStringList topics();

signals:
    /// `path` is the request path with its query, e.g. /api/v1/developer/ws/stream?topic=x.y.
    void connectionOpened(const QString &path);
    void connectionClosed(const QString &path);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace allium
