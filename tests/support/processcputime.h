// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace allium {

/// CPU time (user + system) in microseconds of the process or thread whose /proc stat file is
/// `statPath` (/proc/<pid>/stat, /proc/self/task/<tid>/stat); -1 when it cannot be read. Counted
/// in clock ticks, so only good to about 10 ms: for benchmarks that report it.
double statCpuMicroseconds(const QString &statPath);

/// CPU time (user + system) in microseconds from getrusage(`who`): RUSAGE_SELF (every thread of
/// this process), RUSAGE_THREAD (the calling thread) or RUSAGE_CHILDREN (children waited for).
qint64 rusageCpuMicroseconds(int who);

} // namespace allium
