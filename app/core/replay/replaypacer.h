// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace allium {

/// When each message of a replay is due: the recorded distance between messages divided by the
/// speed, measured from an anchor (a message that was due at a known moment). A speed change
/// re-anchors where the replay is, so the position never jumps; AsFastAsPossible makes every
/// message due at once. Times are µs on any monotonic clock.
class ReplayPacer
{
public:
    static constexpr double AsFastAsPossible = 0;

    /// Speeds below this (and NaN) are taken as 1.
    static double validSpeed(double speed);

    /// The message recorded at `recordedUs` is due at `nowUs`.
    void anchor(qint64 nowUs, qint64 recordedUs);
    /// Forgets the anchor (after a pause or a seek: the next message is due at once).
    void reset() { m_anchored = false; }
    bool isAnchored() const { return m_anchored; }
    /// Changes the speed from `nowUs` on (AsFastAsPossible, or a factor such as 2 or 10).
    void setSpeed(double speed, qint64 nowUs);
    double speed() const { return m_speed; }
    /// The clock time at which the message recorded at `recordedUs` is due; with no anchor or
    /// as fast as possible, `nowUs`.
    qint64 dueUs(qint64 recordedUs, qint64 nowUs) const;
    /// The recorded time the replay has reached at `nowUs` (the anchor's when not anchored).
    qint64 recordedTimeAt(qint64 nowUs) const;

private:
    double m_speed = 1;
    bool m_anchored = false;
    qint64 m_anchorClockUs = 0;
    qint64 m_anchorRecordedUs = 0;
};

} // namespace allium
