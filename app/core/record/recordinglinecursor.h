// SPDX-License-Identifier: MIT
#pragma once

#include "core/record/recordingbytesource.h"

#include <QByteArray>
#include <QString>

namespace allium {

/// Reads a recording line by line from a RecordingByteSource, with line numbers, where each line
/// could be restarted from, and a clear reason when the last line is cut off or too long.
class RecordingLineCursor
{
public:
    bool open(const QString &path, QString *error);
    RecordingByteSource &source() { return m_source; }
    /// Restarts at `sourceOffset`, whose line is `lineNumber`.
    bool seek(qint64 sourceOffset, qint64 lineNumber, QString *error);

    enum class Result { Line, End, Problem };
    /// The next line, without its line feed (valid until the next call). At a problem, `reason`
    /// says it (the line number is lineNumber()).
    Result next(qsizetype maxLineBytes, const char **line, qsizetype *size, QString *reason);
    /// The number of the line next() returned last (or, at a problem, of the bad line).
    qint64 lineNumber() const { return m_lineNumber; }
    /// Where the line next() returned last could be restarted from, if it can (see
    /// RecordingByteSource::seekableAt).
    bool lineSeekable(qint64 *sourceOffset)
    {
        return m_source.seekableAt(m_lineStreamPos, sourceOffset);
    }

private:
    RecordingByteSource m_source;
    QByteArray m_buffer;
    qsizetype m_begin = 0;        ///< start of the unread part of m_buffer
    qsizetype m_scanned = 0;      ///< m_buffer holds no line feed between m_begin and here
    qint64 m_bufferStreamPos = 0; ///< stream position of m_buffer[0]
    qint64 m_lineStreamPos = 0;
    qint64 m_lineNumber = 0;
    bool m_end = false;
};

} // namespace allium
