// SPDX-License-Identifier: MIT
// Fuzzes what a recording file holds (anyone can hand one over): the header line, the message
// lines, and the reader over a whole file, plain or zstd (told by its first bytes). What reads is
// written again and reads back the same.
#include "core/record/recordingheader.h"
#include "core/record/recordinglinecodec.h"
#include "core/record/recordingreader.h"
#include "fuzzsupport.h"

#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

using namespace allium;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = fuzz::bytesOf(data, size);
    static RecordingLineCodec codec;

    // The header parser: what it accepts is written and read back the same.
    const RecordingHeader::ParseResult header = RecordingHeader::parse(bytes);
    fuzz::require(header.ok() == header.error.isEmpty(), "a refused header says why");
    if (header.ok()) {
        const RecordingHeader::ParseResult again = RecordingHeader::parse(header.header.toLine());
        fuzz::require(again.ok() && again.header == header.header, "a header round-trips");
    }

    // The line parser, and the line writer on what it read.
    qint64 timeUs = 0;
    QByteArray message;
    QString reason;
    if (codec.parseLine(bytes.constData(), bytes.size(), &timeUs, &message, &reason)) {
        QByteArray line;
        codec.appendLine(&line, timeUs, message);
        qint64 timeAgain = 0;
        QByteArray messageAgain;
        fuzz::require(
            codec.parseLine(line.constData(), line.size() - 1, &timeAgain, &messageAgain, &reason),
            "a written line reads");
        fuzz::require(timeAgain == timeUs && messageAgain == message, "a line round-trips");
    } else {
        fuzz::require(!reason.isEmpty(), "a refused line says why");
    }

    // The reader over the input as a whole file.
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("input"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        file.write(bytes);
    }
    RecordingReader reader;
    if (!reader.open(path)) {
        fuzz::require(!reader.errorString().isEmpty(), "a refused file says why");
        return 0;
    }
    RecordedMessage read;
    qint64 count = 0;
    while (reader.readNext(&read)) {
        fuzz::require(read.index == count, "messages are numbered in order");
        ++count;
    }
    fuzz::require(reader.problem().isNull() || reader.problem().line >= 2,
                  "a bad line is a message line");
    reader.waitForIndex();
    fuzz::require(reader.indexedMessages() == count, "the index counts what reads");
    if (count > 0) {
        fuzz::require(reader.seekToMessage(count - 1), "the last message can be sought");
        fuzz::require(reader.readNext(&read) && read.index == count - 1, "and read again");
    }
    return 0;
}
