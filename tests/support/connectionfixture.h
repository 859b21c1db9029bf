// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/websocketconnection.h"
#include "emulator/emulatorserver.h"
#include "support/connectionstatusspies.h"

#include <QSignalSpy>

namespace allium {

/// The setup WebSocketConnection tests share: an emulator on loopback, a connection to aim at
/// it, and spies on the connection's signals that record from before its first open().
class ConnectionFixture
{
public:
    explicit ConnectionFixture(const EmulatorOptions &serverOptions = {});

    /// Starts the emulator on a free port and points the connection at its stream of `topic`
    /// with the demo key and fastConnectionOptions() (retries after 100, 200, 400, 400… ms);
    /// false (with a warning naming the reason) when it cannot listen.
    bool listen(const QString &topic);
    /// Opens the connection and waits up to timeoutMs for opened(); false when it did not come.
    bool openAndWait(int timeoutMs = 5000);

    EmulatorServer server;
    WebSocketConnection connection;
    ConnectionStatusSpies spies;
    QSignalSpy texts; ///< textReceived(text)
};

} // namespace allium
