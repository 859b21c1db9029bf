// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace allium {

class ConnectionEventLog;

/// The connection event log as a table with a search line, Clear, Copy and Copy all. New rows
/// scroll into view unless the user scrolled up to read.
class EventLogView : public QWidget
{
    Q_OBJECT
public:
    explicit EventLogView(QWidget *parent = nullptr);

    void setLog(ConnectionEventLog *log);
    ConnectionEventLog *log() const { return m_log; }
    QTableView *table() const { return m_table; }
    /// Rows shown under the current search.
    int visibleRowCount() const;

public slots:
    /// Copies the selected rows (all shown rows when none is selected) as tab-separated text.
    void copyRows();
    /// Copies every shown row, whatever is selected: the whole story for a bug report.
    void copyAllRows();

private:
    ConnectionEventLog *m_log = nullptr;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QTableView *m_table;
    QToolButton *m_clearButton;
    QToolButton *m_copyButton;
    QToolButton *m_copyAllButton;
    bool m_followTail = true;
};

} // namespace allium
