// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <atomic>

namespace allium {

/// What the ingest worker has handed over and its consumer has not taken yet, shared by both
/// threads. The worker hands over no more once either bound is reached (and then drops), so a
/// stalled consumer costs bounded memory whatever the size of the messages.
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
};

} // namespace allium
