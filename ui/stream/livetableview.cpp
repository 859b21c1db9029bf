// SPDX-License-Identifier: MIT
#include "ui/stream/livetableview.h"

#include "core/json/valueformatter.h"
#include "core/table/messagetablemodel.h"
#include "ui/stream/livescrollbar.h"
#include "ui/text/plaintooltipfilter.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>

#include <algorithm>

namespace allium {

namespace {

// Where a message keeps the hash worth copying, most specific first.
const char *const HashPaths[] = {"hash",         "transaction_hash", "txn_id",
                                 "payload.hash", "signature",        "tx_hash"};

int defaultWidth(const QString &path, const QFontMetrics &metrics)
{
    const QString name = path.mid(path.lastIndexOf(QLatin1Char('.')) + 1);
    int characters = 14;
    switch (ValueFormatter::kindForPath(path)) {
    case ValueFormatter::Kind::Timestamp:
        characters = 23;
        break;
    case ValueFormatter::Kind::Wei:
    case ValueFormatter::Kind::Gwei:
        characters = 15;
        break;
    case ValueFormatter::Kind::Grouped:
        characters = 12;
        break;
    case ValueFormatter::Kind::Plain:
        if (name.contains(QLatin1String("hash")) || name.contains(QLatin1String("address")) ||
            name == QLatin1String("miner") || name == QLatin1String("user") ||
            name == QLatin1String("signer") || name == QLatin1String("txn_id"))
            characters = 15;
        break;
    }
    const int content = metrics.horizontalAdvance(QLatin1Char('0')) * characters;
    const int header = metrics.horizontalAdvance(path) + 2 * metrics.height();
    return std::max(content, header);
}

} // namespace

LiveTableView::LiveTableView(QWidget *parent)
    : QTableView(parent)
{
    setObjectName(QStringLiteral("liveTable"));
    setAccessibleName(tr("Received messages"));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setAlternatingRowColors(true);
    setCornerButtonEnabled(false);
    // Tab and Shift+Tab leave the table for the next widget; the arrows move inside it.
    setTabKeyNavigation(false);
    PlainToolTipFilter::install(this);
    // One row per scroll step keeps the arithmetic of "stay where you were" exact.
    setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

    // Uniform rows: the view never measures a row's contents, whatever the history holds.
    QHeaderView *rows = verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 6);
    rows->setMinimumSectionSize(fontMetrics().height() + 2);
    rows->hide();

    QHeaderView *columns = horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setTextElideMode(Qt::ElideMiddle);

    // QAbstractItemView's own handlers follow the scroll bar it made to this one.
    auto *bar = new LiveScrollBar(Qt::Vertical, this);
    setVerticalScrollBar(bar);
    connect(bar, &QScrollBar::actionTriggered, this, &LiveTableView::verticalScrollbarAction);
    connect(bar, &QScrollBar::valueChanged, this, &LiveTableView::verticalScrollbarValueChanged);
    connect(bar, &QScrollBar::valueChanged, this, &LiveTableView::handleScrollValueChanged);
    m_followDelay.setSingleShot(true);
    connect(&m_followDelay, &QTimer::timeout, this, &LiveTableView::followNow);
}

void LiveTableView::setModel(QAbstractItemModel *newModel)
{
    for (const QMetaObject::Connection &connection : qAsConst(m_modelConnections))
        disconnect(connection);
    m_modelConnections.clear();
    // Connected before the selection model exists, so this runs first: left to itself, the
    // selection model would make a neighbour current and the view scroll to it, and an evicted
    // current row would walk the selection and the viewport along the eviction front.
    if (newModel) {
        m_modelConnections << connect(newModel, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                                      &LiveTableView::handleCurrentAboutToBeRemoved);
    }
    QTableView::setModel(newModel);
    m_layoutEverything = true;
    if (!newModel)
        return;
    m_modelConnections << connect(newModel, &QAbstractItemModel::rowsInserted, this,
                                  &LiveTableView::handleRowsInserted);
    // Anything that moves rows already in view lays out and repaints everything.
    const auto everything = [this] { m_layoutEverything = true; };
    m_modelConnections << connect(newModel, &QAbstractItemModel::rowsRemoved, this, everything)
                       << connect(newModel, &QAbstractItemModel::rowsMoved, this, everything)
                       << connect(newModel, &QAbstractItemModel::modelReset, this, everything)
                       << connect(newModel, &QAbstractItemModel::layoutChanged, this, everything)
                       << connect(newModel, &QAbstractItemModel::columnsInserted, this, everything)
                       << connect(newModel, &QAbstractItemModel::columnsRemoved, this, everything)
                       << connect(newModel, &QAbstractItemModel::columnsMoved, this, everything);
    m_modelConnections << connect(newModel, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                                  &LiveTableView::handleRowsAboutToBeRemoved);
    m_modelConnections << connect(
        newModel, &QAbstractItemModel::columnsInserted, this,
        [this](const QModelIndex &, int first, int last) {
            for (int column = first; column <= last; ++column) {
                const QString path = model()->headerData(column, Qt::Horizontal).toString();
                setColumnWidth(column, defaultWidth(path, fontMetrics()));
            }
        });
}

void LiveTableView::setFollowing(bool following)
{
    if (following == m_following)
        return;
    m_following = following;
    if (following) {
        m_programmaticScroll = true;
        scrollToBottom();
        m_programmaticScroll = false;
    }
    emit followingChanged(following);
}

void LiveTableView::doItemsLayout()
{
    const int from = m_insertedFrom;
    const bool everything = m_layoutEverything || from < 0;
    m_insertedFrom = -1;
    m_layoutEverything = false;
    if (everything) {
        QTableView::doItemsLayout();
        return;
    }
    // QTableView's layout but for its repaint of the whole viewport (ten times a second for a
    // stream in view, though new rows mostly land below it): the rows above the first new one
    // stay where they were.
    const int offsetBefore = verticalHeader()->offset();
    updateGeometries();
    // The offset as QTableView sets it: at the end of the range the last row is aligned with
    // the bottom, not the top row with the top (scrolling computes its delta from it).
    QScrollBar *bar = verticalScrollBar();
    if (verticalScrollMode() != QAbstractItemView::ScrollPerItem)
        verticalHeader()->setOffset(bar->value());
    else if (bar->maximum() > 0 && bar->value() == bar->maximum())
        verticalHeader()->setOffsetToLastSection();
    else
        verticalHeader()->setOffsetToSectionPosition(bar->value());
    // A new range can move the rows in view (at the end the last row was aligned with the
    // bottom): moved as a scroll moves them, the rows uncovered painted.
    const int shift = offsetBefore - verticalHeader()->offset();
    if (shift != 0)
        viewport()->scroll(0, shift);
    if (!verticalHeader()->updatesEnabled())
        verticalHeader()->setUpdatesEnabled(true);
    const int top = std::max(0, rowViewportPosition(from));
    const int height = viewport()->height();
    if (top < height)
        viewport()->update(QRect(0, top, viewport()->width(), height - top));
}

// Every scroll repaints the whole viewport: a trickle of batches scrolls at once, a faster
// stream at most every FollowIntervalMs, and a hidden view (another tab) not at all.
void LiveTableView::handleRowsInserted(const QModelIndex &parent, int first)
{
    if (parent.isValid())
        m_layoutEverything = true;
    else
        m_insertedFrom = m_insertedFrom < 0 ? first : std::min(m_insertedFrom, first);
    if (!m_following || !isVisible() || m_followDelay.isActive())
        return;
    const qint64 since = m_lastFollow.isValid() ? m_lastFollow.elapsed() : FollowIntervalMs;
    if (since < FollowIntervalMs) {
        m_followDelay.start(int(FollowIntervalMs - since));
        return;
    }
    followNow();
}

void LiveTableView::followNow()
{
    m_followDelay.stop();
    if (!m_following)
        return; // the user scrolled away meanwhile
    m_lastFollow.start();
    m_programmaticScroll = true;
    scrollToBottom();
    m_programmaticScroll = false;
}

void LiveTableView::showEvent(QShowEvent *event)
{
    QTableView::showEvent(event);
    followNow();
}

// Rows evicted above the viewport would slide the rows the user is reading up and out of view;
// scrolling back by as many rows keeps them in place.
void LiveTableView::handleRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || m_following)
        return;
    QScrollBar *bar = verticalScrollBar();
    const int top = bar->value();
    const int removedAbove = std::min(last, top - 1) - first + 1;
    if (removedAbove <= 0)
        return;
    m_programmaticScroll = true;
    bar->setValue(top - removedAbove);
    m_programmaticScroll = false;
}

void LiveTableView::handleCurrentAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    const QModelIndex current = currentIndex();
    if (parent.isValid() || !current.isValid() || current.row() < first || current.row() > last)
        return;
    const quint64 rowId = current.data(MessageTableModel::RowIdRole).toULongLong();
    m_droppingCurrent = true;
    selectionModel()->clearCurrentIndex();
    m_droppingCurrent = false;
    emit currentMessageRemoved(rowId);
}

void LiveTableView::handleScrollValueChanged(int value)
{
    if (m_programmaticScroll)
        return;
    const bool atBottom = value >= verticalScrollBar()->maximum();
    if (atBottom != m_following) {
        m_following = atBottom;
        emit followingChanged(m_following);
    }
}

QByteArray LiveTableView::selectedRowsJson() const
{
    if (!model() || !selectionModel())
        return {};
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QByteArray out;
    for (const QModelIndex &row : qAsConst(rows)) {
        out += row.data(MessageTableModel::RawJsonRole).toByteArray();
        out += '\n';
    }
    return out;
}

QByteArray LiveTableView::currentRowJson() const
{
    const QModelIndex current = currentIndex();
    return current.isValid() ? current.data(MessageTableModel::RawJsonRole).toByteArray()
                             : QByteArray();
}

QString LiveTableView::currentValueText() const
{
    const QModelIndex current = currentIndex();
    if (!current.isValid())
        return {};
    return ValueFormatter::copyText(current.data(MessageTableModel::JsonValueRole).toJsonValue());
}

QString LiveTableView::currentHash() const
{
    const QByteArray json = currentRowJson();
    if (json.isEmpty())
        return {};
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    for (const char *path : HashPaths) {
        const QJsonValue value = MessageTableModel::valueAt(object, QString::fromLatin1(path));
        if (value.isString() && !value.toString().isEmpty())
            return value.toString();
    }
    return {};
}

void LiveTableView::copySelectedRows() const
{
    QByteArray json = selectedRowsJson();
    if (json.isEmpty())
        json = currentRowJson();
    if (json.endsWith('\n') && json.count('\n') == 1)
        json.chop(1);
    if (!json.isEmpty())
        QApplication::clipboard()->setText(QString::fromUtf8(json));
}

void LiveTableView::copyCurrentValue() const
{
    if (currentIndex().isValid())
        QApplication::clipboard()->setText(currentValueText());
}

void LiveTableView::copyCurrentHash() const
{
    const QString hash = currentHash();
    if (!hash.isEmpty())
        QApplication::clipboard()->setText(hash);
}

void LiveTableView::keyPressEvent(QKeyEvent *event)
{
    if (event == QKeySequence::Copy) {
        copySelectedRows();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_End && event->modifiers() == Qt::ControlModifier) {
        setFollowing(true);
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void LiveTableView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(viewport()->mapFromGlobal(event->globalPos()));
    if (index.isValid() && index != currentIndex())
        setCurrentIndex(index);
    if (!currentIndex().isValid())
        return;
    QMenu menu(this);
    QAction *copyValue = menu.addAction(tr("Copy value"));
    copyValue->setObjectName(QStringLiteral("copyValueAction"));
    QAction *copyRow = menu.addAction(tr("Copy row JSON"));
    copyRow->setShortcut(QKeySequence::Copy);
    copyRow->setObjectName(QStringLiteral("copyRowAction"));
    QAction *copyHash = menu.addAction(tr("Copy hash"));
    copyHash->setObjectName(QStringLiteral("copyHashAction"));
    copyHash->setEnabled(!currentHash().isEmpty());
    QAction *chosen = menu.exec(event->globalPos());
    if (chosen == copyValue)
        copyCurrentValue();
    else if (chosen == copyRow)
        copySelectedRows();
    else if (chosen == copyHash)
        copyCurrentHash();
}

void LiveTableView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QTableView::currentChanged(current, previous);
    if (m_droppingCurrent)
        return; // currentMessageRemoved says what happened
    if (current.row() != previous.row() || !current.isValid())
        emit currentMessageChanged(currentRowJson());
}

} // namespace allium
