// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace allium {

/// What a RecordingWriter has done so far.
struct RecordingStats
{
    qint64 messages = 0;     ///< written (handed to the file)
    qint64 drops = 0;        ///< dropped because the queue was full, or after a failure
    qint64 messageBytes = 0; ///< message text written, as received
    qint64 fileBytes = 0;    ///< bytes written to the file(s), after compression
    qint64 queuedBytes = 0;  ///< waiting for the writer's thread
    qint64 elapsedMs = 0;    ///< since start()
    int files = 0;           ///< 1, or more after rotations
    QString currentPath;
};

} // namespace allium
