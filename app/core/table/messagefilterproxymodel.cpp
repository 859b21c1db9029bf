// SPDX-License-Identifier: MIT
#include "core/table/messagefilterproxymodel.h"

#include "core/base/backgroundwork.h"
#include "core/table/messagetablemodel.h"
#include "core/table/rawjsonscanner.h"
#include "core/table/rowsortkey.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QThreadPool>

#include <algorithm>
#include <numeric>

namespace allium {

namespace {

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// The rows a search or sort looks at: row i has id firstId + i.
struct Snapshot
{
    quint64 firstId = 0;
    RowSnapshot rows;
};

// Checked every this many rows, so a superseded search stops soon.
constexpr std::size_t CancelCheckEvery = 2048;

} // namespace

struct MessageFilterProxyModel::Result
{
    quint64 generation = 0;
    Criteria criteria;
    std::deque<quint64> ids; // in display order
    quint64 nextId = 0;      // the first id the snapshot did not hold
    quint64 evaluated = 0;
};

namespace {

// Selects and orders the snapshot's rows; false when `cancelled` said so on the way.
template <typename Cancelled>
bool compute(const Snapshot &snapshot, const MessageFilterProxyModel::Criteria &criteria,
             std::deque<quint64> *ids, quint64 *evaluated, Cancelled cancelled)
{
    const std::size_t count = std::size_t(snapshot.rows.size());
    std::vector<quint32> chosen;
    chosen.reserve(criteria.filters() ? count / 8 : count);
    for (std::size_t i = 0; i < count; ++i) {
        if (i % CancelCheckEvery == 0 && cancelled())
            return false;
        if (!criteria.filters() || criteria.accepts(snapshot.rows.at(qint64(i))))
            chosen.push_back(quint32(i));
    }
    *evaluated = criteria.filters() ? quint64(count) : 0;
    if (criteria.sortPath.isEmpty()) {
        for (const quint32 i : chosen)
            ids->push_back(snapshot.firstId + i);
        return true;
    }
    // Keys point into the snapshot's JSON, which outlives them.
    const RawJsonScanner scanner(criteria.sortPath);
    std::vector<RowSortKey> keys(chosen.size());
    for (std::size_t k = 0; k < chosen.size(); ++k) {
        if (k % CancelCheckEvery == 0 && cancelled())
            return false;
        keys[k] = RowSortKey::fromRawValue(scanner.valueAt(snapshot.rows.at(chosen[k])));
    }
    if (cancelled())
        return false;
    std::vector<quint32> order(chosen.size());
    std::iota(order.begin(), order.end(), 0u);
    const bool ascending = criteria.sortOrder == Qt::AscendingOrder;
    // Stable: equal values keep their arrival order.
    std::stable_sort(order.begin(), order.end(), [&keys, ascending](quint32 a, quint32 b) {
        return RowSortKey::before(keys[a], keys[b], ascending);
    });
    for (const quint32 k : order)
        ids->push_back(snapshot.firstId + chosen[k]);
    return true;
}

} // namespace

bool MessageFilterProxyModel::Criteria::accepts(const QByteArray &json) const
{
    if (!needle.isEmpty()) {
        if (needleIsAscii ? !containsIgnoringCase(json, needle)
                          : !QString::fromUtf8(json).contains(text, Qt::CaseInsensitive))
            return false;
    }
    // Parsed here rather than through the table's row cache, which holds the visible rows.
    if (!filter.isEmpty() && !filter.matches(QJsonDocument::fromJson(json).object()))
        return false;
    return true;
}

MessageFilterProxyModel::MessageFilterProxyModel(QObject *parent)
    : QAbstractProxyModel(parent)
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    // One search at a time: a newer one cancels the older, which then ends within a few ms.
    m_pool.setMaxThreadCount(1);
}

MessageFilterProxyModel::~MessageFilterProxyModel()
{
    m_latest->store(~quint64(0));
    m_pool.waitForDone();
}

void MessageFilterProxyModel::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    for (const QMetaObject::Connection &connection : qAsConst(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    QAbstractProxyModel::setSourceModel(source);
    m_table = qobject_cast<MessageTableModel *>(source);
    m_mapped = false;
    m_ids.clear();
    mirrorRebuild();
    if (source) {
        auto &c = m_sourceConnections;
        using M = QAbstractItemModel;
        using P = MessageFilterProxyModel;
        c << connect(source, &M::rowsAboutToBeInserted, this, &P::sourceRowsAboutToBeInserted);
        c << connect(source, &M::rowsInserted, this, &P::sourceRowsInserted);
        c << connect(source, &M::rowsAboutToBeRemoved, this, &P::sourceRowsAboutToBeRemoved);
        c << connect(source, &M::rowsRemoved, this, &P::sourceRowsRemoved);
        c << connect(source, &M::columnsAboutToBeInserted, this,
                     [this](const QModelIndex &, int first, int last) {
                         beginInsertColumns({}, first, last);
                     });
        c << connect(source, &M::columnsInserted, this, [this] { endInsertColumns(); });
        c << connect(source, &M::columnsAboutToBeRemoved, this,
                     [this](const QModelIndex &, int first, int last) {
                         beginRemoveColumns({}, first, last);
                     });
        c << connect(source, &M::columnsRemoved, this, [this] { endRemoveColumns(); });
        c << connect(source, &M::headerDataChanged, this, &P::headerDataChanged);
        c << connect(source, &M::dataChanged, this,
                     [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                         if (rowCount() > 0)
                             emit dataChanged(index(0, topLeft.column()),
                                              index(rowCount() - 1, bottomRight.column()));
                     });
        const auto aboutToReset = [this] { beginResetModel(); };
        const auto reset = [this] {
            ++m_generation;
            m_latest->store(m_generation);
            m_mapped = false;
            m_ids.clear();
            resyncFirstId();
            mirrorRebuild();
            endResetModel();
            setBusy(false);
            if (isFiltering() || isSorted())
                restart();
        };
        c << connect(source, &M::modelAboutToBeReset, this, aboutToReset);
        c << connect(source, &M::modelReset, this, reset);
        c << connect(source, &M::layoutAboutToBeChanged, this, aboutToReset);
        c << connect(source, &M::layoutChanged, this, reset);
    }
    resyncFirstId();
    endResetModel();
    if (source && (isFiltering() || isSorted()))
        restart();
}

void MessageFilterProxyModel::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    const bool wasFiltering = isFiltering();
    m_searchText = text;
    restart();
    if (wasFiltering != isFiltering())
        emit filteringChanged(isFiltering());
}

void MessageFilterProxyModel::setRowFilter(const Filter &filter)
{
    if (filter == m_filter)
        return;
    const bool wasFiltering = isFiltering();
    m_filter = filter;
    restart();
    if (wasFiltering != isFiltering())
        emit filteringChanged(isFiltering());
}

bool MessageFilterProxyModel::isFiltering() const
{
    return !m_searchText.isEmpty() || !m_filter.isEmpty();
}

int MessageFilterProxyModel::sortColumn() const
{
    if (m_sortPath.isEmpty() || !sourceModel())
        return -1;
    for (int column = 0; column < sourceModel()->columnCount(); ++column) {
        if (sourceModel()->headerData(column, Qt::Horizontal, MessageTableModel::PathRole) ==
            m_sortPath)
            return column;
    }
    return -1;
}

void MessageFilterProxyModel::sort(int column, Qt::SortOrder order)
{
    QString path;
    if (sourceModel() && column >= 0 && column < sourceModel()->columnCount())
        path = sourceModel()
                   ->headerData(column, Qt::Horizontal, MessageTableModel::PathRole)
                   .toString();
    if (path == m_sortPath && (path.isEmpty() || order == m_sortOrder))
        return;
    m_sortPath = path;
    m_sortOrder = order;
    restart();
    emit sortChanged();
}

int MessageFilterProxyModel::cachedResultCount() const
{
    return isFiltering() && sourceModel() ? sourceModel()->rowCount() : 0;
}

QByteArray MessageFilterProxyModel::sourceJson(int sourceRow) const
{
    if (m_table)
        return m_table->message(sourceRow).json;
    return sourceModel()->index(sourceRow, 0).data(MessageTableModel::RawJsonRole).toByteArray();
}

quint64 MessageFilterProxyModel::sourceRowId(int sourceRow) const
{
    if (m_table)
        return m_table->rowId(sourceRow);
    return sourceModel()->index(sourceRow, 0).data(MessageTableModel::RowIdRole).toULongLong();
}

void MessageFilterProxyModel::resyncFirstId()
{
    if (sourceModel() && sourceModel()->rowCount() > 0)
        m_firstId = sourceRowId(0);
}

void MessageFilterProxyModel::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

// A new search or sort: small histories at once, large ones on the worker over a snapshot.
void MessageFilterProxyModel::restart()
{
    ++m_generation;
    m_latest->store(m_generation);

    Criteria criteria;
    criteria.text = m_searchText;
    criteria.needle = m_searchText.toLower().toUtf8();
    criteria.needleIsAscii = std::none_of(criteria.needle.cbegin(), criteria.needle.cend(),
                                          [](char c) { return uchar(c) >= 0x80; });
    criteria.filter = m_filter;
    criteria.sortPath = m_sortPath;
    criteria.sortOrder = m_sortOrder;

    if (!sourceModel() || (!criteria.filters() && criteria.sortPath.isEmpty())) {
        m_evaluations = 0;
        m_shown = criteria;
        setBusy(false);
        if (m_mapped)
            replaceRows({}, true);
        return;
    }

    auto snapshot = std::make_shared<Snapshot>();
    snapshot->firstId = m_firstId;
    snapshot->rows = sourceRows();
    const int rows = int(snapshot->rows.size());
    const qint64 bytes = m_mirrorBytes;

    auto result = std::make_shared<Result>();
    result->generation = m_generation;
    result->criteria = criteria;
    result->nextId = snapshot->firstId + quint64(rows);
    if (bytes <= m_synchronousBytes) {
        compute(*snapshot, criteria, &result->ids, &result->evaluated, [] { return false; });
        apply(result);
        return;
    }

    setBusy(true);
    const std::shared_ptr<std::atomic<quint64>> latest = m_latest;
    const quint64 generation = m_generation;
    m_pool.start([this, snapshot, result, latest, generation] {
        const auto cancelled = [&latest, generation] { return latest->load() != generation; };
        if (!compute(*snapshot, result->criteria, &result->ids, &result->evaluated, cancelled))
            return;
        snapshot->rows = {}; // rows evicted meanwhile are released here, not on the GUI thread
        // The destructor waits for this task, so `this` is alive when the call is posted; a
        // call still queued when it is destroyed is discarded with it.
        QMetaObject::invokeMethod(
            this, [this, result] { apply(result); }, Qt::QueuedConnection);
    });
}

void MessageFilterProxyModel::apply(const std::shared_ptr<Result> &result)
{
    if (result->generation != m_generation)
        return;
    std::deque<quint64> ids = std::move(result->ids);
    const Criteria &criteria = result->criteria;
    const int rows = sourceModel()->rowCount();
    // Rows evicted while the worker ran go; rows that arrived meanwhile are evaluated now.
    if (rows == 0) {
        ids.clear();
    } else if (criteria.sortPath.isEmpty()) {
        while (!ids.empty() && ids.front() < m_firstId)
            ids.pop_front();
    } else {
        const quint64 first = m_firstId;
        ids.erase(
            std::remove_if(ids.begin(), ids.end(), [first](quint64 id) { return id < first; }),
            ids.end());
    }
    m_evaluations = result->evaluated;
    if (rows > 0) {
        const quint64 end = m_firstId + quint64(rows);
        for (quint64 id = std::max(result->nextId, m_firstId); id < end; ++id) {
            if (criteria.filters()) {
                ++m_evaluations;
                if (!criteria.accepts(sourceJson(int(id - m_firstId))))
                    continue;
            }
            ids.push_back(id);
        }
    }
    m_shown = criteria;
    replaceRows(std::move(ids), false);
    setBusy(false);
}

void MessageFilterProxyModel::replaceRows(std::deque<quint64> ids, bool identity)
{
    emit layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    QHash<quint64, int> positions; // id of a persistent index -> its new row, -1 when gone
    std::vector<quint64> beforeIds;
    beforeIds.reserve(std::size_t(before.size()));
    for (const QModelIndex &index : before) {
        const quint64 id =
            m_mapped ? m_ids[std::size_t(index.row())] : m_firstId + quint64(index.row());
        beforeIds.push_back(id);
        positions.insert(id, -1);
    }
    m_mapped = !identity;
    m_ids = std::move(ids);
    if (!positions.isEmpty()) {
        const int rows = rowCount();
        if (!m_mapped) {
            for (auto it = positions.begin(); it != positions.end(); ++it) {
                if (it.key() >= m_firstId && it.key() < m_firstId + quint64(rows))
                    it.value() = int(it.key() - m_firstId);
            }
        } else {
            // One pass over the rows finds every persistent index, in any order.
            for (int row = 0; row < rows; ++row) {
                const auto found = positions.find(m_ids[std::size_t(row)]);
                if (found != positions.end())
                    found.value() = row;
            }
        }
    }
    QModelIndexList after;
    after.reserve(before.size());
    for (int i = 0; i < before.size(); ++i) {
        const int row = positions.value(beforeIds[std::size_t(i)], -1);
        after.append(row >= 0 ? index(row, before.at(i).column()) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    emit layoutChanged();
}

void MessageFilterProxyModel::sourceRowsAboutToBeInserted(const QModelIndex &parent, int first,
                                                          int last)
{
    if (!parent.isValid() && !m_mapped)
        beginInsertRows({}, first, last);
}

void MessageFilterProxyModel::sourceRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    resyncFirstId();
    mirrorAppend(first, last);
    if (!m_mapped) {
        endInsertRows();
        return;
    }
    // A filtered table evaluates each new row once, as its batch arrives; a sorted one adds
    // them at the end.
    std::vector<quint64> accepted;
    for (int row = first; row <= last; ++row) {
        if (m_shown.filters()) {
            ++m_evaluations;
            if (!m_shown.accepts(sourceJson(row)))
                continue;
        }
        accepted.push_back(m_firstId + quint64(row));
    }
    if (accepted.empty())
        return;
    const int at = rowCount();
    beginInsertRows({}, at, at + int(accepted.size()) - 1);
    m_ids.insert(m_ids.end(), accepted.begin(), accepted.end());
    endInsertRows();
}

void MessageFilterProxyModel::sourceRowsAboutToBeRemoved(const QModelIndex &parent, int first,
                                                         int last)
{
    m_removal = Removal::None;
    if (parent.isValid())
        return;
    if (!m_mapped) {
        beginRemoveRows({}, first, last);
        m_removal = Removal::Forwarded;
        return;
    }
    const quint64 idFirst = m_firstId + quint64(first);
    const quint64 idLast = m_firstId + quint64(last);
    if (m_shown.sortPath.isEmpty()) {
        // Arrival order: the removed rows are one run of the shown ids.
        const auto from = std::lower_bound(m_ids.begin(), m_ids.end(), idFirst);
        const auto to = std::upper_bound(from, m_ids.end(), idLast);
        if (from == to)
            return;
        m_removeFirst = int(from - m_ids.begin());
        m_removeLast = int(to - m_ids.begin()) - 1;
        beginRemoveRows({}, m_removeFirst, m_removeLast);
        m_removal = Removal::Range;
        return;
    }
    // Sorted: the rows are scattered (rare: a sorted view is frozen, see StreamTablePanel).
    m_removeFirst = first;
    m_removeLast = last;
    beginResetModel();
    m_removal = Removal::Reset;
}

void MessageFilterProxyModel::sourceRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    if (first == 0)
        mirrorDropFront(last + 1);
    else
        mirrorRebuild();
    const quint64 idFirst = m_firstId + quint64(m_removeFirst);
    const quint64 idLast = m_firstId + quint64(m_removeLast);
    const Removal removal = std::exchange(m_removal, Removal::None);
    resyncFirstId();
    switch (removal) {
    case Removal::None:
        break;
    case Removal::Forwarded:
        endRemoveRows();
        break;
    case Removal::Range:
        m_ids.erase(m_ids.begin() + m_removeFirst, m_ids.begin() + m_removeLast + 1);
        endRemoveRows();
        break;
    case Removal::Reset:
        m_ids.erase(
            std::remove_if(m_ids.begin(), m_ids.end(),
                           [idFirst, idLast](quint64 id) { return id >= idFirst && id <= idLast; }),
            m_ids.end());
        endResetModel();
        break;
    }
}

void MessageFilterProxyModel::mirrorAppend(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        m_tail.push_back(sourceJson(row));
        m_mirrorBytes += m_tail.back().size();
        if (m_tail.size() == std::size_t(RowSnapshot::ChunkRows)) {
            m_chunks.push_back(std::make_shared<const RowSnapshot::Chunk>(std::move(m_tail)));
            m_tail = {};
            m_tail.reserve(std::size_t(RowSnapshot::ChunkRows));
        }
    }
}

void MessageFilterProxyModel::mirrorDropFront(int count)
{
    const auto rowAt = [this](qint64 index) -> const QByteArray & {
        const qint64 global = m_skip + index;
        const std::size_t chunk = std::size_t(global / RowSnapshot::ChunkRows);
        if (chunk < m_chunks.size())
            return (*m_chunks[chunk])[std::size_t(global % RowSnapshot::ChunkRows)];
        return m_tail[std::size_t(global - qint64(m_chunks.size()) * RowSnapshot::ChunkRows)];
    };
    for (int i = 0; i < count; ++i) {
        m_mirrorBytes -= rowAt(0).size();
        ++m_skip;
        if (!m_chunks.empty() && m_skip == RowSnapshot::ChunkRows) {
            m_chunks.pop_front(); // a snapshot may still hold it; else its rows go now
            m_skip = 0;
        }
    }
    if (m_chunks.empty() && m_skip > 0) {
        m_tail.erase(m_tail.begin(), m_tail.begin() + m_skip);
        m_skip = 0;
    }
}

void MessageFilterProxyModel::mirrorRebuild()
{
    if (!m_chunks.empty() || !m_tail.empty())
        BackgroundWork::release(std::make_pair(std::move(m_chunks), std::move(m_tail)));
    m_chunks = {};
    m_tail = {};
    m_skip = 0;
    m_mirrorBytes = 0;
    if (sourceModel() && sourceModel()->rowCount() > 0)
        mirrorAppend(0, sourceModel()->rowCount() - 1);
}

RowSnapshot MessageFilterProxyModel::sourceRows() const
{
    std::vector<std::shared_ptr<const RowSnapshot::Chunk>> chunks(m_chunks.begin(), m_chunks.end());
    // Only the tail is copied (at most ChunkRows rows): the full chunks are shared.
    if (!m_tail.empty())
        chunks.push_back(std::make_shared<const RowSnapshot::Chunk>(m_tail));
    const qint64 rows = sourceModel() ? sourceModel()->rowCount() : 0;
    return RowSnapshot(std::move(chunks), m_skip, rows);
}

RowSnapshot MessageFilterProxyModel::shownRows() const
{
    if (!m_mapped)
        return sourceRows();
    std::vector<qint64> positions;
    positions.reserve(m_ids.size());
    for (const quint64 id : m_ids)
        positions.push_back(qint64(id - m_firstId));
    return sourceRows().reordered(std::move(positions));
}

QModelIndex MessageFilterProxyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex MessageFilterProxyModel::parent(const QModelIndex &) const
{
    return {};
}

int MessageFilterProxyModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !sourceModel())
        return 0;
    return m_mapped ? int(m_ids.size()) : sourceModel()->rowCount();
}

int MessageFilterProxyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

bool MessageFilterProxyModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0 && columnCount() > 0;
}

QVariant MessageFilterProxyModel::headerData(int section, Qt::Orientation orientation,
                                             int role) const
{
    if (!sourceModel())
        return {};
    // Columns are the source's, with or without rows (the base class asks a row for them).
    if (orientation == Qt::Horizontal)
        return sourceModel()->headerData(section, orientation, role);
    const QModelIndex source = mapToSource(index(section, 0));
    return source.isValid() ? sourceModel()->headerData(source.row(), orientation, role)
                            : QVariant();
}

QModelIndex MessageFilterProxyModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel() || proxyIndex.model() != this)
        return {};
    const int row =
        m_mapped ? int(m_ids[std::size_t(proxyIndex.row())] - m_firstId) : proxyIndex.row();
    return sourceModel()->index(row, proxyIndex.column());
}

QModelIndex MessageFilterProxyModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel())
        return {};
    if (!m_mapped)
        return index(sourceIndex.row(), sourceIndex.column());
    const quint64 id = m_firstId + quint64(sourceIndex.row());
    if (m_shown.sortPath.isEmpty()) {
        const auto found = std::lower_bound(m_ids.begin(), m_ids.end(), id);
        if (found == m_ids.end() || *found != id)
            return {};
        return index(int(found - m_ids.begin()), sourceIndex.column());
    }
    const auto found = std::find(m_ids.begin(), m_ids.end(), id);
    return found == m_ids.end() ? QModelIndex()
                                : index(int(found - m_ids.begin()), sourceIndex.column());
}

bool MessageFilterProxyModel::containsIgnoringCase(const QByteArray &haystack,
                                                   const QByteArray &lowerNeedle)
{
    const qsizetype n = lowerNeedle.size();
    if (n == 0)
        return true;
    const qsizetype last = haystack.size() - n;
    const char first = lowerNeedle.at(0);
    const char *data = haystack.constData();
    const char *needle = lowerNeedle.constData();
    for (qsizetype i = 0; i <= last; ++i) {
        if (asciiLower(data[i]) != first)
            continue;
        qsizetype j = 1;
        while (j < n && asciiLower(data[i + j]) == needle[j])
            ++j;
        if (j == n)
            return true;
    }
    return false;
}

} // namespace allium
