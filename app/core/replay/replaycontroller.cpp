// SPDX-License-Identifier: MIT
#include "core/replay/replaycontroller.h"

#include "core/stream/streamsession.h"

#include <QUrlQuery>

namespace allium {

namespace {

// The position is read back from the transport this often (a slider needs no more).
constexpr int PollIntervalMs = 100;

} // namespace

ReplayController::ReplayController(QObject *parent)
    : QObject(parent)
{
    m_poll.setInterval(PollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &ReplayController::poll);
    connect(&m_reader, &RecordingReader::indexProgressed, this, &ReplayController::progressChanged);
    connect(&m_reader, &RecordingReader::indexCompleted, this, &ReplayController::progressChanged);
}

ReplayController::~ReplayController() = default;

bool ReplayController::open(const QString &path)
{
    m_error.clear();
    if (!m_reader.open(path)) {
        m_error = m_reader.errorString();
        return false;
    }
    m_control = std::make_shared<ReplayControl>(path);
    m_progress = {};
    return true;
}

QString ReplayController::path() const
{
    return m_control ? m_control->path() : QString();
}

QUrl ReplayController::streamUrl() const
{
    QUrl url = QUrl::fromLocalFile(path());
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("topic"), header().topic);
    url.setQuery(query);
    return url;
}

ConnectionOptions ReplayController::connectionOptions(const ConnectionOptions &base) const
{
    ConnectionOptions options = base;
    options.replay = m_control;
    // A file does not go away: a failure to read it is final, not worth a retry loop.
    options.maxAttempts = 1;
    options.compression = false;
    return options;
}

void ReplayController::setSession(StreamSession *session)
{
    m_session = session;
    poll();
}

void ReplayController::play()
{
    if (!m_session)
        return;
    if (m_progress.ended)
        seekToMessage(0); // play at the end starts over
    const ConnectionState state = m_session->state();
    if (state == ConnectionState::Disconnected || state == ConnectionState::Failed)
        m_session->open();
    m_session->start();
    m_poll.start();
    emit playingChanged(true);
    emit progressChanged();
}

void ReplayController::pause()
{
    if (m_session)
        m_session->stop();
    emit playingChanged(false);
    poll();
}

bool ReplayController::isPlaying() const
{
    return m_session && m_session->isRunning();
}

void ReplayController::setSpeed(double speed)
{
    if (!m_control)
        return;
    m_control->setSpeed(speed);
    emit progressChanged();
}

double ReplayController::speed() const
{
    return m_control ? m_control->speed() : 1.0;
}

void ReplayController::setLoop(bool loop)
{
    if (m_control)
        m_control->setLoop(loop);
}

void ReplayController::seekToMessage(qint64 index)
{
    if (!m_control)
        return;
    // Past the messages counted so far only while the index is still being built: the reader
    // reads on to it.
    const qint64 count = messageCount();
    index = std::max<qint64>(0, index);
    if (isIndexComplete())
        index = std::min(index, std::max<qint64>(0, count - 1));
    m_control->seekToMessage(index);
    m_progress = m_control->progress();
    emit seeked(index);
    emit progressChanged();
    // The transport shows the message it went to, also while paused.
    m_poll.start();
}

qint64 ReplayController::messageCount() const
{
    return m_reader.indexedMessages();
}

bool ReplayController::isIndexComplete() const
{
    return m_reader.isIndexComplete();
}

qint64 ReplayController::firstTimeUs() const
{
    return m_reader.firstTimeUs();
}

qint64 ReplayController::lastTimeUs() const
{
    return m_reader.lastTimeUs();
}

RecordingProblem ReplayController::problem() const
{
    const RecordingProblem indexed = m_reader.indexProblem();
    return indexed.isNull() ? m_progress.problem : indexed;
}

void ReplayController::poll()
{
    if (!m_control)
        return;
    const ReplayControl::Progress progress = m_control->progress();
    const bool changed =
        progress.lastIndex != m_progress.lastIndex || progress.nextIndex != m_progress.nextIndex ||
        progress.ended != m_progress.ended || progress.delivered != m_progress.delivered ||
        progress.problem.line != m_progress.problem.line;
    const bool reachedEnd = progress.ended && !m_progress.ended;
    m_progress = progress;
    // Nothing moves while paused (but a seek's message arriving): no need to look so often.
    if (!isPlaying() && !changed)
        m_poll.stop();
    if (changed)
        emit progressChanged();
    if (reachedEnd) {
        // At the end the replay pauses, as a player does: nothing more comes by choice, so no
        // stall or silence is reported, and Play starts over.
        if (isPlaying())
            pause();
        emit endReached();
    }
}

} // namespace allium
