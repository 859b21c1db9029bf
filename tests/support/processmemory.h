// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace allium {

/// Resident memory (VmRSS from /proc) of process `pid`, or of this process when pid < 0; in KiB,
/// -1 when it cannot be read. For tests that bound memory and for benchmarks that report it.
qint64 vmRssKiB(qint64 pid = -1);

} // namespace allium
