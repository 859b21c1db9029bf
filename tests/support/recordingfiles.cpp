// SPDX-License-Identifier: MIT
#include "support/recordingfiles.h"

#include "core/record/recordingheader.h"
#include "core/record/recordinglinecodec.h"

#include <QFile>

namespace allium::testing {

QVector<RecordingLine> syntheticLines(int count, qint64 startUs, qint64 spacingUs)
{
    QVector<RecordingLine> lines;
    lines.reserve(count);
    for (int i = 0; i < count; ++i) {
        const QByteArray json =
            QByteArrayLiteral("{\"number\":") + QByteArray::number(i) +
            QByteArrayLiteral(",\"miner\":\"0x") + QByteArray(1 + i % 7, char('a' + i % 6)) +
            QByteArrayLiteral("\",\"gas_used\":") + QByteArray::number(1000 + (i * 37) % 500) + '}';
        lines.append({startUs + i * spacingUs, json});
    }
    return lines;
}

bool writeRecording(const QString &path, const QString &topic, const QVector<RecordingLine> &lines,
                    const QByteArray &tail)
{
    RecordingHeader header;
    header.topic = topic;
    header.app = QStringLiteral("test");
    header.startedUs = lines.isEmpty() ? 1 : lines.first().timeUs;
    QByteArray content = header.toLine() + '\n';
    RecordingLineCodec codec;
    for (const RecordingLine &line : lines)
        codec.appendLine(&content, line.timeUs, line.json);
    content += tail;
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

bool writeNewerVersionRecording(const QString &path)
{
    const QByteArray header = QByteArrayLiteral("{\"format\":\"allium-recording\",\"version\":") +
                              QByteArray::number(RecordingHeader::CurrentVersion + 1) +
                              QByteArrayLiteral(",\"topic\":\"ethereum.blocks\"}\n");
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(header) == header.size();
}

} // namespace allium::testing
