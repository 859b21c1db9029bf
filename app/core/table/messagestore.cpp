// SPDX-License-Identifier: MIT
#include "core/table/messagestore.h"

#include <QThreadPool>

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
        std::vector<StreamMessage> ring;
        std::vector<qint64> footprints;
        ring.reserve(std::size_t(m_count));
        footprints.reserve(std::size_t(m_count));
        for (int i = 0; i < m_count; ++i) {
            const std::size_t slot = std::size_t((m_head + i) % int(m_ring.size()));
            ring.push_back(std::move(m_ring[slot]));
            footprints.push_back(m_footprints[slot]);
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
    m_head = (m_head + 1) % int(m_ring.size());
    --m_count;
    ++m_evictions;
}

void MessageStore::pushBack(const StreamMessage &message, qint64 footprint)
{
    if (std::size_t(m_count) == m_ring.size()) {
        // Full at its current size (and below the bound): grow. Slots are not allocated for the
        // whole bound up front: 1,000,000 empty messages took the GUI thread ~100 ms to make
        // on the first message or pause, and held 72 MB for a history that may stay small.
        if (m_head != 0) {
            std::rotate(m_ring.begin(), m_ring.begin() + m_head, m_ring.end());
            std::rotate(m_footprints.begin(), m_footprints.begin() + m_head, m_footprints.end());
            m_head = 0;
        }
        if (m_ring.size() == m_ring.capacity()) {
            const std::size_t capacity = std::min(
                std::max<std::size_t>(1024, m_ring.capacity() * 2), std::size_t(m_maxCount));
            m_ring.reserve(capacity);
            m_footprints.reserve(capacity);
        }
        m_ring.push_back(message);
        m_footprints.push_back(footprint);
    } else {
        const std::size_t slot = std::size_t((m_head + m_count) % int(m_ring.size()));
        m_ring[slot] = message;
        m_footprints[slot] = footprint;
    }
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
    return m_ring[std::size_t((m_head + index) % int(m_ring.size()))];
}

void MessageStore::clear()
{
    if (m_count >= BackgroundReleaseCount) {
        // Freeing a million messages takes the calling (GUI) thread ~100 ms: a worker does it.
        auto doomed = std::make_shared<std::vector<StreamMessage>>(std::move(m_ring));
        QThreadPool::globalInstance()->start([doomed] { *doomed = {}; });
    }
    m_ring = {};
    m_footprints = {};
    m_head = 0;
    m_count = 0;
    m_bytes = 0;
}

} // namespace allium
