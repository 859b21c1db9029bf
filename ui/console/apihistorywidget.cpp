// SPDX-License-Identifier: MIT
#include "ui/console/apihistorywidget.h"

#include "core/api/apiclient.h"
#include "core/api/apihistorymodel.h"
#include "core/api/latencystats.h"
#include "ui/console/apiexchangeview.h"
#include "ui/console/apihistoryproxymodel.h"
#include "ui/console/apiitemstableview.h"
#include "ui/text/plainlabel.h"
#include "ui/text/plaintooltipfilter.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace allium {

namespace {

/// What the latency summary shows for a figure it does not have yet.
const QString NoLatency = QStringLiteral("–");

template <typename W>
W *named(W *widget, const QString &objectName, const QString &accessibleName)
{
    widget->setObjectName(objectName);
    widget->setAccessibleName(accessibleName);
    return widget;
}

} // namespace

ApiHistoryWidget::ApiHistoryWidget(ApiHistoryModel *history, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_proxy(new ApiHistoryProxyModel(this))
{
    setObjectName(QStringLiteral("historyWidget"));
    setAccessibleName(QStringLiteral("Request history and detail"));
    m_proxy->setSourceModel(m_history);

    m_table =
        named(new QTreeView, QStringLiteral("historyTable"), QStringLiteral("Request history"));
    m_table->setModel(m_proxy);
    // A walk's row expands to its pages; a double click loads the request into the composer.
    m_table->setRootIsDecorated(true);
    m_table->setExpandsOnDoubleClick(false);
    m_table->setUniformRowHeights(true);
    PlainToolTipFilter::install(m_table);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    // Paths share their start (/api/v1/developer/…): the end is what tells them apart.
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setAlternatingRowColors(true);
    QHeaderView *header = m_table->header();
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::AscendingOrder); // arrival order until a column is clicked
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ApiHistoryModel::PathColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = m_table->fontMetrics();
    // Room for the expand arrow and a page's id.
    header->resizeSection(ApiHistoryModel::IdColumn,
                          metrics.horizontalAdvance(QStringLiteral("console-00000000-00")) +
                              m_table->indentation() + 8);
    header->resizeSection(ApiHistoryModel::MethodColumn,
                          metrics.horizontalAdvance(QStringLiteral("DELETE")) + 16);
    header->resizeSection(ApiHistoryModel::StatusColumn,
                          metrics.horizontalAdvance(QStringLiteral("Connection lost")) + 12);
    header->resizeSection(ApiHistoryModel::LatencyColumn,
                          metrics.horizontalAdvance(QStringLiteral("00000 ms")) + 12);
    header->resizeSection(ApiHistoryModel::TimeColumn,
                          metrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + 12);
    header->setMinimumSectionSize(40);
    m_table->setSortingEnabled(true);
    // The selection, not the current index: a click moves the current index before it selects.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateDetail();
        updateSelectionActions();
    });
    connect(m_table, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        const ApiRequest request = m_history->requestOf(m_proxy->mapToSource(index));
        if (!request.path.isEmpty())
            emit requestChosen(request);
    });

    m_resend = named(new QPushButton(QStringLiteral("Resend")), QStringLiteral("resendButton"),
                     QStringLiteral("Resend selected request"));
    m_resend->setToolTip(QStringLiteral("Send the selected request again with a new id"));
    m_cancel = named(new QPushButton(QStringLiteral("Cancel")), QStringLiteral("cancelButton"),
                     QStringLiteral("Cancel selected request"));
    m_cancel->setToolTip(QStringLiteral("Stop waiting for the selected request's response"));
    m_clear = named(new QPushButton(QStringLiteral("Clear")), QStringLiteral("clearHistoryButton"),
                    QStringLiteral("Clear history"));
    m_clear->setToolTip(QStringLiteral("Forget the history and the latency statistics"));
    connect(m_resend, &QPushButton::clicked, this, &ApiHistoryWidget::resendSelected);
    connect(m_cancel, &QPushButton::clicked, this, &ApiHistoryWidget::cancelSelected);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        m_history->clear();
        updateDetail();
        updateSelectionActions();
    });

    m_counts = named(new PlainLabel, QStringLiteral("inFlightLabel"),
                     QStringLiteral("Requests in flight and queued"));
    m_stats =
        named(new PlainLabel, QStringLiteral("latencyLabel"), QStringLiteral("Latency summary"));
    m_fill =
        named(new PlainLabel, QStringLiteral("historyFillLabel"), QStringLiteral("History size"));
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice = named(new PlainLabel, QStringLiteral("noticeLabel"), QStringLiteral("Last action"));
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setWordWrap(true);

    m_counts->setToolTip(QStringLiteral("Requests sent and not answered yet, and requests "
                                        "waiting for a free slot (the service allows 1,000 "
                                        "in flight per connection)"));
    m_stats->setWordWrap(true);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_resend);
    actions->addWidget(m_cancel);
    actions->addWidget(m_clear);
    actions->addStretch(1);
    actions->addWidget(m_counts);

    auto *historyPane =
        named(new QWidget, QStringLiteral("historyPane"), QStringLiteral("History"));
    auto *historyLayout = new QVBoxLayout(historyPane);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addLayout(actions);
    historyLayout->addWidget(m_table, 1);
    // The fill sits beside the wrapping latency line, where it never widens the panel.
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_stats, 1);
    footer->addWidget(m_fill);
    historyLayout->addLayout(footer);
    historyLayout->addWidget(m_notice);

    m_exchange = named(new ApiExchangeView, QStringLiteral("exchangeView"),
                       QStringLiteral("Selected request and response"));
    connect(m_exchange->itemsTable(), &ApiItemsTableView::noticePosted, this,
            &ApiHistoryWidget::showNotice);

    m_splitter = named(new QSplitter(Qt::Horizontal), QStringLiteral("historySplitter"),
                       QStringLiteral("History and detail"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(historyPane);
    m_splitter->addWidget(m_exchange);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({600, 400});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_history, &ApiHistoryModel::statsChanged, this, &ApiHistoryWidget::updateStats);
    connect(m_history, &ApiHistoryModel::fillChanged, this, &ApiHistoryWidget::updateFill);
    connect(m_history, &ApiHistoryModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const QModelIndex selected = selectedSourceIndex();
                if (selected.isValid() && selected.parent() == topLeft.parent() &&
                    selected.row() >= topLeft.row() && selected.row() <= bottomRight.row()) {
                    updateDetail();
                    updateSelectionActions();
                }
            });

    // A page in view says "page 1 of N": another page of its walk changes N.
    connect(m_history, &ApiHistoryModel::rowsInserted, this, [this](const QModelIndex &walk) {
        const QModelIndex selected = selectedSourceIndex();
        if (walk.isValid() && selected.isValid() && selected.parent() == walk)
            updateDetail();
    });

    m_proxy->setPalette(palette());
    updateCounts(0, 0);
    updateStats();
    updateFill();
    updateSelectionActions();
}

ApiHistoryWidget::~ApiHistoryWidget()
{
    setApiClient(nullptr);
}

void ApiHistoryWidget::setApiClient(ApiClient *client)
{
    disconnect(m_clientConnection);
    m_client = client;
    if (client) {
        m_clientConnection =
            connect(client, &ApiClient::inFlightChanged, this, &ApiHistoryWidget::updateCounts);
        updateCounts(client->inFlightCount(), client->queuedCount());
    } else {
        updateCounts(0, 0);
    }
    updateSelectionActions();
}

void ApiHistoryWidget::resendSelected()
{
    const ApiRequest original = m_history->requestOf(selectedSourceIndex());
    if (m_client && !original.path.isEmpty())
        emit resendRequested(original);
}

void ApiHistoryWidget::cancelSelected()
{
    const QModelIndex selected = selectedSourceIndex();
    if (!m_client || !selected.data(ApiHistoryModel::PendingRole).toBool())
        return;
    // A walk cancels its pending pages.
    const int pages = m_history->rowCount(selected);
    QStringList ids;
    for (int page = 0; page < pages; ++page) {
        const QModelIndex index = m_history->index(page, 0, selected);
        if (index.data(ApiHistoryModel::PendingRole).toBool())
            ids.append(index.data(ApiHistoryModel::IdRole).toString());
    }
    if (pages == 0)
        ids.append(selected.data(ApiHistoryModel::IdRole).toString());
    for (const QString &id : std::as_const(ids))
        m_client->cancel(id);
}

void ApiHistoryWidget::updateCounts(int inFlight, int queued)
{
    m_counts->setText(QStringLiteral("In flight %1 · queued %2").arg(inFlight).arg(queued));
}

void ApiHistoryWidget::updateStats()
{
    const LatencyStats &stats = m_history->stats();
    const int errors = stats.count(ApiRequestState::ServerError) +
                       stats.count(ApiRequestState::ConnectionLost) +
                       stats.count(ApiRequestState::Rejected);
    m_stats->setText(QStringLiteral("p50 %1 · p95 %2 · p99 %3 · errors %4 · timeouts %5")
                         .arg(latencyText(stats.p50(), NoLatency),
                              latencyText(stats.p95(), NoLatency),
                              latencyText(stats.p99(), NoLatency))
                         .arg(errors)
                         .arg(stats.count(ApiRequestState::TimedOut)));
    m_stats->setToolTip(
        QStringLiteral(
            "%1 requests ended: %2 succeeded, %3 server errors, %4 connection lost, "
            "%5 rejected, %6 timed out, %7 cancelled. Latency: min %8, mean %9, max %10.")
            .arg(stats.count())
            .arg(stats.count(ApiRequestState::Succeeded))
            .arg(stats.count(ApiRequestState::ServerError))
            .arg(stats.count(ApiRequestState::ConnectionLost))
            .arg(stats.count(ApiRequestState::Rejected))
            .arg(stats.count(ApiRequestState::TimedOut))
            .arg(stats.count(ApiRequestState::Cancelled))
            .arg(latencyText(stats.min(), NoLatency), latencyText(stats.mean(), NoLatency),
                 latencyText(stats.max(), NoLatency)));
}

void ApiHistoryWidget::updateFill()
{
    const QLocale locale;
    const auto size = [&locale](qint64 bytes) {
        return locale.formattedDataSize(bytes,
                                        bytes < 1000 * 1000 || bytes % (1024 * 1024) == 0 ? 0 : 1,
                                        QLocale::DataSizeTraditionalFormat);
    };
    m_fill->setText(QStringLiteral("History %1 · %2 of %3")
                        .arg(locale.toString(m_history->pageCount()), size(m_history->bytes()),
                             size(m_history->maxBytes())));
    m_fill->setToolTip(QStringLiteral("Requests kept (at most %1) and the memory they use; the "
                                      "oldest finished requests go first. %2 dropped so far.")
                           .arg(locale.toString(m_history->maxRows()),
                                locale.toString(m_history->evictedCount())));
}

void ApiHistoryWidget::updateDetail()
{
    const QModelIndex selected = selectedSourceIndex();
    if (!selected.isValid()) {
        m_showingWalk = false;
        m_exchange->clear();
        return;
    }
    const QModelIndex index = selected.siblingAtColumn(ApiHistoryModel::IdColumn);
    const auto state = ApiHistoryModel::RowState(index.data(ApiHistoryModel::RowStateRole).toInt());
    const bool isWalk = index.data(ApiHistoryModel::IsWalkRole).toBool();
    QStringList parts{index.data(ApiHistoryModel::IdRole).toString(),
                      ApiHistoryModel::stateText(state)};
    if (isWalk)
        parts.append(
            ApiHistoryModel::walkSummary(index.data(ApiHistoryModel::PageCountRole).toInt(),
                                         index.data(ApiHistoryModel::ItemCountRole).toInt()));
    else if (selected.parent().isValid())
        parts.append(QStringLiteral("page %1 of %2")
                         .arg(selected.row() + 1)
                         .arg(m_history->rowCount(selected.parent())));
    const double latency = index.data(ApiHistoryModel::LatencyRole).toDouble();
    if (latency >= 0)
        parts.append(isWalk ? QStringLiteral("%1 in all").arg(latencyText(latency))
                            : latencyText(latency));
    const int attempts = index.data(ApiHistoryModel::AttemptsRole).toInt();
    if (attempts > 1 && !isWalk)
        parts.append(QStringLiteral("sent %1 times").arg(attempts));
    const QString problem = state == ApiHistoryModel::RowState::Succeeded
                                ? QString()
                                : index.data(ApiHistoryModel::ErrorMessageRole).toString();
    const QByteArray request = index.data(ApiHistoryModel::RequestJsonRole).toByteArray();
    // A walk has no response of its own: its rows are what there is to see, from the moment
    // the selected row is (or becomes) one.
    if (isWalk && !m_showingWalk)
        m_exchange->showTableTab();
    m_showingWalk = isWalk;
    if (isWalk) {
        // One table of every page's rows; rebuilt only when a page changed state.
        QList<QJsonValue> pages;
        QList<QByteArray> frames;
        QString pagesKey;
        for (int page = 0; page < m_history->rowCount(index); ++page) {
            const QModelIndex pageIndex = m_history->index(page, 0, index);
            pages.append(pageIndex.data(ApiHistoryModel::ResponseDataRole).value<QJsonValue>());
            frames.append(pageIndex.data(ApiHistoryModel::ResponseJsonRole).toByteArray());
            pagesKey += QStringLiteral("%1:%2;").arg(
                pageIndex.data(ApiHistoryModel::IdRole).toString(),
                pageIndex.data(ApiHistoryModel::RowStateRole).toString());
        }
        m_exchange->showWalk(request, parts.join(QStringLiteral(" · ")), problem, pages, frames,
                             pagesKey);
        return;
    }
    // The tree shows the frame the client parsed (id, status, data), so it is not parsed again.
    QJsonValue tree(QJsonValue::Undefined);
    const QJsonValue responseData =
        index.data(ApiHistoryModel::ResponseDataRole).value<QJsonValue>();
    if (!responseData.isUndefined()) {
        QJsonObject frame{
            {QStringLiteral("id"), index.data(ApiHistoryModel::ResponseIdRole).toString()},
            {QStringLiteral("data"), responseData}};
        const QString status = index.data(ApiHistoryModel::ResponseStatusRole).toString();
        if (!status.isEmpty())
            frame.insert(QStringLiteral("status"), status);
        tree = frame;
    }
    m_exchange->showExchange(request, index.data(ApiHistoryModel::ResponseJsonRole).toByteArray(),
                             parts.join(QStringLiteral(" · ")), problem, tree,
                             index.data(ApiHistoryModel::ResponseSizeRole).toLongLong());
}

void ApiHistoryWidget::updateSelectionActions()
{
    const QModelIndex selected = selectedSourceIndex();
    m_resend->setEnabled(m_client && !m_history->requestOf(selected).path.isEmpty());
    m_cancel->setEnabled(m_client && selected.data(ApiHistoryModel::PendingRole).toBool());
}

QModelIndex ApiHistoryWidget::selectedSourceIndex() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QModelIndex() : m_proxy->mapToSource(rows.constFirst());
}

void ApiHistoryWidget::selectId(const QString &id)
{
    const int row = m_history->rowOfId(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_history->index(row, 0));
    // A page of this walk that the user looks at stays in view while the walk goes on.
    const QModelIndex current = m_table->currentIndex();
    if (current.parent().isValid() && current.parent().siblingAtColumn(0) == index)
        return;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void ApiHistoryWidget::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

QByteArray ApiHistoryWidget::splitterState() const
{
    return m_splitter->saveState();
}

QByteArray ApiHistoryWidget::headerState() const
{
    return m_table->header()->saveState();
}

void ApiHistoryWidget::restoreLayout(const QByteArray &splitterState, const QByteArray &headerState)
{
    m_splitter->restoreState(splitterState);
    m_table->header()->restoreState(headerState);
}

void ApiHistoryWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_proxy->setPalette(palette());
    QWidget::changeEvent(event);
}

} // namespace allium
