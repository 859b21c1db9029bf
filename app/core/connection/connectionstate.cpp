// SPDX-License-Identifier: MIT
#include "core/connection/connectionstate.h"

#include <QCoreApplication>

namespace allium {

QString connectionStateText(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Disconnected:
        return QCoreApplication::translate("allium", "Disconnected");
    case ConnectionState::Connecting:
        return QCoreApplication::translate("allium", "Connecting");
    case ConnectionState::Connected:
        return QCoreApplication::translate("allium", "Connected");
    case ConnectionState::Reconnecting:
        return QCoreApplication::translate("allium", "Reconnecting");
    case ConnectionState::Failed:
        return QCoreApplication::translate("allium", "Failed");
    }
    return QString();
}

} // namespace allium
