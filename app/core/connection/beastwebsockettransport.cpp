// SPDX-License-Identifier: MIT
#include "core/connection/beastwebsockettransport.h"

#include "core/base/logging.h"
#include "core/connection/websocketframeheader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QPointer>
#include <QTimer>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/execution.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/zlib/error.hpp>

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <pthread.h>
#include <string>
#include <thread>

namespace allium {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

// After closeAndDispose() we wait this long for the server's close frame before aborting.
constexpr int GracefulCloseMs = 2000;

// Frames that may gather in the inbox before the consumer is woken, and the longest any frame
// waits for that; a run of processed frames is also handed over once it holds RunBytes.
constexpr std::size_t WakeAfterFrames = 512;
constexpr quint64 RunBytes = 512 * 1024;
constexpr std::chrono::milliseconds WakeDelay(1);

// Longest refusal body read for its {"detail"}; the rest is not shown anyway.
constexpr int MaxDetailCharacters = 500;

// Counts the bytes that pass through the TCP socket (Beast calls these hooks for every read and
// write); what the readout calls "on the wire". Never limits anything.
class CountingRatePolicy
{
public:
    void attach(std::atomic<quint64> *in, std::atomic<quint64> *out)
    {
        m_in = in;
        m_out = out;
    }

private:
    friend class boost::beast::rate_policy_access;

    static constexpr std::size_t Unlimited = (std::numeric_limits<std::size_t>::max)();
    std::size_t available_read_bytes() const noexcept { return Unlimited; }
    std::size_t available_write_bytes() const noexcept { return Unlimited; }
    void transfer_read_bytes(std::size_t n) noexcept
    {
        if (m_in)
            m_in->fetch_add(n, std::memory_order_relaxed);
    }
    void transfer_write_bytes(std::size_t n) noexcept
    {
        if (m_out)
            m_out->fetch_add(n, std::memory_order_relaxed);
    }
    void on_timer() noexcept {}

    std::atomic<quint64> *m_in = nullptr;
    std::atomic<quint64> *m_out = nullptr;
};

// The io_context's own executor, not the type-erased any_io_executor: every asynchronous step
// of every message copies, compares and destroys the stream's executor, and type-erased that
// showed up in the profile of a firehose.
using CountedTcp = beast::basic_stream<tcp, net::io_context::executor_type, CountingRatePolicy>;
using CountedTls = beast::ssl_stream<CountedTcp>;
constexpr std::size_t ReadChunkBytes = 64 * 1024;
// Larger text frames are left to Beast (whose buffer is given back after a large message).
constexpr std::size_t MaxOwnFrameBytes = 1024 * 1024;

// The length of the websocket frame that starts at `data` (header and payload), 0 while its
// header is incomplete; a nonsensical length saturates (Beast fails the frame anyway).
std::size_t frameLength(const unsigned char *data, std::size_t size)
{
    return WebSocketFrameHeader::read(data, size).frameLength();
}

// The layer between Beast's websocket stream and the socket (or TLS). Beast reads at most 1,536
// bytes at a time from the layer below, and each asynchronous step is a handler in asio's
// scheduler, which polls epoll once per handler: a system call (or several) per small message,
// most of a firehose's CPU. This layer reads up to ReadChunkBytes from the socket per call and
// answers Beast's reads from memory, completing them at once, up to MaxInlineReads deep (then
// through the scheduler, so the stack stays bounded whatever the frames).
//
// With frameBounded(), the session reads plain text frames itself, straight from this layer's
// buffer (Session::readFrames(), which leaves Beast's per-message machinery out), and Beast
// reads only the other frames, one at a time: each read of Beast's ends at most where its frame
// ends, so Beast holds no byte of a frame after it in its own buffer. The handshake's response
// likewise ends at its blank line.
template <class Next>
class Buffered
{
public:
    using next_layer_type = Next;
    using executor_type = typename Next::executor_type;
    static constexpr int MaxInlineReads = 32;

    template <class... Args>
    explicit Buffered(Args &&...args)
        : m_next(std::forward<Args>(args)...)
    {
        m_buffer.reserve(ReadChunkBytes);
    }

    executor_type get_executor() noexcept { return m_next.get_executor(); }
    Next &next_layer() noexcept { return m_next; }
    const Next &next_layer() const noexcept { return m_next; }

    /// Beast's reads end at the handshake response's blank line and, once frameBounded(), at
    /// the end of the frame they are in.
    void boundHandshake() { m_bound = Bound::Handshake; }
    void boundFrames() { m_bound = Bound::Frames; }
    bool frameBounded() const { return m_bound == Bound::Frames; }
    /// Whether Beast has read every byte of the frames it started (so that the next byte
    /// buffered starts a frame).
    bool atFrameStart() const { return m_frameLeft == 0; }

    /// What the socket delivered and nobody read yet.
    beast::flat_buffer &buffer() noexcept { return m_buffer; }
    /// One read from the socket into buffer(), room made for at least `atLeast` more bytes;
    /// `handler(ec)`. A read of Beast's asked for meanwhile is answered first; an error is also
    /// the next read's of Beast's, once it has read what is buffered (as from the socket).
    template <class Handler>
    void fill(std::size_t atLeast, Handler &&handler)
    {
        m_filling = true;
        m_next.async_read_some(m_buffer.prepare(std::max(atLeast, ReadChunkBytes)),
                               [this, handler = std::forward<Handler>(handler)](
                                   beast::error_code ec, std::size_t read) mutable {
                                   m_filling = false;
                                   m_buffer.commit(read);
                                   if (ec)
                                       m_error = ec;
                                   if (m_parked)
                                       std::exchange(m_parked, nullptr)->resume();
                                   handler(ec);
                               });
    }

    template <class MutableBuffers, class ReadHandler>
    void async_read_some(const MutableBuffers &buffers, ReadHandler &&handler)
    {
        const std::size_t available = readable();
        if (available > 0) {
            const std::size_t bytes =
                net::buffer_copy(buffers, net::buffer(m_buffer.data().data(), available));
            took(bytes);
            if (m_depth < MaxInlineReads) {
                ++m_depth;
                std::forward<ReadHandler>(handler)(beast::error_code(), bytes);
                --m_depth;
            } else {
                net::post(get_executor(),
                          beast::bind_front_handler(std::forward<ReadHandler>(handler),
                                                    beast::error_code(), bytes));
            }
            return;
        }
        if (m_error) {
            // The session's read ended with it: this read gets it, once, as it would have
            // from the socket.
            net::post(get_executor(),
                      beast::bind_front_handler(std::forward<ReadHandler>(handler),
                                                std::exchange(m_error, {}), std::size_t(0)));
            return;
        }
        // Beast reads while the session's own read is out (Beast's close reads the server's
        // close frame): answered when that read comes back.
        if (m_filling) {
            m_parked = std::make_unique<Parked<MutableBuffers, std::decay_t<ReadHandler>>>(
                *this, buffers, std::forward<ReadHandler>(handler));
            return;
        }
        // Nothing (or no whole frame header) buffered: one socket read of up to a chunk, then
        // the caller's buffers.
        m_next.async_read_some(
            m_buffer.prepare(ReadChunkBytes),
            [this, buffers, handler = std::forward<ReadHandler>(handler)](
                beast::error_code ec, std::size_t read) mutable {
                m_buffer.commit(read);
                std::size_t ready = readable();
                if (ec) {
                    if (m_buffer.size() == 0)
                        return handler(ec, std::size_t(0));
                    if (ready == 0) // the end came in a frame's header: what there is
                        ready = m_buffer.size();
                } else if (ready == 0) { // a frame's header is still incomplete
                    return async_read_some(buffers, std::move(handler));
                }
                const std::size_t bytes =
                    net::buffer_copy(buffers, net::buffer(m_buffer.data().data(), ready));
                took(bytes);
                handler(beast::error_code(), bytes);
            });
    }

    template <class ConstBuffers, class WriteHandler>
    void async_write_some(const ConstBuffers &buffers, WriteHandler &&handler)
    {
        m_next.async_write_some(buffers, std::forward<WriteHandler>(handler));
    }

private:
    enum class Bound { None, Handshake, Frames };

    struct ParkedRead
    {
        virtual ~ParkedRead() = default;
        virtual void resume() = 0;
    };
    template <class MutableBuffers, class ReadHandler>
    struct Parked final : ParkedRead
    {
        Parked(Buffered &owner, const MutableBuffers &into, ReadHandler &&done)
            : layer(owner)
            , buffers(into)
            , handler(std::move(done))
        {}
        void resume() override { layer.async_read_some(buffers, std::move(handler)); }
        Buffered &layer;
        MutableBuffers buffers;
        ReadHandler handler;
    };

    // How many buffered bytes Beast may read now (0: none until more arrives).
    std::size_t readable()
    {
        const std::size_t size = m_buffer.size();
        const auto *data = static_cast<const unsigned char *>(m_buffer.data().data());
        switch (m_bound) {
        case Bound::None:
            return size;
        case Bound::Handshake: {
            // Up to the end of the response's head; what follows may be frames.
            int matched = m_headEndMatched;
            for (std::size_t i = 0; i < size; ++i) {
                matched = matchHeadEnd(matched, char(data[i]));
                if (matched == 4)
                    return i + 1;
            }
            return size;
        }
        case Bound::Frames:
            if (m_frameLeft == 0) {
                m_frameLeft = frameLength(data, size);
                if (m_frameLeft == 0) // its header is incomplete
                    return m_error ? size : 0;
            }
            return std::min(size, m_frameLeft);
        }
        return size;
    }

    // "\r\n\r\n" matched this far, after one more character.
    static int matchHeadEnd(int matched, char c)
    {
        static constexpr char HeadEnd[] = "\r\n\r\n";
        if (c == HeadEnd[matched])
            return matched + 1;
        return c == '\r' ? 1 : 0;
    }

    // Beast took the first `bytes` of the buffer.
    void took(std::size_t bytes)
    {
        if (m_bound == Bound::Handshake) {
            const auto *data = static_cast<const char *>(m_buffer.data().data());
            for (std::size_t i = 0; i < bytes && m_bound == Bound::Handshake; ++i) {
                m_headEndMatched = matchHeadEnd(m_headEndMatched, data[i]);
                if (m_headEndMatched == 4) // the head is out: a refusal's body reads as it comes
                    m_bound = Bound::None;
            }
        } else if (m_bound == Bound::Frames) {
            m_frameLeft -= std::min(m_frameLeft, bytes);
        }
        m_buffer.consume(bytes);
    }

    Next m_next;
    beast::flat_buffer m_buffer;
    int m_depth = 0;
    Bound m_bound = Bound::None;
    int m_headEndMatched = 0;    // of the handshake response's blank line
    std::size_t m_frameLeft = 0; // bytes of the frame Beast is reading not given to it yet
    bool m_filling = false;
    std::unique_ptr<ParkedRead> m_parked;
    beast::error_code m_error;
};

// The websocket teardown after a close or a protocol error, found by argument-dependent lookup
// (CountingRatePolicy lives here) and preferred to Beast's as more specialised. Beast's own
// waits for the server to end the TCP stream (and, with TLS, for its close_notify) with no
// timeout: a broken server that never does would hold the failed connection, and its reconnect,
// forever. The close frames have been exchanged or given up on by then; the link just closes.
template <class TeardownHandler>
void closeNow(CountedTcp &stream, TeardownHandler &&handler)
{
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.socket().close(ignored);
    net::post(
        stream.get_executor(),
        beast::bind_front_handler(std::forward<TeardownHandler>(handler), beast::error_code()));
}

template <class TeardownHandler>
void async_teardown(beast::role_type, Buffered<CountedTcp> &stream, TeardownHandler &&handler)
{
    closeNow(beast::get_lowest_layer(stream), std::forward<TeardownHandler>(handler));
}

template <class TeardownHandler>
void async_teardown(beast::role_type, Buffered<CountedTls> &stream, TeardownHandler &&handler)
{
    closeNow(beast::get_lowest_layer(stream), std::forward<TeardownHandler>(handler));
}

using PlainWebSocket = websocket::stream<Buffered<CountedTcp>>;
using TlsWebSocket = websocket::stream<Buffered<CountedTls>>;

// The server's reason for a refusal: {"detail": "..."} as the service sends it, else the body's
// first line; plain text either way, and short.
QString refusalDetail(const std::string &body)
{
    const QByteArray bytes = QByteArray::fromStdString(body.substr(0, 64 * 1024));
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    QString detail;
    if (document.isObject()) {
        const QJsonValue value = document.object().value(QStringLiteral("detail"));
        detail = value.isString()
                     ? value.toString()
                     : QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Compact));
    } else {
        detail = QString::fromUtf8(bytes).section(QLatin1Char('\n'), 0, 0);
    }
    return detail.simplified().left(MaxDetailCharacters);
}

bool isZlibError(const beast::error_code &ec)
{
    return ec.category() == beast::zlib::make_error_code(beast::zlib::error::general).category();
}

// Runs what Beast posts while it reads, in batches. Each handler asio's scheduler runs is
// followed by a poll of epoll, and Beast completes every message (and some steps within) through
// a posted handler: a system call per message. Reads are bound to this executor instead; what
// it is given waits in a queue that one scheduler handler drains, many at a time.
class ReadBatcher
{
public:
    explicit ReadBatcher(net::io_context &ioc)
        : m_ioc(ioc)
    {}

    template <class Function>
    void push(Function &&function)
    {
        m_queue.push_back(
            std::make_unique<Task<std::decay_t<Function>>>(std::forward<Function>(function)));
        if (!m_drainPosted) {
            m_drainPosted = true;
            net::post(m_ioc, [this] { drain(); });
        }
    }

    net::io_context &context() const { return m_ioc; }

private:
    // At most this many queued steps per scheduler handler, so that writes, pings and the
    // consumer's resume still get their turn during a firehose.
    static constexpr int MaxStepsPerDrain = 1024;

    struct Step
    {
        virtual ~Step() = default;
        virtual void run() = 0;
    };
    template <class Function>
    struct Task final : Step
    {
        explicit Task(Function &&f)
            : function(std::move(f))
        {}
        explicit Task(const Function &f)
            : function(f)
        {}
        void run() override { std::move(function)(); }
        Function function;
    };

    void drain()
    {
        m_drainPosted = false;
        for (int steps = 0; steps < MaxStepsPerDrain && !m_queue.empty(); ++steps) {
            std::unique_ptr<Step> step = std::move(m_queue.front());
            m_queue.pop_front();
            step->run();
        }
        if (!m_queue.empty() && !m_drainPosted) {
            m_drainPosted = true;
            net::post(m_ioc, [this] { drain(); });
        }
    }

    net::io_context &m_ioc;
    std::deque<std::unique_ptr<Step>> m_queue;
    bool m_drainPosted = false;
};

// The executor face of a ReadBatcher, as asio's executor model asks for it.
class BatchExecutor
{
public:
    explicit BatchExecutor(ReadBatcher *batcher)
        : m_batcher(batcher)
    {}

    net::execution_context &query(net::execution::context_t) const noexcept
    {
        return m_batcher->context();
    }
    static constexpr net::execution::blocking_t query(net::execution::blocking_t) noexcept
    {
        return net::execution::blocking.never;
    }
    template <class Function>
    void execute(Function &&function) const
    {
        m_batcher->push(std::forward<Function>(function));
    }
    friend bool operator==(const BatchExecutor &a, const BatchExecutor &b) noexcept
    {
        return a.m_batcher == b.m_batcher;
    }
    friend bool operator!=(const BatchExecutor &a, const BatchExecutor &b) noexcept
    {
        return !(a == b);
    }

private:
    ReadBatcher *m_batcher;
};

} // namespace

// What the network thread hands over to the Qt side, in order: the handshake's outcome, frames,
// pongs, and the end. Guarded by `mutex`; `receiver` is cleared when the transport goes away.
struct Inbox
{
    struct Frame
    {
        QByteArray data;
        bool text = true;
    };

    std::mutex mutex;
    BeastWebSocketTransport *receiver = nullptr;
    bool deliveryPosted = false;
    bool connectedPending = false;
    std::deque<Frame> frames; // binary ones, and text ones when there is no processor
    std::deque<std::unique_ptr<ProcessedFrames>> runs;
    qint64 waitingBytes = 0;
    std::vector<int> pongs;
    std::optional<TransportEnd> end;
    bool readingPaused = false; // the network thread stopped reading: frames wait here
};

// One connection attempt on the network thread; everything in it runs there.
class SessionBase
{
public:
    virtual ~SessionBase() = default;
    virtual void start() = 0;
    virtual void send(std::string text) = 0;
    virtual void ping() = 0;
    virtual void close(int closeCode) = 0;
    virtual void resumeReading() = 0;
    virtual void abort() = 0;
};

class BeastWebSocketTransport::Network
{
public:
    Network() = default;
    ~Network()
    {
        work.reset();
        ioc.stop();
        if (thread.joinable())
            thread.join();
        session.reset();
    }

    /// Posts `function` to the network thread with the session, if it is still there.
    template <typename Function>
    void withSession(Function &&function)
    {
        net::post(ioc, [this, function = std::forward<Function>(function)]() mutable {
            if (session)
                function(*session);
        });
    }

    /// From the network thread: asks the Qt side to look at the inbox (once until it has).
    void wake(std::unique_lock<std::mutex> &lock)
    {
        if (inbox.deliveryPosted || !inbox.receiver)
            return;
        inbox.deliveryPosted = true;
        BeastWebSocketTransport *receiver = inbox.receiver;
        // Queued to the receiver's thread; dropped by Qt if the receiver is deleted first, and
        // the receiver is only deleted after it cleared inbox.receiver under this lock.
        QMetaObject::invokeMethod(
            receiver, [receiver] { receiver->deliver(); }, Qt::QueuedConnection);
        Q_UNUSED(lock)
    }

    TransportRequest request;
    // Text frames go through this on the network thread when the consumer gave a factory.
    std::unique_ptr<FrameProcessor> processor;
    Inbox inbox;
    std::atomic<quint64> wireIn{0};
    std::atomic<quint64> wireOut{0};
    std::atomic<quint64> decodedIn{0};
    std::atomic<quint64> decodedOut{0};
    std::atomic<quint64> messagesIn{0};
    std::atomic<bool> compression{false};
    std::optional<ssl::context> tls;
    net::io_context ioc{1};
    // Keeps the loop running while reading is paused (no operation outstanding then).
    std::optional<net::executor_work_guard<net::io_context::executor_type>> work{
        ioc.get_executor()};
    std::thread thread;
    std::shared_ptr<SessionBase> session;
    // Declared after ioc: it posts to it. Handlers holding its executor die with ioc's queue.
    ReadBatcher batcher{ioc};
};

namespace {

template <typename WebSocket>
class Session final : public SessionBase, public std::enable_shared_from_this<Session<WebSocket>>
{
public:
    static constexpr bool IsTls = std::is_same_v<WebSocket, TlsWebSocket>;

    explicit Session(BeastWebSocketTransport::Network &network)
        : m_network(network)
        , m_resolver(network.ioc)
        , m_wakeTimer(network.ioc)
        , m_ws(makeStream(network))
    {
        beast::get_lowest_layer(m_ws).rate_policy().attach(&network.wireIn, &network.wireOut);
    }

    void start() override
    {
        const QUrl &url = m_network.request.url;
        m_host = url.host().toStdString();
        const int port = url.port(IsTls ? 443 : 80);
        m_hostHeader = m_host + ':' + std::to_string(port);
        QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
        if (target.isEmpty())
            target = "/";
        if (url.hasQuery())
            target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
        m_target = target.toStdString();
        m_resolver.async_resolve(
            m_host, std::to_string(port),
            [self = this->shared_from_this()](beast::error_code ec, tcp::resolver::results_type r) {
                self->onResolved(ec, r);
            });
    }

    void send(std::string text) override
    {
        if (m_finished)
            return;
        m_outbox.push_back(std::move(text));
        if (!m_writing)
            writeNext();
    }

    void ping() override
    {
        if (m_finished || !m_connected || m_pinging)
            return;
        m_pinging = true;
        m_pingSentAt = std::chrono::steady_clock::now();
        m_ws.async_ping(
            {}, [self = this->shared_from_this()](beast::error_code) { self->m_pinging = false; });
    }

    void close(int closeCode) override
    {
        if (m_finished)
            return;
        m_closing = true;
        if (!m_connected) {
            closed();
            return;
        }
        m_ws.async_close(websocket::close_code(closeCode),
                         [self = this->shared_from_this()](beast::error_code) { self->closed(); });
    }

    void resumeReading() override
    {
        if (m_finished || !m_readPaused)
            return;
        m_readPaused = false;
        read();
    }

    void abort() override
    {
        m_finished = true;
        beast::error_code ignored;
        m_resolver.cancel();
        m_wakeTimer.cancel();
        beast::get_lowest_layer(m_ws).socket().close(ignored);
    }

private:
    static WebSocket makeStream(BeastWebSocketTransport::Network &network)
    {
        if constexpr (IsTls)
            return WebSocket(network.ioc.get_executor(), *network.tls);
        else
            return WebSocket(network.ioc.get_executor());
    }

    void onResolved(beast::error_code ec, const tcp::resolver::results_type &results)
    {
        if (ec)
            return fail(ec);
        beast::get_lowest_layer(m_ws).async_connect(
            results, [self = this->shared_from_this()](beast::error_code connectError,
                                                       const tcp::endpoint &) {
                self->onConnected(connectError);
            });
    }

    void onConnected(beast::error_code ec)
    {
        if (ec)
            return fail(ec);
        beast::get_lowest_layer(m_ws).socket().set_option(tcp::no_delay(true), ec);
        if constexpr (IsTls) {
            CountedTls &tlsStream = m_ws.next_layer().next_layer();
            // SNI, and the certificate must name the host (not only chain to a trusted root).
            if (!SSL_set_tlsext_host_name(tlsStream.native_handle(), m_host.c_str()))
                return fail(
                    beast::error_code(int(::ERR_get_error()), net::error::get_ssl_category()));
            tlsStream.set_verify_mode(ssl::verify_peer);
            tlsStream.set_verify_callback(ssl::host_name_verification(m_host));
            tlsStream.async_handshake(ssl::stream_base::client, [self = this->shared_from_this()](
                                                                    beast::error_code tlsError) {
                if (tlsError)
                    return self->failTls(tlsError);
                self->handshake();
            });
        } else {
            handshake();
        }
    }

    void handshake()
    {
        const TransportRequest &request = m_network.request;
        websocket::permessage_deflate deflate;
        deflate.client_enable = request.offerCompression;
        m_ws.set_option(deflate);
        m_ws.read_message_max(request.maxMessageBytes);
        m_ws.auto_fragment(false);
        const std::string key = request.apiKey.toStdString();
        m_ws.set_option(websocket::stream_base::decorator([key](websocket::request_type &head) {
            // The key travels only in this header; it is never written to a log or a signal.
            head.set("X-API-KEY", key);
            head.set(http::field::user_agent, "allium-monitor");
        }));
        m_ws.control_callback([this](websocket::frame_type kind, beast::string_view) {
            if (kind == websocket::frame_type::pong)
                onPong();
        });
        // With a processor, text frames are read here (readFrames()): the response must not
        // take the first frames into Beast's own buffer.
        if (m_network.processor)
            m_ws.next_layer().boundHandshake();
        m_ws.async_handshake(
            m_response, m_hostHeader, m_target,
            [self = this->shared_from_this()](beast::error_code ec) { self->onHandshake(ec); });
    }

    void onHandshake(beast::error_code ec)
    {
        if (ec)
            return fail(ec);
        m_connected = true;
        const auto extensions = m_response[http::field::sec_websocket_extensions];
        m_network.compression = m_network.request.offerCompression &&
                                extensions.find("permessage-deflate") != beast::string_view::npos;
        {
            std::unique_lock lock(m_network.inbox.mutex);
            m_network.inbox.connectedPending = true;
            m_network.wake(lock);
        }
        if (m_network.processor)
            m_ws.next_layer().boundFrames();
        read();
    }

    // Reads the next message: plain text frames here (readFrames()), when there is a processor
    // and no close is under way; anything else through Beast.
    void read()
    {
        auto &layer = m_ws.next_layer();
        if (layer.frameBounded() && layer.atFrameStart() && !m_closing)
            readFrames();
        else
            readMessage();
    }

    // Beast's reading costs a chain of asynchronous steps per message (state machines, handler
    // allocations and executor work counts), a byte-at-a-time UTF-8 check and a copy into a
    // buffer of its own; at a firehose's rate that was most of this thread's CPU. Plain text
    // frames, all a stream sends, are read here instead: straight from the buffered socket data
    // into the processor (the one copy), UTF-8 checked with SIMD. Any other frame (a ping's
    // pong, a close, a compressed or fragmented message, text that is not UTF-8) goes to Beast,
    // which sees it exactly as it would have and fails or answers it as before.
    void readFrames()
    {
        auto &layer = m_ws.next_layer();
        beast::flat_buffer &buffer = layer.buffer();
        FrameProcessor &processor = *m_network.processor;
        std::size_t wanted = 0;
        for (;;) {
            const auto *data = static_cast<const unsigned char *>(buffer.data().data());
            const std::size_t size = buffer.size();
            // A frame this does not take (WebSocketFrameHeader says which), Beast does.
            const WebSocketFrameHeader frame = WebSocketFrameHeader::read(data, size);
            const std::size_t length = frame.frameLength();
            const std::size_t header =
                frame.plainTextHeaderLength(MaxOwnFrameBytes, m_network.request.maxMessageBytes);
            if (length > 0 && header == 0)
                return readMessage();
            if (length == 0 || size < length) {
                wanted = length == 0 ? 0 : length - size;
                break;
            }
            const char *const payload = reinterpret_cast<const char *>(data) + header;
            const std::size_t bytes = length - header;
            if (!simdjson::validate_utf8(payload, bytes))
                return readMessage(); // Beast closes with 1007, as it always did
            if (!m_run)
                m_run = processor.newRun();
            processor.process(*m_run, payload, bytes);
            buffer.consume(length);
            m_network.decodedIn.fetch_add(bytes, std::memory_order_relaxed);
            m_network.messagesIn.fetch_add(1, std::memory_order_relaxed);
            if ((m_run->frames >= WakeAfterFrames || m_run->bytes >= RunBytes) &&
                handOverRun(/*mayPause=*/true)) {
                m_readPaused = true; // flow control, as for Beast's reads
                return;
            }
        }
        if (m_run && m_run->frames > 0 && !m_wakeArmed) {
            m_wakeArmed = true;
            armWakeTimer();
        }
        layer.fill(wanted, [self = this->shared_from_this()](beast::error_code ec) {
            if (self->m_finished || self->m_closing)
                return; // ended, or Beast's close reads on
            if (ec)
                return self->readMessage(); // Beast reads what is left, then meets the error
            self->readFrames();
        });
    }

    void readMessage()
    {
        m_ws.async_read(m_buffer, net::bind_executor(BatchExecutor(&m_network.batcher),
                                                     [self = this->shared_from_this()](
                                                         beast::error_code ec, std::size_t bytes) {
                                                         self->onRead(ec, bytes);
                                                     }));
    }

    void onRead(beast::error_code ec, std::size_t bytes)
    {
        if (ec)
            return fail(ec);
        if (m_network.processor && m_ws.got_text())
            return onProcessedRead(bytes);
        Inbox::Frame frame;
        frame.text = m_ws.got_text();
        frame.data =
            QByteArray(static_cast<const char *>(m_buffer.data().data()), qsizetype(bytes));
        consumeFrame(bytes);
        bool pause = false;
        {
            std::unique_lock lock(m_network.inbox.mutex);
            Inbox &inbox = m_network.inbox;
            inbox.waitingBytes += qint64(bytes);
            inbox.frames.push_back(std::move(frame));
            // Flow control: frames the consumer has not taken stop the reading, so the server
            // meets TCP's window instead of our memory growing.
            pause = inbox.waitingBytes >= BeastWebSocketTransport::MaxWaitingBytes;
            inbox.readingPaused = pause;
            // Waking the consumer's thread costs a system call on each side and a trip through
            // its event loop; done for every frame, that was most of the CPU of a firehose. So
            // frames gather for at most WakeDelay (or WakeAfterFrames of them) and cross
            // threads together.
            if (pause || inbox.frames.size() >= WakeAfterFrames) {
                m_network.wake(lock);
            } else if (!m_wakeArmed) {
                m_wakeArmed = true;
                armWakeTimer();
            }
        }
        readOnUnless(pause);
    }

    // A text frame with a processor: processed here, into the run that crosses to the consumer
    // with the next wake-up (no copy, lock or queue entry of its own).
    void onProcessedRead(std::size_t bytes)
    {
        FrameProcessor &processor = *m_network.processor;
        if (!m_run)
            m_run = processor.newRun();
        processor.process(*m_run, static_cast<const char *>(m_buffer.data().data()), bytes);
        consumeFrame(bytes);
        bool pause = false;
        if (m_run->frames >= WakeAfterFrames || m_run->bytes >= RunBytes) {
            pause = handOverRun(/*mayPause=*/true);
        } else if (!m_wakeArmed) {
            m_wakeArmed = true;
            armWakeTimer();
        }
        readOnUnless(pause);
    }

    // The frame just read has been taken out of the buffer: counted, and its room given up.
    void consumeFrame(std::size_t bytes)
    {
        m_buffer.consume(bytes);
        // A big message must not pin its buffer for the rest of the connection.
        if (m_buffer.capacity() > 1024 * 1024)
            m_buffer = beast::flat_buffer();
        m_network.decodedIn.fetch_add(bytes, std::memory_order_relaxed);
        m_network.messagesIn.fetch_add(1, std::memory_order_relaxed);
    }

    // Reads the next frame, or pauses reading (flow control) until the consumer catches up.
    void readOnUnless(bool pause)
    {
        if (pause)
            m_readPaused = true;
        else
            read();
    }

    // Frames (single or in a run) wait at most WakeDelay for the consumer to be woken.
    void armWakeTimer()
    {
        m_wakeTimer.expires_after(WakeDelay);
        m_wakeTimer.async_wait([self = this->shared_from_this()](beast::error_code) {
            self->m_wakeArmed = false;
            // A read is outstanding: reading can only pause where one completes.
            self->handOverRun(/*mayPause=*/false);
            std::unique_lock timerLock(self->m_network.inbox.mutex);
            if (!self->m_network.inbox.frames.empty())
                self->m_network.wake(timerLock);
        });
    }

    // Moves the run being filled to the inbox and wakes the consumer; true when reading must
    // pause (flow control, as for single frames), which only a completed read may do.
    bool handOverRun(bool mayPause)
    {
        if (!m_run || m_run->frames == 0)
            return false;
        std::unique_lock lock(m_network.inbox.mutex);
        Inbox &inbox = m_network.inbox;
        inbox.waitingBytes += qint64(m_run->bytes);
        inbox.runs.push_back(std::move(m_run));
        const bool pause =
            mayPause && inbox.waitingBytes >= BeastWebSocketTransport::MaxWaitingBytes;
        inbox.readingPaused = inbox.readingPaused || pause;
        m_network.wake(lock);
        return pause;
    }

    void onPong()
    {
        if (!m_pingSentAt)
            return;
        const auto elapsed = std::chrono::steady_clock::now() - *m_pingSentAt;
        m_pingSentAt.reset();
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
        std::unique_lock lock(m_network.inbox.mutex);
        m_network.inbox.pongs.push_back(int(std::min<long long>(ms, INT_MAX)));
        m_network.wake(lock);
    }

    void writeNext()
    {
        m_writing = true;
        m_ws.text(true);
        m_ws.async_write(net::buffer(m_outbox.front()),
                         [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                             self->onWritten(ec);
                         });
    }

    void onWritten(beast::error_code ec)
    {
        m_writing = false;
        if (ec)
            return fail(ec);
        m_network.decodedOut.fetch_add(m_outbox.front().size(), std::memory_order_relaxed);
        m_outbox.pop_front();
        if (!m_outbox.empty() && !m_finished)
            writeNext();
    }

    void failTls(beast::error_code ec)
    {
        TransportEnd end;
        if constexpr (IsTls) {
            const long verify =
                SSL_get_verify_result(m_ws.next_layer().next_layer().native_handle());
            if (verify != X509_V_OK) {
                end.tlsUntrusted = true;
                end.error = BeastWebSocketTransport::tr("TLS certificate not trusted: %1")
                                .arg(QString::fromUtf8(X509_verify_cert_error_string(verify)));
                return finish(std::move(end));
            }
        }
        end.error = BeastWebSocketTransport::tr("TLS handshake failed: %1")
                        .arg(QString::fromStdString(ec.message()));
        finish(std::move(end));
    }

    void fail(beast::error_code ec)
    {
        if (m_finished || ec == net::error::operation_aborted)
            return abort(); // ended already, or by us
        TransportEnd end;
        end.wasConnected = m_connected;
        const QUrl &url = m_network.request.url;
        if (ec == websocket::error::upgrade_declined) {
            end.httpStatus = int(m_response.result_int());
            end.serverDetail = refusalDetail(m_response.body());
            end.offeredCompression = m_network.request.offerCompression;
        } else if (ec == websocket::error::closed ||
                   (m_connected && m_ws.reason().code != websocket::close_code::none)) {
            // The server's close frame came; what failed after it (the TCP teardown, when the
            // server dropped the link first) adds nothing.
            end.closeCode = int(m_ws.reason().code);
            end.closeReason = QString::fromStdString(std::string(m_ws.reason().reason.c_str()));
        } else if (ec == websocket::error::message_too_big) {
            end.closeCode = 1009;
        } else if (ec == websocket::error::bad_frame_payload) {
            end.closeCode = 1007;
        } else if (isZlibError(ec)) {
            end.closeCode = 1002;
            end.error = BeastWebSocketTransport::tr(
                            "the server sent a compressed message that does not inflate (%1)")
                            .arg(QString::fromStdString(ec.message()));
        } else if (ec == websocket::condition::protocol_violation) {
            end.closeCode = 1002;
            end.closeReason = QString::fromStdString(ec.message());
        } else if (ec == websocket::condition::handshake_failed) {
            end.error = BeastWebSocketTransport::tr("the server's websocket handshake was not "
                                                    "valid: %1")
                            .arg(QString::fromStdString(ec.message()));
        } else if (ec == net::error::connection_refused) {
            end.error = BeastWebSocketTransport::tr("connection refused by %1:%2")
                            .arg(url.host())
                            .arg(url.port(IsTls ? 443 : 80));
        } else if (ec == net::error::host_not_found || ec == net::error::host_not_found_try_again ||
                   ec == net::error::no_data) {
            end.error = BeastWebSocketTransport::tr("host %1 not found").arg(url.host());
        } else if (ec == net::error::eof || ec == net::error::connection_reset ||
                   ec == net::error::broken_pipe || ec == ssl::error::stream_truncated) {
            end.error = BeastWebSocketTransport::tr("the server closed the connection");
        } else if (ec == net::error::timed_out) {
            end.error = BeastWebSocketTransport::tr("the connection timed out");
        } else {
            end.error = QString::fromStdString(ec.message());
        }
        finish(std::move(end));
    }

    // The close the user asked for is done (or failed): the transport may go.
    void closed()
    {
        handOverRun(/*mayPause=*/false);
        abort();
        std::unique_lock lock(m_network.inbox.mutex);
        m_network.inbox.end = TransportEnd();
        m_network.wake(lock);
    }

    void finish(TransportEnd end)
    {
        // What was read before the end reaches the consumer before it.
        handOverRun(/*mayPause=*/false);
        const bool first = !m_finished;
        abort();
        if (!first || m_closing)
            return;
        std::unique_lock lock(m_network.inbox.mutex);
        m_network.inbox.end = std::move(end);
        m_network.wake(lock);
    }

    BeastWebSocketTransport::Network &m_network;
    tcp::resolver m_resolver;
    net::steady_timer m_wakeTimer;
    bool m_wakeArmed = false;
    WebSocket m_ws;
    beast::flat_buffer m_buffer;
    std::unique_ptr<ProcessedFrames> m_run; // text frames processed since the last hand-over
    websocket::response_type m_response;
    std::string m_host;
    std::string m_hostHeader;
    std::string m_target;
    std::deque<std::string> m_outbox;
    std::optional<std::chrono::steady_clock::time_point> m_pingSentAt;
    bool m_connected = false;
    bool m_writing = false;
    bool m_pinging = false;
    bool m_closing = false;
    bool m_readPaused = false;
    bool m_finished = false;
};

} // namespace

BeastWebSocketTransport::BeastWebSocketTransport(QObject *parent)
    : WebSocketTransport(parent)
    , m_network(std::make_shared<Network>())
{}

BeastWebSocketTransport::~BeastWebSocketTransport()
{
    {
        std::lock_guard lock(m_network->inbox.mutex);
        m_network->inbox.receiver = nullptr;
    }
    m_network->withSession([](SessionBase &session) { session.abort(); });
    // ~Network stops the loop and joins the thread.
    m_network.reset();
}

void BeastWebSocketTransport::setFrameProcessorFactory(const FrameProcessorFactory &factory)
{
    m_processorFactory = factory;
}

void BeastWebSocketTransport::open(const TransportRequest &request)
{
    Network &network = *m_network;
    network.request = request;
    if (m_processorFactory)
        network.processor = m_processorFactory();
    network.inbox.receiver = this;
    const bool tls = request.url.scheme() == QLatin1String("wss");
    if (tls) {
        network.tls.emplace(ssl::context::tls_client);
        network.tls->set_default_verify_paths();
        beast::error_code ignored;
        for (const QSslCertificate &certificate : request.extraCaCertificates) {
            const QByteArray pem = certificate.toPem();
            network.tls->add_certificate_authority(net::buffer(pem.constData(), pem.size()),
                                                   ignored);
        }
        network.session = std::make_shared<Session<TlsWebSocket>>(network);
    } else {
        network.session = std::make_shared<Session<PlainWebSocket>>(network);
    }
    network.session->start();
    network.thread = std::thread([&network] {
        // One attempt, one thread; ~Network stops the loop and joins it. Named for top and perf.
        pthread_setname_np(pthread_self(), "allium-net");
        network.ioc.run();
    });
}

void BeastWebSocketTransport::deliver()
{
    Inbox &inbox = m_network->inbox;
    bool connectedNow = false;
    std::deque<Inbox::Frame> frames;
    std::deque<std::unique_ptr<ProcessedFrames>> runs;
    std::vector<int> pongs;
    std::optional<TransportEnd> end;
    bool resume = false;
    {
        std::lock_guard lock(inbox.mutex);
        inbox.deliveryPosted = false;
        connectedNow = std::exchange(inbox.connectedPending, false);
        frames.swap(inbox.frames);
        runs.swap(inbox.runs);
        inbox.waitingBytes = 0;
        pongs.swap(inbox.pongs);
        end = std::exchange(inbox.end, std::nullopt);
        resume = std::exchange(inbox.readingPaused, false);
    }
    // The consumer now holds these frames; the network may read more. (A consumer that cannot
    // keep up holds this thread, so no deliver() runs and reading stays paused.)
    if (resume)
        m_network->withSession([](SessionBase &session) { session.resumeReading(); });

    const QPointer<BeastWebSocketTransport> alive(this);
    if (connectedNow && !m_ended) {
        m_connected = true;
        emit connected();
    }
    for (Inbox::Frame &frame : frames) {
        if (!alive || m_ended)
            return;
        if (frame.text)
            emit textReceived(frame.data);
        else
            emit binaryReceived(frame.data.size());
    }
    for (std::unique_ptr<ProcessedFrames> &run : runs) {
        if (!alive)
            return;
        if (m_ended) // emits nothing more, but a dispose still ends below
            break;
        emit framesProcessed(run.get());
        // Its room serves a later run (no allocation per run on the network thread).
        if (alive && m_network->processor)
            m_network->processor->recycle(std::move(run));
    }
    for (int latencyMs : pongs) {
        if (!alive || m_ended)
            return;
        emit pongReceived(latencyMs);
    }
    if (!alive)
        return;
    if (end) {
        if (m_disposing) {
            deleteLater();
        } else if (!m_ended) {
            m_ended = true;
            emit ended(*end);
        }
    }
}

bool BeastWebSocketTransport::sendText(const QByteArray &utf8)
{
    if (!m_connected || m_ended)
        return false;
    m_network->withSession([text = utf8.toStdString()](SessionBase &session) mutable {
        session.send(std::move(text));
    });
    return true;
}

void BeastWebSocketTransport::ping()
{
    if (m_connected && !m_ended)
        m_network->withSession([](SessionBase &session) { session.ping(); });
}

void BeastWebSocketTransport::closeAndDispose(int closeCode)
{
    m_ended = true;
    m_disposing = true;
    m_network->withSession([closeCode](SessionBase &session) { session.close(closeCode); });
    // The session reports its close as an end, which deletes this; a server that never answers
    // the close frame gets this long.
    QTimer::singleShot(GracefulCloseMs, this, &QObject::deleteLater);
}

void BeastWebSocketTransport::abort()
{
    m_ended = true;
    m_network->withSession([](SessionBase &session) { session.abort(); });
}

TransportTraffic BeastWebSocketTransport::traffic() const
{
    const Network &network = *m_network;
    TransportTraffic traffic;
    traffic.wireBytesIn = network.wireIn.load(std::memory_order_relaxed);
    traffic.wireBytesOut = network.wireOut.load(std::memory_order_relaxed);
    traffic.decodedBytesIn = network.decodedIn.load(std::memory_order_relaxed);
    traffic.decodedBytesOut = network.decodedOut.load(std::memory_order_relaxed);
    traffic.messagesIn = network.messagesIn.load(std::memory_order_relaxed);
    traffic.compression = network.compression.load(std::memory_order_relaxed);
    return traffic;
}

} // namespace allium
