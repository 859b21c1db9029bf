// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apihistorymodel.h"

#include <QColor>
#include <QPalette>
#include <QSortFilterProxyModel>

namespace allium {

/// The console history as the tree shows it: sortable by each column's natural value and
/// coloured by the rows' tones, in the theme's colours for the palette (light and dark).
class ApiHistoryProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ApiHistoryProxyModel(QObject *parent = nullptr);

    void setPalette(const QPalette &palette);
    /// The text colour of `tone` on `palette` (the theme's colour of that meaning).
    static QColor toneColor(ApiHistoryModel::Tone tone, const QPalette &palette);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    /// Announces new colours for the rows under `parent` (and their children).
    void recolour(const QModelIndex &parent);

    QPalette m_palette;
};

} // namespace allium
