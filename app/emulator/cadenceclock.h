// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace allium {

/// One timer for every stream an emulator sends at a cadence: each connection asks to be called
/// at its next message's due time, and the clock calls, in one wake-up, every connection due at
/// the first tick of a common TickMs grid at or after it. Eight streams then wake the emulator's
/// thread (and, downstream, the relay and the client) at most once a tick between them, instead
/// of each on its own timer every few milliseconds; the number of messages is the same.
class CadenceClock : public QObject
{
    Q_OBJECT
public:
    /// The grid: a message waits at most this long for its tick. As long as a client's batch
    /// interval (100 ms), so a message is not later on screen than it would be anyway, and half
    /// the wake-ups of 50 ms for every thread downstream (network, ingest) of each stream.
    static constexpr int TickMs = 100;

    explicit CadenceClock(QObject *parent = nullptr);

    /// Milliseconds since the clock was made (monotonic): the time base of callAt().
    double nowMs() const;
    /// Calls `callback` at the first tick at or after `dueMs`, replacing what `receiver` asked
    /// before; nothing is called once `receiver` is gone.
    void callAt(QObject *receiver, double dueMs, std::function<void()> callback);
    void cancel(QObject *receiver);
    /// Whether a wake-up is due (false with nothing asked: an idle emulator does not wake).
    bool isArmed() const { return m_timer.isActive(); }
    /// Wake-ups so far.
    qint64 wakeUps() const { return m_wakeUps; }

private:
    struct Request
    {
        QPointer<QObject> receiver;
        double dueMs = 0;
        std::function<void()> callback;
    };

    void fire();
    void arm();

    QHash<QObject *, Request> m_requests;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_wakeUps = 0;
    bool m_firing = false; ///< fire() arms the timer once, after every callback
};

} // namespace allium
