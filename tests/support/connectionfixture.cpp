// SPDX-License-Identifier: MIT
#include "support/connectionfixture.h"

#include "support/emulatortesting.h"
#include "support/fastconnectionoptions.h"

namespace allium {

ConnectionFixture::ConnectionFixture(const EmulatorOptions &serverOptions)
    : server(serverOptions)
    , states(&connection, &WebSocketConnection::stateChanged)
    , opened(&connection, &WebSocketConnection::opened)
    , closed(&connection, &WebSocketConnection::closed)
    , lost(&connection, &WebSocketConnection::connectionLost)
    , scheduled(&connection, &WebSocketConnection::reconnectScheduled)
    , failed(&connection, &WebSocketConnection::failed)
    , texts(&connection, &WebSocketConnection::textReceived)
{}

bool ConnectionFixture::listen(const QString &topic)
{
    if (!listenOrWarn(server))
        return false;
    connection.setUrl(server.streamUrl(topic));
    connection.setApiKey(EmulatorDemoKey);
    connection.setOptions(fastConnectionOptions());
    return true;
}

bool ConnectionFixture::openAndWait(int timeoutMs)
{
    connection.open();
    return opened.wait(timeoutMs);
}

} // namespace allium
