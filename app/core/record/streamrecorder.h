// SPDX-License-Identifier: MIT
#pragma once

#include "core/record/recordingstats.h"

#include <QObject>
#include <QPointer>

namespace allium {

class RecordingWriter;
class StreamSession;

/// Records what one StreamSession delivers (a stream panel's record button): every message of
/// every batch from start() to stop(), as received, with its receive time; the header says the
/// session's topic, filter and host, never its key. A write error stops the recording (failed()),
/// never the stream.
class StreamRecorder : public QObject
{
    Q_OBJECT
public:
    explicit StreamRecorder(StreamSession *session, QObject *parent = nullptr);
    ~StreamRecorder() override;

    /// Starts recording to `path` (".zst": compressed). False with errorString() when the file
    /// cannot be written.
    bool start(const QString &path, const QString &profileName = {});
    void stop();
    bool isRecording() const;
    RecordingStats stats() const;
    QString errorString() const;

signals:
    void recordingChanged(bool recording);
    /// The recording stopped on a write error; the message names the file and the reason.
    void failed(const QString &message);

private:
    QPointer<StreamSession> m_session;
    RecordingWriter *m_writer = nullptr;
    QMetaObject::Connection m_batches;
};

} // namespace allium
