// SPDX-License-Identifier: MIT
// Fuzzes the integrity check as a server's messages reach it: ChainIntegrityChecker (raw JSON
// scans for numbers, hashes and parents, BlockTimestamp's reading of block times, the hash and
// fingerprint windows, lag percentiles) and the events it hands out, read back as
// `allium-cli watch` prints them. The input's first byte picks the topic (each chain's habit);
// the rest holds messages separated by 0xFF; an empty one stands for a reconnect, a lone 0xFE
// for a replay's seek. Bit 0x40 of the first byte replays: each message comes with a recorded
// receive time a year back, moving back and forth with the message's bytes.
#include "core/monitor/blocktimestamp.h"
#include "core/monitor/chainintegritychecker.h"
#include "fuzzsupport.h"

#include <QHash>
#include <QJsonDocument>

#include <array>
#include <cstddef>
#include <cstdint>

using namespace allium;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const std::array<const char *, 7> topics{
        "ethereum.blocks", "ethereum.transactions", "base.dex_trades", "solana.transactions",
        "bitcoin.blocks",  "hyperliquid.fills",     "foo.bar"};
    if (size == 0)
        return 0;
    const QString topic = QLatin1String(topics[data[0] % topics.size()]);
    const QList<QByteArray> messages = fuzz::bytesOf(data + 1, size - 1).split('\xff');

    ChainIntegrityChecker checker(topic, (data[0] & 0x80) != 0);
    const bool replayed = (data[0] & 0x40) != 0;
    qint64 nowMs = 1764583200000; // 2025-12-01
    quint64 checked = 0;
    for (const QByteArray &message : messages) {
        nowMs += 250;
        if (message.isEmpty()) {
            checker.noteInterrupted();
            continue;
        }
        if (message == "\xfe") {
            checker.noteDiscontinuity();
            continue;
        }
        ++checked;
        constexpr qint64 YearMs = 365LL * 24 * 3600 * 1000;
        const qint64 recordedMs =
            replayed ? nowMs - YearMs + qint64(qHash(message) % 600000) : qint64(-1);
        checker.check(message, nowMs, checked, recordedMs);
        qint64 ms = 0;
        (void)BlockTimestamp::parseMs(message, &ms);
        checker.checkStall(nowMs + 100000000, true);
    }
    const IntegritySnapshot snapshot = checker.snapshot();
    fuzz::require(snapshot.checked == checked, "every message is checked");
    fuzz::require(snapshot.lagSamples <= ChainIntegrityChecker::LagWindow, "bounded lag window");
    fuzz::require(snapshot.p50LagMs <= snapshot.p95LagMs, "p50 <= p95");
    const QVector<IntegrityEvent> events = checker.takeEvents();
    fuzz::require(events.size() <= ChainIntegrityChecker::MaxPendingEvents, "bounded events");
    for (const IntegrityEvent &event : events) {
        fuzz::require(event.topic == topic, "events name their topic");
        fuzz::require(event.kind != IntegrityEventKind::Gap || event.missing > 0,
                      "a gap misses something");
        fuzz::require(event.kind != IntegrityEventKind::Reorg || event.depth > 0,
                      "a reorg has a depth");
        // `watch --count` prints an event only once the message it names was counted.
        fuzz::require(event.sequence <= checked, "events name a message that was checked");
        fuzz::require(event.kind != IntegrityEventKind::Stall || event.sequence == 0,
                      "a stall names no message");
        fuzz::require((event.recordedAtMs >= 0) == replayed,
                      "a replay's events say when they were recorded, live ones do not");
        (void)event.summary();
        (void)QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact);
    }
    return 0;
}
