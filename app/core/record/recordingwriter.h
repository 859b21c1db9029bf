// SPDX-License-Identifier: MIT
#pragma once

#include "core/record/recordingoptions.h"
#include "core/record/recordingstats.h"

#include <QObject>
#include <QVector>

#include <memory>

namespace allium {

struct StreamMessage;

/// Writes a recording (RecordingHeader, then one line per message, see RecordingLineCodec) on a
/// thread of its own: append() only queues (bounded in bytes; a full queue drops and counts,
/// it never waits), so recording never slows the stream it records. Every write ends on a line
/// boundary and the data reaches the disk at least every syncIntervalMs, so a file cut off by a
/// crash reads back up to its last complete line; ".zst" files end a zstd frame as often. A
/// write error (a full disk) stops the recording with failed(), never the caller.
class RecordingWriter : public QObject
{
    Q_OBJECT
public:
    explicit RecordingWriter(QObject *parent = nullptr);
    ~RecordingWriter() override; ///< stops (writes what is queued)

    /// Opens the first file and writes its header (on this thread, so that a bad path fails
    /// here), then starts the writer's thread. False with errorString() when it could not.
    bool start(const RecordingOptions &options);
    /// Queues one message (thread-safe). False when it was dropped (queue full, counted in
    /// stats().drops) or the recording is not running.
    bool append(qint64 receivedAtUs, const QByteArray &message);
    /// Queues a batch of a StreamSession (their receive times).
    void append(const QVector<StreamMessage> &messages);
    /// Writes what is queued, syncs and closes. Blocks until the writer's thread is done.
    void stop();

    bool isRunning() const;
    /// Why the recording stopped on its own, or why start() failed; empty otherwise.
    QString errorString() const;
    RecordingStats stats() const;

    /// The wall clock in µs since the epoch.
    static qint64 currentTimeUs();
    /// The name of part `part` of a recording named `path` (1: `path` itself).
    static QString partPath(const QString &path, int part);

signals:
    /// The recording stopped on a write error (disk full…); the message names the file and the
    /// reason. Emitted on the writer's owner thread.
    void failed(const QString &message);
    /// A rotation started a new file.
    void rotated(const QString &path);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace allium
