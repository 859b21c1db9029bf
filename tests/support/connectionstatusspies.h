// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionstatussource.h"

#include <QSignalSpy>

namespace allium {

/// Spies on the lifecycle signals every ConnectionStatusSource has (a WebSocketConnection or a
/// StreamSession), recording from the moment it is built.
class ConnectionStatusSpies
{
public:
    explicit ConnectionStatusSpies(ConnectionStatusSource *source);

    QSignalSpy states;    ///< stateChanged(state)
    QSignalSpy opened;    ///< opened()
    QSignalSpy closed;    ///< closed(closeCode, reason)
    QSignalSpy lost;      ///< connectionLost(reason)
    QSignalSpy scheduled; ///< reconnectScheduled(attempt, delayMs)
    QSignalSpy failed;    ///< failed(reason)
};

} // namespace allium
