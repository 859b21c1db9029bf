// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QTableView>
#include <QTimer>

namespace allium {

/// The live message table: follows new rows at the bottom until the user scrolls away, keeps
/// what the user looks at in place while rows come and go, and copies rows as raw JSON.
class LiveTableView : public QTableView
{
    Q_OBJECT

public:
    explicit LiveTableView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    /// Lays out after rows arrived; when rows were only inserted, repaints only the rows in
    /// view at or below the first new one (none when they all landed below the view).
    void doItemsLayout() override;

    /// Following: every new row scrolls the table to the bottom.
    bool isFollowing() const { return m_following; }
    void setFollowing(bool following);

    /// Raw JSON of the selected rows, one per line (NDJSON), in table order.
    QByteArray selectedRowsJson() const;
    /// The current row's raw JSON; empty without a current row.
    QByteArray currentRowJson() const;

    /// The current cell's exact value, as "Copy value" puts it on the clipboard.
    QString currentValueText() const;
    /// The current row's hash (hash, transaction_hash, txn_id, …); empty when it has none.
    QString currentHash() const;

    /// Following scrolls (and so repaints every visible row) at most this often; the rows of a
    /// stream in between join at the next scroll, and a hidden view scrolls once it is shown.
    static constexpr int FollowIntervalMs = 200;

    void copySelectedRows() const;
    void copyCurrentValue() const;
    void copyCurrentHash() const;

signals:
    void followingChanged(bool following);
    /// The current row changed; `json` is empty when there is none.
    void currentMessageChanged(const QByteArray &json);
    /// The current row is about to leave the rows shown (evicted, or hidden by a filter); the
    /// view then has no current row. `rowId` is its MessageTableModel::RowIdRole.
    void currentMessageRemoved(quint64 rowId);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;

private:
    void handleRowsInserted(const QModelIndex &parent, int first);
    void handleRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void handleCurrentAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void handleScrollValueChanged(int value);
    /// Scrolls to the newest row while following.
    void followNow();

    QList<QMetaObject::Connection> m_modelConnections;
    int m_insertedFrom = -1;        ///< the first row inserted since the last layout
    bool m_layoutEverything = true; ///< anything but insertions happened since the last layout
    bool m_following = true;
    bool m_programmaticScroll = false;
    bool m_droppingCurrent = false;
    QElapsedTimer m_lastFollow; // since the last scroll to the newest row
    QTimer m_followDelay;
};

} // namespace allium
