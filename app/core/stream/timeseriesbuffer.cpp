// SPDX-License-Identifier: MIT
#include "core/stream/timeseriesbuffer.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace allium {

namespace {

constexpr int MinimumCapacity = 64;
constexpr int MedianSampleCount = 2048; // intervals looked at by typicalIntervalMs()

qint64 bucketOf(qint64 timeMs, qint64 bucketMs)
{
    // Floor division: times before the epoch (tests, odd clocks) still bucket in order.
    const qint64 quotient = timeMs / bucketMs;
    return (timeMs % bucketMs != 0 && timeMs < 0) ? quotient - 1 : quotient;
}

} // namespace

TimeSeriesBuffer::TimeSeriesBuffer(qint64 windowMs, int capacity)
    : m_windowMs(std::max<qint64>(1, windowMs))
    , m_capacity(std::max(MinimumCapacity, capacity))
{}

void TimeSeriesBuffer::setWindowMs(qint64 windowMs)
{
    m_windowMs = std::max<qint64>(1, windowMs);
    if (!m_samples.empty())
        trim(m_lastTimeMs);
}

void TimeSeriesBuffer::setCapacity(int capacity)
{
    m_capacity = std::max(MinimumCapacity, capacity);
    while (int(m_samples.size()) > m_capacity)
        coarsen();
}

void TimeSeriesBuffer::append(qint64 timeMs, double value)
{
    if (!std::isfinite(value))
        return;
    if (!m_samples.empty())
        timeMs = std::max(timeMs, m_lastTimeMs);
    m_lastTimeMs = timeMs;
    const Sample sample{timeMs, value};
    const qint64 bucket = bucketOf(timeMs, m_bucketMs);
    if (m_samples.empty() || bucket != m_lastBucket) {
        m_samples.push_back(sample);
        m_lastBucket = bucket;
        m_lastBucketCount = 1;
    } else if (m_lastBucketCount == 1) {
        m_samples.push_back(sample);
        m_lastBucketCount = 2;
    } else {
        // The bucket keeps its minimum and maximum, in time order; the new sample is the latest.
        Sample &first = m_samples[m_samples.size() - 2];
        Sample &second = m_samples.back();
        const bool firstIsLow = first.value <= second.value;
        const Sample low = firstIsLow ? first : second;
        const Sample high = firstIsLow ? second : first;
        if (value < low.value) {
            first = high;
            second = sample;
        } else if (value > high.value) {
            first = low;
            second = sample;
        }
    }
    trim(timeMs);
    while (int(m_samples.size()) > m_capacity)
        coarsen();
}

void TimeSeriesBuffer::trim(qint64 nowMs)
{
    const qint64 oldest = nowMs - m_windowMs;
    while (!m_samples.empty() && m_samples.front().timeMs < oldest)
        m_samples.pop_front();
    if (m_samples.empty())
        clear();
    else
        m_lastBucketCount = std::min<int>(m_lastBucketCount, int(m_samples.size()));
}

void TimeSeriesBuffer::clear()
{
    m_samples.clear();
    m_bucketMs = 1;
    m_lastBucket = 0;
    m_lastBucketCount = 0;
    m_lastTimeMs = 0;
}

// Doubles the bucket width and merges the samples into the wider buckets, each keeping its
// minimum and maximum in time order. Under a sustained high rate the width settles where the
// whole window fits the capacity: every part of the window at the same resolution (compacting
// only the older half, as before, left the oldest minutes a few scattered points).
void TimeSeriesBuffer::coarsen()
{
    m_bucketMs *= 2;
    std::deque<Sample> result;
    auto it = m_samples.begin();
    while (it != m_samples.end()) {
        const qint64 bucket = bucketOf(it->timeMs, m_bucketMs);
        auto low = it;
        auto high = it;
        for (; it != m_samples.end() && bucketOf(it->timeMs, m_bucketMs) == bucket; ++it) {
            if (it->value < low->value)
                low = it;
            if (it->value > high->value)
                high = it;
        }
        result.push_back(*std::min(low, high));
        if (low != high)
            result.push_back(*std::max(low, high));
        m_lastBucket = bucket;
        m_lastBucketCount = low != high ? 2 : 1;
    }
    m_samples.swap(result);
}

QVector<QPointF> TimeSeriesBuffer::decimated(int maxPoints, qint64 nowMs, qint64 spanMs,
                                             double scale) const
{
    QVector<QPointF> points;
    maxPoints = std::max(2, maxPoints);
    spanMs = std::max<qint64>(1, spanMs);
    const qint64 startMs = nowMs - spanMs;
    const auto byTime = [](const Sample &sample, qint64 time) { return sample.timeMs <= time; };
    const auto first = std::lower_bound(m_samples.begin(), m_samples.end(), startMs, byTime);
    const auto last = std::lower_bound(first, m_samples.end(), nowMs, byTime);
    const auto toPoint = [nowMs, scale](const Sample &sample) {
        return QPointF(double(sample.timeMs - nowMs) / 1000.0, sample.value * scale);
    };

    const auto count = std::distance(first, last);
    if (count <= maxPoints) {
        points.reserve(int(count));
        for (auto it = first; it != last; ++it)
            points.append(toPoint(*it));
        return points;
    }

    // M4-style: the first and the last sample always, so the line starts at the window's edge
    // and ends at the newest value; in between the min and max of each time bucket.
    const int buckets = (maxPoints - 2) / 2;
    points.reserve(maxPoints);
    points.append(toPoint(*first));
    auto it = std::next(first);
    const auto end = std::prev(last);
    for (int bucket = 0; bucket < buckets && it != end; ++bucket) {
        // Bucket b covers (startMs + b * span / n, startMs + (b + 1) * span / n].
        const qint64 endMs =
            bucket == buckets - 1 ? nowMs : startMs + spanMs * (bucket + 1) / buckets;
        if (it->timeMs > endMs)
            continue;
        auto low = it;
        auto high = it;
        for (++it; it != end && it->timeMs <= endMs; ++it) {
            if (it->value < low->value)
                low = it;
            if (it->value > high->value)
                high = it;
        }
        if (low == high) {
            points.append(toPoint(*low));
        } else if (low < high) {
            points.append(toPoint(*low));
            points.append(toPoint(*high));
        } else {
            points.append(toPoint(*high));
            points.append(toPoint(*low));
        }
    }
    points.append(toPoint(*end));
    return points;
}

QVector<QVector<QPointF>> TimeSeriesBuffer::segments(int maxPoints, qint64 nowMs, qint64 spanMs,
                                                     double scale, qint64 gapMs) const
{
    QVector<QVector<QPointF>> runs;
    const QVector<QPointF> points = decimated(maxPoints, nowMs, spanMs, scale);
    if (points.isEmpty())
        return runs;
    const double gapSeconds = double(gapMs) / 1000.0;
    int start = 0;
    for (int i = 1; i <= points.size(); ++i) {
        if (i == points.size() ||
            (gapMs > 0 && points.at(i).x() - points.at(i - 1).x() > gapSeconds)) {
            runs.append(points.mid(start, i - start));
            start = i;
        }
    }
    return runs;
}

qint64 TimeSeriesBuffer::typicalIntervalMs(qint64 nowMs, qint64 spanMs) const
{
    const auto byTime = [](const Sample &sample, qint64 time) { return sample.timeMs <= time; };
    const auto first = std::lower_bound(m_samples.begin(), m_samples.end(), nowMs - spanMs, byTime);
    const auto last = std::lower_bound(first, m_samples.end(), nowMs, byTime);
    const auto count = std::distance(first, last);
    if (count < 2)
        return 0;
    // A bounded, evenly spread sample of the intervals keeps this cheap enough for every frame.
    const std::ptrdiff_t intervals = count - 1;
    const std::ptrdiff_t step = std::max<std::ptrdiff_t>(1, intervals / MedianSampleCount);
    std::vector<qint64> gaps;
    gaps.reserve(std::size_t(intervals / step + 1));
    for (std::ptrdiff_t i = 0; i < intervals; i += step)
        gaps.push_back(first[i + 1].timeMs - first[i].timeMs);
    const auto middle = gaps.begin() + std::ptrdiff_t(gaps.size() / 2);
    std::nth_element(gaps.begin(), middle, gaps.end());
    return *middle;
}

} // namespace allium
