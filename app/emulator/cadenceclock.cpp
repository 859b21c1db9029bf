// SPDX-License-Identifier: MIT
#include "emulator/cadenceclock.h"

#include <QList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace allium {

CadenceClock::CadenceClock(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    // A coarse timer may move by 5 %, which would split one tick into several wake-ups.
    m_timer.setTimerType(Qt::PreciseTimer);
    m_clock.start();
    connect(&m_timer, &QTimer::timeout, this, &CadenceClock::fire);
}

double CadenceClock::nowMs() const
{
    return double(m_clock.nsecsElapsed()) / 1e6;
}

void CadenceClock::callAt(QObject *receiver, double dueMs, std::function<void()> callback)
{
    m_requests.insert(receiver, Request{receiver, dueMs, std::move(callback)});
    if (!m_firing)
        arm();
}

void CadenceClock::cancel(QObject *receiver)
{
    if (m_requests.remove(receiver) > 0 && !m_firing)
        arm();
}

void CadenceClock::fire()
{
    ++m_wakeUps;
    const double now = nowMs();
    QList<Request> due;
    for (auto it = m_requests.begin(); it != m_requests.end();) {
        if (!it->receiver) {
            it = m_requests.erase(it);
        } else if (it->dueMs <= now) {
            due.append(std::move(*it));
            it = m_requests.erase(it);
        } else {
            ++it;
        }
    }
    // A callback may ask again (its next message) or end another receiver.
    m_firing = true;
    for (const Request &request : qAsConst(due)) {
        if (request.receiver)
            request.callback();
    }
    m_firing = false;
    arm();
}

void CadenceClock::arm()
{
    double earliest = std::numeric_limits<double>::infinity();
    for (const Request &request : qAsConst(m_requests))
        earliest = std::min(earliest, request.dueMs);
    if (!std::isfinite(earliest)) {
        m_timer.stop();
        return;
    }
    const double tick = std::ceil(earliest / TickMs) * TickMs;
    const double wait = std::ceil(tick - nowMs());
    m_timer.start(int(std::clamp(wait, 0.0, 1e9)));
}

} // namespace allium
