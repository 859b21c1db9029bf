// SPDX-License-Identifier: MIT
#include "core/monitor/chainintegritychecker.h"

#include "core/monitor/blocktimestamp.h"
#include "core/table/rawjsonscanner.h"
#include "core/workspace/chainhead.h"

#include <QHash>

#include <algorithm>
#include <utility>

namespace allium {

namespace {

// A hash value's text without its quotes; hashes are compared as sent.
QByteArrayView unquoted(QByteArrayView text)
{
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        return text.sliced(1, text.size() - 2);
    return text;
}

std::unique_ptr<RawJsonScanner> scannerFor(const QString &path)
{
    return path.isEmpty() ? nullptr : std::make_unique<RawJsonScanner>(path);
}

qint64 percentile(std::vector<qint64> &values, double share)
{
    const auto index = std::min(values.size() - 1, std::size_t(share * double(values.size())));
    std::nth_element(values.begin(), values.begin() + qsizetype(index), values.end());
    return values[index];
}

} // namespace

ChainIntegrityChecker::ChainIntegrityChecker()
    : ChainIntegrityChecker(QString())
{}

ChainIntegrityChecker::ChainIntegrityChecker(const QString &topic, bool filtered)
{
    reset(topic, filtered);
}

ChainIntegrityChecker::~ChainIntegrityChecker() = default;

void ChainIntegrityChecker::reset(const QString &topic, bool filtered)
{
    m_topic = topic;
    m_habits = ChainHabits::of(topic);
    m_filtered = filtered;
    m_sequenceScanner = scannerFor(m_habits.sequenceField);
    m_hashScanner = scannerFor(m_habits.hashField);
    m_parentScanner = scannerFor(m_habits.parentHashField);
    m_timestampScanner = scannerFor(m_habits.timestampField);
    m_head = -1;
    m_interrupted = false;
    m_hashes.fill(HashSlot());
    m_fingerprintCount = 0;
    m_fingerprintNext = 0;
    m_lastTimestampText.clear();
    m_lagCount = 0;
    m_lagNext = 0;
    m_lagging = false;
    m_lastActivityMs = -1;
    m_stalled = false;
    m_replayed = false;
    m_recordedAtMs = -1;
    m_lastRecordedMs = -1;
    m_counters = IntegritySnapshot();
    m_counters.sequenceField = m_habits.sequenceField;
    m_events.clear();
}

void ChainIntegrityChecker::setFiltered(bool filtered)
{
    m_filtered = filtered;
}

void ChainIntegrityChecker::setLagThresholdMs(qint64 ms)
{
    m_lagThresholdOverrideMs = std::max<qint64>(0, ms);
}

qint64 ChainIntegrityChecker::lagThresholdMs() const
{
    const qint64 threshold =
        m_lagThresholdOverrideMs > 0 ? m_lagThresholdOverrideMs : m_habits.lagThresholdMs;
    return std::max<qint64>(1000, threshold);
}

void ChainIntegrityChecker::setStallAfterMs(qint64 ms)
{
    m_stallAfterOverrideMs = std::max<qint64>(0, ms);
}

qint64 ChainIntegrityChecker::stallAfterMs() const
{
    return m_stallAfterOverrideMs > 0 ? m_stallAfterOverrideMs
                                      : ChainHabits::staleAfterMs(m_topic, m_filtered);
}

void ChainIntegrityChecker::check(QByteArrayView json, qint64 receivedAtMs, quint64 sequence,
                                  qint64 recordedAtMs)
{
    m_sequence = sequence;
    ++m_counters.checked;
    m_lastActivityMs = receivedAtMs;
    m_stalled = false;
    m_recordedAtMs = recordedAtMs;
    if (recordedAtMs >= 0) {
        m_replayed = true;
        checkRecordedSilence(recordedAtMs, receivedAtMs);
    }

    qint64 number = -1;
    if (m_sequenceScanner && !ChainHead::readInteger(m_sequenceScanner->valueAt(json), &number))
        number = -1;
    if (isDuplicateContent(json)) {
        // Sent again right after a reconnect: a replay of what we had, not a fault.
        if (m_interrupted)
            return;
        IntegrityEvent event = makeEvent(IntegrityEventKind::Duplicate, receivedAtMs, json);
        event.number = number;
        ++m_counters.duplicates;
        emitEvent(std::move(event));
        return; // seen before: its sequence and lag were judged then
    }
    const bool interrupted = std::exchange(m_interrupted, false);
    if (number >= 0)
        checkSequence(json, number, interrupted, receivedAtMs);
    if (m_timestampScanner)
        checkLag(json, number, recordedAtMs >= 0 ? recordedAtMs : receivedAtMs);
}

void ChainIntegrityChecker::checkRecordedSilence(qint64 recordedAtMs, qint64 receivedAtMs)
{
    const qint64 previous = std::exchange(m_lastRecordedMs, recordedAtMs);
    // After a seek, a pause or a loop the recording's clock jumps: no silence lies between.
    if (previous < 0 || m_interrupted)
        return;
    const qint64 silent = recordedAtMs - previous;
    if (silent <= stallAfterMs())
        return;
    IntegrityEvent event = makeEvent(IntegrityEventKind::Stall, receivedAtMs, {});
    event.recordedAtMs = previous + stallAfterMs(); // when it was a stall, live
    event.silentMs = silent;
    ++m_counters.stalls;
    emitEvent(std::move(event));
}

bool ChainIntegrityChecker::isDuplicateContent(QByteArrayView json)
{
    // Byte-identical to one of the last messages. Distinct records always differ somewhere
    // (a transaction hash, a log index, a trade id), so this is a repeat, not a coincidence.
    const size_t fingerprint = qHash(json, size_t(0x9e3779b97f4a7c15ULL));
    const auto end = m_fingerprints.begin() + m_fingerprintCount;
    if (std::find(m_fingerprints.begin(), end, fingerprint) != end)
        return true;
    m_fingerprints[std::size_t(m_fingerprintNext)] = fingerprint;
    m_fingerprintNext = (m_fingerprintNext + 1) % FingerprintWindow;
    m_fingerprintCount = std::min(m_fingerprintCount + 1, int(FingerprintWindow));
    return false;
}

QByteArrayView ChainIntegrityChecker::hashAt(qint64 number) const
{
    const HashSlot &slot = m_hashes[std::size_t(number % HashWindow)];
    return slot.number == number ? QByteArrayView(slot.hash) : QByteArrayView();
}

void ChainIntegrityChecker::storeHash(qint64 number, QByteArrayView hash)
{
    HashSlot &slot = m_hashes[std::size_t(number % HashWindow)];
    // Records of one block repeat its hash: compared, not copied again.
    if (slot.number == number && QByteArrayView(slot.hash) == hash)
        return;
    slot.number = number;
    slot.hash = hash.toByteArray();
}

void ChainIntegrityChecker::rewindTo(qint64 number, QByteArrayView hash)
{
    // The numbers above it belong to an abandoned branch or to the time before a resume.
    for (HashSlot &slot : m_hashes) {
        if (slot.number > number)
            slot = HashSlot();
    }
    m_head = number;
    m_counters.head = number;
    if (!hash.isEmpty())
        storeHash(number, hash);
}

void ChainIntegrityChecker::checkSequence(QByteArrayView json, qint64 number, bool interrupted,
                                          qint64 nowMs)
{
    const QByteArrayView hash =
        m_hashScanner ? unquoted(m_hashScanner->valueAt(json)) : QByteArrayView();
    if (m_head < 0) {
        m_head = number;
        m_counters.head = number;
        if (!hash.isEmpty())
            storeHash(number, hash);
        return;
    }
    const qint64 head = m_head;
    if (number > head) {
        if (number > head + 1 && (interrupted || !m_filtered)) {
            // Numbers skipped: the data's fault, or what passed while we were away.
            IntegrityEvent event = makeEvent(
                interrupted ? IntegrityEventKind::Outage : IntegrityEventKind::Gap, nowMs, json);
            event.number = number;
            event.from = head + 1;
            event.to = number - 1;
            event.missing = number - head - 1;
            if (interrupted) {
                ++m_counters.outages;
                m_counters.missedInOutages += quint64(event.missing);
            } else {
                ++m_counters.gaps;
                m_counters.missing += quint64(event.missing);
            }
            emitEvent(std::move(event));
        } else if (number == head + 1 && m_parentScanner) {
            // The next block must build on the head we saw; if not, the head was replaced.
            const QByteArrayView parent = unquoted(m_parentScanner->valueAt(json));
            const QByteArrayView headHash = hashAt(head);
            if (!parent.isEmpty() && !headHash.isEmpty() && parent != headHash)
                reportReorg(json, head, head, nowMs);
        }
        m_head = number;
        m_counters.head = number;
        if (!hash.isEmpty())
            storeHash(number, hash);
        return;
    }

    // number <= head: a block of ours replaced (reorg), repeated, late, or a resume.
    const QByteArrayView known = hashAt(number);
    if (!hash.isEmpty() && !known.isEmpty() && hash != known) {
        reportReorg(json, number, head, nowMs);
        rewindTo(number, hash);
        return;
    }
    if (number == head && !m_habits.oneMessagePerNumber)
        return; // one more record of the head block
    if (interrupted) {
        // Resumed at or behind the head after a reconnect: what is sent again is a replay,
        // not a fault. Going back is still worth one event; the sequence continues from here.
        if (number < head) {
            IntegrityEvent event = makeEvent(IntegrityEventKind::OutOfOrder, nowMs, json);
            event.number = number;
            ++m_counters.outOfOrder;
            emitEvent(std::move(event));
            rewindTo(number, hash);
        }
        return;
    }
    const bool sameBlockAgain = m_habits.oneMessagePerNumber && !known.isEmpty() && hash == known;
    IntegrityEvent event =
        makeEvent(sameBlockAgain ? IntegrityEventKind::Duplicate : IntegrityEventKind::OutOfOrder,
                  nowMs, json);
    event.number = number;
    ++(sameBlockAgain ? m_counters.duplicates : m_counters.outOfOrder);
    emitEvent(std::move(event));
}

void ChainIntegrityChecker::reportReorg(QByteArrayView json, qint64 number, qint64 head,
                                        qint64 nowMs)
{
    IntegrityEvent event = makeEvent(IntegrityEventKind::Reorg, nowMs, json);
    event.number = number;
    event.depth = int(std::min<qint64>(head - number + 1, std::numeric_limits<int>::max()));
    for (qint64 n = std::max(number, head - HashWindow + 1); n <= head; ++n) {
        const QByteArrayView replaced = hashAt(n);
        if (!replaced.isEmpty())
            event.replacedHashes.append(QString::fromUtf8(replaced));
    }
    ++m_counters.reorgs;
    emitEvent(std::move(event));
}

void ChainIntegrityChecker::checkLag(QByteArrayView json, qint64 number, qint64 receivedAtMs)
{
    const QByteArrayView text = m_timestampScanner->valueAt(json);
    // One sample per block (records of a block share its timestamp) or per trade: the first
    // arrival is the stream's freshness, and parsing once per block keeps it cheap.
    if (text.isEmpty() || text == QByteArrayView(m_lastTimestampText))
        return;
    qint64 blockMs = 0;
    if (!BlockTimestamp::parseMs(text, &blockMs))
        return;
    m_lastTimestampText = text.toByteArray();
    const qint64 lag = receivedAtMs - blockMs;
    m_counters.lastLagMs = lag;
    m_lagSamples[std::size_t(m_lagNext)] = lag;
    m_lagNext = (m_lagNext + 1) % LagWindow;
    m_lagCount = std::min(m_lagCount + 1, int(LagWindow));

    // Reported once when it rises above the threshold, again only after it fell to half.
    const qint64 threshold = lagThresholdMs();
    if (!m_lagging && lag > threshold) {
        m_lagging = true;
        IntegrityEvent event = makeEvent(IntegrityEventKind::Lag, receivedAtMs, json);
        event.lagMs = lag;
        event.number = number;
        ++m_counters.lagEvents;
        emitEvent(std::move(event));
    } else if (m_lagging && lag < threshold / 2) {
        m_lagging = false;
    }
}

void ChainIntegrityChecker::noteInterrupted()
{
    m_interrupted = true;
    m_lastRecordedMs = -1;
}

void ChainIntegrityChecker::noteDiscontinuity()
{
    m_head = -1;
    m_counters.head = -1;
    m_interrupted = false;
    m_hashes.fill(HashSlot());
    m_fingerprintCount = 0;
    m_fingerprintNext = 0;
    m_lastTimestampText.clear();
    m_lastRecordedMs = -1;
}

void ChainIntegrityChecker::checkStall(qint64 nowMs, bool listening)
{
    if (m_replayed)
        return; // a replay's stalls are the recording's, judged in check()
    if (!listening || m_lastActivityMs < 0) {
        m_lastActivityMs = nowMs; // the clock starts when we listen
        m_stalled = false;
        return;
    }
    const qint64 silent = nowMs - m_lastActivityMs;
    if (m_stalled || silent <= stallAfterMs())
        return;
    m_stalled = true; // once per silence
    IntegrityEvent event = makeEvent(IntegrityEventKind::Stall, nowMs, {});
    event.silentMs = silent;
    ++m_counters.stalls;
    emitEvent(std::move(event));
}

IntegrityEvent ChainIntegrityChecker::makeEvent(IntegrityEventKind kind, qint64 nowMs,
                                                QByteArrayView json) const
{
    IntegrityEvent event;
    event.kind = kind;
    event.topic = m_topic;
    event.timeMs = nowMs;
    event.recordedAtMs = m_recordedAtMs;
    if (!json.isEmpty())
        event.sequence = m_sequence;
    if (json.size() <= MaxAttachedMessageBytes)
        event.message = json.toByteArray();
    return event;
}

void ChainIntegrityChecker::emitEvent(IntegrityEvent event)
{
    if (m_events.size() >= MaxPendingEvents) {
        ++m_counters.suppressed; // counted above; a burst is not delivered event by event
        return;
    }
    m_events.append(std::move(event));
}

QVector<IntegrityEvent> ChainIntegrityChecker::takeEvents()
{
    return std::exchange(m_events, {});
}

IntegritySnapshot ChainIntegrityChecker::snapshot() const
{
    IntegritySnapshot snapshot = m_counters;
    snapshot.lagSamples = m_lagCount;
    if (m_lagCount > 0) {
        std::vector<qint64> samples(m_lagSamples.begin(), m_lagSamples.begin() + m_lagCount);
        snapshot.p50LagMs = percentile(samples, 0.50);
        snapshot.p95LagMs = percentile(samples, 0.95);
    }
    return snapshot;
}

} // namespace allium
