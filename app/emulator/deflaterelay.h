// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QtGlobal>

#include <memory>

namespace allium {

/// Serves the emulator's clients that offer permessage-deflate (RFC 7692), which QtWebSockets
/// cannot: it takes over their TCP connection after the handshake gate has passed it, answers the
/// upgrade with compression on (Boost.Beast), and relays every message and close frame to a
/// plain websocket it opens to the emulator's own port, where ApiConnection or StreamConnection
/// serve it as any other client. Runs on one thread of its own (an Asio event loop); every
/// function here may be called from the emulator's thread. Beast stays inside deflaterelay.cpp.
class DeflateRelay
{
public:
    struct Settings
    {
        QHostAddress address; ///< where the emulator listens
        quint16 port = 0;
        /// The value of the X-Allium-Relay header on the relay's own connections, so the gate
        /// knows them (they were counted and delayed as the client's connection already).
        QByteArray token;
        qint64 maxIncomingMessageSize = 0; ///< a larger client message is refused (1009)
        int closeLingerMs = 0; ///< after the inner connection began closing, abort after this
        /// zlib's level for what the relay compresses, 1 (fastest) to 9 (smallest).
        int compressionLevel = 1;
    };

    /// The header carrying Settings::token.
    static constexpr const char *TokenHeader = "x-allium-relay";
    /// The relay reads a message from the emulator only while less than this waits for the
    /// client: a client that does not read backs up the emulator's own connection, whose
    /// ConnectionWatch then drops messages or closes with 1008 as for any other client.
    static constexpr qint64 MaxBufferedBytes = 512 * 1024;

    explicit DeflateRelay(const Settings &settings);
    /// Aborts every relayed connection and joins the relay's thread.
    ~DeflateRelay();

    DeflateRelay(const DeflateRelay &) = delete;
    DeflateRelay &operator=(const DeflateRelay &) = delete;

    /// Takes over the connected socket `descriptor` (duplicated here: the caller still aborts its
    /// own socket). `received` is everything read from it so far, the request head first;
    /// `target` the request's path and query; `apiKey` its X-API-KEY.
    void adopt(qintptr descriptor, const QByteArray &received, const QByteArray &target,
               const QByteArray &apiKey);
    /// The emulator's connection from the relay's port `innerPort` stalled (fault) after sending
    /// `messages` messages: once those reached the client, the relay too stops reading (so pings
    /// go unanswered) and sending, and keeps the TCP connection until the client drops it.
    void stall(quint16 innerPort, qint64 messages);
    /// The emulator's connection from `innerPort` began closing: if the client has not taken
    /// the close within the linger, both sides are aborted.
    void closing(quint16 innerPort);
    /// Drops every relayed connection without a close frame.
    void abortAll();

    /// Connections taken over whose inner connection is not established yet.
    int connectingCount() const;
    /// Connections taken over so far.
    int adoptedCount() const;
    /// The most bytes the relay has held for one client (messages read from the emulator and not
    /// yet written to the client); at most MaxBufferedBytes plus one message.
    qint64 peakBufferedBytes() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace allium
