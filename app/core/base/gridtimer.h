// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QTimer>

namespace allium {

/// A repeating timer that fires on the multiples of its interval on the wall clock (…:00.250,
/// …:00.500, …), not on multiples of the moment it was started. Every stream has timers (its
/// counters, its charts, its readout) with the same few intervals; on one shared grid, eight
/// streams' timers fire together and wake a thread once where QTimers started at different
/// moments would wake it eight times. Precise single shots, so that the grid does not drift.
class GridTimer : public QObject
{
    Q_OBJECT

public:
    explicit GridTimer(QObject *parent = nullptr);

    void setInterval(int intervalMs);
    int interval() const { return m_intervalMs; }
    bool isActive() const { return m_active; }

    void start();
    void start(int intervalMs);
    void stop();

    /// Milliseconds from `nowMs` to the next multiple of `intervalMs` (1 … intervalMs).
    static int msUntilNext(qint64 nowMs, int intervalMs);

signals:
    void timeout();

private:
    void arm(bool justFired = false);
    void fire();

    QTimer m_timer;
    int m_intervalMs = 1000;
    bool m_active = false;
};

} // namespace allium
