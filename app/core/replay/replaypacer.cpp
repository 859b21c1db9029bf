// SPDX-License-Identifier: MIT
#include "core/replay/replaypacer.h"

#include <cmath>

namespace allium {

double ReplayPacer::validSpeed(double speed)
{
    if (speed == AsFastAsPossible)
        return AsFastAsPossible;
    // A crawl slower than 1/1000 would wait days between two blocks: taken as a mistake.
    return std::isfinite(speed) && speed >= 0.001 ? speed : 1.0;
}

void ReplayPacer::anchor(qint64 nowUs, qint64 recordedUs)
{
    m_anchored = true;
    m_anchorClockUs = nowUs;
    m_anchorRecordedUs = recordedUs;
}

void ReplayPacer::setSpeed(double speed, qint64 nowUs)
{
    speed = validSpeed(speed);
    if (speed == m_speed)
        return;
    if (m_anchored && m_speed != AsFastAsPossible)
        anchor(nowUs, recordedTimeAt(nowUs));
    else
        m_anchored = false; // from as fast as possible: the next message sets the pace
    m_speed = speed;
}

qint64 ReplayPacer::dueUs(qint64 recordedUs, qint64 nowUs) const
{
    if (!m_anchored || m_speed == AsFastAsPossible)
        return nowUs;
    return m_anchorClockUs +
           qint64(std::llround(double(recordedUs - m_anchorRecordedUs) / m_speed));
}

qint64 ReplayPacer::recordedTimeAt(qint64 nowUs) const
{
    if (!m_anchored || m_speed == AsFastAsPossible)
        return m_anchorRecordedUs;
    return m_anchorRecordedUs + qint64(std::llround(double(nowUs - m_anchorClockUs) * m_speed));
}

} // namespace allium
