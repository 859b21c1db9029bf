// SPDX-License-Identifier: MIT
#include "core/replay/replaycontrol.h"

#include "core/replay/replaypacer.h"

namespace allium {

ReplayControl::ReplayControl(const QString &path)
    : m_path(path)
{}

void ReplayControl::setSpeed(double speed)
{
    QMutexLocker lock(&m_mutex);
    m_speed = ReplayPacer::validSpeed(speed);
    // Under the lock: the transport clears its wake-up under it before it goes away.
    if (m_wakeUp)
        m_wakeUp();
}

double ReplayControl::speed() const
{
    QMutexLocker lock(&m_mutex);
    return m_speed;
}

void ReplayControl::setLoop(bool loop)
{
    QMutexLocker lock(&m_mutex);
    m_loop = loop;
    if (m_wakeUp)
        m_wakeUp();
}

void ReplayControl::seekToMessage(qint64 index)
{
    QMutexLocker lock(&m_mutex);
    m_seekIndex = std::max<qint64>(0, index);
    // Until the transport takes it, the position already says where the replay goes on.
    m_progress.nextIndex = m_seekIndex;
    m_progress.ended = false;
    if (m_wakeUp)
        m_wakeUp();
}

ReplayControl::Commands ReplayControl::takeCommands()
{
    QMutexLocker lock(&m_mutex);
    Commands commands;
    commands.speed = m_speed;
    commands.seekIndex = std::exchange(m_seekIndex, -1);
    commands.loop = m_loop;
    return commands;
}

void ReplayControl::setWakeUp(const void *owner, std::function<void()> wakeUp)
{
    QMutexLocker lock(&m_mutex);
    m_wakeUpOwner = owner;
    m_wakeUp = std::move(wakeUp);
}

void ReplayControl::clearWakeUp(const void *owner)
{
    QMutexLocker lock(&m_mutex);
    if (m_wakeUpOwner != owner)
        return;
    m_wakeUpOwner = nullptr;
    m_wakeUp = nullptr;
}

void ReplayControl::setProgress(const Progress &progress)
{
    QMutexLocker lock(&m_mutex);
    m_progress = progress;
    if (m_seekIndex >= 0)
        m_progress.nextIndex = m_seekIndex; // a seek not taken yet wins
}

ReplayControl::Progress ReplayControl::progress() const
{
    QMutexLocker lock(&m_mutex);
    return m_progress;
}

} // namespace allium
