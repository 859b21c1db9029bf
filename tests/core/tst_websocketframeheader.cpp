// SPDX-License-Identifier: MIT
#include "core/connection/websocketframeheader.h"

#include <QByteArray>
#include <QTest>

#include <cstdint>
#include <limits>
#include <memory>

using namespace allium;

namespace {

const unsigned char *bytesOf(const QByteArray &bytes)
{
    return reinterpret_cast<const unsigned char *>(bytes.constData());
}

// The header of `bytes`, read from a heap copy of exactly their size (so that a sanitizer build
// sees any read beyond them).
WebSocketFrameHeader readExactly(const QByteArray &bytes)
{
    const auto copy = std::make_unique<unsigned char[]>(std::size_t(bytes.size()) + 1);
    std::copy(bytes.cbegin(), bytes.cend(), copy.get());
    return WebSocketFrameHeader::read(copy.get(), std::size_t(bytes.size()));
}

constexpr std::size_t MaxFrameBytes = 1024 * 1024;     // the Beast transport's own-frame limit
constexpr std::uint64_t MaxPayloadBytes = 64ull << 20; // the transport's default message limit
constexpr std::size_t Saturated = std::numeric_limits<std::size_t>::max() / 2;

} // namespace

// WebSocketFrameHeader: RFC 6455 section 5.2 as a client reads a server's frames, and which of
// them are whole plain text messages the Beast transport reads without Beast.
class TestWebSocketFrameHeader : public QObject
{
    Q_OBJECT
private slots:
    void fields_data();
    void fields();
    void incompleteAtEveryByte_data();
    void incompleteAtEveryByte();
    void limits_data();
    void limits();
    void walksConsecutiveFrames();
};

// Every field of a whole header, and whether it is a plain text message (its header length).
void TestWebSocketFrameHeader::fields_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("headerLength");
    QTest::addColumn<quint64>("payloadLength");
    QTest::addColumn<quint64>("frameLength");
    QTest::addColumn<bool>("final");
    QTest::addColumn<int>("reserved");
    QTest::addColumn<int>("opcode");
    QTest::addColumn<bool>("masked");
    QTest::addColumn<bool>("validLength");
    QTest::addColumn<int>("plainText");

    const auto row = [](const char *name, const QByteArray &hex) -> QTestData & {
        return QTest::newRow(name) << QByteArray::fromHex(hex);
    };
    // A short (7-bit) length.
    row("empty text", "8100") << 2 << 0ull << 2ull << true << 0 << 1 << false << true << 2;
    row("text of 5", "8105") << 2 << 5ull << 7ull << true << 0 << 1 << false << true << 2;
    row("text of 125", "817d") << 2 << 125ull << 127ull << true << 0 << 1 << false << true << 2;
    // A 16-bit length: 126 to 65535 only.
    row("16-bit 126", "817e007e") << 4 << 126ull << 130ull << true << 0 << 1 << false << true << 4;
    row("16-bit 65535", "817effff")
        << 4 << 65535ull << 65539ull << true << 0 << 1 << false << true << 4;
    row("16-bit 125 not minimal", "817e007d")
        << 4 << 125ull << 129ull << true << 0 << 1 << false << false << 0;
    row("16-bit 0 not minimal", "817e0000")
        << 4 << 0ull << 4ull << true << 0 << 1 << false << false << 0;
    // A 64-bit length: 65536 to 2^63 - 1 only.
    row("64-bit 65536", "817f0000000000010000")
        << 10 << 65536ull << 65546ull << true << 0 << 1 << false << true << 10;
    row("64-bit 65535 not minimal", "817f000000000000ffff")
        << 10 << 65535ull << 65545ull << true << 0 << 1 << false << false << 0;
    row("64-bit 126 not minimal", "817f000000000000007e")
        << 10 << 126ull << 136ull << true << 0 << 1 << false << false << 0;
    row("64-bit 5 not minimal", "817f0000000000000005")
        << 10 << 5ull << 15ull << true << 0 << 1 << false << false << 0;
    row("64-bit largest", "817f7fffffffffffffff")
        << 10 << 0x7fffffffffffffffull << quint64(10 + Saturated) << true << 0 << 1 << false << true
        << 0;
    row("64-bit top bit set", "817f8000000000000000")
        << 10 << 0x8000000000000000ull << quint64(10 + Saturated) << true << 0 << 1 << false
        << false << 0;
    row("64-bit all ones", "817fffffffffffffffff")
        << 10 << 0xffffffffffffffffull << quint64(10 + Saturated) << true << 0 << 1 << false
        << false << 0;
    // A masking key follows the length: a server must not mask, the library refuses it.
    row("masked", "818501020304") << 6 << 5ull << 11ull << true << 0 << 1 << true << true << 0;
    row("masked 16-bit", "81fe008001020304")
        << 8 << 128ull << 136ull << true << 0 << 1 << true << true << 0;
    row("masked 64-bit", "81ff000000000001000001020304")
        << 14 << 65536ull << 65550ull << true << 0 << 1 << true << true << 0;
    // Fragments: the first of a message is not final; continuations have opcode 0.
    row("first fragment", "0105") << 2 << 5ull << 7ull << false << 0 << 1 << false << true << 0;
    row("continuation", "0005") << 2 << 5ull << 7ull << false << 0 << 0 << false << true << 0;
    row("last continuation", "8005") << 2 << 5ull << 7ull << true << 0 << 0 << false << true << 0;
    row("binary", "8205") << 2 << 5ull << 7ull << true << 0 << 2 << false << true << 0;
    // Control frames: the library answers or reads them.
    row("close", "880203e8") << 2 << 2ull << 4ull << true << 0 << 8 << false << true << 0;
    row("ping", "8900") << 2 << 0ull << 2ull << true << 0 << 9 << false << true << 0;
    row("pong", "8a00") << 2 << 0ull << 2ull << true << 0 << 10 << false << true << 0;
    row("ping 16-bit", "897e007e") << 4 << 126ull << 130ull << true << 0 << 9 << false << true << 0;
    // RSV1 is permessage-deflate's compressed bit; RSV2 and RSV3 are errors: the library's.
    row("RSV1 compressed", "c105") << 2 << 5ull << 7ull << true << 0x40 << 1 << false << true << 0;
    row("RSV2", "a105") << 2 << 5ull << 7ull << true << 0x20 << 1 << false << true << 0;
    row("RSV3", "9105") << 2 << 5ull << 7ull << true << 0x10 << 1 << false << true << 0;
    row("all RSV", "f105") << 2 << 5ull << 7ull << true << 0x70 << 1 << false << true << 0;
    row("reserved data opcode", "8300")
        << 2 << 0ull << 2ull << true << 0 << 3 << false << true << 0;
    row("reserved control opcode", "8b00")
        << 2 << 0ull << 2ull << true << 0 << 11 << false << true << 0;
}

void TestWebSocketFrameHeader::fields()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, headerLength);
    QFETCH(quint64, payloadLength);
    QFETCH(quint64, frameLength);
    QFETCH(bool, final);
    QFETCH(int, reserved);
    QFETCH(int, opcode);
    QFETCH(bool, masked);
    QFETCH(bool, validLength);
    QFETCH(int, plainText);

    // The bytes after the header (payload, a later frame) change nothing.
    for (const QByteArray &buffer : {bytes, bytes + QByteArray(200, '\x81')}) {
        const WebSocketFrameHeader header = readExactly(buffer);
        QVERIFY(header.isComplete());
        QCOMPARE(int(header.headerLength()), headerLength);
        QCOMPARE(quint64(header.payloadLength()), payloadLength);
        QCOMPARE(quint64(header.frameLength()), frameLength);
        QCOMPARE(header.isFinal(), final);
        QCOMPARE(int(header.reservedBits()), reserved);
        QCOMPARE(int(header.opcode()), opcode);
        QCOMPARE(header.isControl(), opcode >= 8);
        QCOMPARE(header.isMasked(), masked);
        QCOMPARE(header.hasValidLength(), validLength);
        QCOMPARE(int(header.plainTextHeaderLength(MaxFrameBytes, MaxPayloadBytes)), plainText);
    }
}

// Until its last byte (masking key included) is there, a header is incomplete and says nothing.
void TestWebSocketFrameHeader::incompleteAtEveryByte_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("short") << QByteArray::fromHex("8105");
    QTest::newRow("16-bit") << QByteArray::fromHex("817e0100");
    QTest::newRow("64-bit") << QByteArray::fromHex("817f0000000000010000");
    QTest::newRow("masked") << QByteArray::fromHex("818501020304");
    QTest::newRow("masked 16-bit") << QByteArray::fromHex("81fe008001020304");
    QTest::newRow("masked 64-bit") << QByteArray::fromHex("81ff000000000001000001020304");
    QTest::newRow("close") << QByteArray::fromHex("8802");
}

void TestWebSocketFrameHeader::incompleteAtEveryByte()
{
    QFETCH(QByteArray, bytes);
    for (qsizetype size = 0; size < bytes.size(); ++size) {
        const WebSocketFrameHeader header = readExactly(bytes.left(size));
        QVERIFY2(!header.isComplete(), qPrintable(QString::number(size)));
        QCOMPARE(header.headerLength(), std::size_t(0));
        QCOMPARE(header.frameLength(), std::size_t(0));
        QCOMPARE(header.plainTextHeaderLength(MaxFrameBytes, MaxPayloadBytes), std::size_t(0));
    }
    const WebSocketFrameHeader whole = readExactly(bytes);
    QVERIFY(whole.isComplete());
    QCOMPARE(whole.headerLength(), std::size_t(bytes.size()));
}

// The frame limit counts header and payload; the payload limit only the payload, 0 none.
void TestWebSocketFrameHeader::limits_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<quint64>("maxFrame");
    QTest::addColumn<quint64>("maxPayload");
    QTest::addColumn<int>("plainText");
    const QByteArray five = QByteArray::fromHex("8105");
    const QByteArray big = QByteArray::fromHex("817e1000");              // 4096 bytes of payload
    const QByteArray huge = QByteArray::fromHex("817f0000000100000000"); // 4 GiB
    QTest::newRow("frame at its limit") << five << 7ull << 0ull << 2;
    QTest::newRow("frame over its limit") << five << 6ull << 0ull << 0;
    QTest::newRow("payload at its limit") << five << 7ull << 5ull << 2;
    QTest::newRow("payload over its limit") << five << 7ull << 4ull << 0;
    QTest::newRow("16-bit frame at its limit") << big << 4100ull << 4096ull << 4;
    QTest::newRow("16-bit frame over its limit") << big << 4099ull << 4096ull << 0;
    QTest::newRow("16-bit payload over its limit") << big << 4100ull << 4095ull << 0;
    QTest::newRow("no payload limit") << huge << quint64(Saturated) << 0ull << 10;
    QTest::newRow("payload limit") << huge << quint64(Saturated) << (4ull << 30) << 10;
    QTest::newRow("payload limit below") << huge << quint64(Saturated) << (4ull << 30) - 1 << 0;
    QTest::newRow("transport's limits")
        << huge << quint64(MaxFrameBytes) << quint64(MaxPayloadBytes) << 0;
}

void TestWebSocketFrameHeader::limits()
{
    QFETCH(QByteArray, bytes);
    QFETCH(quint64, maxFrame);
    QFETCH(quint64, maxPayload);
    QFETCH(int, plainText);
    QCOMPARE(int(readExactly(bytes).plainTextHeaderLength(std::size_t(maxFrame), maxPayload)),
             plainText);
}

// Frames back to back, as the transport reads them: each frame's length leads to the next.
void TestWebSocketFrameHeader::walksConsecutiveFrames()
{
    QByteArray stream;
    stream += QByteArray::fromHex("8103") + "abc";
    stream += QByteArray::fromHex("8900");                            // ping
    stream += QByteArray::fromHex("817e007e") + QByteArray(126, 'x'); // 16-bit
    stream += QByteArray::fromHex("c102") + "zz";                     // compressed
    stream += QByteArray::fromHex("8100");                            // empty
    stream += QByteArray::fromHex("817f00");                          // incomplete header
    const QList<int> expectedStarts = {0, 5, 7, 137, 141, 143};
    QList<int> starts;
    qsizetype at = 0;
    for (;;) {
        starts.append(int(at));
        const WebSocketFrameHeader header =
            WebSocketFrameHeader::read(bytesOf(stream) + at, std::size_t(stream.size() - at));
        if (!header.isComplete())
            break;
        at += qsizetype(header.frameLength());
    }
    QCOMPARE(starts, expectedStarts);
    QCOMPARE(at, stream.size() - 3);
}

QTEST_APPLESS_MAIN(TestWebSocketFrameHeader)
#include "tst_websocketframeheader.moc"
