// SPDX-License-Identifier: MIT
#include "core/base/gridtimer.h"

#include <QDateTime>

#include <algorithm>

namespace allium {

GridTimer::GridTimer(QObject *parent)
    : QObject(parent)
    , m_timer(this) // a child, so that moveToThread() takes it along
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &GridTimer::fire);
}

void GridTimer::setInterval(int intervalMs)
{
    m_intervalMs = std::max(1, intervalMs);
    if (m_active)
        arm();
}

void GridTimer::start()
{
    m_active = true;
    arm();
}

void GridTimer::start(int intervalMs)
{
    m_active = true;
    setInterval(intervalMs);
}

void GridTimer::stop()
{
    m_active = false;
    m_timer.stop();
}

int GridTimer::msUntilNext(qint64 nowMs, int intervalMs)
{
    const qint64 interval = std::max(1, intervalMs);
    const qint64 into = ((nowMs % interval) + interval) % interval;
    return int(interval - into);
}

void GridTimer::arm(bool justFired)
{
    int delay = msUntilNext(QDateTime::currentMSecsSinceEpoch(), m_intervalMs);
    // A timer that fired a millisecond before its mark must not fire again at the mark.
    if (justFired && delay < m_intervalMs / 2)
        delay += m_intervalMs;
    m_timer.start(delay);
}

void GridTimer::fire()
{
    // Re-armed before the slots run, which may stop it or change the interval.
    arm(true);
    emit timeout();
}

} // namespace allium
