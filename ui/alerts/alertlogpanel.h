// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace allium {

class AlertLogModel;

/// The alert log dock's content: one row per alert (a burst is one row with its count) and,
/// for the selected row, the triggering message as indented plain text, with a button to show
/// its stream.
class AlertLogPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AlertLogPanel(AlertLogModel *log, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    /// The message shown for the selected row.
    QString shownMessage() const;

signals:
    /// "Show stream" on an entry: the stream of this topic that fired it, and the message.
    void streamRequested(const QString &topic, quint64 sequence);

private:
    void showRow(int row);

    AlertLogModel *m_log = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_message = nullptr;
    QPushButton *m_showStream = nullptr;
};

} // namespace allium
