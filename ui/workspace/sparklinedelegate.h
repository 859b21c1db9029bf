// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace allium {

/// Draws a cell's number with a small line of its recent values behind it (the overview's
/// msg/s over the last minute). The values come from the model's `role` as QVector<double>.
class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit SparklineDelegate(int role, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
};

} // namespace allium
