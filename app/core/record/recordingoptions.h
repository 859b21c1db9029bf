// SPDX-License-Identifier: MIT
#pragma once

#include "core/record/recordingheader.h"

#include <QString>

namespace allium {

/// How a RecordingWriter writes: where, what header, and its bounds.
struct RecordingOptions
{
    /// The file; a name ending in ".zst" is written zstd-compressed. After a rotation the next
    /// files are named with -2, -3… before the extension ("rec.jsonl" → "rec-2.jsonl").
    QString path;
    RecordingHeader header; ///< its startedUs and part are set by the writer
    /// Messages waiting for the writer's thread, at most (bytes of message text). Past it a
    /// message is dropped and counted, never waited for: recording never slows the stream.
    qint64 maxQueueBytes = 64 * 1024 * 1024;
    /// Start a new file once this many bytes were written to the current one; 0 never.
    qint64 rotateBytes = 0;
    /// Start a new file once the current one is this old; 0 never.
    qint64 rotateSeconds = 0;
    /// Written data reaches the disk (fdatasync) at least this often; a crash or power cut loses
    /// at most this much. Compressed files also end their zstd frame this often.
    int syncIntervalMs = 1000;
    /// zstd level for ".zst" files (1 is fast enough for a firehose on one core).
    int zstdLevel = 1;
};

} // namespace allium
