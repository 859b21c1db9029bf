// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>

namespace allium {

/// The header of one websocket frame (RFC 6455, section 5.2) at the start of the bytes a server
/// sent: how long the frame is, and whether it is a whole plain text message that a client may
/// read without a websocket library. Pure: no I/O, and no byte read beyond the ones given.
class WebSocketFrameHeader
{
public:
    /// The opcodes RFC 6455 defines (the others are reserved).
    enum Opcode : unsigned {
        Continuation = 0x0,
        Text = 0x1,
        Binary = 0x2,
        Close = 0x8,
        Ping = 0x9,
        Pong = 0xa,
    };
    /// The longest header: two bytes, a 64-bit length and a masking key.
    static constexpr std::size_t MaxHeaderBytes = 14;

    /// Reads the header at the start of the `size` bytes at `data` (never more of them than
    /// `size`). Incomplete while any byte of the header, masking key included, is missing.
    static WebSocketFrameHeader read(const unsigned char *data, std::size_t size);

    /// Whether every byte of the header was there; nothing below holds when it was not.
    bool isComplete() const { return m_headerLength > 0; }
    /// The header's bytes (2 to 14); 0 while incomplete.
    std::size_t headerLength() const { return m_headerLength; }
    /// The payload's length as the header states it.
    std::uint64_t payloadLength() const { return m_payloadLength; }
    /// Header and payload: 0 while incomplete. A payload no buffer could hold saturates at half
    /// the range of size_t, so that the sum never wraps.
    std::size_t frameLength() const;

    bool isFinal() const { return m_first & 0x80; }
    /// RSV1 to RSV3 (0x40, 0x20, 0x10); RSV1 marks a compressed (permessage-deflate) message.
    unsigned reservedBits() const { return m_first & 0x70; }
    unsigned opcode() const { return m_first & 0x0f; }
    bool isControl() const { return m_first & 0x08; }
    bool isMasked() const { return m_masked; }
    /// Whether the length takes the fewest bytes that can hold it and a 64-bit length has its
    /// most significant bit clear, as RFC 6455 requires.
    bool hasValidLength() const { return m_validLength; }

    /// The header's length when the frame is a whole message of text as a client reads it with no
    /// more ado: final, RSV bits clear (uncompressed), opcode text, unmasked (a server never
    /// masks), a valid length, the frame at most `maxFrameBytes` and the payload at most
    /// `maxPayloadBytes` (0: no limit). Otherwise 0: a websocket library must read that frame,
    /// to decompress, reassemble, answer or refuse it.
    std::size_t plainTextHeaderLength(std::size_t maxFrameBytes,
                                      std::uint64_t maxPayloadBytes) const;

private:
    std::uint64_t m_payloadLength = 0;
    std::size_t m_headerLength = 0;
    unsigned char m_first = 0;
    bool m_masked = false;
    bool m_validLength = false;
};

} // namespace allium
