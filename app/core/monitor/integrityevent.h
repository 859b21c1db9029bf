// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace allium {

/// What a stream's integrity check or watchdog noticed. The names are those of
/// `allium-cli watch`'s "kind" field.
enum class IntegrityEventKind {
    Gap,        ///< numbers missing in the data (from..to, missing)
    Reorg,      ///< the last `depth` blocks were replaced (number = first replaced)
    Duplicate,  ///< a block/message seen before arrived again (number)
    OutOfOrder, ///< a number lower than the head arrived that is not a reorg (number)
    Stall,      ///< no message for silentMs, longer than the topic's habit allows
    Lag,        ///< receive time − block timestamp above the threshold (lagMs)
    Outage,     ///< what passed while the connection was down (from..to, missing): not a data fault
};

/// One integrity event, as the health readout, the event log, the charts, alert rules and
/// `allium-cli watch` see it. Fields that do not apply to the kind keep their defaults.
struct IntegrityEvent
{
    IntegrityEventKind kind = IntegrityEventKind::Gap;
    QString topic;
    qint64 timeMs = 0; ///< wall clock (ms since epoch) when it was noticed
    /// In a replay: when the recording received what revealed it (ms since epoch); -1 live.
    qint64 recordedAtMs = -1;
    qint64 number = -1;         ///< block number or slot the event is about, -1 if none
    qint64 from = -1;           ///< first missing number (gap, outage), inclusive
    qint64 to = -1;             ///< last missing number (gap, outage), inclusive
    qint64 missing = 0;         ///< how many numbers are missing (gap, outage)
    int depth = 0;              ///< reorg depth in blocks
    QStringList replacedHashes; ///< reorg: the hashes that were replaced, oldest first
    qint64 lagMs = 0;           ///< lag: receive time − block timestamp
    qint64 silentMs = 0;        ///< stall: time since the last message
    QByteArray message;         ///< the raw JSON of the message that revealed it, if any
    /// The revealing message's StreamMessage::sequence (0: none, e.g. a stall), so a consumer
    /// that stops after N messages (`watch --count`) reports only what those N revealed.
    quint64 sequence = 0;

    /// "gap", "reorg", "duplicate", "out_of_order", "stall", "lag" or "outage".
    static QString kindName(IntegrityEventKind kind);
    /// One line for people: "gap: blocks 101–103 missing (3)"; a replay's event ends with
    /// "· recorded 03:12:04" (UTC).
    QString summary() const;
    /// The object `allium-cli watch` prints: kind, topic, time (ISO-8601 UTC, ms) and the
    /// kind's fields (missing/from/to, number/depth/replaced, lag_ms, silent_ms); a replay's
    /// event also "recorded_at".
    QJsonObject toJson() const;

private:
    QString kindSummary() const;
};

} // namespace allium

Q_DECLARE_METATYPE(allium::IntegrityEvent)
