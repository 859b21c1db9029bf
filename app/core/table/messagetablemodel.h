// SPDX-License-Identifier: MIT
#pragma once

#include "core/json/valueformatter.h"
#include "core/stream/messagebatch.h"
#include "core/table/messagestore.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <QTimer>

#include <optional>
#include <vector>

namespace allium {

/// The live table of one stream: a bounded history of messages (a MessageStore it owns) shown
/// as rows, oldest first, with one column per dot path. Cells are formatted only when a view
/// asks for them, from the row's JSON parsed on demand and kept in a small LRU cache. Batches
/// are inserted with one rowsInserted (and one rowsRemoved for what they evict), and can be
/// held back while the view is paused.
class MessageTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        RawJsonRole = Qt::UserRole + 1, ///< QByteArray: the row's JSON as received
        SequenceRole,                   ///< quint64: StreamMessage::sequence
        ReceivedAtRole,                 ///< qint64: ms since the epoch
        JsonValueRole,                  ///< QJsonValue: the cell's value (undefined if absent)
        PathRole,                       ///< QString: the column's dot path
        /// quint64: the row's id in this model, unique and increasing for the model's life
        /// (sequence numbers restart with every session, these never do)
        RowIdRole,
        /// QString: on the first row received after the server filter changed, what the new
        /// filter is (see markFilterChange()); a null QVariant on every other row
        FilterChangeRole,
        /// int: how many server filter changes came before the row (0 before the first), so
        /// rows of one filter can be told apart from those of another
        FilterSegmentRole,
        /// QString: the alert rules this row's message fired (see markAlert()), else null
        AlertRole,
    };

    /// Rows whose parsed JSON is kept; a screen shows far fewer, so scrolling stays cheap.
    static constexpr int ParsedRowCacheSize = 512;

    explicit MessageTableModel(QObject *parent = nullptr);
    ~MessageTableModel() override;

    /// Bounds of the history (and, separately, of the paused backlog); the oldest rows go first.
    void setHistoryLimits(int maxCount, qint64 maxBytes);
    int capacity() const { return m_store.capacity(); }
    qint64 byteCapacity() const { return m_store.byteCapacity(); }
    /// Drops the oldest rows until the history holds at most `maxBytes` (the workspace's memory
    /// budget); the bounds stay. Returns the number of rows dropped.
    int trimToBytes(qint64 maxBytes);
    /// Messages shown (the same as rowCount()).
    int size() const { return m_rows; }
    qint64 bytes() const { return m_store.bytes(); }
    /// Messages the history bound pushed out since the model was made.
    quint64 evictions() const { return m_store.evictions() + m_pending.evictions(); }

    /// Dot paths of the columns, e.g. "payload.coin" or "topics.0".
    void setColumns(const QStringList &paths);
    QStringList columns() const { return m_columns; }

    void setFormatter(const ValueFormatter &formatter);
    const ValueFormatter &formatter() const { return m_formatter; }

    /// Appends the batch's messages (or holds them back while paused).
    void appendBatch(const MessageBatch &batch);
    void appendMessages(const QVector<StreamMessage> &messages);
    /// Removes every row and the paused backlog (and the filter change marks).
    void clear();

    /// The server filter changed: the next message to enter the history starts a new segment
    /// and carries `summary` in FilterChangeRole. (A mark on a message rather than a row of its
    /// own: row counts, eviction, search and export stay about messages only.)
    void markFilterChange(const QString &summary);
    /// Marks the message with this sequence as having fired `rule` (AlertRole), whether its row
    /// is there yet or not: alerts are evaluated before the batch arrives. The most recent
    /// MaxAlertMarks marks are kept.
    void markAlert(quint64 sequence, const QString &rule);
    static constexpr int MaxAlertMarks = 10000;
    /// The filter change the row starts (FilterChangeRole), else a null string.
    QString filterChangeAt(int row) const;
    /// See FilterSegmentRole.
    int filterSegment(int row) const;

    /// While paused the rows stay as they are; new messages wait in a backlog bounded like the
    /// history. Resuming appends the backlog in slices of DrainSliceCount, one per event-loop
    /// turn (tens of thousands of rows in one step held the GUI for ~60 ms); messages that
    /// arrive meanwhile queue behind it, so the order stays.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// Messages waiting: held while paused, or not yet appended after a resume.
    int pendingCount() const { return m_pending.size(); }
    static constexpr int DrainSliceCount = 4096;

    const StreamMessage &message(int row) const;
    /// See RowIdRole.
    quint64 rowId(int row) const;
    /// The row id of the oldest message the history holds (already updated while evictions are
    /// announced): a row id below it was evicted.
    quint64 oldestRowId() const { return m_store.totalAppended() - quint64(m_store.size()); }
    /// The row's JSON object (parsed once, then cached); empty when it is not a JSON object.
    QJsonObject object(int row) const;
    /// The value at the column's path in the row; undefined when absent.
    QJsonValue rawValue(int row, int column) const;
    /// The value at a dot path in an object; undefined when absent. Numeric steps index arrays.
    static QJsonValue valueAt(const QJsonObject &object, QStringView path);
    /// Rows whose parsed JSON is cached (never more than ParsedRowCacheSize).
    int parsedRowCount() const { return int(m_parsed.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void pendingCountChanged(int count);
    void pausedChanged(bool paused);
    void columnsChanged(const QStringList &paths);
    /// The history's size, bytes or bounds changed.
    void fillChanged();

private:
    struct ParsedRow
    {
        QJsonObject object;
        QVector<QString> display; // per column, filled as the view asks
        QVector<bool> formatted;
    };

    ParsedRow *parsedRow(int row) const;
    /// `markOffset`: which of the messages a pending filter mark goes on (none: not one of them).
    void insertIntoHistory(const QVector<StreamMessage> &messages,
                           std::optional<quint64> markOffset = 0);
    /// Appends the next slice of the backlog after a resume.
    void drainPending();
    void announceEvictions(quint64 evictionsBefore, int rowsBefore);
    int storeIndex(int row) const { return row - m_evictedShift; }

    struct FilterMark
    {
        quint64 rowId; // the first row of the segment
        QString summary;
    };

    MessageStore m_store;
    std::vector<FilterMark> m_marks; // by increasing row id
    int m_marksEvicted = 0;          // marks whose rows left the history (segments still count)
    bool m_markPending = false;
    QString m_pendingMark;
    quint64 m_markBacklogId = 0; // marked while paused: the backlog's id of the marked message
    MessageStore m_pending;
    QStringList m_columns;
    ValueFormatter m_formatter;
    bool m_paused = false;
    QTimer m_drainTimer;    // the next slice of the backlog, while resuming
    int m_rows = 0;         // what views were told; lags the store inside insert/remove
    int m_evictedShift = 0; // rows already evicted from the store but not yet announced
    mutable QCache<quint64, ParsedRow> m_parsed; // by row id: rows shift, ids do not
    QHash<quint64, QString> m_alertMarks;        // by sequence: rule names
    std::vector<quint64> m_alertOrder;           // sequences in marking order, to bound them
};

} // namespace allium
