// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <array>

namespace allium {

/// Frames and bytes per second over a sliding span, counted in Buckets buckets. The rate is the
/// sum of the Buckets complete buckets before the current one, so it does not dip while the
/// current one fills, and a span that is a whole number of a chain's block intervals always
/// holds the same number of blocks: a chain that delivers a block's records together reads
/// steady instead of swinging between a burst and zero. Until the window has run for a whole
/// span, the rate is over the time since it started, but at least a third of the span (one
/// block interval), so that the first burst does not read as the chain's pace.
class RateWindow
{
public:
    explicit RateWindow(qint64 spanMs = 1000);

    /// Forgets every count and starts a window of `spanMs` at `nowMs`.
    void restart(qint64 spanMs, qint64 nowMs);
    qint64 spanMs() const { return m_bucketMs * Buckets; }

    void add(qint64 nowMs, quint64 frames, quint64 bytes);
    void rates(qint64 nowMs, double *framesPerSecond, double *bytesPerSecond);

private:
    static constexpr qint64 Buckets = 24; // divides by 3: the floor below is a whole block
    // One more slot than counted: the current bucket, still filling.
    static constexpr qint64 Slots = Buckets + 1;

    // Bucket numbers may be negative (a clock near its epoch, in tests).
    static std::size_t slot(qint64 bucket)
    {
        return std::size_t(((bucket % Slots) + Slots) % Slots);
    }
    void advance(qint64 nowMs);
    void clearCounts(qint64 bucket);

    std::array<quint64, Slots> m_frames{};
    std::array<quint64, Slots> m_bytes{};
    qint64 m_bucketMs = 50;
    qint64 m_current = 0;     // the bucket now filling
    qint64 m_firstBucket = 0; // the bucket the window started in
    bool m_started = false;
};

} // namespace allium
