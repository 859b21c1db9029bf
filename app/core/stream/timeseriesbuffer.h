// SPDX-License-Identifier: MIT
#pragma once

#include <QPointF>
#include <QVector>

#include <deque>

namespace allium {

/// The (time, value) samples of one chart line over a sliding time window, bounded in memory.
/// Samples are kept per time bucket as the bucket's minimum and maximum (so a bucket with one or
/// two samples keeps them exactly); past capacity the buckets double in width and merge, so the
/// whole window is kept at one even resolution and no extreme value is lost. decimated() gives
/// what a chart draws: at most N points, spikes kept; segments() breaks the line where no data
/// came.
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
    /// earlier than the last sample's is moved up to it, so samples stay ordered. A sample that
    /// is neither the minimum nor the maximum of its bucket is not kept.
    void append(qint64 timeMs, double value);
    /// Drops samples older than nowMs - windowMs (call before drawing when data stops coming).
    void trim(qint64 nowMs);
    void clear();

    int size() const { return int(m_samples.size()); }
    bool isEmpty() const { return m_samples.empty(); }
    const Sample &at(int index) const { return m_samples[std::size_t(index)]; }
    /// The time of the newest sample appended (0 when empty).
    qint64 lastTimeMs() const { return m_samples.empty() ? 0 : m_lastTimeMs; }
    /// The width of the buckets samples are kept in now (1 ms until the capacity was reached).
    qint64 bucketMs() const { return m_bucketMs; }

    /// The samples in (nowMs - spanMs, nowMs], reduced to at most maxPoints (>= 2) points: the
    /// first and the last sample, and between them the minimum and maximum of each of
    /// (maxPoints - 2) / 2 equal time buckets, in time order. x is in seconds relative to nowMs
    /// (so -spanMs / 1000 … 0), y is value * scale.
    QVector<QPointF> decimated(int maxPoints, qint64 nowMs, qint64 spanMs,
                               double scale = 1.0) const;
    /// decimated(), split into runs wherever consecutive points are more than gapMs apart, so
    /// that a chart draws no line across a time when no data came. gapMs <= 0: one run.
    QVector<QVector<QPointF>> segments(int maxPoints, qint64 nowMs, qint64 spanMs,
                                       double scale = 1.0, qint64 gapMs = 0) const;
    /// The median time between consecutive kept samples in (nowMs - spanMs, nowMs]; 0 with
    /// fewer than two. An outage is one long interval and barely moves the median.
    qint64 typicalIntervalMs(qint64 nowMs, qint64 spanMs) const;

private:
    void coarsen();

    std::deque<Sample> m_samples;
    qint64 m_windowMs;
    int m_capacity;
    qint64 m_bucketMs = 1;
    qint64 m_lastBucket = 0;   // bucket index (time / m_bucketMs) of the newest kept samples
    int m_lastBucketCount = 0; // how many of the last samples are in it (1 or 2)
    qint64 m_lastTimeMs = 0;
};

} // namespace allium
