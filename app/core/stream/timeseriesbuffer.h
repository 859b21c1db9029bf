// SPDX-License-Identifier: MIT
#pragma once

#include <QPointF>
#include <QVector>

#include <deque>

namespace allium {

/// The (time, value) samples of one chart line over a sliding time window, bounded in memory:
/// past capacity the oldest half is compacted to its min/max pairs, so old spikes survive at a
/// coarser resolution. decimated() gives what a chart draws: at most N points, spikes kept.
class TimeSeriesBuffer
{
public:
    struct Sample
    {
        qint64 timeMs = 0;
        double value = 0;
    };

    static constexpr qint64 DefaultWindowMs = 15 * 60 * 1000;
    static constexpr int DefaultCapacity = 65536;

    explicit TimeSeriesBuffer(qint64 windowMs = DefaultWindowMs, int capacity = DefaultCapacity);

    /// Samples older than the newest one minus this are dropped.
    void setWindowMs(qint64 windowMs);
    qint64 windowMs() const { return m_windowMs; }
    /// At most this many samples are held (at least 64).
    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }

    /// Adds a sample. NaN and infinities are ignored (a field absent from a message). A time
    /// earlier than the last sample's is moved up to it, so samples stay ordered.
    void append(qint64 timeMs, double value);
    /// Drops samples older than nowMs - windowMs (call before drawing when data stops coming).
    void trim(qint64 nowMs);
    void clear();

    int size() const { return int(m_samples.size()); }
    bool isEmpty() const { return m_samples.empty(); }
    const Sample &at(int index) const { return m_samples[std::size_t(index)]; }
    qint64 lastTimeMs() const { return m_samples.empty() ? 0 : m_samples.back().timeMs; }

    /// The samples in (nowMs - spanMs, nowMs], reduced to at most maxPoints (>= 2) points: the
    /// first and the last sample, and between them the minimum and maximum of each of
    /// (maxPoints - 2) / 2 equal time buckets, in time order. x is in seconds relative to nowMs
    /// (so -spanMs / 1000 … 0), y is value * scale.
    QVector<QPointF> decimated(int maxPoints, qint64 nowMs, qint64 spanMs,
                               double scale = 1.0) const;

private:
    void compact();

    std::deque<Sample> m_samples;
    qint64 m_windowMs;
    int m_capacity;
};

} // namespace allium
