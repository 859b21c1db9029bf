// SPDX-License-Identifier: MIT
#include "core/record/recordinglinecursor.h"

#include <cstring>

namespace allium {

namespace {

constexpr qsizetype ReadChunkBytes = 1024 * 1024;

} // namespace

bool RecordingLineCursor::open(const QString &path, QString *error)
{
    return m_source.open(path, error) && seek(0, 1, error);
}

bool RecordingLineCursor::seek(qint64 sourceOffset, qint64 lineNumber, QString *error)
{
    m_buffer.clear();
    m_begin = 0;
    m_scanned = 0;
    m_bufferStreamPos = 0;
    m_lineStreamPos = 0;
    m_lineNumber = lineNumber - 1;
    m_end = false;
    return m_source.seek(sourceOffset, error);
}

RecordingLineCursor::Result RecordingLineCursor::next(qsizetype maxLineBytes, const char **line,
                                                      qsizetype *size, QString *reason)
{
    ++m_lineNumber;
    for (;;) {
        const char *start = m_buffer.constData() + m_begin;
        const char *from = m_buffer.constData() + m_scanned;
        const char *feed = static_cast<const char *>(
            std::memchr(from, '\n', std::size_t(m_buffer.size() - m_scanned)));
        if (feed) {
            *line = start;
            *size = feed - start;
            m_lineStreamPos = m_bufferStreamPos + m_begin;
            m_begin = feed - m_buffer.constData() + 1;
            m_scanned = m_begin;
            if (*size > maxLineBytes) {
                *reason = QStringLiteral("line longer than %1 bytes").arg(maxLineBytes);
                return Result::Problem;
            }
            return Result::Line;
        }
        m_scanned = m_buffer.size();
        const qsizetype pending = m_buffer.size() - m_begin;
        if (pending > maxLineBytes) {
            *reason = QStringLiteral("line longer than %1 bytes").arg(maxLineBytes);
            return Result::Problem;
        }
        if (m_end) {
            if (pending == 0) {
                --m_lineNumber;
                return Result::End;
            }
            *reason = QStringLiteral("cut off: the file ends inside this line");
            return Result::Problem;
        }
        // Keep the unread part, then read more behind it.
        if (m_begin > 0) {
            m_buffer.remove(0, m_begin);
            m_bufferStreamPos += m_begin;
            m_scanned -= m_begin;
            m_begin = 0;
        }
        const qsizetype used = m_buffer.size();
        m_buffer.resize(used + ReadChunkBytes);
        const qint64 got = m_source.read(m_buffer.data() + used, ReadChunkBytes, reason);
        m_buffer.resize(used + qMax<qint64>(0, got));
        if (got < 0)
            return Result::Problem;
        if (got == 0)
            m_end = true;
    }
}

} // namespace allium
