// SPDX-License-Identifier: MIT
#include "ui/stream/filterchangedelegate.h"

#include "core/table/messagetablemodel.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace allium {

FilterChangeDelegate::FilterChangeDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QString FilterChangeDelegate::badgeText(const QString &summary)
{
    return tr("▼ filter: %1").arg(summary);
}

void FilterChangeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    // A message that fired an alert rule: an amber wash behind the row (kept light so that
    // the text stays readable in light and dark palettes; selection paints over it).
    if (!index.data(MessageTableModel::AlertRole).isNull()) {
        QColor amber(255, 170, 0);
        amber.setAlpha(80);
        painter->fillRect(option.rect, amber);
    }
    QStyledItemDelegate::paint(painter, option, index);
    const QVariant change = index.data(MessageTableModel::FilterChangeRole);
    if (change.isNull())
        return;

    const QColor accent = option.palette.color(QPalette::Active, QPalette::Highlight);
    painter->save();
    // A band along the top of every cell of the row: the line between two filters.
    const int band = std::max(2, option.rect.height() / 8);
    painter->fillRect(QRect(option.rect.left(), option.rect.top(), option.rect.width(), band),
                      accent);

    // The badge sits at the right end of the last column, usually the widest and emptiest.
    const QAbstractItemModel *model = index.model();
    if (index.column() == model->columnCount(index.parent()) - 1) {
        const QFontMetrics metrics(option.font);
        const int padding = metrics.averageCharWidth();
        const int maxWidth = std::max(0, option.rect.width() - 2 * padding);
        const QString text = metrics.elidedText(badgeText(change.toString()), Qt::ElideRight,
                                                maxWidth - 2 * padding);
        const int width = metrics.horizontalAdvance(text) + 2 * padding;
        const QRect badge(option.rect.right() - padding - width, option.rect.top() + band, width,
                          option.rect.height() - band);
        if (width > 2 * padding && badge.left() > option.rect.left()) {
            painter->setRenderHint(QPainter::Antialiasing);
            QPainterPath path;
            path.addRoundedRect(QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
            painter->fillPath(path, accent);
            painter->setPen(option.palette.color(QPalette::Active, QPalette::HighlightedText));
            painter->setFont(option.font);
            painter->drawText(badge, Qt::AlignCenter, text);
        }
    }
    painter->restore();
}

} // namespace allium
