// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <deque>
#include <utility>

namespace allium {

/// Events per second over a sliding span (1 s by default), from counts stamped with a time.
/// Unlike a rate read from the last batch, it falls to zero when events stop, which is what a
/// chart of a stalled stream must show. Memory is bounded by the span, not by the event rate.
class RateMeter
{
public:
    explicit RateMeter(qint64 spanMs = 1000);

    qint64 spanMs() const { return m_spanMs; }
    /// Counts `count` events at timeMs (ms on any monotonic or wall clock, used consistently).
    void add(qint64 timeMs, quint64 count = 1);
    /// Events in (nowMs - span, nowMs], per second.
    double ratePerSecond(qint64 nowMs);
    void clear();

private:
    void expire(qint64 nowMs);

    // Counts are grouped into slots of span / 20, so a burst of thousands of events is one entry.
    std::deque<std::pair<qint64, quint64>> m_slots;
    qint64 m_spanMs;
    qint64 m_slotMs;
    quint64 m_total = 0;
};

} // namespace allium
