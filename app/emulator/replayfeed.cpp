// SPDX-License-Identifier: MIT
#include "emulator/replayfeed.h"

#include <QDebug>

#include <algorithm>
#include <cmath>

namespace allium {

namespace {

// At most this many messages in one go, so that a fast replay never freezes the event loop.
constexpr int MaxMessagesPerPump = 2000;

} // namespace

ReplayFeed::ReplayFeed(const QString &path, double speed, bool loop, Send send, Ready ready,
                       QObject *parent)
    : QObject(parent)
    , m_speed(speed > 0 ? speed : 1)
    , m_loop(loop)
    , m_send(std::move(send))
    , m_ready(std::move(ready))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ReplayFeed::pump);
    m_clock.start();
    if (!m_reader.open(path, RecordingReader::Indexing::None)) {
        m_problem = m_reader.errorString();
        m_done = true;
    }
}

void ReplayFeed::resume()
{
    if (m_playing || m_done)
        return;
    m_playing = true;
    if (!m_next && !loadNext())
        return;
    m_anchorClockUs = m_clock.nsecsElapsed() / 1000;
    m_anchorRecordedUs = m_next->timeUs;
    pump();
}

void ReplayFeed::pause()
{
    m_playing = false;
    m_timer.stop();
}

bool ReplayFeed::loadNext()
{
    RecordedMessage message;
    if (m_reader.readNext(&message)) {
        m_next = std::move(message);
        return true;
    }
    if (!m_reader.problem().isNull() && m_problem.isEmpty()) {
        m_problem = m_reader.problem().message();
        qWarning().noquote() << "allium-emulator: the replay stops early:" << m_problem;
    }
    if (m_loop && m_sent > 0 && m_reader.seekToMessage(0) && m_reader.readNext(&message)) {
        // Over again, from now: the first message follows the last one at once.
        m_next = std::move(message);
        m_anchorClockUs = m_clock.nsecsElapsed() / 1000;
        m_anchorRecordedUs = m_next->timeUs;
        return true;
    }
    m_done = true;
    m_playing = false;
    return false;
}

void ReplayFeed::pump()
{
    if (!m_playing || m_done)
        return;
    for (int count = 0; count < MaxMessagesPerPump; ++count) {
        if (!m_next && !loadNext())
            return;
        const qint64 dueUs =
            m_anchorClockUs + qint64(double(m_next->timeUs - m_anchorRecordedUs) / m_speed);
        const qint64 nowUs = m_clock.nsecsElapsed() / 1000;
        if (dueUs > nowUs) {
            // A long pause in the recording is waited for in steps (a timer takes an int).
            constexpr double MaxWaitMs = 60 * 60 * 1000;
            m_timer.start(int(std::min(MaxWaitMs, std::ceil(double(dueUs - nowUs) / 1000.0))));
            return;
        }
        if (!m_ready())
            return; // the client is behind: pump() again once it has read
        const RecordedMessage message = std::move(*m_next);
        m_next.reset();
        ++m_sent;
        if (!m_send(message.json)) {
            m_done = true;
            return;
        }
        if (!m_playing)
            return; // the send paused or ended us
    }
    m_timer.start(0); // more is due: after the event loop had its turn
}

} // namespace allium
