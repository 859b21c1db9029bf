// SPDX-License-Identifier: MIT
#include "core/stream/ratewindow.h"

#include <algorithm>

namespace allium {

RateWindow::RateWindow(qint64 spanMs)
    : m_bucketMs(std::max<qint64>(1, spanMs / Buckets))
{}

void RateWindow::restart(qint64 spanMs, qint64 nowMs)
{
    m_bucketMs = std::max<qint64>(1, spanMs / Buckets);
    clearCounts(nowMs / m_bucketMs);
}

void RateWindow::add(qint64 nowMs, quint64 frames, quint64 bytes)
{
    advance(nowMs);
    m_frames[slot(m_current)] += frames;
    m_bytes[slot(m_current)] += bytes;
}

void RateWindow::rates(qint64 nowMs, double *framesPerSecond, double *bytesPerSecond)
{
    advance(nowMs);
    quint64 frames = 0;
    quint64 bytes = 0;
    for (qint64 i = 1; i <= Buckets; ++i) {
        frames += m_frames[slot(m_current - i)];
        bytes += m_bytes[slot(m_current - i)];
    }
    const qint64 completeBuckets =
        std::clamp<qint64>(m_current - m_firstBucket, Buckets / 3, Buckets);
    const double seconds = double(completeBuckets * m_bucketMs) / 1000.0;
    *framesPerSecond = double(frames) / seconds;
    *bytesPerSecond = double(bytes) / seconds;
}

void RateWindow::advance(qint64 nowMs)
{
    const qint64 bucket = nowMs / m_bucketMs;
    if (!m_started || bucket < m_current - Slots || bucket - m_current >= Slots) {
        // First use, the wall clock jumped back, or a whole span went by without a count.
        const qint64 first = !m_started || bucket < m_current ? bucket : m_firstBucket;
        clearCounts(bucket);
        m_firstBucket = first;
        return;
    }
    while (m_current < bucket) {
        ++m_current;
        m_frames[slot(m_current)] = 0;
        m_bytes[slot(m_current)] = 0;
    }
}

void RateWindow::clearCounts(qint64 bucket)
{
    m_frames.fill(0);
    m_bytes.fill(0);
    m_current = bucket;
    m_firstBucket = bucket;
    m_started = true;
}

} // namespace allium
