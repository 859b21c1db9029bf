// SPDX-License-Identifier: MIT
#include "core/stream/ratemeter.h"

#include <algorithm>

namespace allium {

RateMeter::RateMeter(qint64 spanMs)
    : m_spanMs(std::max<qint64>(20, spanMs))
    , m_slotMs(std::max<qint64>(1, m_spanMs / 20))
{}

void RateMeter::add(qint64 timeMs, quint64 count)
{
    if (count == 0)
        return;
    const qint64 slot = timeMs - timeMs % m_slotMs;
    if (!m_slots.empty() && m_slots.back().first >= slot)
        m_slots.back().second += count;
    else
        m_slots.emplace_back(slot, count);
    m_total += count;
    expire(timeMs);
}

double RateMeter::ratePerSecond(qint64 nowMs)
{
    expire(nowMs);
    return double(m_total) * 1000.0 / double(m_spanMs);
}

void RateMeter::clear()
{
    m_slots.clear();
    m_total = 0;
}

void RateMeter::expire(qint64 nowMs)
{
    // A slot counts while any part of it is inside the span; the slot granularity (span / 20)
    // bounds the error to 5 %.
    while (!m_slots.empty() && m_slots.front().first + m_slotMs <= nowMs - m_spanMs) {
        m_total -= m_slots.front().second;
        m_slots.pop_front();
    }
}

} // namespace allium
