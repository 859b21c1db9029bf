// SPDX-License-Identifier: MIT
#include "ui/console/apiitemstableview.h"

#include "core/api/apiitemstablemodel.h"
#include "core/table/rowexporter.h"
#include "ui/text/plainlabel.h"
#include "ui/text/plaintooltipfilter.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace allium {

ApiItemsTableView::ApiItemsTableView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ApiItemsTableModel(this))
    , m_table(new QTableView)
    , m_summary(new PlainLabel)
    , m_exportCsv(new QPushButton(QStringLiteral("Export CSV…")))
    , m_exportNdjson(new QPushButton(QStringLiteral("Export NDJSON…")))
{
    setObjectName(QStringLiteral("itemsTableView"));
    m_table->setObjectName(QStringLiteral("itemsTable"));
    m_table->setAccessibleName(QStringLiteral("Response rows"));
    m_table->setModel(m_model);
    PlainToolTipFilter::install(m_table);
    m_table->setSortingEnabled(true);
    // Opened unsorted: the server's order until a header is clicked.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setDefaultSectionSize(130);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);

    m_summary->setObjectName(QStringLiteral("itemsSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true); // the console must fit 800 pixels wide
    m_exportCsv->setObjectName(QStringLiteral("exportCsvButton"));
    m_exportCsv->setToolTip(QStringLiteral("Write the rows as CSV, exact values, in the table's "
                                           "order"));
    m_exportNdjson->setObjectName(QStringLiteral("exportNdjsonButton"));
    m_exportNdjson->setToolTip(QStringLiteral("Write the rows as NDJSON, one item per line"));
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { chooseExportFile(true); });
    connect(m_exportNdjson, &QPushButton::clicked, this, [this] { chooseExportFile(false); });

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_exportCsv);
    bar->addWidget(m_exportNdjson);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    setResponseData(QJsonValue());
}

bool ApiItemsTableView::setResponseData(const QJsonValue &responseData, const QByteArray &frame)
{
    return setResponsePages({responseData}, {frame});
}

bool ApiItemsTableView::setResponsePages(const QList<QJsonValue> &pages,
                                         const QList<QByteArray> &frames)
{
    const bool hasRows = m_model->setResponsePages(pages, frames);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    const QLocale locale;
    QString summary;
    if (!hasRows) {
        summary =
            pages.size() > 1
                ? QStringLiteral("These pages have no rows (no \"items\" array, not an array)")
                : QStringLiteral("This response has no rows (no \"items\" array, not an array)");
    } else {
        summary =
            QStringLiteral("%1 rows · %2 columns")
                .arg(locale.toString(m_model->rowCount()), locale.toString(m_model->columnCount()));
        if (pages.size() > 1)
            summary += QStringLiteral(" from %1 pages").arg(locale.toString(pages.size()));
        if (m_model->hiddenColumnCount() > 0)
            summary += QStringLiteral(" (%1 more fields not shown; the JSON has them)")
                           .arg(locale.toString(m_model->hiddenColumnCount()));
        if (m_model->droppedRowCount() > 0)
            summary += QStringLiteral(" · %1 rows past %2 left out")
                           .arg(locale.toString(m_model->droppedRowCount()),
                                locale.toString(ApiItemsTableModel::MaxRows));
    }
    m_summary->setText(summary);
    const bool any = hasRows && m_model->rowCount() > 0;
    m_exportCsv->setEnabled(any);
    m_exportNdjson->setEnabled(any);
    return hasRows;
}

bool ApiItemsTableView::exportTo(const QString &fileName, QString *error)
{
    QString problem;
    const qint64 rows = RowExporter::writeFile(*m_model, fileName, &problem);
    if (error)
        *error = problem;
    emit noticePosted(
        rows < 0
            ? QStringLiteral("Export failed: %1").arg(problem)
            : QStringLiteral("Exported %1 rows to %2").arg(QLocale().toString(rows), fileName));
    return rows >= 0;
}

void ApiItemsTableView::chooseExportFile(bool csv)
{
    auto *dialog = new QFileDialog(this, csv ? QStringLiteral("Export rows as CSV")
                                             : QStringLiteral("Export rows as NDJSON"));
    dialog->setObjectName(QStringLiteral("exportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    dialog->setNameFilter(csv ? QStringLiteral("CSV (*.csv)")
                              : QStringLiteral("NDJSON (*.ndjson)"));
    dialog->setDefaultSuffix(csv ? QStringLiteral("csv") : QStringLiteral("ndjson"));
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &fileName) { exportTo(fileName); });
    dialog->open();
}

} // namespace allium
