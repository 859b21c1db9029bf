// SPDX-License-Identifier: MIT
#pragma once

#include <QUrl>

QT_BEGIN_NAMESPACE
class QProcess;
QT_END_NAMESPACE

namespace allium {

/// Starts allium-emulator --firehose N --port 0 in `process` and returns its base URL, read from
/// the line it prints once listening (empty on failure). For the benchmarks that measure a
/// client against an emulator in its own process.
QUrl startFirehoseEmulator(QProcess *process, qint64 firehose);

} // namespace allium
