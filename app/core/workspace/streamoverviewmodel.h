// SPDX-License-Identifier: MIT
#pragma once

#include "core/workspace/chainhead.h"

#include <QAbstractTableModel>
#include <QVector>

namespace allium {

class GridTimer;

class StreamSession;
class StreamWorkspace;

/// The workspace's overview: a row per open stream with its state, rate (and the last minute
/// of it for a sparkline), the age of its last message, the head block or slot, its history
/// against the memory budget and its error counters. Refreshed once a second and whenever a
/// stream's state changes; rows follow the workspace.
class StreamOverviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StreamColumn,
        StateColumn,
        RateColumn,
        LastMessageColumn,
        HeadColumn,
        HistoryColumn,
        DroppedColumn,
        ServerErrorsColumn,
        ParseErrorsColumn,
        ReconnectsColumn,
        IntegrityColumn, ///< gaps + reorgs + duplicates + out-of-order arrivals (data faults)
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< a number (or text) to sort by
        SparklineRole,               ///< RateColumn: QVector<double>, msg/s, oldest first
        ActivityRole,                ///< StateColumn: int(StreamActivity)
        SessionRole,                 ///< any column: the StreamSession (QObject *)
    };
    /// Seconds of rate history the sparkline shows.
    static constexpr int SparklineSeconds = 60;

    explicit StreamOverviewModel(StreamWorkspace *workspace, QObject *parent = nullptr);

    /// "ethereum.transactions", "ethereum.transactions (filtered)" or "New stream".
    static QString streamName(const StreamSession &session);

    /// A rate as the overview, the tabs and the split show it: "15", "2.5".
    static QString rateText(double perSecond);

    int rowOf(const StreamSession *session) const;
    StreamSession *sessionAt(int row) const;
    /// The head block or slot last seen on the stream (found == false when it has none).
    ChainHead::Reading head(const StreamSession *session) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

public slots:
    /// Samples the rates and refreshes every row (the once-a-second tick; tests call it).
    void refresh();

signals:
    /// After each refresh (the budget summary above the table follows it).
    void refreshed();

private:
    struct Row
    {
        StreamSession *session = nullptr;
        QVector<double> rates; // the last SparklineSeconds samples, oldest first
        ChainHead::Reading head;
        QString headTopic; // the topic the head was read from
    };

    void addRow(StreamSession *session);
    void removeRow(StreamSession *session);
    void refreshRow(int row, int firstColumn, int lastColumn);
    QVariant displayData(const Row &row, int column) const;
    QVariant sortData(const Row &row, int column) const;
    QString toolTip(const Row &row, int column) const;

    StreamWorkspace *m_workspace = nullptr;
    QVector<Row> m_rows;
    GridTimer *m_tick = nullptr;
};

} // namespace allium
