// SPDX-License-Identifier: MIT
#include "ui/workspace/streamoverviewwidget.h"

#include "core/base/systemmemory.h"
#include "core/stream/streamsession.h"
#include "core/workspace/historybudget.h"
#include "core/workspace/streamoverviewmodel.h"
#include "ui/text/plainlabel.h"
#include "ui/text/plaintooltipfilter.h"
#include "ui/workspace/sparklinedelegate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace allium {

namespace {

constexpr qint64 MiB = 1024 * 1024;

} // namespace

StreamOverviewWidget::StreamOverviewWidget(StreamOverviewModel *model, HistoryBudget *budget,
                                           QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_budget(budget)
    , m_proxy(new QSortFilterProxyModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *budgetRow = new QHBoxLayout;
    m_budgetLabel = new PlainLabel(this);
    m_budgetLabel->setObjectName(QStringLiteral("budgetLabel"));
    m_budgetLabel->setAccessibleName(tr("Memory of all histories"));
    budgetRow->addWidget(m_budgetLabel, 1);
    auto *budgetCaption = new QLabel(tr("&Budget:"), this);
    budgetRow->addWidget(budgetCaption);
    m_budgetBox = new QSpinBox(this);
    m_budgetBox->setObjectName(QStringLiteral("budgetBox"));
    m_budgetBox->setAccessibleName(tr("Memory budget of all histories"));
    m_budgetBox->setSuffix(tr(" MB"));
    // Up to half of the machine's memory, like one history's own bound.
    const qint64 ram = SystemMemory::physicalBytes();
    m_budgetBox->setRange(64, int(std::max<qint64>(1024, ram > 0 ? ram / 2 / MiB : 4096)));
    m_budgetBox->setSingleStep(256);
    m_budgetBox->setValue(int(budget->budgetBytes() / MiB));
    m_budgetBox->setToolTip(tr("When the histories of all streams hold more than this, the "
                               "oldest messages of the largest ones are removed first."));
    budgetCaption->setBuddy(m_budgetBox);
    budgetRow->addWidget(m_budgetBox);
    layout->addLayout(budgetRow);
    connect(m_budgetBox, &QSpinBox::editingFinished, this,
            [this] { m_budget->setBudgetBytes(qint64(m_budgetBox->value()) * MiB); });

    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(StreamOverviewModel::SortRole);
    m_proxy->setDynamicSortFilter(false); // rows stay put between ticks until sorted again
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("overviewTable"));
    m_table->setAccessibleName(tr("Open streams"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the order they were opened until asked
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    // Compact rows: a dozen streams fit in a short dock.
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Its tooltips carry a server's words (a failure's reason): shown literally.
    PlainToolTipFilter::install(m_table);
    m_table->setItemDelegateForColumn(
        StreamOverviewModel::RateColumn,
        new SparklineDelegate(StreamOverviewModel::SparklineRole, m_table));
    m_table->setColumnWidth(StreamOverviewModel::StreamColumn, 230);
    m_table->setColumnWidth(StreamOverviewModel::RateColumn, 130);
    layout->addWidget(m_table, 1);

    const auto activate = [this](const QModelIndex &index) {
        const auto *session = qobject_cast<StreamSession *>(
            index.data(StreamOverviewModel::SessionRole).value<QObject *>());
        if (session)
            emit streamActivated(const_cast<StreamSession *>(session));
    };
    connect(m_table, &QTableView::doubleClicked, this, activate);
    connect(m_table, &QTableView::activated, this, activate);
    connect(model, &StreamOverviewModel::refreshed, this, &StreamOverviewWidget::updateBudget);
    connect(budget, &HistoryBudget::budgetChanged, this, &StreamOverviewWidget::updateBudget);
    updateBudget();
}

QString StreamOverviewWidget::budgetText() const
{
    return m_budgetLabel->text();
}

void StreamOverviewWidget::updateBudget()
{
    const QLocale locale;
    const auto size = [&locale](qint64 bytes) {
        return locale.formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
    };
    QString text =
        tr("Histories of %n stream(s): %1 of the %2 budget", nullptr, m_model->rowCount())
            .arg(size(m_budget->usedBytes()), size(m_budget->budgetBytes()));
    if (const quint64 trimmed = m_budget->trimmedMessages())
        text += tr(" · %1 oldest messages removed to stay within it")
                    .arg(locale.toString(qulonglong(trimmed)));
    if (m_budgetLabel->text() != text)
        m_budgetLabel->setText(text);
    if (!m_budgetBox->hasFocus())
        m_budgetBox->setValue(int(m_budget->budgetBytes() / MiB));
}

} // namespace allium
