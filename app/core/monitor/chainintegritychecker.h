// SPDX-License-Identifier: MIT
#pragma once

#include "core/monitor/chainhabits.h"
#include "core/monitor/integrityevent.h"
#include "core/monitor/integritysnapshot.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QVector>

#include <array>
#include <memory>

namespace allium {

class RawJsonScanner;

/// Checks one stream's messages, in the order received, for what a monitor must report: gaps
/// in the block sequence (with the missing range), reorgs (depth and replaced hashes),
/// duplicates, out-of-order arrivals, freshness lag (last, p50, p95), silences longer than the
/// topic's habit (stall), and what passed while the connection was down (outage, not a gap).
/// Judges by the topic's ChainHabits. Memory is bounded: the last HashWindow numbers' hashes,
/// the fingerprints of the last FingerprintWindow messages, LagWindow lag samples and at most
/// MaxPendingEvents undelivered events. Not thread-safe: it lives on the ingest worker thread.
class ChainIntegrityChecker
{
public:
    static constexpr int HashWindow = 64;
    static constexpr int FingerprintWindow = 1024;
    static constexpr int LagWindow = 512;
    static constexpr int MaxPendingEvents = 256;
    /// A revealing message larger than this is not attached to its event.
    static constexpr qsizetype MaxAttachedMessageBytes = 256 * 1024;

    ChainIntegrityChecker();
    explicit ChainIntegrityChecker(const QString &topic, bool filtered = false);
    ~ChainIntegrityChecker();

    /// Starts over for `topic` (its habits, thresholds and counters). A filtered stream skips
    /// by design, so only its order, duplicates and reorgs are checked, not its gaps.
    void reset(const QString &topic, bool filtered = false);
    QString topic() const { return m_topic; }
    const ChainHabits &habits() const { return m_habits; }
    void setFiltered(bool filtered);
    /// Lag above this is an event; 0 (the default) uses the habit. Never below 1 s (noise).
    void setLagThresholdMs(qint64 ms);
    qint64 lagThresholdMs() const;
    /// Silence longer than this is a stall; 0 (the default) uses ChainHabits::staleAfterMs.
    void setStallAfterMs(qint64 ms);
    qint64 stallAfterMs() const;

    /// Checks one message (its raw JSON text, received at `receivedAtMs`, wall clock); the
    /// events it reveals carry `sequence` (its StreamMessage::sequence, 0 if none). A replayed
    /// message gives `recordedAtMs`, when the recording received it: its lag is judged against
    /// that, its events carry it, and stalls become the recording's silences (checkStall()
    /// stays quiet from then on: a paused or finished replay is silent by choice).
    void check(QByteArrayView json, qint64 receivedAtMs, quint64 sequence = 0,
               qint64 recordedAtMs = -1);
    /// The connection was re-established, or the stream restarted or refiltered: what the next
    /// number skips passed meanwhile (an outage), and a resume behind the head is no fault.
    void noteInterrupted();
    /// The stream jumped elsewhere (a replay's seek or loop): nothing before says anything about
    /// what follows (no gap, reorg or duplicate lies between). The counters stay.
    void noteDiscontinuity();
    /// The stall watchdog, called periodically. `listening`: connected and started; while not,
    /// the silence clock does not run.
    void checkStall(qint64 nowMs, bool listening);

    bool hasEvents() const { return !m_events.isEmpty(); }
    /// The events noticed since the last call, oldest first.
    QVector<IntegrityEvent> takeEvents();
    IntegritySnapshot snapshot() const;

private:
    struct HashSlot
    {
        qint64 number = -1;
        QByteArray hash;
    };

    void checkSequence(QByteArrayView json, qint64 number, bool interrupted, qint64 nowMs);
    void rewindTo(qint64 number, QByteArrayView hash);
    void checkLag(QByteArrayView json, qint64 number, qint64 receivedAtMs);
    /// A replay's stall: a silence in the recording longer than the threshold.
    void checkRecordedSilence(qint64 recordedAtMs, qint64 receivedAtMs);
    bool isDuplicateContent(QByteArrayView json);
    QByteArrayView hashAt(qint64 number) const;
    void storeHash(qint64 number, QByteArrayView hash);
    void reportReorg(QByteArrayView json, qint64 number, qint64 head, qint64 nowMs);
    IntegrityEvent makeEvent(IntegrityEventKind kind, qint64 nowMs, QByteArrayView json) const;
    void emitEvent(IntegrityEvent event);

    QString m_topic;
    ChainHabits m_habits;
    bool m_filtered = false;
    qint64 m_lagThresholdOverrideMs = 0;
    qint64 m_stallAfterOverrideMs = 0;
    std::unique_ptr<RawJsonScanner> m_sequenceScanner;
    std::unique_ptr<RawJsonScanner> m_hashScanner;
    std::unique_ptr<RawJsonScanner> m_parentScanner;
    std::unique_ptr<RawJsonScanner> m_timestampScanner;

    qint64 m_head = -1;
    quint64 m_sequence = 0; ///< the message being checked
    bool m_interrupted = false;
    std::array<HashSlot, HashWindow> m_hashes;

    std::array<size_t, FingerprintWindow> m_fingerprints{};
    int m_fingerprintCount = 0;
    int m_fingerprintNext = 0;

    QByteArray m_lastTimestampText;
    std::array<qint64, LagWindow> m_lagSamples{};
    int m_lagCount = 0;
    int m_lagNext = 0;
    bool m_lagging = false;

    qint64 m_lastActivityMs = -1;
    bool m_stalled = false;

    bool m_replayed = false;      ///< messages come with their recorded receive time
    qint64 m_recordedAtMs = -1;   ///< that of the message being checked
    qint64 m_lastRecordedMs = -1; ///< that of the previous one, -1 after an interruption

    IntegritySnapshot m_counters;
    QVector<IntegrityEvent> m_events;
};

} // namespace allium
