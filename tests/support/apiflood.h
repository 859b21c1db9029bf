// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

namespace allium {

class EmulatorServer;
class RawWebSocketClient;

/// A client that sends API requests and never reads them, as the emulator's backlog tests need
/// it. Each step waits until the emulator has taken every request sent: an emulator closing with
/// requests unread would reset the connection, and the client could not read the close.
class ApiFlood
{
public:
    ApiFlood(RawWebSocketClient &client, const EmulatorServer &server)
        : m_client(client)
        , m_server(server)
    {}

    /// An assets request whose response is about 34 KB.
    static QByteArray assetsRequest(int index);

    /// Assets requests, 100 per step, until the emulator refuses one (kernel buffers take the
    /// first responses; then they wait at the emulator, in flight) or 20,000 were sent; false
    /// when a step was not taken within 30 s.
    bool untilRefused();
    /// Then requests with 16 KiB ids, one per step (refusals count towards the backlog; long ids
    /// make them large), until the emulator closes the connection for its backlog or 30,000 were
    /// sent; false when a step was not taken within 30 s.
    bool untilBacklogClosed();

private:
    bool waitTaken() const;

    RawWebSocketClient &m_client;
    const EmulatorServer &m_server;
    int m_sent = 0;
};

} // namespace allium
