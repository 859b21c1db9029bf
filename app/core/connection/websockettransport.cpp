// SPDX-License-Identifier: MIT
#include "core/connection/websockettransport.h"

#include "core/connection/beastwebsockettransport.h"
#include "core/connection/qtwebsockettransport.h"

namespace allium {

WebSocketTransport::WebSocketTransport(QObject *parent)
    : QObject(parent)
{}

WebSocketTransport::~WebSocketTransport() = default;

WebSocketTransport *WebSocketTransport::create(TransportKind kind, QObject *parent)
{
    if (kind == TransportKind::Qt)
        return new QtWebSocketTransport(parent);
    return new BeastWebSocketTransport(parent);
}

} // namespace allium
