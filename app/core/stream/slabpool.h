// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>

namespace allium {

/// The slabs that FrameParser copies messages' JSON into, one pool for the process (shared()),
/// used from every stream's network thread. A slab that no message refers to any
/// more is handed out again rather than freed: freed, its memory went back to the system (glibc
/// trims a heap once enough is free) and every new slab was page-faulted in again, a cost per
/// message where messages are kept a while and then evicted in order, as the store does.
class SlabPool
{
public:
    static constexpr qsizetype SlabBytes = 32 * 1024; ///< under glibc's 64 KiB trim trigger
    /// Slabs remembered (in use or free): 512 MiB at most, and only while messages or the
    /// stream hold them; beyond it the oldest are left to their messages. Twice a default
    /// MessageStore's 256 MiB: with less, a store full of large messages (blocks) held slabs
    /// the pool had forgotten, freed them to malloc as it evicted, and every new slab was fresh
    /// memory again (0.13 page faults per message in bench_ingest's pipelines).
    static constexpr std::size_t MaxSlabs = 16384;

    /// The process's pool (slabs outlive the stream that filled them: the store keeps them).
    static std::shared_ptr<SlabPool> shared()
    {
        static const std::shared_ptr<SlabPool> pool = std::make_shared<SlabPool>();
        return pool;
    }

    /// A slab of SlabBytes, not shared with any message.
    QByteArray take()
    {
        const std::lock_guard lock(m_mutex);
        // The oldest slab is the likeliest free; one a message still holds goes to the back of
        // the line (so a few long-lived messages hold up nothing).
        for (int look = 0; look < 2 && !m_slabs.empty(); ++look) {
            QByteArray oldest = std::move(m_slabs.front());
            m_slabs.pop_front();
            const bool free = !oldest.data_ptr()->isShared();
            m_slabs.push_back(oldest);
            if (free) {
                // Its last message let go in another thread: see what that thread wrote.
                std::atomic_thread_fence(std::memory_order_acquire);
                return oldest;
            }
        }
        QByteArray slab(SlabBytes, Qt::Uninitialized);
        m_slabs.push_back(slab);
        while (m_slabs.size() > MaxSlabs)
            m_slabs.pop_front();
        return slab;
    }

    /// Forgets the slabs no message holds any more, but `keep` of them, so that memory a
    /// cleared history held goes back to the system (up to MaxSlabs × SlabBytes otherwise).
    void releaseIdle(std::size_t keep = 64)
    {
        std::deque<QByteArray> idle; // freed outside the lock
        {
            const std::lock_guard lock(m_mutex);
            std::deque<QByteArray> kept;
            for (QByteArray &slab : m_slabs) {
                const bool held = slab.data_ptr()->isShared();
                if (held || keep > 0) {
                    keep -= held ? 0 : 1;
                    kept.push_back(std::move(slab));
                } else {
                    idle.push_back(std::move(slab));
                }
            }
            m_slabs.swap(kept);
        }
    }

    std::size_t size() const
    {
        const std::lock_guard lock(m_mutex);
        return m_slabs.size();
    }

private:
    mutable std::mutex m_mutex;
    std::deque<QByteArray> m_slabs;
};

} // namespace allium
