// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

#include <algorithm>
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
    /// Slabs take() looks at, from the oldest, for a free one before it makes a new one.
    static constexpr std::size_t MaxLooks = 8;

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
        // The slabs stay in the order they were handed out, as a store evicts its messages:
        // the oldest is the likeliest free. When it is held, the pool is smaller than what the
        // messages kept need (a store filling up) and a new slab goes to the back, leaving the
        // order alone; had held slabs gone to the back instead, the freed ones would lie
        // scattered where two looks rarely found them, and the pool grew to twice a full
        // store's slabs, each one fresh memory. Held slabs in front of a free one are held
        // longer than the store keeps messages (a message kept elsewhere): they go to the back,
        // out of the way.
        const std::size_t looks = std::min(m_slabs.size(), MaxLooks);
        for (std::size_t look = 0; look < looks; ++look) {
            if (m_slabs[look].data_ptr()->isShared())
                continue;
            for (std::size_t held = 0; held < look; ++held) {
                m_slabs.push_back(std::move(m_slabs.front()));
                m_slabs.pop_front();
            }
            QByteArray free = std::move(m_slabs.front());
            m_slabs.pop_front();
            m_slabs.push_back(free);
            // Its last message let go in another thread: see what that thread wrote.
            std::atomic_thread_fence(std::memory_order_acquire);
            return free;
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
