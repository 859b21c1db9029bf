// SPDX-License-Identifier: MIT
// Fuzzes WebSocketFrameHeader, the websocket frame header reader of the Beast transport (which
// reads a server's plain text frames itself, straight from the socket's bytes): the input is a
// server's bytes, walked frame by frame as Session::readFrames() and the buffered layer walk
// them. Each header must agree with a plain byte-by-byte decoder of RFC 6455 section 5.2 written
// here; no byte past the buffer is read (ASan); every whole header moves the walk forward.
#include "core/connection/websocketframeheader.h"
#include "fuzzsupport.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>

using allium::WebSocketFrameHeader;

namespace {

constexpr std::size_t Saturated = std::numeric_limits<std::size_t>::max() / 2;

// RFC 6455 5.2, decoded the long way round, to compare with.
struct Expected
{
    bool complete = false;
    std::size_t headerLength = 0;
    std::uint64_t payloadLength = 0;
    bool final = false;
    unsigned reserved = 0;
    unsigned opcode = 0;
    bool masked = false;
    bool validLength = false;

    std::size_t frameLength() const
    {
        if (!complete)
            return 0;
        return headerLength + (payloadLength > Saturated ? Saturated : payloadLength);
    }
    std::size_t plainText(std::size_t maxFrame, std::uint64_t maxPayload) const
    {
        const bool text = complete && final && reserved == 0 && opcode == 1 && !masked &&
                          validLength && frameLength() <= maxFrame &&
                          (maxPayload == 0 || payloadLength <= maxPayload);
        return text ? headerLength : 0;
    }
};

Expected decode(const std::uint8_t *data, std::size_t size)
{
    Expected e;
    if (size < 2)
        return e;
    const unsigned first = data[0];
    const unsigned second = data[1];
    const unsigned length7 = second % 128;
    std::size_t need = 2;
    if (length7 == 126)
        need += 2;
    if (length7 == 127)
        need += 8;
    if (second >= 128)
        need += 4;
    if (size < need)
        return e;
    e.complete = true;
    e.headerLength = need;
    e.final = first >= 128;
    e.reserved = first & (64 | 32 | 16);
    e.opcode = first % 16;
    e.masked = second >= 128;
    if (length7 < 126) {
        e.payloadLength = length7;
        e.validLength = true;
    } else if (length7 == 126) {
        e.payloadLength = std::uint64_t(data[2]) * 256 + data[3];
        e.validLength = e.payloadLength > 125;
    } else {
        for (int i = 0; i < 8; ++i)
            e.payloadLength += std::uint64_t(data[2 + i]) << (8 * (7 - i));
        e.validLength = e.payloadLength > 65535 && e.payloadLength < (std::uint64_t(1) << 63);
    }
    return e;
}

void requireSame(const WebSocketFrameHeader &header, const Expected &e)
{
    using allium::fuzz::require;
    require(header.isComplete() == e.complete, "complete as RFC 6455 says");
    require(header.headerLength() == e.headerLength, "header length");
    require(header.frameLength() == e.frameLength(), "frame length");
    if (!e.complete)
        return;
    require(header.payloadLength() == e.payloadLength, "payload length");
    require(header.isFinal() == e.final, "FIN");
    require(header.reservedBits() == e.reserved, "RSV bits");
    require(header.opcode() == e.opcode, "opcode");
    require(header.isControl() == (e.opcode >= 8), "control frame");
    require(header.isMasked() == e.masked, "MASK");
    require(header.hasValidLength() == e.validLength, "minimal length encoding");
}

// A heap copy of exactly `size` bytes, so that ASan sees a read past them.
WebSocketFrameHeader readExactly(const std::uint8_t *data, std::size_t size)
{
    const auto copy = std::make_unique<std::uint8_t[]>(std::max<std::size_t>(size, 1));
    std::copy(data, data + size, copy.get());
    return WebSocketFrameHeader::read(copy.get(), size);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using allium::fuzz::require;
    std::size_t at = 0;
    for (;;) {
        const std::size_t left = size - at;
        // As readFrames() reads it: the header at the start of what is buffered.
        const WebSocketFrameHeader header = WebSocketFrameHeader::read(data + at, left);
        const Expected expected = decode(data + at, left);
        requireSame(header, expected);
        if (!header.isComplete()) {
            // The transport waits for more bytes; there are at most 13 of a header.
            require(left < WebSocketFrameHeader::MaxHeaderBytes, "a header fits 14 bytes");
            break;
        }
        const std::size_t headerLength = header.headerLength();
        const std::size_t length = header.frameLength();
        require(headerLength >= 2 && headerLength <= WebSocketFrameHeader::MaxHeaderBytes,
                "a header has 2 to 14 bytes");
        require(headerLength <= left, "the header was buffered");
        require(headerLength <= length, "the header is part of the frame");
        require(length - headerLength == std::min<std::uint64_t>(header.payloadLength(), Saturated),
                "the payload is the rest of the frame");

        // Only its own bytes make a header: the same from an exact copy of them, and one byte
        // less is incomplete.
        requireSame(readExactly(data + at, headerLength), expected);
        require(!readExactly(data + at, headerLength - 1).isComplete(),
                "incomplete without its last byte");

        // The transport's limits, none, and the frame's own sizes on either side of a limit.
        const std::uint64_t payload = header.payloadLength();
        const std::size_t frameLimits[] = {1024 * 1024, std::numeric_limits<std::size_t>::max(), 0,
                                           length, length - 1};
        const std::uint64_t payloadLimits[] = {64ull << 20, 0, payload, payload - 1, 1};
        for (const std::size_t maxFrame : frameLimits) {
            for (const std::uint64_t maxPayload : payloadLimits) {
                const std::size_t plain = header.plainTextHeaderLength(maxFrame, maxPayload);
                require(plain == expected.plainText(maxFrame, maxPayload),
                        "plain text exactly as RFC 6455 and the limits say");
                require(plain == 0 || plain == headerLength, "a plain text header is the header");
            }
        }

        // readFrames() reads a whole frame once buffered, the buffered layer gives Beast the
        // rest of it: either way the next frame starts after it. A frame not all here waits.
        if (length > left)
            break;
        require(length > 0, "progress");
        at += length;
    }
    require(at <= size, "the walk stays inside the buffer");
    return 0;
}
