// SPDX-License-Identifier: MIT
#pragma once

#include "core/filter/filter.h"
#include "core/table/rowsnapshot.h"

#include <QAbstractProxyModel>
#include <QByteArray>
#include <QThreadPool>

#include <atomic>
#include <deque>
#include <memory>
#include <vector>

namespace allium {

class MessageTableModel;

/// The rows of a MessageTableModel as the table shows them: a local filter over rows already
/// received (apart from the filter sent to the server) and an optional sort by one column.
/// The filter is a case-insensitive text search over each row's raw JSON AND, optionally, a
/// Filter evaluated on the parsed row.
///
/// With a large history a new search or sort runs on a worker thread over a snapshot of the
/// rows' JSON (QByteArray is shared, so a snapshot of a million rows costs a few ms): the GUI
/// thread never stalls and the stream never waits. Until the result comes the previous rows stay
/// shown (isBusy()); rows that arrive meanwhile are evaluated as they come. New rows of a
/// filtered table are evaluated once each, as their batch arrives.
///
/// Without a search, filter or sort the proxy passes rows through one to one. Rows are known by
/// their MessageTableModel::RowIdRole id, contiguous from the source's first row.
class MessageFilterProxyModel : public QAbstractProxyModel
{
    Q_OBJECT

public:
    /// Histories with less JSON than this are searched and sorted at once, on the calling thread
    /// (a few ms); larger ones in the background.
    static constexpr qint64 DefaultSynchronousBytes = 4 * 1024 * 1024;

    explicit MessageFilterProxyModel(QObject *parent = nullptr);
    ~MessageFilterProxyModel() override;

    void setSourceModel(QAbstractItemModel *sourceModel) override;

    /// Text searched for in the raw JSON, ignoring case; empty matches every row.
    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }

    /// A filter every shown row must match; an empty filter matches every row.
    void setRowFilter(const allium::Filter &filter);
    Filter rowFilter() const { return m_filter; }

    /// True when a search text or a filter is set.
    bool isFiltering() const;
    /// True when sorted by a column (sortColumn() >= 0), false in arrival order.
    bool isSorted() const { return !m_sortPath.isEmpty(); }
    /// The sorted column, or -1 in arrival order.
    int sortColumn() const;
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    /// Sorts by a column (numbers by value, text by text, absent values last); a negative column
    /// returns to arrival order. Rows arriving while sorted are added at the end.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    /// True while a search or sort runs in the background; the rows shown are still the
    /// previous result (plus rows that arrived since).
    bool isBusy() const { return m_busy; }
    /// See DefaultSynchronousBytes (tests lower it to exercise the background path).
    void setSynchronousBytes(qint64 bytes) { m_synchronousBytes = bytes; }

    /// Source rows whose result is known (for tests: a batch adds only its own rows).
    int cachedResultCount() const;
    /// Times a row was actually evaluated since the filter last changed.
    quint64 evaluationCount() const { return m_evaluations; }

    /// The raw JSON of every source row, oldest first: a snapshot another thread may read.
    RowSnapshot sourceRows() const;
    /// The raw JSON of every shown row in the order shown, e.g. to export on a worker.
    RowSnapshot shownRows() const;

    /// True when raw JSON text contains the needle, ignoring ASCII case; the needle is already
    /// lower case. (Needles with non-ASCII letters are searched with QString instead.)
    static bool containsIgnoringCase(const QByteArray &haystack, const QByteArray &lowerNeedle);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

    /// What a search needs, copied so a worker can use it (public for the worker's code).
    struct Criteria
    {
        QString text;
        QByteArray needle; // lower-case UTF-8 of text
        bool needleIsAscii = true;
        Filter filter;
        QString sortPath;
        Qt::SortOrder sortOrder = Qt::AscendingOrder;

        bool filters() const { return !text.isEmpty() || !filter.isEmpty(); }
        bool accepts(const QByteArray &json) const;
    };

signals:
    void filteringChanged(bool filtering);
    /// The sort column or order changed (also when a reset returned to arrival order).
    void sortChanged();
    /// A background search or sort started (true) or its result is shown (false).
    void busyChanged(bool busy);

private:
    struct Result;

    QByteArray sourceJson(int sourceRow) const;
    quint64 sourceRowId(int sourceRow) const;
    void resyncFirstId();
    bool mapped() const { return m_mapped; }
    void restart();
    void apply(const std::shared_ptr<Result> &result);
    void setBusy(bool busy);
    /// Replaces the shown rows (ids in display order; `identity` passes all rows through),
    /// keeping persistent indexes on the same messages.
    void replaceRows(std::deque<quint64> ids, bool identity);

    void sourceRowsAboutToBeInserted(const QModelIndex &parent, int first, int last);
    void sourceRowsInserted(const QModelIndex &parent, int first, int last);
    void sourceRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void sourceRowsRemoved(const QModelIndex &parent, int first, int last);

    // The mirror: every source row's JSON in shared chunks, so snapshots are cheap.
    void mirrorAppend(int first, int last);
    void mirrorDropFront(int count);
    void mirrorRebuild();

    MessageTableModel *m_table = nullptr; // the source when it is one: direct access is fast
    QList<QMetaObject::Connection> m_sourceConnections;

    QString m_searchText;
    Filter m_filter;
    QString m_sortPath;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    Criteria m_shown; // what the rows shown were selected with

    bool m_mapped = false;     // false: every source row, in source order
    std::deque<quint64> m_ids; // when mapped: the ids shown, in display order
    quint64 m_firstId = 0;     // id of source row 0
    enum class Removal { None, Forwarded, Range, Reset } m_removal = Removal::None;
    int m_removeFirst = 0;
    int m_removeLast = -1;

    std::deque<std::shared_ptr<const RowSnapshot::Chunk>> m_chunks; // full, never changed
    RowSnapshot::Chunk m_tail; // the rows after the full chunks
    qint64 m_skip = 0;         // rows of the first chunk (or the tail) already evicted
    qint64 m_mirrorBytes = 0;

    bool m_busy = false;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<quint64>> m_latest; // the generation a worker should finish
    qint64 m_synchronousBytes = DefaultSynchronousBytes;
    quint64 m_evaluations = 0;
    QThreadPool m_pool;
};

} // namespace allium
