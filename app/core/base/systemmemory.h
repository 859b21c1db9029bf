// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace allium {

/// The machine's memory, as far as limits and clean-ups need it.
class SystemMemory
{
public:
    /// Physical memory in bytes; 0 when it cannot be told.
    static qint64 physicalBytes();
    /// Hands memory that was freed (e.g. a large history cleared) back to the system: glibc
    /// keeps freed small blocks in its heaps and the process stays as large as it was. A no-op
    /// elsewhere. Costs a few ms for a large heap: call after big releases, not routinely.
    static void releaseFreedMemory();
};

} // namespace allium
