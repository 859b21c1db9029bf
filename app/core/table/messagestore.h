// SPDX-License-Identifier: MIT
#pragma once

#include "core/stream/messagebatch.h"
#include "core/stream/streammessage.h"

#include <array>
#include <memory>
#include <vector>

namespace allium {

/// The most recent messages of a stream in a ring bounded by count AND bytes (whichever is hit
/// first evicts the oldest). Shared by the GUI table and the CLI; used from one thread.
class MessageStore
{
public:
    static constexpr int DefaultMaxCount = 100000;
    static constexpr qint64 DefaultMaxBytes = 256ll * 1024 * 1024;
    /// clear() hands at least this many messages to a worker thread to free.
    static constexpr int BackgroundReleaseCount = 20000;

    explicit MessageStore(int maxCount = DefaultMaxCount, qint64 maxBytes = DefaultMaxBytes);

    /// New bounds; evicts the oldest at once when the store holds more.
    void setLimits(int maxCount, qint64 maxBytes);
    int capacity() const { return m_maxCount; }
    qint64 byteCapacity() const { return m_maxBytes; }

    /// Appends, evicting the oldest as needed. A single message larger than the byte bound is
    /// refused and counted as a drop. Returns the number of messages evicted.
    int append(const StreamMessage &message);
    int append(const QVector<StreamMessage> &messages);
    int append(const MessageBatch &batch) { return append(batch.messages); }

    int size() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    qint64 bytes() const { return m_bytes; }
    /// 0 is the oldest message held, size() - 1 the newest.
    const StreamMessage &at(int index) const;
    const StreamMessage &newest() const { return at(m_count - 1); }

    quint64 evictions() const { return m_evictions; }
    quint64 drops() const { return m_drops; }
    /// Messages ever accepted; with size() tells a view how far its rows shifted.
    quint64 totalAppended() const { return m_totalAppended; }

    /// Removes up to `count` of the oldest messages and returns them, oldest first. They are
    /// handed on, not evicted: the eviction counter stays.
    QVector<StreamMessage> takeOldest(int count);

    /// Evicts the oldest until at most `maxBytes` are held (a shared memory budget asks for
    /// room); the bounds stay. Returns the number evicted.
    int trimToBytes(qint64 maxBytes);

    /// Removes every message (freed on a worker when there are many); the counters stay.
    void clear();

private:
    struct Slot
    {
        StreamMessage message;
        qint64 footprint = 0;
    };
    // The ring lives in fixed chunks, so growing it adds a chunk instead of moving every
    // message into a twice larger array (a 40 MB move and ~0.3 s on the GUI thread on the way to
    // a million messages).
    static constexpr int ChunkShift = 12;
    static constexpr int ChunkSize = 1 << ChunkShift;
    using Chunk = std::array<Slot, ChunkSize>;
    using Chunks = std::vector<std::unique_ptr<Chunk>>;

    Slot &slot(int ringIndex) const
    {
        return (*m_chunks[std::size_t(ringIndex >> ChunkShift)])[std::size_t(ringIndex &
                                                                             (ChunkSize - 1))];
    }
    int ringIndex(int index) const { return (m_head + index) % m_ringSize; }
    void evictOldest();
    void pushBack(const StreamMessage &message, qint64 footprint);
    /// Moves the held messages, oldest first, into a ring of at least `slotCount` slots.
    void relinearise(int slotCount);

    Chunks m_chunks;
    int m_ringSize = 0; // slots in use by the ring: at most chunks × ChunkSize, at most the bound
    int m_head = 0;     // ring index of the oldest message
    int m_count = 0;
    qint64 m_bytes = 0;
    int m_maxCount;
    qint64 m_maxBytes;
    quint64 m_evictions = 0;
    quint64 m_drops = 0;
    quint64 m_totalAppended = 0;
};

} // namespace allium
