// SPDX-License-Identifier: MIT
#pragma once

#include <sys/resource.h>

namespace allium::testing {

/// While it lives, the process may write files of at most `bytes` (RLIMIT_FSIZE): write(2) then
/// fails with EFBIG, as ENOSPC would on a full disk, and SIGXFSZ is ignored so that the failure
/// is reported rather than killing the test. The previous limit and handler come back after.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes);
    ~FileSizeLimit();
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;

    /// False when the limit could not be set.
    bool isActive() const { return m_active; }

private:
    rlimit m_previous{};
    void (*m_previousHandler)(int) = nullptr;
    bool m_active = false;
};

} // namespace allium::testing
