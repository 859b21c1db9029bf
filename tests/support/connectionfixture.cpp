// SPDX-License-Identifier: MIT
#include "support/connectionfixture.h"

#include "support/emulatortesting.h"
#include "support/fastconnectionoptions.h"

namespace allium {

ConnectionFixture::ConnectionFixture(const EmulatorOptions &serverOptions)
    : server(serverOptions)
    , spies(&connection)
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
    return spies.opened.wait(timeoutMs);
}

} // namespace allium
