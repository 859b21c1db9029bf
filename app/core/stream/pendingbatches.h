// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace allium {

/// What the ingest worker has handed over and its consumer has not taken yet, shared by both
/// threads. The worker hands over no more once either bound is reached (and then drops, or
/// waits in waitForRoom()), so a stalled consumer costs bounded memory whatever the size of the
/// messages.
struct PendingBatches
{
    std::atomic<int> batches{0};
    std::atomic<qint64> bytes{0};

    void handedOver(qint64 batchBytes)
    {
        bytes.fetch_add(batchBytes, std::memory_order_acq_rel);
        batches.fetch_add(1, std::memory_order_acq_rel);
    }
    void taken(qint64 batchBytes)
    {
        batches.fetch_sub(1, std::memory_order_acq_rel);
        bytes.fetch_sub(batchBytes, std::memory_order_acq_rel);
        // Under the mutex, so that a waiter between its check and its wait cannot miss it.
        {
            const std::lock_guard lock(m_mutex);
        }
        m_roomMade.notify_all();
    }
    /// Whether a batch of batchBytes may be handed over now. One batch always may when nothing
    /// is pending, so a single message larger than the byte bound still gets through.
    bool hasRoomFor(qint64 batchBytes, int maxBatches, qint64 maxBytes) const
    {
        if (batches.load(std::memory_order_acquire) >= maxBatches)
            return false;
        const qint64 pendingBytes = bytes.load(std::memory_order_acquire);
        return pendingBytes == 0 || pendingBytes + batchBytes <= maxBytes;
    }
    /// Blocks the calling (worker) thread until hasRoomFor() holds; false when interrupt() ended
    /// the wait (or had been called before it) instead.
    bool waitForRoom(qint64 batchBytes, int maxBatches, qint64 maxBytes)
    {
        std::unique_lock lock(m_mutex);
        m_roomMade.wait(
            lock, [&] { return m_interrupted || hasRoomFor(batchBytes, maxBatches, maxBytes); });
        return !m_interrupted;
    }
    /// Ends any wait in waitForRoom(), and makes later ones return at once until resume(): the
    /// consumer is going away or closing, so shutdown never waits on a consumer that stopped.
    void interrupt()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_interrupted = true;
        }
        m_roomMade.notify_all();
    }
    void resume()
    {
        const std::lock_guard lock(m_mutex);
        m_interrupted = false;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_roomMade;
    bool m_interrupted = false;
};

} // namespace allium
