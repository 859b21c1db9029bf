// SPDX-License-Identifier: MIT
// Fuzzes what a server sends after the handshake, as the Beast transport reads it: frame headers,
// fragments, control frames, close frames, UTF-8 and permessage-deflate payloads (RSV1), through
// Boost.Beast's client stream configured as BeastWebSocketTransport configures it (deflate
// negotiated, the message limit). The handshake is done for real between two in-memory streams;
// the input then arrives as the server's bytes. Every outcome must be a message or an error
// code: no crash, no hang, no read beyond the limit.
#include "fuzzsupport.h"

#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {

// Small enough that the fuzzer meets the limit; the transport's is 64 MiB.
constexpr std::size_t MaxMessageBytes = 1024 * 1024;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    boost::asio::io_context ioc;
    beast::test::stream clientEnd(ioc);
    beast::test::stream serverEnd(ioc);
    clientEnd.connect(serverEnd);
    websocket::stream<beast::test::stream &> client(clientEnd);
    websocket::stream<beast::test::stream &> server(serverEnd);
    websocket::permessage_deflate offer;
    offer.client_enable = true;
    client.set_option(offer);
    client.read_message_max(MaxMessageBytes);
    client.auto_fragment(false);
    websocket::permessage_deflate accept;
    accept.server_enable = true;
    server.set_option(accept);

    beast::error_code handshakeError;
    beast::error_code acceptError;
    server.async_accept([&](beast::error_code ec) { acceptError = ec; });
    client.async_handshake("localhost", "/api/v1/developer/ws/stream?topic=ethereum.blocks",
                           [&](beast::error_code ec) { handshakeError = ec; });
    ioc.run();
    allium::fuzz::require(!handshakeError && !acceptError, "the in-memory handshake succeeds");

    // The server's bytes, then the end of the stream: reading must end.
    clientEnd.append(std::string_view(reinterpret_cast<const char *>(data), size));
    serverEnd.close();
    beast::flat_buffer buffer;
    std::size_t messages = 0;
    std::function<void()> readNext = [&] {
        client.async_read(buffer, [&](beast::error_code ec, std::size_t bytes) {
            if (ec)
                return;
            allium::fuzz::require(bytes <= MaxMessageBytes, "no message beyond the limit");
            buffer.consume(bytes);
            ++messages;
            readNext();
        });
    };
    readNext();
    ioc.restart();
    ioc.run();
    allium::fuzz::require(messages <= size, "no more messages than bytes");
    return 0;
}
