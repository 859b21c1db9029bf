// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <deque>
#include <memory>

namespace allium {

/// The bytes of a recording file, plain or zstd-compressed (told by its magic number), read from
/// a point the source can seek to: any offset of a plain file, the start of a zstd frame of a
/// compressed one (the writer ends a frame on a line boundary at least every second).
class RecordingByteSource
{
public:
    RecordingByteSource();
    ~RecordingByteSource();
    RecordingByteSource(const RecordingByteSource &) = delete;
    RecordingByteSource &operator=(const RecordingByteSource &) = delete;

    bool open(const QString &path, QString *error);
    bool isCompressed() const { return m_zstd != nullptr; }
    /// Restarts at `sourceOffset` (a file offset; for a compressed file, a frame's start).
    bool seek(qint64 sourceOffset, QString *error);
    /// Up to `max` bytes of content; 0 at the end, -1 on a read or decompression error.
    qint64 read(char *data, qint64 max, QString *error);
    /// Whether reading can restart (seek) exactly where content byte `streamPos` (counted since
    /// the last seek) begins, and from which offset. Positions must be asked in increasing order.
    bool seekableAt(qint64 streamPos, qint64 *sourceOffset);
    /// The file's size in bytes.
    qint64 fileSize() const { return m_file.size(); }

private:
    struct Boundary
    {
        qint64 streamPos;
        qint64 sourceOffset;
    };

    QFile m_file;
    struct ZstdState;
    ZstdState *m_zstd = nullptr;
    QByteArray m_input; ///< compressed bytes read from the file, not yet decoded
    qsizetype m_inputPos = 0;
    qint64 m_inputFileOffset = 0; ///< file offset of m_input[0]
    qint64 m_seekOffset = 0;
    qint64 m_streamPos = 0;
    std::deque<Boundary> m_boundaries; ///< frame starts seen (compressed files)
};

} // namespace allium
