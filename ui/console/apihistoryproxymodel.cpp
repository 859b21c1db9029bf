// SPDX-License-Identifier: MIT
#include "ui/console/apihistoryproxymodel.h"

#include "ui/theme/theme.h"

namespace allium {

ApiHistoryProxyModel::ApiHistoryProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ApiHistoryModel::SortRole);
    setDynamicSortFilter(true);
}

void ApiHistoryProxyModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    recolour({});
}

void ApiHistoryProxyModel::recolour(const QModelIndex &parent)
{
    const int rows = rowCount(parent);
    if (rows == 0)
        return;
    emit dataChanged(index(0, 0, parent), index(rows - 1, columnCount(parent) - 1, parent),
                     {Qt::ForegroundRole});
    // A walk's pages are coloured too.
    for (int row = 0; row < rows && !parent.isValid(); ++row)
        recolour(index(row, 0));
}

QColor ApiHistoryProxyModel::toneColor(ApiHistoryModel::Tone tone, const QPalette &palette)
{
    switch (tone) {
    case ApiHistoryModel::Tone::Pending:
        return Theme::color(Theme::Role::Pending, palette);
    case ApiHistoryModel::Tone::Success:
        return Theme::color(Theme::Role::Success, palette);
    case ApiHistoryModel::Tone::Failure:
        return Theme::color(Theme::Role::Failure, palette);
    case ApiHistoryModel::Tone::Warning:
        return Theme::color(Theme::Role::Warning, palette);
    case ApiHistoryModel::Tone::Muted:
        return Theme::color(Theme::Role::Muted, palette);
    }
    return palette.color(QPalette::Text);
}

QVariant ApiHistoryProxyModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::ForegroundRole && index.isValid()) {
        const auto tone = ApiHistoryModel::Tone(
            QSortFilterProxyModel::data(index, ApiHistoryModel::ToneRole).toInt());
        // Only the status column is coloured fully; elsewhere the tone marks failures only, so a
        // table of successes stays calm.
        if (index.column() == ApiHistoryModel::StatusColumn ||
            tone == ApiHistoryModel::Tone::Failure || tone == ApiHistoryModel::Tone::Warning ||
            tone == ApiHistoryModel::Tone::Muted)
            return toneColor(tone, m_palette);
        return {};
    }
    return QSortFilterProxyModel::data(index, role);
}

} // namespace allium
