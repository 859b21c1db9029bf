// SPDX-License-Identifier: MIT
#include "ui/connection/eventlogview.h"

#include "core/connection/connectionevent.h"
#include "core/connection/connectioneventlog.h"
#include "ui/connection/connectionstatuswidget.h"
#include "ui/text/plaintooltipfilter.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace allium {

namespace {

// Colours the kind column; the model itself stays free of Gui types.
class EventColorProxyModel : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::ForegroundRole && index.column() == ConnectionEventLog::KindColumn) {
            const auto kind = ConnectionEventKind(index.data(ConnectionEventLog::KindRole).toInt());
            switch (kind) {
            case ConnectionEventKind::Opened:
            case ConnectionEventKind::Resubscribed:
                return ConnectionStatusWidget::stateColor(ConnectionState::Connected);
            case ConnectionEventKind::Closed:
            case ConnectionEventKind::RetryScheduled:
            case ConnectionEventKind::Integrity:
                return ConnectionStatusWidget::stateColor(ConnectionState::Reconnecting);
            case ConnectionEventKind::ServerError:
            case ConnectionEventKind::Failed:
            case ConnectionEventKind::TlsError:
                return ConnectionStatusWidget::stateColor(ConnectionState::Failed);
            case ConnectionEventKind::Info:
                break;
            }
        }
        return QSortFilterProxyModel::data(index, role);
    }
};

} // namespace

EventLogView::EventLogView(QWidget *parent)
    : QWidget(parent)
    , m_proxy(new EventColorProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_clearButton(new QToolButton(this))
    , m_copyButton(new QToolButton(this))
    , m_copyAllButton(new QToolButton(this))
{
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Search events"));
    m_search->setClearButtonEnabled(true);
    m_clearButton->setObjectName(QStringLiteral("clearButton"));
    m_clearButton->setText(tr("Clear"));
    m_clearButton->setToolTip(tr("Remove every event from the log"));
    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setToolTip(tr("Copy the selected events, or all shown events"));
    m_copyAllButton->setObjectName(QStringLiteral("copyAllButton"));
    m_copyAllButton->setText(tr("Copy all"));
    m_copyAllButton->setToolTip(tr("Copy every shown event, whatever is selected"));

    m_table->setObjectName(QStringLiteral("eventTable"));
    m_table->setModel(m_proxy);
    PlainToolTipFilter::install(m_table);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_copyButton);
    bar->addWidget(m_copyAllButton);
    bar->addWidget(m_clearButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_copyButton, &QToolButton::clicked, this, &EventLogView::copyRows);
    connect(m_copyAllButton, &QToolButton::clicked, this, &EventLogView::copyAllRows);
    connect(m_clearButton, &QToolButton::clicked, this, [this] {
        if (m_log)
            m_log->clear();
    });
    // Follow new rows only while the user is at the bottom.
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *scrollBar = m_table->verticalScrollBar();
        m_followTail = scrollBar->value() >= scrollBar->maximum();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followTail)
            m_table->scrollToBottom();
    });
}

void EventLogView::setLog(ConnectionEventLog *log)
{
    m_log = log;
    m_proxy->setSourceModel(log);
    if (!log)
        return;
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(ConnectionEventLog::TimeColumn,
                            metrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + 16);
    m_table->setColumnWidth(ConnectionEventLog::ConnectionColumn,
                            metrics.horizontalAdvance(QStringLiteral("ethereum.transactions")) +
                                16);
    m_table->setColumnWidth(ConnectionEventLog::KindColumn,
                            metrics.horizontalAdvance(QStringLiteral("Retry scheduled")) + 16);
}

int EventLogView::visibleRowCount() const
{
    return m_proxy->rowCount();
}

void EventLogView::copyRows()
{
    if (!m_log)
        return;
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (selected.isEmpty()) {
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            rows << m_proxy->mapToSource(m_proxy->index(row, 0)).row();
    } else {
        for (const QModelIndex &index : selected)
            rows << m_proxy->mapToSource(index).row();
        std::sort(rows.begin(), rows.end());
    }
    QApplication::clipboard()->setText(m_log->toText(rows));
}

void EventLogView::copyAllRows()
{
    if (!m_log)
        return;
    QList<int> rows;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        rows << m_proxy->mapToSource(m_proxy->index(row, 0)).row();
    QApplication::clipboard()->setText(m_log->toText(rows));
}

} // namespace allium
