// SPDX-License-Identifier: MIT
#pragma once

#include "core/record/recordedmessage.h"
#include "core/record/recordingreader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace allium {

/// The messages of a recording at their original pacing (divided by `speed`), for one stream
/// client: paused until resume(), pausable, optionally looping. Each due message goes to `send`,
/// unless `ready` says the client is behind; then the feed waits for pump() (the client read).
class ReplayFeed : public QObject
{
    Q_OBJECT
public:
    using Send = std::function<bool(const QByteArray &json)>; ///< false: stop for good
    using Ready = std::function<bool()>;

    ReplayFeed(const QString &path, double speed, bool loop, Send send, Ready ready,
               QObject *parent = nullptr);

    /// Starts or continues: the next message goes out at once, the following ones at their
    /// recorded distance from it.
    void resume();
    void pause();
    /// Sends what is due (also called when the client has read and has room again).
    void pump();
    qint64 sent() const { return m_sent; }
    /// Why the replay stopped before the end of the file, or empty.
    QString problem() const { return m_problem; }

private:
    bool loadNext();
    void schedule();

    RecordingReader m_reader;
    double m_speed;
    bool m_loop;
    Send m_send;
    Ready m_ready;
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::optional<RecordedMessage> m_next;
    qint64 m_anchorClockUs = 0;    ///< m_clock time at which the anchor message is due
    qint64 m_anchorRecordedUs = 0; ///< the anchor message's recorded time
    bool m_playing = false;
    bool m_done = false;
    qint64 m_sent = 0;
    QString m_problem;
};

} // namespace allium
