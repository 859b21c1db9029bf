// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionoptions.h"
#include "core/record/recordingheader.h"
#include "core/record/recordingproblem.h"
#include "core/record/recordingreader.h"
#include "core/replay/replaycontrol.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace allium {

class StreamSession;

/// A recording opened as a stream, on the GUI thread: plays it through a StreamSession whose
/// transport is a ReplayTransport (so the session, its checks and its views are the live ones),
/// and drives it: play and pause are the session's start and stop; speed and seeks go to the
/// transport through the shared ReplayControl. Knows the recording's extent from a lazy index of
/// its own (message count and times grow while the file is scanned) and the position the
/// transport reports.
class ReplayController : public QObject
{
    Q_OBJECT
public:
    explicit ReplayController(QObject *parent = nullptr);
    ~ReplayController() override;

    /// Reads the header and starts indexing. False with errorString() when it is not a
    /// recording this version reads (a newer version says so).
    bool open(const QString &path);
    QString path() const;
    QString errorString() const { return m_error; }
    RecordingHeader header() const { return m_reader.header(); }
    /// Where the session connects: the file, with its topic as `?topic=`.
    QUrl streamUrl() const;
    /// `base` with the replay's transport.
    ConnectionOptions connectionOptions(const ConnectionOptions &base = {}) const;

    /// The session that plays the recording (configured with streamUrl() and
    /// connectionOptions() by its panel).
    void setSession(StreamSession *session);
    StreamSession *session() const { return m_session; }

    void play();
    void pause();
    bool isPlaying() const;
    /// 1, 2, 10… or ReplayPacer::AsFastAsPossible.
    void setSpeed(double speed);
    double speed() const;
    void setLoop(bool loop);
    /// Goes on from message `index` (0-based; clamped to the last message once the index is
    /// complete); emits seeked().
    void seekToMessage(qint64 index);

    /// Messages counted so far (all of them once isIndexComplete()).
    qint64 messageCount() const;
    bool isIndexComplete() const;
    qint64 firstTimeUs() const;
    qint64 lastTimeUs() const;
    /// The last message read (-1 before any) and its receive time.
    qint64 currentIndex() const { return m_progress.lastIndex; }
    qint64 currentTimeUs() const { return m_progress.lastTimeUs; }
    /// The message the replay reads next.
    qint64 nextIndex() const { return m_progress.nextIndex; }
    /// Messages delivered (that passed the filter).
    qint64 deliveredCount() const { return m_progress.delivered; }
    bool isAtEnd() const { return m_progress.ended; }
    /// The bad line the file stops at (from the index, or where the replay stopped), or null.
    RecordingProblem problem() const;

signals:
    /// play() or pause() was asked for.
    void playingChanged(bool playing);
    /// The position, the state or the extent changed (at most ~20 times a second).
    void progressChanged();
    /// A seek was asked for: what the views show is from before it.
    void seeked(qint64 index);
    /// The replay reached the end of the file (or its first bad line), and paused.
    void endReached();

private:
    void poll();

    RecordingReader m_reader; ///< for the extent only: the transport reads on its own
    std::shared_ptr<ReplayControl> m_control;
    QPointer<StreamSession> m_session;
    ReplayControl::Progress m_progress;
    QTimer m_poll;
    QString m_error;
};

} // namespace allium
