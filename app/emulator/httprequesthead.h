// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

#include <optional>

namespace allium {

/// The request line and headers of one HTTP/1.1 request, as the emulator's handshake gate reads
/// them before a websocket upgrade. Parsing only; nothing here touches a socket.
class HttpRequestHead
{
public:
    /// Longest head the gate waits for; a longer one is refused rather than buffered.
    static constexpr int MaxSize = 16 * 1024;
    static constexpr int MaxHeaders = 100;

    /// Parses `head` (everything up to and including the blank line). nullopt when it is not a
    /// well-formed HTTP/1.x request head.
    static std::optional<HttpRequestHead> parse(const QByteArray &head);

    QByteArray method() const { return m_method; }
    /// Path and query of the request target, e.g. /api/v1/developer/ws/stream?topic=x.
    QUrl target() const { return m_target; }
    /// The first header named `name`, compared case-insensitively; empty when absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    /// True when the request asks for a websocket upgrade (Upgrade: websocket).
    bool isWebSocketUpgrade() const;
    /// True when a Sec-WebSocket-Extensions header offers the extension `name`, e.g.
    /// "permessage-deflate" (compared case-insensitively, parameters ignored).
    bool offersWebSocketExtension(const QByteArray &name) const;

private:
    QByteArray m_method;
    QUrl m_target;
    QList<QPair<QByteArray, QByteArray>> m_headers;
};

} // namespace allium
