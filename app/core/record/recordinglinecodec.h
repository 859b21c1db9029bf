// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace allium {

/// Writes and reads the message lines of a recording:
///   {"t":<µs since the epoch>,"m":<the message exactly as received>}
/// and, for a message that is not one line of valid JSON (it holds a line feed, or is not JSON),
///   {"t":<µs>,"s":"<the message as a JSON string>"}
/// so that every line stays one JSON object (jq, DuckDB) and every message comes back
/// byte-exact: the reader cuts `m` out of the line instead of parsing and re-serialising it.
class RecordingLineCodec
{
public:
    /// A longer line is reported as corrupted rather than read into memory.
    static constexpr qsizetype MaxLineBytes = 64 * 1024 * 1024;

    RecordingLineCodec();
    ~RecordingLineCodec();
    RecordingLineCodec(const RecordingLineCodec &) = delete;
    RecordingLineCodec &operator=(const RecordingLineCodec &) = delete;

    /// Appends the line for one message, line feed included.
    void appendLine(QByteArray *out, qint64 timeUs, const QByteArray &message);
    /// Reads one line (without its line feed); false with `reason` set when it is not a message
    /// line of this format.
    bool parseLine(const char *line, qsizetype size, qint64 *timeUs, QByteArray *message,
                   QString *reason);
    /// Whether `text` is one complete JSON value (and nothing else but whitespace).
    bool isValidJson(const char *text, qsizetype size);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace allium
