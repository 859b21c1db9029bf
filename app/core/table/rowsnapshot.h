// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QVector>

#include <memory>
#include <vector>

namespace allium {

/// An immutable view of many rows' raw JSON that another thread may read while the table goes
/// on: rows live in shared chunks of ChunkRows, so taking a snapshot of a million rows copies a
/// few hundred pointers instead of touching every row (which took ~200 ms on the GUI thread).
/// Optionally in an order of its own (a sorted or filtered table).
class RowSnapshot
{
public:
    static constexpr int ChunkRows = 4096;
    using Chunk = std::vector<QByteArray>;

    RowSnapshot() = default;
    /// Rows `skip`, `skip` + 1, … of the chunks' rows taken one after another, `count` of them.
    RowSnapshot(std::vector<std::shared_ptr<const Chunk>> chunks, qint64 skip, qint64 count);
    /// A snapshot of plain rows (copies them: for small sets and tests).
    static RowSnapshot fromRows(const QVector<QByteArray> &rows);

    qint64 size() const { return m_order ? qint64(m_order->size()) : m_count; }
    bool isEmpty() const { return size() == 0; }
    /// Row `index` (in this snapshot's order).
    const QByteArray &at(qint64 index) const;
    /// The same rows in another order or a subset: positions into this snapshot's rows (in
    /// their unordered sequence).
    RowSnapshot reordered(std::vector<qint64> positions) const;

private:
    const QByteArray &unorderedAt(qint64 index) const;

    std::vector<std::shared_ptr<const Chunk>> m_chunks;
    qint64 m_skip = 0;
    qint64 m_count = 0;
    std::shared_ptr<const std::vector<qint64>> m_order;
};

} // namespace allium
