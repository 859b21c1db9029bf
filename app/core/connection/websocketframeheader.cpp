// SPDX-License-Identifier: MIT
#include "core/connection/websocketframeheader.h"

#include <algorithm>
#include <limits>

namespace allium {

WebSocketFrameHeader WebSocketFrameHeader::read(const unsigned char *data, std::size_t size)
{
    WebSocketFrameHeader header;
    if (size < 2)
        return header;
    const unsigned shortLength = data[1] & 0x7f;
    const std::size_t extended = shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0;
    const bool masked = data[1] & 0x80;
    const std::size_t length = 2 + extended + (masked ? 4 : 0);
    if (size < length)
        return header;
    std::uint64_t payload = shortLength;
    if (extended > 0) {
        payload = 0;
        for (std::size_t i = 0; i < extended; ++i)
            payload = (payload << 8) | data[2 + i];
    }
    header.m_first = data[0];
    header.m_masked = masked;
    header.m_payloadLength = payload;
    header.m_headerLength = length;
    // RFC 6455 5.2: "the minimal number of bytes MUST be used to encode the length", and "the
    // most significant bit MUST be 0" of a 64-bit one.
    header.m_validLength = extended == 0   ? true
                           : extended == 2 ? payload >= 126
                                           : payload > 0xffff && payload >> 63 == 0;
    return header;
}

std::size_t WebSocketFrameHeader::frameLength() const
{
    if (!isComplete())
        return 0;
    constexpr std::uint64_t Most = std::numeric_limits<std::size_t>::max() / 2;
    return m_headerLength + std::size_t(std::min(m_payloadLength, Most));
}

std::size_t WebSocketFrameHeader::plainTextHeaderLength(std::size_t maxFrameBytes,
                                                        std::uint64_t maxPayloadBytes) const
{
    // 0x81: FIN, no RSV bit, text. A masked frame from a server is a protocol error, a wrong
    // length encoding too: the library fails those.
    if (!isComplete() || m_first != 0x81 || m_masked || !m_validLength)
        return 0;
    if (frameLength() > maxFrameBytes)
        return 0;
    if (maxPayloadBytes > 0 && m_payloadLength > maxPayloadBytes)
        return 0;
    return m_headerLength;
}

} // namespace allium
