// SPDX-License-Identifier: MIT
#include "emulator/deflaterelay.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <thread>

namespace allium {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using beast::error_code;
using WebSocket = websocket::stream<beast::tcp_stream>;

class Bridge;

// What the relay and its bridges share. Touched on the relay's thread only, but for the atomics.
struct Shared
{
    net::io_context io{1};
    DeflateRelay::Settings settings;
    tcp::endpoint emulator;
    std::string host; ///< Host header of the inner handshake
    std::atomic<int> connecting{0};
    std::atomic<int> adopted{0};
    std::atomic<qint64> peakBuffered{0};
    std::map<unsigned short, std::weak_ptr<Bridge>> byInnerPort;
    std::list<std::weak_ptr<Bridge>> all;
};

// One relayed client: `outer` is the client's connection (server role, deflate on), `inner` the
// plain connection to the emulator's own port (client role). Kept alive by its pending
// operations; ends when both have completed.
class Bridge : public std::enable_shared_from_this<Bridge>
{
public:
    Bridge(Shared &shared, tcp::socket socket, std::string received, std::string target,
           std::string apiKey)
        : m_shared(shared)
        , m_outer(std::move(socket))
        , m_inner(shared.io)
        , m_linger(shared.io)
        , m_received(std::move(received))
        , m_target(std::move(target))
        , m_apiKey(std::move(apiKey))
    {}

    void start()
    {
        beast::get_lowest_layer(m_inner).async_connect(
            m_shared.emulator,
            [self = shared_from_this()](error_code ec) { self->handleInnerConnected(ec); });
    }

    void stall(qint64 messages)
    {
        m_stallAt = messages;
        pumpOuter();
    }

    void closing()
    {
        if (m_done)
            return;
        m_linger.expires_after(std::chrono::milliseconds(m_shared.settings.closeLingerMs));
        m_linger.async_wait([self = shared_from_this()](error_code ec) {
            if (!ec)
                self->abort();
        });
    }

    // Drops both connections without a close frame.
    void abort()
    {
        if (m_done)
            return;
        finish();
        beast::get_lowest_layer(m_outer).close();
        beast::get_lowest_layer(m_inner).close();
    }

private:
    struct Message
    {
        std::string data;
        bool text = true;
    };

    void doneConnecting()
    {
        if (m_connecting) {
            m_connecting = false;
            --m_shared.connecting;
        }
    }

    void finish()
    {
        m_done = true;
        doneConnecting();
        m_linger.cancel();
        if (m_innerPort != 0) {
            const auto it = m_shared.byInnerPort.find(m_innerPort);
            if (it != m_shared.byInnerPort.end() && it->second.lock().get() == this)
                m_shared.byInnerPort.erase(it);
        }
    }

    void handleInnerConnected(error_code ec)
    {
        if (m_done)
            return;
        if (ec) {
            refuse();
            return;
        }
        // Messages are written one by one as they come: Nagle's algorithm would hold each
        // small one back for the previous one's acknowledgement.
        beast::get_lowest_layer(m_inner).socket().set_option(tcp::no_delay(true), ec);
        beast::get_lowest_layer(m_outer).socket().set_option(tcp::no_delay(true), ec);
        m_innerPort = beast::get_lowest_layer(m_inner).socket().local_endpoint(ec).port();
        if (!ec)
            m_shared.byInnerPort[m_innerPort] = weak_from_this();
        // The emulator's own messages: no limit beyond the emulator's.
        m_inner.read_message_max(0);
        // The emulator's close frame is passed on as soon as it is read: Beast completes the
        // read only once it could answer it, which waits behind a relayed message the
        // emulator, closing, no longer reads.
        m_inner.control_callback([this](websocket::frame_type kind, beast::string_view) {
            if (kind != websocket::frame_type::close || m_innerEnded)
                return;
            m_innerEnded = true;
            m_innerClose = m_inner.reason();
            pumpOuter();
        });
        m_inner.set_option(websocket::stream_base::decorator(
            [key = m_apiKey,
             token = m_shared.settings.token.toStdString()](websocket::request_type &request) {
                request.set("X-API-KEY", key);
                request.set(DeflateRelay::TokenHeader, token);
            }));
        m_inner.async_handshake(m_innerResponse, m_shared.host, m_target,
                                [self = shared_from_this()](error_code handshakeError) {
                                    self->handleInnerHandshake(handshakeError);
                                });
    }

    void handleInnerHandshake(error_code ec)
    {
        doneConnecting();
        if (m_done)
            return;
        if (ec) {
            refuse();
            return;
        }
        websocket::permessage_deflate deflate;
        deflate.server_enable = true;
        // Beast's default (8) spent a quarter of a watching monitor's CPU in deflate's
        // longest_match for a few hundred small messages a second; level 1 costs a fraction
        // of that and JSON still shrinks to about a third.
        deflate.compLevel = std::clamp(m_shared.settings.compressionLevel, 1, 9);
        m_outer.set_option(deflate);
        m_outer.read_message_max(std::size_t(m_shared.settings.maxIncomingMessageSize));
        // One frame per message, as QWebSocket sends them up to its fragment size.
        m_outer.auto_fragment(false);
        m_outer.set_option(
            websocket::stream_base::decorator([](websocket::response_type &response) {
                response.set(http::field::server, "allium-emulator");
            }));
        // Beast answers the client's pings itself; the emulator's connection still hears of
        // them, so a client that only pings is not idle there.
        m_outer.control_callback([this](websocket::frame_type kind, beast::string_view) {
            if (kind == websocket::frame_type::ping)
                pingInner();
        });
        m_outer.async_accept(net::buffer(m_received),
                             [self = shared_from_this()](error_code acceptError) {
                                 self->handleOuterAccepted(acceptError);
                             });
    }

    // The emulator refused the inner handshake (its answer is passed on as it is), or could not
    // be reached (503).
    void refuse()
    {
        if (m_innerResponse.result_int() < 200 || m_innerResponse.result_int() == 101) {
            m_innerResponse = {};
            m_innerResponse.result(http::status::service_unavailable);
            m_innerResponse.set(http::field::content_type, "application/json");
            m_innerResponse.body() = R"({"detail":"the emulator could not serve this connection"})";
        }
        m_innerResponse.keep_alive(false);
        m_innerResponse.prepare_payload();
        finish();
        beast::get_lowest_layer(m_inner).close();
        beast::get_lowest_layer(m_outer).expires_after(std::chrono::seconds(5));
        http::async_write(beast::get_lowest_layer(m_outer), m_innerResponse,
                          [self = shared_from_this()](error_code, std::size_t) {
                              error_code ignored;
                              auto &socket = beast::get_lowest_layer(self->m_outer).socket();
                              socket.shutdown(tcp::socket::shutdown_send, ignored);
                              socket.close(ignored);
                          });
    }

    void handleOuterAccepted(error_code ec)
    {
        if (m_done)
            return;
        if (ec) {
            abort();
            return;
        }
        m_received.clear();
        m_received.shrink_to_fit();
        readOuter();
        readInner();
    }

    void pingInner()
    {
        if (m_pinging || m_done || m_innerEnded)
            return;
        m_pinging = true;
        m_inner.async_ping({},
                           [self = shared_from_this()](error_code) { self->m_pinging = false; });
    }

    // Client to emulator: one message at a time, so a client is held back (TCP flow control) by
    // an emulator connection that does not read.
    void readOuter()
    {
        m_outer.async_read(m_outerBuffer, [self = shared_from_this()](error_code ec, std::size_t) {
            self->handleOuterRead(ec);
        });
    }

    void handleOuterRead(error_code ec)
    {
        if (m_done || m_stalled || m_closingOuter)
            return;
        if (ec == websocket::error::closed) {
            // Beast has answered the client's close; the emulator gets the same code and reason.
            m_outerEnded = true;
            if (m_innerEnded) {
                abort();
                return;
            }
            m_inner.async_close(m_outer.reason(),
                                [self = shared_from_this()](error_code) { self->finish(); });
            return;
        }
        if (ec) {
            abort();
            return;
        }
        m_inner.text(m_outer.got_text());
        m_inner.async_write(m_outerBuffer.data(),
                            [self = shared_from_this()](error_code writeError, std::size_t) {
                                if (writeError || self->m_done)
                                    return;
                                self->m_outerBuffer.clear();
                                self->readOuter();
                            });
    }

    // Emulator to client: read while less than MaxBufferedBytes waits for the client.
    void readInner()
    {
        m_readingInner = true;
        m_inner.async_read(m_innerBuffer, [self = shared_from_this()](error_code ec, std::size_t) {
            self->handleInnerRead(ec);
        });
    }

    void handleInnerRead(error_code ec)
    {
        m_readingInner = false;
        if (m_done)
            return;
        if (ec) {
            if (!m_innerEnded && ec == websocket::error::closed)
                m_innerClose = m_inner.reason();
            m_innerEnded = true;
            pumpOuter();
            return;
        }
        Message message{beast::buffers_to_string(m_innerBuffer.data()), m_inner.got_text()};
        m_innerBuffer.clear();
        m_queuedBytes += qint64(message.data.size());
        m_queue.push_back(std::move(message));
        qint64 peak = m_shared.peakBuffered.load();
        while (m_queuedBytes > peak &&
               !m_shared.peakBuffered.compare_exchange_weak(peak, m_queuedBytes)) {
        }
        pumpOuter();
        if (m_queuedBytes < DeflateRelay::MaxBufferedBytes)
            readInner();
    }

    void pumpOuter()
    {
        if (m_done || m_writingOuter || m_stalled || m_outerEnded || m_closingOuter)
            return;
        if (m_stallAt >= 0 && m_writtenMessages >= m_stallAt) {
            enterStall();
            return;
        }
        if (!m_queue.empty()) {
            m_writingOuter = true;
            m_outer.text(m_queue.front().text);
            m_outer.async_write(net::buffer(m_queue.front().data),
                                [self = shared_from_this()](error_code ec, std::size_t) {
                                    self->handleOuterWritten(ec);
                                });
            return;
        }
        if (!m_innerEnded)
            return;
        if (m_innerClose) {
            m_closingOuter = true;
            // The client has as long to take the close (and what it has not read) as the
            // emulator gives its own clients; then the connection is dropped.
            websocket::stream_base::timeout timeouts{};
            timeouts.handshake_timeout = std::chrono::milliseconds(m_shared.settings.closeLingerMs);
            timeouts.idle_timeout = websocket::stream_base::none();
            timeouts.keep_alive_pings = false;
            m_outer.set_option(timeouts);
            m_outer.async_close(*m_innerClose,
                                [self = shared_from_this()](error_code) { self->abort(); });
        } else {
            // The emulator dropped the connection: so does the relay, without a close frame.
            abort();
        }
    }

    void handleOuterWritten(error_code ec)
    {
        m_writingOuter = false;
        if (m_done)
            return;
        if (ec) {
            abort();
            return;
        }
        m_queuedBytes -= qint64(m_queue.front().data.size());
        m_queue.pop_front();
        ++m_writtenMessages;
        if (!m_readingInner && !m_innerEnded && m_queuedBytes < DeflateRelay::MaxBufferedBytes)
            readInner();
        pumpOuter();
    }

    // The stall fault: nothing more is read (so no ping is answered) or sent, until the client
    // gives up.
    void enterStall()
    {
        m_stalled = true;
        beast::get_lowest_layer(m_outer).cancel();
        discardOuter();
    }

    void discardOuter()
    {
        beast::get_lowest_layer(m_outer).socket().async_read_some(
            net::buffer(m_discard), [self = shared_from_this()](error_code ec, std::size_t) {
                if (ec)
                    self->abort();
                else if (!self->m_done)
                    self->discardOuter();
            });
    }

    Shared &m_shared;
    WebSocket m_outer;
    WebSocket m_inner;
    net::steady_timer m_linger;
    std::string m_received;
    std::string m_target;
    std::string m_apiKey;
    websocket::response_type m_innerResponse;
    beast::flat_buffer m_outerBuffer;
    beast::flat_buffer m_innerBuffer;
    std::deque<Message> m_queue;
    qint64 m_queuedBytes = 0;
    qint64 m_writtenMessages = 0;
    qint64 m_stallAt = -1;
    std::optional<websocket::close_reason> m_innerClose;
    std::array<char, 4096> m_discard{};
    unsigned short m_innerPort = 0;
    bool m_connecting = true;
    bool m_done = false;
    bool m_pinging = false;
    bool m_readingInner = false;
    bool m_writingOuter = false;
    bool m_innerEnded = false; ///< the emulator closed or dropped its connection
    bool m_outerEnded = false; ///< the client closed
    bool m_closingOuter = false;
    bool m_stalled = false;
};

} // namespace

class DeflateRelay::Private
{
public:
    template <typename Function>
    void withBridge(quint16 innerPort, Function function)
    {
        net::post(shared.io, [this, innerPort, function] {
            const auto it = shared.byInnerPort.find(innerPort);
            if (it == shared.byInnerPort.end())
                return;
            if (const std::shared_ptr<Bridge> bridge = it->second.lock())
                function(*bridge);
        });
    }

    Shared shared;
    net::executor_work_guard<net::io_context::executor_type> work{shared.io.get_executor()};
    std::thread thread;
};

DeflateRelay::DeflateRelay(const Settings &settings)
    : d(std::make_unique<Private>())
{
    d->shared.settings = settings;
    d->shared.emulator = tcp::endpoint(
        net::ip::make_address(settings.address.toString().toStdString()), settings.port);
    const bool ipv6 = settings.address.protocol() == QAbstractSocket::IPv6Protocol;
    d->shared.host = (ipv6 ? "[" + settings.address.toString().toStdString() + "]"
                           : settings.address.toString().toStdString()) +
                     ':' + std::to_string(settings.port);
    d->thread = std::thread([this] { d->shared.io.run(); });
    // Named, so a profile or top tells the relay's cost from the emulator's.
    pthread_setname_np(d->thread.native_handle(), "allium-deflate");
}

DeflateRelay::~DeflateRelay()
{
    abortAll();
    d->work.reset();
    d->thread.join();
}

void DeflateRelay::adopt(qintptr descriptor, const QByteArray &received, const QByteArray &target,
                         const QByteArray &apiKey)
{
    const int duplicate = ::dup(int(descriptor));
    if (duplicate < 0)
        return;
    ++d->shared.connecting;
    ++d->shared.adopted;
    net::post(d->shared.io, [this, duplicate, received = received.toStdString(),
                             target = target.toStdString(), apiKey = apiKey.toStdString()] {
        Shared &shared = d->shared;
        tcp::socket socket(shared.io);
        error_code ec;
        socket.assign(shared.emulator.protocol(), duplicate, ec);
        if (ec) {
            ::close(duplicate);
            --shared.connecting;
            return;
        }
        auto bridge = std::make_shared<Bridge>(shared, std::move(socket), received, target, apiKey);
        shared.all.remove_if([](const std::weak_ptr<Bridge> &weak) { return weak.expired(); });
        shared.all.push_back(bridge);
        bridge->start();
    });
}

void DeflateRelay::stall(quint16 innerPort, qint64 messages)
{
    d->withBridge(innerPort, [messages](Bridge &bridge) { bridge.stall(messages); });
}

void DeflateRelay::closing(quint16 innerPort)
{
    d->withBridge(innerPort, [](Bridge &bridge) { bridge.closing(); });
}

void DeflateRelay::abortAll()
{
    net::post(d->shared.io, [this] {
        // Copies: an aborted bridge may go away while the list is walked.
        std::list<std::shared_ptr<Bridge>> bridges;
        for (const std::weak_ptr<Bridge> &weak : d->shared.all) {
            if (auto bridge = weak.lock())
                bridges.push_back(std::move(bridge));
        }
        d->shared.all.clear();
        for (const auto &bridge : bridges)
            bridge->abort();
    });
}

int DeflateRelay::connectingCount() const
{
    return d->shared.connecting.load();
}

int DeflateRelay::adoptedCount() const
{
    return d->shared.adopted.load();
}

qint64 DeflateRelay::peakBufferedBytes() const
{
    return d->shared.peakBuffered.load();
}

} // namespace allium
