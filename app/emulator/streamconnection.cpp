// SPDX-License-Identifier: MIT
#include "emulator/streamconnection.h"

#include "core/stream/streamcontrolrequest.h"
#include "emulator/cadenceclock.h"
#include "emulator/connectionwatch.h"
#include "emulator/emulatorframes.h"
#include "emulator/generators/syntheticdatachain.h"
#include "emulator/generators/topicgenerator.h"
#include "emulator/replayfeed.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QWebSocket>

#include <cmath>

namespace allium {

namespace {

// At most this many messages are produced in one batch; a backlog beyond it (a very high rate,
// a busy machine) is dropped rather than letting one batch freeze the event loop.
constexpr int MaxMessagesPerBatch = 20000;

} // namespace

StreamConnection::StreamConnection(QWebSocket *socket, QTcpSocket *transport, const QString &topic,
                                   const EmulatorOptions &options, CadenceClock *cadence,
                                   QObject *parent)
    : EmulatorConnection(socket, transport, options.limits, parent)
    , m_transport(transport)
    , m_topic(topic)
    , m_options(options)
    , m_generator(TopicGenerator::create(topic, options.seed, SyntheticChain::DefaultStartMs,
                                         options.faults))
    , m_cadence(cadence)
    , m_chainStartMs(options.startTimeMs > 0 ? options.startTimeMs
                                             : QDateTime::currentMSecsSinceEpoch())
{
    if (m_generator && options.rate > 0 && m_generator->meanIntervalMs() > 0)
        m_chainSpeed = options.rate * m_generator->meanIntervalMs() / 1000.0;
    else if (options.speed > 0)
        m_chainSpeed = options.speed;
    if (!options.replay.path.isEmpty() && topic == options.replay.topic) {
        // Queued bytes bounded as for the firehose: a fast replay waits for the client to read.
        m_replay = new ReplayFeed(
            options.replay.path, options.speed, options.replay.loop,
            [this](const QByteArray &json) { return sendReplayed(json); },
            [this] {
                return m_watch->queuedBytes() < FirehoseQueuedBytes && !m_watch->isCongested();
            },
            this);
    }
    connect(m_watch, &ConnectionWatch::dataWritten, this, [this] {
        if (m_replay)
            m_replay->pump();
        else if (m_options.firehoseCount > 0)
            pumpFirehose();
    });
    connect(m_watch, &ConnectionWatch::closing, this, &StreamConnection::finish);
}

StreamConnection::~StreamConnection()
{
    if (m_cadence)
        m_cadence->cancel(this);
}

void StreamConnection::finish()
{
    m_finished = true;
    if (m_replay)
        m_replay->pause();
    if (m_cadence)
        m_cadence->cancel(this);
}

void StreamConnection::abort()
{
    finish();
    // What was already sent reaches the client; then the TCP connection ends with no close frame.
    m_socket->flush();
    m_socket->abort();
}

void StreamConnection::handleText(const QString &text)
{
    if (m_finished)
        return;
    const QByteArray utf8 = text.toUtf8();
    if (utf8.size() > MaxControlMessageSize) {
        sendError(QStringLiteral("message too large: %1 bytes, the limit is %2 bytes")
                      .arg(utf8.size())
                      .arg(MaxControlMessageSize));
        return;
    }
    const StreamControlRequest control = StreamControlRequest::parse(utf8);
    switch (control.action) {
    case StreamControlRequest::Action::Invalid:
        sendError(control.error);
        break;
    case StreamControlRequest::Action::Start:
        start();
        break;
    case StreamControlRequest::Action::Stop:
        stop();
        break;
    case StreamControlRequest::Action::SetFilter:
        m_filter = control.filter;
        // The writer builds an object of only the members the filter reads.
        m_writer.setSelectedPaths(m_filter.fieldPaths());
        matchPool();
        break;
    }
}

void StreamConnection::handleBinary(const QByteArray &data)
{
    Q_UNUSED(data)
    if (!m_finished)
        sendError(QStringLiteral("binary frames are not supported: send JSON text"));
}

void StreamConnection::sendError(const QString &reason)
{
    // Unlike messages, error frames are never dropped: a client flooding bad control frames
    // while not reading is closed when they would pass the limit.
    send(EmulatorFrames::streamError(reason));
}

bool StreamConnection::send(const QString &text)
{
    if (!m_watch->reserveText(text))
        return false;
    m_socket->sendTextMessage(text);
    ++m_messagesSent;
    m_watch->noteQueued();
    return true;
}

void StreamConnection::start()
{
    if (m_started || m_finished || (!m_generator && !m_replay))
        return;
    m_started = true;
    m_watch->setBusy(true);
    if (m_replay) {
        m_replay->resume();
        return;
    }
    if (m_options.firehoseCount > 0) {
        if (m_poolTexts.isEmpty()) {
            // The chain from its head on; the pool then repeats (a throughput tool, not a chain).
            m_generator->seek(qint64(chainNowMs()));
            m_poolMessages.reserve(FirehosePoolSize);
            m_poolTexts.reserve(FirehosePoolSize);
            while (m_poolTexts.size() < FirehosePoolSize) {
                // Whole objects: the pool is matched again whenever the filter changes.
                m_writer.reset(MessageWriter::ObjectMode::All);
                m_generator->writeNext(m_writer);
                const QJsonObject object = m_writer.object();
                const QString text = m_writer.takeText();
                for (int copy = 0; copy < m_generator->copies(); ++copy) {
                    m_poolMessages.append(object);
                    m_poolTexts.append(text);
                }
            }
            matchPool();
        }
        pumpFirehose();
        return;
    }
    // A client joins the chain at its live head: the first message due from now on (a message
    // due at D leaves at D + lag).
    m_generator->seek(qint64(std::ceil(chainNowMs())) - m_options.faults.lagMs);
    m_pending.ready = false;
    preparePending();
    scheduleNext();
}

void StreamConnection::stop()
{
    m_started = false;
    m_watch->setBusy(false);
    if (m_cadence)
        m_cadence->cancel(this);
    if (m_replay)
        m_replay->pause();
}

bool StreamConnection::sendReplayed(const QByteArray &json)
{
    if (!m_filter.matchesText(json))
        return true;
    return sendStreamFrame(QString::fromUtf8(json));
}

void StreamConnection::scheduleNext()
{
    if (!m_started || m_finished || !m_cadence || !m_pending.ready)
        return;
    const double sendAtChainMs = double(m_pending.dueMs) + m_options.faults.lagMs;
    m_cadence->callAt(this, (sendAtChainMs - double(m_chainStartMs)) / m_chainSpeed,
                      [this] { sendDue(); });
}

double StreamConnection::nowMs() const
{
    return m_cadence ? m_cadence->nowMs() : 0;
}

double StreamConnection::chainNowMs() const
{
    return double(m_chainStartMs) + nowMs() * m_chainSpeed;
}

void StreamConnection::preparePending()
{
    const bool filtered = !m_filter.isEmpty();
    m_writer.reset(filtered ? MessageWriter::ObjectMode::Selected
                            : MessageWriter::ObjectMode::None);
    m_generator->writeNext(m_writer);
    m_pending.matches = !filtered || m_filter.matches(m_writer.object());
    m_pending.text = m_writer.takeText();
    m_pending.dueMs = m_generator->dueMs();
    m_pending.copies = m_generator->copies();
    m_pending.ready = true;
}

void StreamConnection::sendDue()
{
    if (!m_started || m_finished)
        return;
    // Everything due up to here has left when this returns.
    const double dueBefore = chainNowMs() - m_options.faults.lagMs;
    int produced = 0;
    while (true) {
        if (!m_pending.ready)
            preparePending();
        if (double(m_pending.dueMs) > dueBefore)
            break;
        if (produced++ >= MaxMessagesPerBatch) {
            // Far behind: rejoin the head, as a client of the real service would.
            m_generator->seek(qint64(std::floor(dueBefore)) + 1);
            m_pending.ready = false;
            continue;
        }
        m_pending.ready = false;
        // A reader that cannot keep up loses messages, as on the real service.
        if (m_watch->isCongested() || !m_pending.matches)
            continue;
        for (int copy = 0; copy < m_pending.copies; ++copy) {
            if (!sendStreamFrame(m_pending.text))
                return;
        }
    }
    scheduleNext();
}

void StreamConnection::matchPool()
{
    m_poolMatches.resize(m_poolMessages.size());
    for (qsizetype i = 0; i < m_poolMessages.size(); ++i)
        m_poolMatches[i] = m_filter.isEmpty() || m_filter.matches(m_poolMessages.at(i));
}

void StreamConnection::pumpFirehose()
{
    if (!m_started || m_finished || m_poolTexts.isEmpty())
        return;
    if (!m_poolMatches.contains(true))
        return; // the filter rejects the whole pool: the firehose goes quiet
    while (m_firehoseSent < m_options.firehoseCount &&
           m_watch->queuedBytes() < FirehoseQueuedBytes && !m_watch->isCongested()) {
        const qsizetype index = m_poolIndex;
        m_poolIndex = (m_poolIndex + 1) % m_poolTexts.size();
        if (!m_poolMatches.at(index))
            continue;
        ++m_firehoseSent;
        if (!sendStreamFrame(m_poolTexts.at(index)))
            return;
    }
}

bool StreamConnection::sendStreamFrame(const QString &text)
{
    ++m_framesSent;
    const EmulatorFaults &faults = m_options.faults;
    const bool sent = faults.malformedEvery > 0 && m_framesSent % faults.malformedEvery == 0
                          ? send(text.left(std::max<qsizetype>(1, text.size() / 2)))
                          : send(text);
    if (!sent)
        return false;

    if (faults.dropAfterMessages > 0 && m_framesSent >= faults.dropAfterMessages) {
        abort();
        return false;
    }
    if (faults.closeAfterMessages > 0 && m_framesSent >= faults.closeAfterMessages) {
        close(faults.closeCode > 0 ? faults.closeCode
                                   : int(QWebSocketProtocol::CloseCodeBadOperation),
              QStringLiteral("emulated fault: closing after %1 messages").arg(m_framesSent));
        return false;
    }
    if (faults.stallAfterMessages > 0 && m_framesSent >= faults.stallAfterMessages) {
        stall();
        return false;
    }
    return true;
}

void StreamConnection::stall()
{
    finish();
    // QWebSocket answers pings by itself as it reads. Cutting the transport's readyRead from
    // every receiver (the websocket among them) stops all reading, so pings go unanswered and
    // the client's heartbeat sees a dead peer, while the TCP connection stays up.
    if (m_transport)
        QObject::disconnect(m_transport, &QIODevice::readyRead, nullptr, nullptr);
    emit stalled(m_messagesSent);
}

} // namespace allium
