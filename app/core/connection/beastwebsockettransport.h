// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/websockettransport.h"

#include <memory>

namespace allium {

/// The Boost.Beast transport: permessage-deflate (offered per TransportRequest, used when the
/// server accepts), the handshake's HTTP status and body when an upgrade is refused, frames as
/// the UTF-8 bytes they arrived as, and flow control: reading from the socket pauses while
/// received frames wait here unconsumed, so TCP pushes back on the server instead of memory
/// growing. The socket work runs on a network thread this object owns; Beast's headers stay in
/// the .cpp file.
class BeastWebSocketTransport : public WebSocketTransport
{
    Q_OBJECT
public:
    /// Reading pauses once this many bytes of received frames wait for the consumer, and
    /// resumes when it has taken them.
    static constexpr qint64 MaxWaitingBytes = 8 * 1024 * 1024;

    explicit BeastWebSocketTransport(QObject *parent = nullptr);
    ~BeastWebSocketTransport() override;

    TransportKind kind() const override { return TransportKind::Beast; }
    void setFrameProcessorFactory(const FrameProcessorFactory &factory) override;
    void open(const TransportRequest &request) override;
    bool sendText(const QByteArray &utf8) override;
    void ping() override;
    void closeAndDispose(int closeCode) override;
    void abort() override;
    TransportTraffic traffic() const override;

    class Network; // the asio side, defined in the .cpp

private:
    void deliver();

    std::shared_ptr<Network> m_network;
    FrameProcessorFactory m_processorFactory;
    bool m_connected = false;
    bool m_ended = false;
    bool m_disposing = false;
};

} // namespace allium
