// SPDX-License-Identifier: MIT
#pragma once

#include "core/table/rowexporter.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace allium {

/// Writes a snapshot of rows (their raw JSON, shared, so taking it is cheap) to a file on a
/// worker thread, so a large export neither stalls the GUI nor holds up the stream. Reports
/// progress, can be cancelled (the file is then left as it was), and tells how it ended.
class RowExportTask : public QObject
{
    Q_OBJECT

public:
    explicit RowExportTask(QObject *parent = nullptr);
    /// Cancels a running export and waits for its worker (a few ms).
    ~RowExportTask() override;

    /// Starts writing; the format follows the file name (RowExporter::formatForFileName).
    void start(const RowSnapshot &rows, const QStringList &columns, const QString &fileName);
    void start(const QVector<QByteArray> &rows, const QStringList &columns, const QString &fileName)
    {
        start(RowSnapshot::fromRows(rows), columns, fileName);
    }
    /// Stops soon; finished() then reports the cancellation.
    void cancel();
    bool isRunning() const { return m_running; }
    QString fileName() const { return m_fileName; }
    qint64 total() const { return m_total; }

signals:
    /// Rows written so far of total(), at most about every 50 ms.
    void progressed(qint64 written, qint64 total);
    /// Rows written, or -1 with a reason (cancelled, disk full, no permission, …).
    void finished(qint64 rows, const QString &error);

private:
    QThreadPool m_pool;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QString m_fileName;
    qint64 m_total = 0;
    bool m_running = false;
};

} // namespace allium
