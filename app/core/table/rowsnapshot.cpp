// SPDX-License-Identifier: MIT
#include "core/table/rowsnapshot.h"

#include <algorithm>

namespace allium {

RowSnapshot::RowSnapshot(std::vector<std::shared_ptr<const Chunk>> chunks, qint64 skip,
                         qint64 count)
    : m_chunks(std::move(chunks))
    , m_skip(skip)
    , m_count(count)
{}

RowSnapshot RowSnapshot::fromRows(const QVector<QByteArray> &rows)
{
    std::vector<std::shared_ptr<const Chunk>> chunks;
    for (qsizetype at = 0; at < rows.size(); at += ChunkRows) {
        auto chunk = std::make_shared<Chunk>();
        const qsizetype end = std::min<qsizetype>(rows.size(), at + ChunkRows);
        chunk->reserve(std::size_t(end - at));
        for (qsizetype i = at; i < end; ++i)
            chunk->push_back(rows.at(i));
        chunks.push_back(std::move(chunk));
    }
    return RowSnapshot(std::move(chunks), 0, rows.size());
}

const QByteArray &RowSnapshot::unorderedAt(qint64 index) const
{
    const qint64 global = m_skip + index;
    const Chunk &chunk = *m_chunks[std::size_t(global / ChunkRows)];
    return chunk[std::size_t(global % ChunkRows)];
}

const QByteArray &RowSnapshot::at(qint64 index) const
{
    return unorderedAt(m_order ? (*m_order)[std::size_t(index)] : index);
}

RowSnapshot RowSnapshot::reordered(std::vector<qint64> positions) const
{
    RowSnapshot snapshot(m_chunks, m_skip, m_count);
    if (m_order) {
        for (qint64 &position : positions)
            position = (*m_order)[std::size_t(position)];
    }
    snapshot.m_order = std::make_shared<const std::vector<qint64>>(std::move(positions));
    return snapshot;
}

} // namespace allium
