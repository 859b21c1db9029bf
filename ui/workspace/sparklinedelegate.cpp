// SPDX-License-Identifier: MIT
#include "ui/workspace/sparklinedelegate.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace allium {

SparklineDelegate::SparklineDelegate(int role, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(role)
{}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const QVector<double> values = index.data(m_role).value<QVector<double>>();
    if (values.size() < 2)
        return;
    // The line sits left of the number, which is right-aligned.
    const QRect area = option.rect.adjusted(4, 4, -option.rect.width() / 2, -4);
    if (area.width() < 8 || area.height() < 6)
        return;
    const double top = std::max(1.0, *std::max_element(values.cbegin(), values.cend()));
    QPainterPath path;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const double x = area.left() + double(area.width()) * double(i) / double(values.size() - 1);
        const double y = area.bottom() - double(area.height()) * std::max(0.0, values.at(i)) / top;
        if (i == 0)
            path.moveTo(x, y);
        else
            path.lineTo(x, y);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor color = option.palette.color(QPalette::Highlight);
    if (option.state & QStyle::State_Selected)
        color = option.palette.color(QPalette::HighlightedText);
    painter->setPen(QPen(color, 1.2));
    painter->drawPath(path);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width() + 70, 120));
    return size;
}

} // namespace allium
