// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

namespace allium::testing {

/// One message of a recording written by a test: its receive time and its text.
struct RecordingLine
{
    qint64 timeUs = 0;
    QByteArray json;
};

/// `count` messages of `topic`, `spacingUs` apart from `startUs`, each a small block-like
/// object with "number" = its index (and padding to vary the sizes).
QVector<RecordingLine> syntheticLines(int count, qint64 startUs, qint64 spacingUs);

/// Writes a recording of `topic` holding `lines` (header first, as RecordingWriter writes it),
/// then `tail` as is (a cut-off or corrupted ending). False when the file cannot be written.
bool writeRecording(const QString &path, const QString &topic, const QVector<RecordingLine> &lines,
                    const QByteArray &tail = {});

/// Writes the header of a recording of a format version newer than this build reads.
bool writeNewerVersionRecording(const QString &path);

} // namespace allium::testing
