#include "ui/console/apihistoryproxymodel.h"

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
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                         {Qt::ForegroundRole});
}

QColor ApiHistoryProxyModel::toneColor(ApiHistoryModel::Tone tone, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const bool darkBase = palette.color(QPalette::Base).lightness() < 128;
    // The same hues as a traffic light, light enough to read on dark bases and dark enough on
    // light ones.
    const int lightness = darkBase ? 170 : 80;
    switch (tone) {
    case ApiHistoryModel::Tone::Pending:
        return QColor::fromHsl(210, 160, lightness);
    case ApiHistoryModel::Tone::Success:
        return QColor::fromHsl(130, 150, darkBase ? 160 : 70);
    case ApiHistoryModel::Tone::Failure:
        return QColor::fromHsl(0, 180, darkBase ? 170 : 95);
    case ApiHistoryModel::Tone::Warning:
        return QColor::fromHsl(32, 200, darkBase ? 160 : 80);
    case ApiHistoryModel::Tone::Muted:
        return palette.color(QPalette::Disabled, QPalette::Text).isValid()
                   ? palette.color(QPalette::Disabled, QPalette::Text)
                   : text;
    }
    return text;
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
