// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/websockettransport.h"
#include "core/filter/filter.h"
#include "core/record/recordedmessage.h"
#include "core/record/recordingreader.h"
#include "core/replay/replaypacer.h"

#include <QElapsedTimer>
#include <QTimer>

#include <memory>
#include <optional>

namespace allium {

class ReplayControl;

/// A recording played as if a server sent it: the transport of a replayed stream. It answers
/// `start`, `stop` and `setFilter` as the service does (the filter evaluated here, with the same
/// Filter the emulator uses) and hands each message over at its recorded pacing, so that
/// everything after the transport (ingest, integrity checks, alert rules, table, charts) is the
/// live path unchanged. Speed, seeks and the position go through the shared ReplayControl.
class ReplayTransport : public WebSocketTransport
{
    Q_OBJECT
public:
    explicit ReplayTransport(std::shared_ptr<ReplayControl> control, QObject *parent = nullptr);
    ~ReplayTransport() override;

    TransportKind kind() const override { return TransportKind::Qt; }
    void open(const TransportRequest &request) override;
    bool sendText(const QByteArray &utf8) override;
    void ping() override;
    void closeAndDispose(int closeCode) override;
    void abort() override;
    TransportTraffic traffic() const override { return m_traffic; }
    /// The last message read is the one textReceived() hands over.
    qint64 recordedTimeUs() const override { return m_lastTimeUs; }

private:
    void handleControl(const QByteArray &utf8);
    void sendError(const QString &reason);
    void applyCommands();
    void seekTo(qint64 index);
    bool loadNext();
    void pump();
    /// Hands one message over unless the filter rejects it.
    void deliver(const RecordedMessage &message);
    void reportProgress(bool now);
    qint64 nowUs() const { return m_clock.nsecsElapsed() / 1000; }

    std::shared_ptr<ReplayControl> m_control;
    RecordingReader m_reader;
    ReplayPacer m_pacer;
    Filter m_filter;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceReport;
    std::optional<RecordedMessage> m_next;
    TransportTraffic m_traffic;
    bool m_open = false;
    bool m_playing = false;
    bool m_loop = false;
    bool m_ended = false;
    bool m_atEnd = false;       ///< the last read found no next message
    bool m_stepPending = false; ///< a seek while paused shows the message it went to
    qint64 m_lastIndex = -1;
    qint64 m_lastTimeUs = 0;
    qint64 m_delivered = 0;
};

} // namespace allium
