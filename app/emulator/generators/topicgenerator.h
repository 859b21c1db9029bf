// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace allium {

class MessageWriter;

/// Produces the synthetic messages of one stream topic, in order, with realistic and consistent
/// data (block numbers rise by one, parent hashes chain, transactions belong to recent blocks).
/// Deterministic for a given topic and seed. One instance per stream connection.
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
    /// Mean real-time interval between two messages at speed 1, in milliseconds: the topic's
    /// cadence in core's TopicCatalogue (12000 for ethereum.blocks), which the generated data
    /// follows. The server adds its own jitter where it wants.
    double meanIntervalMs() const;
    QString topic() const { return m_topic; }

    /// A generator for `topic` ("ethereum.blocks"…), or nullptr for a topic the emulator lacks.
    static std::unique_ptr<TopicGenerator> create(const QString &topic, quint64 seed);
    /// The same, with the first record's timestamp at `startMs` (ms since the epoch) instead of
    /// the fixed default (2026-11-27T20:00:00Z): a live server can pass the current time so the
    /// data looks fresh. Everything else is unchanged by startMs.
    static std::unique_ptr<TopicGenerator> create(const QString &topic, quint64 seed,
                                                  qint64 startMs);
    /// Every topic create() knows, sorted.
    static QStringList topics();

private:
    QString m_topic;
};

} // namespace allium
