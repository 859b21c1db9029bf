// SPDX-License-Identifier: MIT
#include "support/apiflood.h"

#include "emulator/emulatorserver.h"
#include "support/rawwebsocketclient.h"

#include <QTest>

namespace allium {

QByteArray ApiFlood::assetsRequest(int index)
{
    return QByteArrayLiteral("{\"method\":\"GET\",\"id\":\"r") + QByteArray::number(index) +
           QByteArrayLiteral(
               "\",\"path\":\"/api/v1/developer/assets\",\"body\":{\"limit\":\"100\"}}");
}

bool ApiFlood::untilRefused()
{
    while (m_server.apiRefusedCount() == 0 && m_sent < 20000) {
        for (int i = 0; i < 100; ++i)
            m_client.sendText(assetsRequest(m_sent++));
        if (!waitTaken())
            return false;
    }
    return true;
}

bool ApiFlood::untilBacklogClosed()
{
    const QByteArray padding(16 * 1024, 'x');
    while (m_server.backlogClosedCount() == 0 && m_sent < 30000) {
        m_client.sendText("{\"method\":\"GET\",\"id\":\"r" + QByteArray::number(m_sent++) + "-" +
                          padding + "\",\"path\":\"/api/v1/developer/assets\"}");
        if (!waitTaken())
            return false;
    }
    return true;
}

bool ApiFlood::waitTaken() const
{
    return QTest::qWaitFor(
        [this] { return m_server.apiAcceptedCount() + m_server.apiRefusedCount() == m_sent; },
        30000);
}

} // namespace allium
