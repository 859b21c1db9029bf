// SPDX-License-Identifier: MIT
#include "emulator/deflaterelay.h"
#include "emulator/emulatorserver.h"
#include "emulator/httprequesthead.h"
#include "support/apiflood.h"
#include "support/emulatortesting.h"
#include "support/rawwebsocketclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <sys/socket.h>

#include <atomic>
#include <functional>
#include <limits>
#include <string>
#include <thread>
#include <vector>

using namespace allium;

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

const QByteArray StreamTarget = "/api/v1/developer/ws/stream?topic=ethereum.blocks";
const QByteArray ApiTarget = "/api/v1/developer/ws/api";
const QByteArray DeflateOffer = "Sec-WebSocket-Extensions: permessage-deflate";

// A blocking Boost.Beast client, as the lead's transport and the spec's examples offer
// permessage-deflate. It runs on a thread of its own (runBeside) while the test's thread serves
// the emulator; cut() ends a read that waits for nothing, so a failing test never hangs.
class BeastClient
{
public:
    explicit BeastClient(bool offerDeflate)
    {
        websocket::permessage_deflate deflate;
        deflate.client_enable = offerDeflate;
        m_ws.set_option(deflate);
        m_ws.set_option(websocket::stream_base::decorator([](websocket::request_type &request) {
            request.set("X-API-KEY", EmulatorDemoKey.toStdString());
        }));
        m_ws.control_callback([this](websocket::frame_type kind, beast::string_view) {
            if (kind == websocket::frame_type::pong)
                ++m_pongs;
        });
    }

    bool connect(quint16 port, const QByteArray &target)
    {
        beast::error_code ec;
        m_ws.next_layer().connect(tcp::endpoint(net::ip::make_address_v4("127.0.0.1"), port), ec);
        if (ec)
            return false;
        m_descriptor = m_ws.next_layer().native_handle();
        m_ws.handshake(m_response, "127.0.0.1:" + std::to_string(port), target.toStdString(), ec);
        return !ec;
    }

    /// The Sec-WebSocket-Extensions header of the 101, empty when absent.
    std::string extensions() const
    {
        return std::string(m_response[beast::http::field::sec_websocket_extensions]);
    }

    bool send(const std::string &text)
    {
        beast::error_code ec;
        m_ws.write(net::buffer(text), ec);
        return !ec;
    }

    /// The next message; false at the end of the connection (closeCode() tells how it ended).
    bool read(std::string *message)
    {
        beast::flat_buffer buffer;
        beast::error_code ec;
        m_ws.read(buffer, ec);
        if (ec) {
            m_error = ec;
            return false;
        }
        *message = beast::buffers_to_string(buffer.data());
        return true;
    }

    void ping()
    {
        beast::error_code ec;
        m_ws.ping({}, ec);
    }

    void close(int code)
    {
        beast::error_code ec;
        m_ws.close(websocket::close_reason(websocket::close_code(code)), ec);
    }

    /// The close frame's code, or -1 when the connection did not end with one.
    int closeCode() const
    {
        return m_error == websocket::error::closed ? int(m_ws.reason().code) : -1;
    }
    std::string closeReason() const { return std::string(m_ws.reason().reason.c_str()); }
    int pongs() const { return m_pongs.load(); }

    /// From any thread: ends the connection under a blocked read or write.
    void cut()
    {
        const int descriptor = m_descriptor.load();
        if (descriptor >= 0)
            ::shutdown(descriptor, SHUT_RDWR);
    }

private:
    net::io_context m_io;
    websocket::stream<tcp::socket> m_ws{m_io};
    websocket::response_type m_response;
    beast::error_code m_error;
    std::atomic<int> m_descriptor{-1};
    std::atomic<int> m_pongs{0};
};

// Runs `work` on a thread while this thread's event loop serves the emulator; true when it
// finished within `timeoutMs` (otherwise the client is cut and the work joined).
bool runBeside(BeastClient &client, const std::function<void()> &work, int timeoutMs = 20000)
{
    std::atomic<bool> done{false};
    std::thread thread([&] {
        work();
        done = true;
    });
    const bool finished = QTest::qWaitFor([&] { return done.load(); }, timeoutMs);
    if (!finished)
        client.cut();
    thread.join();
    return finished;
}

EmulatorOptions firehose(qint64 count)
{
    EmulatorOptions options;
    options.firehoseCount = count;
    return options;
}

} // namespace

/// The emulator negotiates permessage-deflate (RFC 7692) with clients that offer it, through its
/// Beast relay, on both endpoints; everything else about a connection behaves as without it.
class TestEmulatorDeflate : public QObject
{
    Q_OBJECT
private slots:
    void recognisesTheOffer_data();
    void recognisesTheOffer();
    void negotiation_data();
    void negotiation();
    void streamMessagesAreCompressedAndInflate();
    void compressionLevelIsTheOneAsked();
    void apiRequestIsAnswered();
    void closeCodeReachesTheClient();
    void clientCloseReachesTheEmulator();
    void stallLeavesPingsUnanswered();
    void wrongKeyIsRefusedBeforeTheRelay();
    void streamClientThatNeverReadsCannotGrowTheEmulator();
    void apiClientThatNeverReadsIsClosedWith1008();
};

void TestEmulatorDeflate::recognisesTheOffer_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<bool>("offered");
    QTest::newRow("bare") << QByteArray("Sec-WebSocket-Extensions: permessage-deflate\r\n") << true;
    QTest::newRow("parameters") << QByteArray("sec-websocket-extensions: permessage-deflate; "
                                              "client_max_window_bits\r\n")
                                << true;
    QTest::newRow("second of a list, any case")
        << QByteArray("Sec-WebSocket-Extensions: x-webkit-deflate-frame, PerMessage-Deflate ;"
                      " server_no_context_takeover\r\n")
        << true;
    QTest::newRow("second header") << QByteArray("Sec-WebSocket-Extensions: x-other\r\n"
                                                 "Sec-WebSocket-Extensions: permessage-deflate\r\n")
                                   << true;
    QTest::newRow("another extension")
        << QByteArray("Sec-WebSocket-Extensions: permessage-deflated\r\n") << false;
    QTest::newRow("in another header") << QByteArray("X-Note: permessage-deflate\r\n") << false;
    QTest::newRow("none") << QByteArray() << false;
}

// The gate's head finds a permessage-deflate offer wherever RFC 7692 allows it to be.
void TestEmulatorDeflate::recognisesTheOffer()
{
    QFETCH(QByteArray, headers);
    QFETCH(bool, offered);
    const auto head = HttpRequestHead::parse("GET /api/v1/developer/ws/api HTTP/1.1\r\n"
                                             "Upgrade: websocket\r\n" +
                                             headers + "\r\n");
    QVERIFY(head);
    QCOMPARE(head->offersWebSocketExtension("permessage-deflate"), offered);
}

void TestEmulatorDeflate::negotiation_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<bool>("offer");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<bool>("expected");
    QTest::newRow("stream, offered") << StreamTarget << true << true << true;
    QTest::newRow("api, offered") << ApiTarget << true << true << true;
    QTest::newRow("stream, switched off") << StreamTarget << true << false << false;
    QTest::newRow("api, switched off") << ApiTarget << true << false << false;
    QTest::newRow("stream, not offered") << StreamTarget << false << true << false;
    QTest::newRow("api, not offered") << ApiTarget << false << true << false;
}

// The 101 accepts permessage-deflate when the client offers it and the emulator allows it, and
// says nothing of it otherwise (the connection is served uncompressed, as before).
void TestEmulatorDeflate::negotiation()
{
    QFETCH(QByteArray, target);
    QFETCH(bool, offer);
    QFETCH(bool, enabled);
    QFETCH(bool, expected);
    EmulatorOptions options;
    options.deflate = enabled;
    const auto server = startEmulator(options);
    BeastClient client(offer);
    bool connected = false;
    QVERIFY(runBeside(client, [&] { connected = client.connect(server->port(), target); }));
    QVERIFY(connected);
    const std::string extensions = client.extensions();
    QCOMPARE(extensions.rfind("permessage-deflate", 0) == 0, expected);
    QCOMPARE(server->deflateConnectionCount(), expected ? 1 : 0);
    QTRY_COMPARE(server->connectionCount(), 1);
}

// Stream messages travel compressed (RSV1 on their first frame) and inflate to the topic's JSON.
void TestEmulatorDeflate::streamMessagesAreCompressedAndInflate()
{
    const auto server = startEmulator(firehose(200));
    BeastClient client(true);
    std::vector<std::string> messages;
    QVERIFY(runBeside(client, [&] {
        if (!client.connect(server->port(), StreamTarget) || !client.send(R"({"action":"start"})"))
            return;
        std::string message;
        while (messages.size() < 200 && client.read(&message))
            messages.push_back(message);
    }));
    QCOMPARE(messages.size(), size_t(200));
    for (const std::string &message : messages) {
        const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(message));
        QVERIFY2(document.isObject() && document.object().contains(QStringLiteral("number")),
                 message.c_str());
    }

    RawWebSocketClient raw;
    raw.setExtraHeaders({DeflateOffer});
    QVERIFY(raw.connectTo(server->port(), StreamTarget));
    QVERIFY(raw.handshakeResponse().contains("permessage-deflate"));
    raw.sendText(R"({"action":"start"})");
    raw.startReading();
    QTRY_COMPARE(raw.texts().size(), 200);
    QVERIFY(raw.compressed().constFirst());
    QVERIFY(!raw.texts().constFirst().startsWith('{')); // deflated bytes, not JSON
}

// The relay compresses at the level the options ask for (the fastest by default): the same
// messages take fewer bytes on the wire at level 9 than at level 1, and inflate alike.
void TestEmulatorDeflate::compressionLevelIsTheOneAsked()
{
    const auto wireBytes = [](int level) {
        EmulatorOptions options = firehose(300);
        options.deflateLevel = level;
        const auto server = startEmulator(options);
        RawWebSocketClient raw;
        raw.setExtraHeaders({DeflateOffer});
        if (!raw.connectTo(server->port(), StreamTarget))
            return qint64(-1);
        raw.sendText(R"({"action":"start"})");
        raw.startReading();
        if (!QTest::qWaitFor([&] { return raw.texts().size() == 300; }, 20000))
            return qint64(-1);
        qint64 bytes = 0;
        for (const QByteArray &text : raw.texts())
            bytes += text.size();
        return raw.compressed().constFirst() ? bytes : qint64(-1);
    };
    const qint64 fastest = wireBytes(1);
    const qint64 smallest = wireBytes(9);
    QVERIFY(fastest > 0 && smallest > 0);
    QVERIFY2(
        smallest < fastest,
        qPrintable(
            QStringLiteral("level 9: %1 bytes, level 1: %2 bytes").arg(smallest).arg(fastest)));
    QCOMPARE(EmulatorOptions().deflateLevel, 1);

    // Level 1 still inflates to every message.
    const auto server = startEmulator(firehose(50));
    BeastClient client(true);
    std::vector<std::string> messages;
    QVERIFY(runBeside(client, [&] {
        if (!client.connect(server->port(), StreamTarget) || !client.send(R"({"action":"start"})"))
            return;
        std::string message;
        while (messages.size() < 50 && client.read(&message))
            messages.push_back(message);
    }));
    QCOMPARE(messages.size(), size_t(50));
    for (const std::string &message : messages)
        QVERIFY(QJsonDocument::fromJson(QByteArray::fromStdString(message)).isObject());
}

// An API request over a compressed connection is answered, with its id.
void TestEmulatorDeflate::apiRequestIsAnswered()
{
    const auto server = startEmulator();
    BeastClient client(true);
    std::string answer;
    QVERIFY(runBeside(client, [&] {
        if (client.connect(server->port(), ApiTarget) &&
            client.send(R"({"method":"GET","id":"deflate-1","path":"/api/v1/developer/assets",)"
                        R"("body":{"limit":"5"}})"))
            client.read(&answer);
    }));
    QVERIFY(client.extensions().rfind("permessage-deflate", 0) == 0);
    const QJsonObject response =
        QJsonDocument::fromJson(QByteArray::fromStdString(answer)).object();
    QCOMPARE(response.value(QStringLiteral("id")).toString(), QStringLiteral("deflate-1"));
    QCOMPARE(response.value(QStringLiteral("status")).toString(), QStringLiteral("success"));
}

// The emulator's close frame (here the closeAfterMessages fault) reaches the client with its
// code and reason, after the messages sent before it.
void TestEmulatorDeflate::closeCodeReachesTheClient()
{
    EmulatorOptions options = firehose(1000);
    options.faults.closeAfterMessages = 5;
    options.faults.closeCode = 4001;
    const auto server = startEmulator(options);
    BeastClient client(true);
    int received = 0;
    QVERIFY(runBeside(client, [&] {
        if (!client.connect(server->port(), StreamTarget) || !client.send(R"({"action":"start"})"))
            return;
        std::string message;
        while (client.read(&message))
            ++received;
    }));
    QCOMPARE(received, 5);
    QCOMPARE(client.closeCode(), 4001);
    QVERIFY2(client.closeReason().find("emulated fault") != std::string::npos,
             client.closeReason().c_str());
    QTRY_COMPARE(server->connectionCount(), 0);
}

// A client's close reaches the emulator's connection, which ends.
void TestEmulatorDeflate::clientCloseReachesTheEmulator()
{
    const auto server = startEmulator();
    QSignalSpy closed(server.get(), &EmulatorServer::connectionClosed);
    BeastClient client(true);
    QVERIFY(runBeside(client, [&] {
        if (client.connect(server->port(), StreamTarget))
            client.close(1000);
    }));
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(server->connectionCount(), 0);
}

// The stall fault holds over deflate too: after N messages nothing more, and pings go
// unanswered (the relay stops reading, as the emulator's own connection does).
void TestEmulatorDeflate::stallLeavesPingsUnanswered()
{
    EmulatorOptions options = firehose(1000);
    options.faults.stallAfterMessages = 3;
    const auto server = startEmulator(options);
    BeastClient client(true);
    int received = 0;
    std::atomic<int> pongsBeforeStall{-1};
    // The thread reads until the test cuts the connection.
    std::thread thread([&] {
        if (!client.connect(server->port(), StreamTarget))
            return;
        client.ping();
        client.send(R"({"action":"start"})");
        std::string message;
        while (client.read(&message)) {
            if (++received == 3) {
                pongsBeforeStall = client.pongs();
                client.ping();
            }
        }
    });
    QTRY_COMPARE(pongsBeforeStall.load(), 1); // the control: pongs work before the stall
    // Absence can only be shown by waiting: a healthy server answers within milliseconds.
    QVERIFY(!QTest::qWaitFor([&] { return client.pongs() > 1; }, 1000));
    QCOMPARE(server->connectionCount(), 1);
    client.cut();
    thread.join();
    QCOMPARE(received, 3);
    QCOMPARE(client.pongs(), 1);
    QTRY_COMPARE(server->connectionCount(), 0);
}

// The gate's refusals come first, as for any client: a wrong key gets its 401 and its body.
void TestEmulatorDeflate::wrongKeyIsRefusedBeforeTheRelay()
{
    const auto server = startEmulator();
    RawWebSocketClient client;
    client.setExtraHeaders({DeflateOffer});
    QVERIFY(!client.connectTo(server->port(), StreamTarget, "not-the-key"));
    QVERIFY2(client.handshakeResponse().startsWith("HTTP/1.1 401"),
             client.handshakeResponse().constData());
    QCOMPARE(server->deflateConnectionCount(), 0);
}

// A stream client that offers deflate and never reads cannot make the emulator hold more than
// its bounds: the relay holds at most its buffer, the emulator's connection its write-queue
// limit (where it drops messages, as for any slow reader).
void TestEmulatorDeflate::streamClientThatNeverReadsCannotGrowTheEmulator()
{
    constexpr qint64 Limit = 1024 * 1024;
    EmulatorOptions options = firehose(std::numeric_limits<qint64>::max());
    options.limits.maxWriteQueueBytes = Limit;
    const auto server = startEmulator(options);
    RawWebSocketClient client;
    client.setExtraHeaders({DeflateOffer});
    QVERIFY(client.connectTo(server->port(), StreamTarget));
    client.sendText(R"({"action":"start"})");
    // The relay filled its buffer and stopped reading: from then on the backlog is the emulator
    // connection's, which drops messages above half its limit.
    QTRY_VERIFY_WITH_TIMEOUT(server->peakDeflateRelayBytes() >= DeflateRelay::MaxBufferedBytes,
                             30000);
    QTRY_VERIFY(server->peakWriteQueueBytes() > Limit / 2);
    QVERIFY2(server->peakWriteQueueBytes() <= Limit,
             qPrintable(QString::number(server->peakWriteQueueBytes())));
    // A message is about 1 KB: the relay holds its buffer plus at most one message.
    QVERIFY2(server->peakDeflateRelayBytes() <= DeflateRelay::MaxBufferedBytes + 64 * 1024,
             qPrintable(QString::number(server->peakDeflateRelayBytes())));
    QCOMPARE(server->connectionCount(), 1);
    QCOMPARE(server->backlogClosedCount(), 0);
}

// An API client that offers deflate, pipelines requests and never reads is closed with 1008 by
// the emulator's connection; reading then, it finds the close frame with its reason.
void TestEmulatorDeflate::apiClientThatNeverReadsIsClosedWith1008()
{
    constexpr qint64 Limit = 1024 * 1024;
    EmulatorOptions options;
    options.limits.maxWriteQueueBytes = Limit;
    const auto server = startEmulator(options);
    RawWebSocketClient client;
    client.setExtraHeaders({DeflateOffer});
    QVERIFY(client.connectTo(server->port(), ApiTarget));
    ApiFlood flood(client, *server);
    QVERIFY(flood.untilRefused());
    QVERIFY(flood.untilBacklogClosed());
    QCOMPARE(server->backlogClosedCount(), 1);
    QVERIFY(server->peakWriteQueueBytes() <= Limit);
    QVERIFY(server->peakDeflateRelayBytes() <= DeflateRelay::MaxBufferedBytes + 256 * 1024);

    client.startReading();
    QTRY_COMPARE_WITH_TIMEOUT(client.closeCode(), 1008, 30000);
    QVERIFY2(client.closeReason().startsWith(QLatin1String("client is not reading its responses")),
             qPrintable(client.closeReason()));
}

QTEST_GUILESS_MAIN(TestEmulatorDeflate)
#include "tst_emulatordeflate.moc"
