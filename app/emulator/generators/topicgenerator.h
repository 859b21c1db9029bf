// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/emulatoroptions.h"
#include "emulator/generators/blockschedule.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace allium {

class MessageWriter;

/// Produces the synthetic messages of one stream topic, in order, with realistic and consistent
/// data (block numbers rise by one, parent hashes chain, transactions belong to recent blocks).
/// Each message has a due time on the chain's clock (its block's timestamp; a Hyperliquid
/// trade's time), and what a block holds is a function of the seed and its number, so a
/// generator placed anywhere with seek() sends what any other sends from there: one chain per
/// topic and seed, whoever watches it. One instance per stream connection.
class TopicGenerator
{
public:
    virtual ~TopicGenerator() = default;

    /// The next message, with the field names core's TopicCatalogue lists for the topic.
    QJsonObject next();
    /// Writes the next message into `writer`, which the caller has reset: its compact JSON text
    /// (byte-identical to QJsonDocument's) and as much of the object as the writer's mode asks.
    /// The streams' path: no object is built unless a filter needs one.
    virtual void writeNext(MessageWriter &writer) = 0;
    /// Places the generator at chain time `chainMs` (ms since the epoch): the next message is
    /// the first one due at or after it (the live head for a client that joins then).
    virtual void seek(qint64 chainMs) = 0;
    /// When the message last written is due on the chain's clock, ms since the epoch: its
    /// block's timestamp (every message of a block is due together), a reorg's replacements at
    /// the reorg point's time, a Hyperliquid record at its `time`.
    qint64 dueMs() const { return m_dueMs; }
    /// How many times the message last written is sent in a row: 2 under the duplicate fault.
    int copies() const { return m_copies; }
    /// The integrity faults of the chain (gap, reorg, duplicate); takes effect at the next
    /// seek(). Topics without block numbers (Hyperliquid) have none.
    virtual void setFaults(const EmulatorFaults &faults) { m_schedule = BlockSchedule(faults); }
    /// Mean real-time interval between two messages at speed 1, in milliseconds: the topic's
    /// cadence in core's TopicCatalogue (12000 for ethereum.blocks), which the generated data
    /// follows. With --rate, the server runs this topic's clock at rate × this / 1000.
    double meanIntervalMs() const;
    QString topic() const { return m_topic; }

    /// A generator for `topic` ("ethereum.blocks"…), or nullptr for a topic the emulator lacks.
    static std::unique_ptr<TopicGenerator> create(const QString &topic, quint64 seed);
    /// The same, placed at chain time `startMs` (ms since the epoch) instead of the fixed default
    /// (2026-11-27T20:00:00Z), with the chain's integrity faults: the first record is the first
    /// one due at or after startMs.
    static std::unique_ptr<TopicGenerator>
    create(const QString &topic, quint64 seed, qint64 startMs, const EmulatorFaults &faults = {});
    /// Every topic create() knows, sorted.
    static QStringList topics();

protected:
    void setDue(qint64 dueMs, int copies = 1)
    {
        m_dueMs = dueMs;
        m_copies = copies;
    }
    const BlockSchedule &schedule() const { return m_schedule; }
    BlockSchedule &schedule() { return m_schedule; }

private:
    QString m_topic;
    BlockSchedule m_schedule;
    qint64 m_dueMs = 0;
    int m_copies = 1;
};

} // namespace allium
