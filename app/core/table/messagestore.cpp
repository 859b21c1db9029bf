// SPDX-License-Identifier: MIT
#include "core/table/messagestore.h"

#include <algorithm>

namespace allium {

MessageStore::MessageStore(int maxCount, qint64 maxBytes)
    : m_maxCount(std::max(1, maxCount))
    , m_maxBytes(std::max<qint64>(1, maxBytes))
{}

void MessageStore::setLimits(int maxCount, qint64 maxBytes)
{
    maxCount = std::max(1, maxCount);
    maxBytes = std::max<qint64>(1, maxBytes);
    if (maxCount != m_maxCount && m_ring.empty()) {
        m_maxCount = maxCount;
    } else if (maxCount != m_maxCount) {
        // Re-linearise into a ring of the new size; the oldest beyond the new count go.
        while (m_count > maxCount)
            evictOldest();
        std::vector<StreamMessage> ring(static_cast<std::size_t>(maxCount));
        std::vector<qint64> footprints(static_cast<std::size_t>(maxCount), 0);
        for (int i = 0; i < m_count; ++i) {
            const std::size_t slot = std::size_t((m_head + i) % m_maxCount);
            ring[std::size_t(i)] = std::move(m_ring[slot]);
            footprints[std::size_t(i)] = m_footprints[slot];
        }
        m_ring = std::move(ring);
        m_footprints = std::move(footprints);
        m_head = 0;
        m_maxCount = maxCount;
    }
    m_maxBytes = maxBytes;
    while (m_count > 0 && m_bytes > m_maxBytes)
        evictOldest();
}

void MessageStore::evictOldest()
{
    const std::size_t slot = std::size_t(m_head);
    m_bytes -= m_footprints[slot];
    m_ring[slot] = StreamMessage(); // release the JSON now, not when the slot is reused
    m_footprints[slot] = 0;
    m_head = (m_head + 1) % m_maxCount;
    --m_count;
    ++m_evictions;
}

void MessageStore::pushBack(const StreamMessage &message, qint64 footprint)
{
    // The slots are allocated once, on first use: a fixed ring never moves its messages.
    if (m_ring.empty()) {
        m_ring.resize(std::size_t(m_maxCount));
        m_footprints.assign(std::size_t(m_maxCount), 0);
    }
    const std::size_t slot = std::size_t((m_head + m_count) % m_maxCount);
    m_ring[slot] = message;
    m_footprints[slot] = footprint;
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
    return m_ring[std::size_t((m_head + index) % m_maxCount)];
}

void MessageStore::clear()
{
    m_ring.clear();
    m_footprints.clear();
    m_head = 0;
    m_count = 0;
    m_bytes = 0;
}

} // namespace allium
