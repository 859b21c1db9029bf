// SPDX-License-Identifier: MIT
#pragma once

#include "core/json/valueformatter.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QVector>

namespace allium {

/// The rows of an API response as a sortable table: the array under its `items` member, or the
/// response itself when it is an array. Columns are the dot paths of the items' members in the
/// order first seen (within an item in the order the response's text wrote them when the raw
/// frame is given, else in key order, as QJsonObject sorts keys; nested objects up to MaxDepth,
/// money objects kept whole), at most MaxColumns; the items' own values come first, the members
/// of their nested objects after them (a row reads name and symbol before chain details). Cells are
/// formatted like the stream table's (ValueFormatter: wei, gwei, USD money objects, timestamps),
/// and the model answers the stream table's RawJsonRole, JsonValueRole and PathRole, so RowExporter
/// writes it as CSV or NDJSON.
class ApiItemsTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int MaxColumns = 64;
    static constexpr int MaxRows = 100000;
    /// Nested objects are split into columns down to this depth ("token.info.name").
    static constexpr int MaxDepth = 3;

    explicit ApiItemsTableModel(QObject *parent = nullptr);

    /// The array of rows in a response's `data`: the data itself when it is an array, else its
    /// `items` array; false (and an empty array) when it has neither.
    static bool rowsOf(const QJsonValue &data, QJsonArray *rows);

    /// Rows of a response whose key order is read from its raw frame.
    static constexpr int KeyOrderRows = 64;

    /// Shows the rows of `data` (see rowsOf()); false, and an empty table, when it has none.
    /// `frame`, the response frame as received, gives the columns the server's key order.
    bool setResponseData(const QJsonValue &data, const QByteArray &frame = {});
    /// Shows the rows of every page's `data` in order, one table (the pages of a cursor walk),
    /// at most MaxRows of them; false when no page has rows. `frames[i]`, page i's frame as
    /// received (may be missing or cut), gives the columns the server's key order (from the
    /// first KeyOrderRows rows of the first page whose frame reads).
    bool setResponsePages(const QList<QJsonValue> &pages, const QList<QByteArray> &frames = {});
    void clear();

    /// Whether the last data given had rows to show (even zero of them).
    bool hasRows() const { return m_hasRows; }
    QStringList columns() const { return m_columns; }
    /// Distinct member paths past MaxColumns that have no column.
    int hiddenColumnCount() const { return m_hiddenColumns; }
    /// Rows past MaxRows that were left out.
    int droppedRowCount() const { return m_droppedRows; }

    void setFormatter(const ValueFormatter &formatter);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    /// Numbers (also decimal and 0x-hex text, money amounts) by value, other values by text,
    /// absent values last (RowSortKey); stable.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    struct Row
    {
        QJsonObject object;
        QByteArray raw; ///< compact JSON, for NDJSON export
    };

    void collectColumns(const QJsonObject &object, const QString &prefix, int depth);
    /// The keys of `object` (found under `prefix`) in the response's order, then any others.
    QStringList orderedKeys(const QJsonObject &object, const QString &prefix) const;
    QJsonValue valueAt(int row, int column) const;

    QVector<Row> m_rows;
    QStringList m_columns;
    QSet<QString> m_hidden;
    QSet<QString> m_nestedColumns; ///< columns of a nested object's members, while collecting
    QHash<QString, QStringList> m_keyOrder; ///< while collecting columns (JsonKeyOrder)
    int m_hiddenColumns = 0;
    int m_droppedRows = 0;
    bool m_hasRows = false;
    ValueFormatter m_formatter;
};

} // namespace allium
