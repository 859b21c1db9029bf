// SPDX-License-Identifier: MIT
#include "core/stream/timeseriesbuffer.h"

#include <algorithm>
#include <cmath>

namespace allium {

namespace {

constexpr int MinimumCapacity = 64;

} // namespace

TimeSeriesBuffer::TimeSeriesBuffer(qint64 windowMs, int capacity)
    : m_windowMs(std::max<qint64>(1, windowMs))
    , m_capacity(std::max(MinimumCapacity, capacity))
{}

void TimeSeriesBuffer::setWindowMs(qint64 windowMs)
{
    m_windowMs = std::max<qint64>(1, windowMs);
    if (!m_samples.empty())
        trim(m_samples.back().timeMs);
}

void TimeSeriesBuffer::setCapacity(int capacity)
{
    m_capacity = std::max(MinimumCapacity, capacity);
    while (int(m_samples.size()) > m_capacity)
        compact();
}

void TimeSeriesBuffer::append(qint64 timeMs, double value)
{
    if (!std::isfinite(value))
        return;
    if (!m_samples.empty())
        timeMs = std::max(timeMs, m_samples.back().timeMs);
    m_samples.push_back({timeMs, value});
    const qint64 oldest = timeMs - m_windowMs;
    while (!m_samples.empty() && m_samples.front().timeMs < oldest)
        m_samples.pop_front();
    if (int(m_samples.size()) > m_capacity)
        compact();
}

void TimeSeriesBuffer::trim(qint64 nowMs)
{
    const qint64 oldest = nowMs - m_windowMs;
    while (!m_samples.empty() && m_samples.front().timeMs < oldest)
        m_samples.pop_front();
}

void TimeSeriesBuffer::clear()
{
    m_samples.clear();
}

// Halves the older half of the buffer: every group of four samples becomes its minimum and
// maximum (in time order). Repeated under a sustained high rate, the oldest data ends up at a
// coarse resolution while the recent data stays exact, and no extreme value is ever lost.
void TimeSeriesBuffer::compact()
{
    const std::size_t half = m_samples.size() / 2;
    std::deque<Sample> result;
    std::size_t i = 0;
    for (; i + 4 <= half; i += 4) {
        std::size_t low = i;
        std::size_t high = i;
        for (std::size_t j = i + 1; j < i + 4; ++j) {
            if (m_samples[j].value < m_samples[low].value)
                low = j;
            if (m_samples[j].value > m_samples[high].value)
                high = j;
        }
        result.push_back(m_samples[std::min(low, high)]);
        if (low != high)
            result.push_back(m_samples[std::max(low, high)]);
    }
    for (; i < m_samples.size(); ++i)
        result.push_back(m_samples[i]);
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

} // namespace allium
