// SPDX-License-Identifier: MIT
#include "ui/text/plaintooltipfilter.h"

#include "ui/text/plaintext.h"

#include <QHeaderView>
#include <QHelpEvent>
#include <QTableView>
#include <QToolTip>
#include <QTreeView>

namespace allium {

namespace {

QString headerToolTip(QHeaderView *header, const QPoint &pos)
{
    const int section = header->logicalIndexAt(pos);
    if (section < 0 || !header->model())
        return {};
    return header->model()->headerData(section, header->orientation(), Qt::ToolTipRole).toString();
}

} // namespace

PlainToolTipFilter::PlainToolTipFilter(QAbstractItemView *view)
    : QObject(view)
    , m_view(view)
{}

void PlainToolTipFilter::install(QAbstractItemView *view)
{
    auto *filter = new PlainToolTipFilter(view);
    view->viewport()->installEventFilter(filter);
    QList<QHeaderView *> headers;
    if (auto *table = qobject_cast<QTableView *>(view))
        headers = {table->horizontalHeader(), table->verticalHeader()};
    else if (auto *tree = qobject_cast<QTreeView *>(view))
        headers = {tree->header()};
    for (QHeaderView *header : std::as_const(headers))
        header->viewport()->installEventFilter(filter);
}

bool PlainToolTipFilter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QObject::eventFilter(watched, event);
    auto *help = static_cast<QHelpEvent *>(event);
    auto *viewport = qobject_cast<QWidget *>(watched);
    QString text;
    QRect rect;
    if (auto *header = qobject_cast<QHeaderView *>(viewport ? viewport->parentWidget() : nullptr)) {
        text = headerToolTip(header, help->pos());
    } else if (viewport == m_view->viewport()) {
        const QModelIndex index = m_view->indexAt(help->pos());
        if (index.isValid()) {
            text = index.data(Qt::ToolTipRole).toString();
            rect = m_view->visualRect(index);
        }
    } else {
        return QObject::eventFilter(watched, event);
    }
    if (text.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
    } else {
        QToolTip::showText(help->globalPos(), PlainText::toolTip(text), viewport, rect);
    }
    return true;
}

} // namespace allium
