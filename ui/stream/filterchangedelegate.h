// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace allium {

/// Draws where the server filter changed in the live table: a band across the first row
/// received after the change (MessageTableModel::FilterChangeRole) and, in its last column, a
/// badge naming the new filter. The rows themselves stay messages (see markFilterChange()).
class FilterChangeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit FilterChangeDelegate(QObject *parent = nullptr);

    /// The badge's text for a filter summary, as drawn (before eliding).
    static QString badgeText(const QString &summary);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace allium
