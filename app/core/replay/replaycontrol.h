// SPDX-License-Identifier: MIT
#pragma once

#include "core/record/recordingproblem.h"

#include <QMutex>
#include <QString>

#include <algorithm>
#include <functional>
#include <utility>

namespace allium {

/// What a replay's controls ask for and how far the replay got, shared between the GUI thread
/// (ReplayController) and the stream's worker thread (ReplayTransport). Thread-safe; carries
/// the position across reconnects, so a new connection goes on where the last one was.
class ReplayControl
{
public:
    explicit ReplayControl(const QString &path);
    ReplayControl(const ReplayControl &) = delete;
    ReplayControl &operator=(const ReplayControl &) = delete;

    QString path() const { return m_path; }

    /// Messages a second relative to the recording (ReplayPacer::AsFastAsPossible: no pacing).
    void setSpeed(double speed);
    double speed() const;
    /// Start over at the end of the file.
    void setLoop(bool loop);
    /// Asks the replay to go on from message `index` (0-based).
    void seekToMessage(qint64 index);

    struct Commands
    {
        double speed = 1;
        qint64 seekIndex = -1; ///< a seek asked for since the last take, or -1
        bool loop = false;
    };
    /// The transport's side: the current commands; a seek is handed out once.
    Commands takeCommands();
    /// Called (from the commanding thread) whenever the commands change; the transport posts
    /// itself a call. `owner` replaces whoever listened before.
    void setWakeUp(const void *owner, std::function<void()> wakeUp);
    /// Nobody listens any more, if `owner` still did.
    void clearWakeUp(const void *owner);

    struct Progress
    {
        qint64 nextIndex = 0;     ///< the message the replay reads next
        qint64 lastIndex = -1;    ///< the last message read (delivered or filtered out), or -1
        qint64 lastTimeUs = 0;    ///< its receive time
        qint64 delivered = 0;     ///< messages that passed the filter, since the file was opened
        bool ended = false;       ///< the replay reached the end of the file (or a bad line)
        RecordingProblem problem; ///< the bad line it stopped at
    };
    void setProgress(const Progress &progress);
    Progress progress() const;

private:
    const QString m_path;
    mutable QMutex m_mutex;
    double m_speed = 1;
    bool m_loop = false;
    qint64 m_seekIndex = -1;
    std::function<void()> m_wakeUp;
    const void *m_wakeUpOwner = nullptr;
    Progress m_progress;
};

} // namespace allium
