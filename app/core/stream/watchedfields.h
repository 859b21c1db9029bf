// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

#include <atomic>
#include <mutex>

namespace allium {

/// The dot paths whose values fill StreamMessage::extracted, shared by the ingest worker (which
/// sets them) and the FrameParser of each connection attempt (which reads them on the
/// transport's network thread). A parser looks at version() per frame and copies the paths only
/// when it moved.
class WatchedFields
{
public:
    void set(const QStringList &paths)
    {
        const std::lock_guard lock(m_mutex);
        m_paths = paths;
        m_version.fetch_add(1, std::memory_order_release);
    }
    QStringList paths() const
    {
        const std::lock_guard lock(m_mutex);
        return m_paths;
    }
    quint64 version() const { return m_version.load(std::memory_order_acquire); }

private:
    mutable std::mutex m_mutex;
    QStringList m_paths;
    std::atomic<quint64> m_version{0};
};

} // namespace allium
