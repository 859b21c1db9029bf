// SPDX-License-Identifier: MIT
#include "core/table/messagestore.h"

#include "core/base/backgroundwork.h"

#include <algorithm>
#include <memory>

namespace allium {

MessageStore::MessageStore(int maxCount, qint64 maxBytes)
    : m_maxCount(std::max(1, maxCount))
    , m_maxBytes(std::max<qint64>(1, maxBytes))
{}

void MessageStore::setLimits(int maxCount, qint64 maxBytes)
{
    maxCount = std::max(1, maxCount);
    maxBytes = std::max<qint64>(1, maxBytes);
    if (maxCount != m_maxCount) {
        // Re-linearise into a ring just large enough for what is kept; it grows as needed.
        while (m_count > maxCount)
            evictOldest();
        m_maxCount = maxCount;
        relinearise(m_count);
    }
    m_maxBytes = maxBytes;
    while (m_count > 0 && m_bytes > m_maxBytes)
        evictOldest();
}

int MessageStore::trimToBytes(qint64 maxBytes)
{
    const quint64 before = m_evictions;
    while (m_count > 0 && m_bytes > std::max<qint64>(0, maxBytes))
        evictOldest();
    return int(m_evictions - before);
}

void MessageStore::relinearise(int slotCount)
{
    Chunks chunks;
    const auto chunkCount = std::size_t((slotCount + ChunkSize - 1) / ChunkSize);
    chunks.reserve(chunkCount);
    for (std::size_t i = 0; i < chunkCount; ++i)
        chunks.push_back(std::make_unique<Chunk>());
    for (int i = 0; i < m_count; ++i) {
        Slot &from = slot(ringIndex(i));
        (*chunks[std::size_t(i >> ChunkShift)])[std::size_t(i & (ChunkSize - 1))] = std::move(from);
    }
    m_chunks = std::move(chunks);
    m_ringSize = slotCount;
    m_head = 0;
}

void MessageStore::evictOldest()
{
    Slot &oldest = slot(m_head);
    m_bytes -= oldest.footprint;
    oldest = Slot(); // release the JSON now, not when the slot is reused
    m_head = (m_head + 1) % m_ringSize;
    --m_count;
    ++m_evictions;
}

void MessageStore::pushBack(const StreamMessage &message, qint64 footprint)
{
    if (m_count == m_ringSize) {
        // Full at its current size (and below the bound): grow. Slots are not allocated for the
        // whole bound up front: 1,000,000 empty messages took the GUI thread ~100 ms to make
        // on the first message or pause, and held 72 MB for a history that may stay small.
        const int grown = std::min(m_ringSize + ChunkSize, m_maxCount);
        if (m_head != 0 && grown == m_ringSize + ChunkSize && m_ringSize % ChunkSize == 0) {
            // Wrapped: the workspace's memory budget trims from the front while the bounds are
            // far away, so this is common. A new chunk goes in after the head's chunk and only
            // the oldest part of that chunk moves into it (at most ChunkSize messages), not the
            // whole history (576k messages took ~0.3 s on the GUI thread).
            const auto headChunk = std::size_t(m_head >> ChunkShift);
            const auto offset = std::size_t(m_head & (ChunkSize - 1));
            auto fresh = std::make_unique<Chunk>();
            Chunk &old = *m_chunks[headChunk];
            for (std::size_t i = offset; i < std::size_t(ChunkSize); ++i) {
                (*fresh)[i] = std::move(old[i]);
                old[i] = Slot();
            }
            m_chunks.insert(m_chunks.begin() + std::ptrdiff_t(headChunk + 1), std::move(fresh));
            m_ringSize = grown;
            m_head += ChunkSize;
        } else if (m_head != 0) {
            // Wrapped at a size that is not whole chunks (after new limits): moved once, into a
            // ring of whole chunks that then grows as above.
            relinearise(std::min((grown + ChunkSize - 1) / ChunkSize * ChunkSize, m_maxCount));
        } else {
            if (std::size_t(grown) > m_chunks.size() * std::size_t(ChunkSize))
                m_chunks.push_back(std::make_unique<Chunk>());
            m_ringSize = grown;
        }
    }
    Slot &free = slot(ringIndex(m_count));
    free.message = message;
    free.footprint = footprint;
    ++m_count;
    m_bytes += footprint;
    ++m_totalAppended;
}

int MessageStore::append(const StreamMessage &message)
{
    const qint64 footprint = message.footprintBytes();
    if (footprint > m_maxBytes) {
        ++m_drops;
        return 0;
    }
    int evicted = 0;
    while (m_count > 0 && (m_count >= m_maxCount || m_bytes + footprint > m_maxBytes)) {
        evictOldest();
        ++evicted;
    }
    pushBack(message, footprint);
    return evicted;
}

int MessageStore::append(const QVector<StreamMessage> &messages)
{
    int evicted = 0;
    for (const StreamMessage &message : messages)
        evicted += append(message);
    return evicted;
}

const StreamMessage &MessageStore::at(int index) const
{
    Q_ASSERT(index >= 0 && index < m_count);
    return slot(ringIndex(index)).message;
}

QVector<StreamMessage> MessageStore::takeOldest(int count)
{
    QVector<StreamMessage> taken;
    taken.reserve(std::clamp(count, 0, m_count));
    while (taken.size() < count && m_count > 0) {
        Slot &oldest = slot(m_head);
        m_bytes -= oldest.footprint;
        taken.append(std::move(oldest.message));
        oldest = Slot();
        m_head = (m_head + 1) % m_ringSize;
        --m_count;
    }
    return taken;
}

void MessageStore::clear()
{
    // Freeing a million messages takes the calling (GUI) thread ~100 ms: a worker does it.
    if (m_count >= BackgroundReleaseCount)
        BackgroundWork::release(std::move(m_chunks));
    m_chunks = Chunks();
    m_ringSize = 0;
    m_head = 0;
    m_count = 0;
    m_bytes = 0;
}

} // namespace allium
