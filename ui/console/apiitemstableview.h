// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QWidget>

class QFileDialog;
class QPushButton;
class QTableView;

namespace allium {

class ApiItemsTableModel;
class PlainLabel;

/// A response's rows as a sortable table (its `items`, or the response when it is an array),
/// formatted like the stream table, with "Export CSV…" and "Export NDJSON…". Exports hold the
/// response's rows only: nothing of the request, never the key.
class ApiItemsTableView : public QWidget
{
    Q_OBJECT
public:
    explicit ApiItemsTableView(QWidget *parent = nullptr);

    /// Shows the rows of a response's `data`; false when it has none (the view then says so).
    /// `frame` (the response as received) puts the columns in the server's order.
    bool setResponseData(const QJsonValue &data, const QByteArray &frame = {});
    /// Shows the rows of every page in order, one table (a cursor walk's pages); `frames` as
    /// ApiItemsTableModel::setResponsePages() takes them.
    bool setResponsePages(const QList<QJsonValue> &pages, const QList<QByteArray> &frames = {});
    ApiItemsTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    /// Writes the rows in the table's order: CSV for a .csv name, NDJSON otherwise.
    bool exportTo(const QString &fileName, QString *error = nullptr);

signals:
    /// A one-line report of an export, for the console to show.
    void noticePosted(const QString &text);

private:
    void chooseExportFile(bool csv);

    ApiItemsTableModel *m_model;
    QTableView *m_table;
    PlainLabel *m_summary;
    QPushButton *m_exportCsv;
    QPushButton *m_exportNdjson;
};

} // namespace allium
