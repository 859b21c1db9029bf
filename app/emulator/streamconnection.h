// SPDX-License-Identifier: MIT
#pragma once

#include "core/filter/filter.h"
#include "emulator/emulatorconnection.h"
#include "emulator/emulatoroptions.h"
#include "emulator/messagewriter.h"

#include <QJsonObject>
#include <QList>
#include <QPointer>

#include <memory>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace allium {

class CadenceClock;
class ReplayFeed;
class TopicGenerator;

/// One client of a data stream: sends nothing until `start`, then joins the topic's chain at its
/// live head and sends each message when the chain's clock reaches its due time (plus the lag
/// fault), or a firehose; pauses on `stop` (a later `start` joins the head again: what passed
/// meanwhile is gone), applies `setFilter`, answers bad control messages with an error frame,
/// and injects the faults it was created with. Messages for a client that does not read are
/// dropped once half the write-queue limit is waiting.
///
/// The chain's clock is EmulatorOptions::startTimeMs + elapsed × speed, where speed is
/// EmulatorOptions::speed, or with `rate` whatever sends `rate` messages a second on this topic.
class StreamConnection : public EmulatorConnection
{
    Q_OBJECT
public:
    /// Control frames above this size are refused with an error frame (the connection stays).
    static constexpr qint64 MaxControlMessageSize = 1024 * 1024;
    /// The firehose keeps about this much queued, so generation is never the bottleneck.
    static constexpr qint64 FirehoseQueuedBytes = 2 * 1024 * 1024;
    static constexpr int FirehosePoolSize = 1024;
    /// Takes ownership of `socket`; `transport` is the TCP socket underneath (for the stall
    /// fault), or nullptr. Messages are sent on the ticks of `cadence` (shared by the server's
    /// streams), several per tick for the faster topics.
    StreamConnection(QWebSocket *socket, QTcpSocket *transport, const QString &topic,
                     const EmulatorOptions &options, CadenceClock *cadence,
                     QObject *parent = nullptr);
    ~StreamConnection() override;

    QString topic() const { return m_topic; }
    bool isStarted() const { return m_started; }
    /// Frames sent so far (messages and malformed frames).
    qint64 framesSent() const { return m_framesSent; }
    /// Stops sending, lets what was already sent reach the client, then drops the connection.
    void abort() override;

signals:
    /// The stall fault began, after `messagesSent` messages (stream and error frames) in all.
    void stalled(qint64 messagesSent);

private:
    void handleText(const QString &text) override;
    void handleBinary(const QByteArray &data) override;
    void sendError(const QString &reason);
    /// Queues a frame unless it would take the backlog over the limit (which closes instead).
    bool send(const QString &text);
    void finish();
    void start();
    void stop();
    void scheduleNext();
    void sendDue();
    /// Generates the next message into m_pending (text, filter verdict, due time, copies).
    void preparePending();
    void pumpFirehose();
    void matchPool();
    /// Sends one stream frame and applies the faults; false once the connection is gone or
    /// stalled and nothing more may be sent.
    bool sendStreamFrame(const QString &text);
    void stall();
    double nowMs() const;
    /// The chain's clock now, ms since the epoch.
    double chainNowMs() const;
    /// A message of the replayed recording (--replay): filtered like a generated one.
    bool sendReplayed(const QByteArray &json);

    QPointer<QTcpSocket> m_transport;
    QString m_topic;
    EmulatorOptions m_options;
    std::unique_ptr<TopicGenerator> m_generator;
    Filter m_filter;
    MessageWriter m_writer; ///< reused for every message, so its buffer is allocated once
    QPointer<CadenceClock> m_cadence;
    double m_chainSpeed = 1; ///< chain ms per wall ms
    qint64 m_chainStartMs = 0;
    struct Pending
    {
        bool ready = false;
        QString text;
        bool matches = true;
        int copies = 1;
        qint64 dueMs = 0;
    } m_pending; ///< the next message, generated ahead so its due time is known
    bool m_started = false;
    bool m_finished = false; ///< stalled, closing or aborted: nothing more is sent
    qint64 m_framesSent = 0;
    qint64 m_messagesSent = 0; ///< every message, error frames included

    // Firehose: messages generated once, serialised once, then cycled.
    QList<QJsonObject> m_poolMessages;
    QList<QString> m_poolTexts;
    QList<bool> m_poolMatches; ///< the current filter's verdict on each pool message
    qsizetype m_poolIndex = 0;
    qint64 m_firehoseSent = 0;

    ReplayFeed *m_replay = nullptr; ///< set when this topic replays a recording
};

} // namespace allium
