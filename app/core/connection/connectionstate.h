// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QString>

namespace allium {

/// Where a websocket connection stands, as shown in the status bar.
enum class ConnectionState {
    Disconnected, ///< not connected and not trying (initial, or the user disconnected)
    Connecting,   ///< handshake in progress
    Connected,
    Reconnecting, ///< waiting for the next attempt after a loss (see attempt and delay)
    Failed,       ///< gave up: refused key, TLS error, attempts exhausted; see the reason
};

QString connectionStateText(ConnectionState state);

} // namespace allium

Q_DECLARE_METATYPE(allium::ConnectionState)
