// SPDX-License-Identifier: MIT
#include "core/table/rowexporttask.h"

#include <QElapsedTimer>

namespace allium {

namespace {

constexpr qint64 ProgressIntervalMs = 50;

} // namespace

RowExportTask::RowExportTask(QObject *parent)
    : QObject(parent)
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    m_pool.setMaxThreadCount(1);
}

RowExportTask::~RowExportTask()
{
    m_cancel->store(true);
    m_pool.waitForDone();
}

void RowExportTask::start(const RowSnapshot &rows, const QStringList &columns,
                          const QString &fileName)
{
    cancel();
    m_pool.waitForDone();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_fileName = fileName;
    m_total = rows.size();
    m_running = true;
    const std::shared_ptr<std::atomic<bool>> cancelled = m_cancel;
    m_pool.start([this, rows, columns, fileName, cancelled] {
        QElapsedTimer sinceReport;
        sinceReport.start();
        const qint64 total = rows.size();
        const auto progress = [&](qint64 written) {
            if (sinceReport.elapsed() >= ProgressIntervalMs) {
                sinceReport.restart();
                // The destructor waits for this task, so `this` is alive while it posts.
                QMetaObject::invokeMethod(
                    this, [this, written, total] { emit progressed(written, total); },
                    Qt::QueuedConnection);
            }
            return !cancelled->load();
        };
        QString error;
        const qint64 written =
            RowExporter::writeRowsToFile(rows, columns, fileName, &error, progress);
        QMetaObject::invokeMethod(
            this,
            [this, written, error, cancelled] {
                if (cancelled != m_cancel)
                    return; // a newer export replaced this one
                m_running = false;
                emit finished(written, error);
            },
            Qt::QueuedConnection);
    });
}

void RowExportTask::cancel()
{
    m_cancel->store(true);
}

} // namespace allium
