// SPDX-License-Identifier: MIT
#include "core/replay/replaytransport.h"

#include "core/replay/replaycontrol.h"
#include "core/stream/streamcontrolrequest.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace allium {

namespace {

// At most this many messages in one go, so that a fast replay never holds the worker's event
// loop (the heartbeat, the controls) for long.
constexpr int MaxMessagesPerPump = 2000;
// The position is reported at most this often (the slider redraws no faster).
constexpr int ProgressIntervalMs = 50;

} // namespace

ReplayTransport::ReplayTransport(std::shared_ptr<ReplayControl> control, QObject *parent)
    : WebSocketTransport(parent)
    , m_control(std::move(control))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ReplayTransport::pump);
    m_clock.start();
    m_sinceReport.start();
    // The controls post a call here; the control never calls into a transport that is gone
    // (the destructor clears this under the control's lock). The newest transport of the
    // stream listens: the one a reconnect replaced may go after it came.
    m_control->setWakeUp(this, [this] {
        QMetaObject::invokeMethod(this, &ReplayTransport::applyCommands, Qt::QueuedConnection);
    });
}

ReplayTransport::~ReplayTransport()
{

    m_control->clearWakeUp(this);
}

void ReplayTransport::open(const TransportRequest &request)
{
    Q_UNUSED(request)
    // As a socket would, the outcome comes later, from the event loop.
    QTimer::singleShot(0, this, [this] {
        if (m_ended)
            return; // aborted before it opened (a reconnect replaced it at once)
        if (!m_reader.open(m_control->path())) {
            TransportEnd end;
            end.error = m_reader.errorString();
            m_ended = true;
            emit ended(end);
            return;
        }
        const ReplayControl::Progress progress = m_control->progress();
        m_delivered = progress.delivered;
        m_lastIndex = progress.lastIndex;
        m_lastTimeUs = progress.lastTimeUs;
        // A reconnect goes on where the last connection was.
        if (progress.nextIndex > 0)
            seekTo(progress.nextIndex);
        m_open = true;
        applyCommands();
        emit connected();
    });
}

bool ReplayTransport::sendText(const QByteArray &utf8)
{
    if (!m_open || m_ended)
        return false;
    m_traffic.wireBytesOut += quint64(utf8.size());
    m_traffic.decodedBytesOut += quint64(utf8.size());
    // After the caller is done sending (it may send start right after setFilter).
    QMetaObject::invokeMethod(
        this, [this, utf8] { handleControl(utf8); }, Qt::QueuedConnection);
    return true;
}

void ReplayTransport::handleControl(const QByteArray &utf8)
{
    if (m_ended)
        return;
    const StreamControlRequest control = StreamControlRequest::parse(utf8);
    switch (control.action) {
    case StreamControlRequest::Action::Invalid:
        sendError(control.error);
        break;
    case StreamControlRequest::Action::Start:
        if (m_playing)
            return;
        m_playing = true;
        m_pacer.reset(); // the next message goes out at once, the following ones paced
        pump();
        break;
    case StreamControlRequest::Action::Stop:
        m_playing = false;
        m_timer.stop();
        reportProgress(true);
        break;
    case StreamControlRequest::Action::SetFilter:
        m_filter = control.filter;
        break;
    }
}

void ReplayTransport::sendError(const QString &reason)
{
    QJsonObject frame;
    frame.insert(QStringLiteral("status"), QStringLiteral("error"));
    frame.insert(QStringLiteral("data"), reason);
    const QByteArray text = QJsonDocument(frame).toJson(QJsonDocument::Compact);
    ++m_traffic.messagesIn;
    m_traffic.wireBytesIn += quint64(text.size());
    m_traffic.decodedBytesIn += quint64(text.size());
    emit textReceived(text);
}

void ReplayTransport::ping()
{
    QMetaObject::invokeMethod(
        this, [this] { emit pongReceived(0); }, Qt::QueuedConnection);
}

void ReplayTransport::closeAndDispose(int closeCode)
{
    Q_UNUSED(closeCode)
    abort();
    deleteLater();
}

void ReplayTransport::abort()
{
    m_ended = true;
    m_playing = false;
    m_timer.stop();
    reportProgress(true);
}

void ReplayTransport::applyCommands()
{
    if (!m_open || m_ended)
        return;
    const ReplayControl::Commands commands = m_control->takeCommands();
    m_loop = commands.loop;
    m_pacer.setSpeed(commands.speed, nowUs());
    if (commands.seekIndex >= 0) {
        seekTo(commands.seekIndex);
        m_stepPending = !m_playing;
        emit discontinued(); // before the message the seek went to
    }
    if (m_playing || m_stepPending)
        pump();
}

void ReplayTransport::seekTo(qint64 index)
{
    m_next.reset();
    m_pacer.reset();
    m_atEnd = false;
    m_reader.seekToMessage(index);
    reportProgress(true);
}

bool ReplayTransport::loadNext()
{
    RecordedMessage message;
    if (m_reader.readNext(&message)) {
        m_next = std::move(message);
        return true;
    }
    if (m_loop && m_reader.problem().isNull() && m_lastIndex >= 0 && m_reader.seekToMessage(0) &&
        m_reader.readNext(&message)) {
        // Over again: the first message follows the last one at once.
        m_pacer.reset();
        m_next = std::move(message);
        emit discontinued();
        return true;
    }
    return false;
}

void ReplayTransport::pump()
{
    if (m_ended || (!m_playing && !m_stepPending))
        return;
    for (int count = 0; count < MaxMessagesPerPump; ++count) {
        if (!m_next && !loadNext()) {
            m_atEnd = true;
            m_stepPending = false;
            reportProgress(true); // at the end (or a bad line): the transport stays, quiet
            return;
        }
        const qint64 now = nowUs();
        if (!m_pacer.isAnchored())
            m_pacer.anchor(now, m_next->timeUs);
        const qint64 due = m_pacer.dueUs(m_next->timeUs, now);
        if (due > now && !m_stepPending) {
            // A long pause in the recording is waited for in steps (a timer takes an int).
            constexpr double MaxWaitMs = 60 * 60 * 1000;
            m_timer.start(int(std::min(MaxWaitMs, std::ceil(double(due - now) / 1000.0))));
            // Waiting: the position is where it will stay for a while, say so now.
            reportProgress(true);
            return;
        }
        const RecordedMessage message = std::move(*m_next);
        m_next.reset();
        deliver(message);
        if (m_stepPending) {
            // One message to show where a seek went; paused, the pacing starts again on play.
            m_stepPending = false;
            m_pacer.reset();
            reportProgress(true);
            return;
        }
        if (m_ended || !m_playing)
            return;
    }
    reportProgress(false);
    m_timer.start(0); // more is due: after the event loop had its turn
}

void ReplayTransport::deliver(const RecordedMessage &message)
{
    m_lastIndex = message.index;
    m_lastTimeUs = message.timeUs;
    if (!m_filter.matchesText(message.json))
        return;
    ++m_delivered;
    ++m_traffic.messagesIn;
    m_traffic.wireBytesIn += quint64(message.json.size());
    m_traffic.decodedBytesIn += quint64(message.json.size());
    emit textReceived(message.json);
}

void ReplayTransport::reportProgress(bool now)
{
    if (!now && m_sinceReport.elapsed() < ProgressIntervalMs)
        return;
    m_sinceReport.restart();
    ReplayControl::Progress progress;
    progress.nextIndex = m_next ? m_next->index : m_reader.position();
    progress.lastIndex = m_lastIndex;
    progress.lastTimeUs = m_lastTimeUs;
    progress.delivered = m_delivered;
    progress.ended = m_atEnd;
    progress.problem = m_reader.problem();
    m_control->setProgress(progress);
}

} // namespace allium
