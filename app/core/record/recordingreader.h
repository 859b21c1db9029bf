// SPDX-License-Identifier: MIT
#pragma once

#include "core/record/recordedmessage.h"
#include "core/record/recordingheader.h"
#include "core/record/recordingproblem.h"

#include <QObject>

#include <memory>

namespace allium {

/// Reads a recording (see RecordingWriter), plain or ".zst", without reading it all first:
/// open() reads the header only and starts a background scan that counts the messages and keeps
/// a sparse index (every IndexEvery messages: where it starts and when it was received), which
/// seekToMessage() and seekToTime() use as far as it got. Reading stops at the first line that is
/// cut off, corrupted or foreign, and problem() says which line and why; everything before it is
/// read. A file of a newer format version is refused with a message that says so.
class RecordingReader : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 IndexEvery = 1024;
    /// Background: count and index the messages on a thread of the reader's (for seeking and
    /// counts); None: read in order only (seeking then reads from the start).
    enum class Indexing { Background, None };

    explicit RecordingReader(QObject *parent = nullptr);
    ~RecordingReader() override;

    /// Reads the header and starts indexing. False with errorString() when it is not a
    /// recording this version reads.
    bool open(const QString &path, Indexing indexing = Indexing::Background);
    void close();
    bool isOpen() const;
    QString errorString() const;
    RecordingHeader header() const;
    bool isCompressed() const;
    qint64 fileSize() const;

    /// The next message; false at the end or at the first bad line (then problem() is set).
    bool readNext(RecordedMessage *message);
    /// The index of the message readNext() gives next.
    qint64 position() const;
    /// The bad line where reading stopped, or null (clean end, or not there yet).
    RecordingProblem problem() const;
    /// Positions before message `index` (0-based). False when the recording has fewer messages
    /// (the position is then at the end).
    bool seekToMessage(qint64 index);
    /// Positions before the first message received at or after `timeUs`; false if none.
    bool seekToTime(qint64 timeUs);

    bool isIndexComplete() const;
    /// Messages counted by the background scan so far (all of them once it is complete).
    qint64 indexedMessages() const;
    /// Time of the first message (0 if none yet) and of the last one counted so far.
    qint64 firstTimeUs() const;
    qint64 lastTimeUs() const;
    /// The bad line the scan stopped at (null when the file is clean up to its end).
    RecordingProblem indexProblem() const;
    /// Blocks until the scan is complete.
    void waitForIndex();

signals:
    /// The scan counted more messages (at most a few times a second).
    void indexProgressed(qint64 messages);
    void indexCompleted(qint64 messages);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace allium
