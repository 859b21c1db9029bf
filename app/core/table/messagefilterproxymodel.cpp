// SPDX-License-Identifier: MIT
#include "core/table/messagefilterproxymodel.h"

#include "core/table/messagetablemodel.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace allium {

namespace {

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

} // namespace

MessageFilterProxyModel::MessageFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // Rows keep their arrival order; the proxy only hides rows.
    setDynamicSortFilter(false);
}

MessageFilterProxyModel::~MessageFilterProxyModel() = default;

void MessageFilterProxyModel::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    const bool wasFiltering = isFiltering();
    m_searchText = text;
    m_needle = text.toLower().toUtf8();
    m_needleIsAscii = true;
    for (const char c : qAsConst(m_needle)) {
        if (uchar(c) >= 0x80)
            m_needleIsAscii = false;
    }
    restartFilter();
    if (wasFiltering != isFiltering())
        emit filteringChanged(isFiltering());
}

void MessageFilterProxyModel::setRowFilter(const Filter &filter)
{
    if (filter == m_filter)
        return;
    const bool wasFiltering = isFiltering();
    m_filter = filter;
    restartFilter();
    if (wasFiltering != isFiltering())
        emit filteringChanged(isFiltering());
}

bool MessageFilterProxyModel::isFiltering() const
{
    return !m_searchText.isEmpty() || !m_filter.isEmpty();
}

void MessageFilterProxyModel::restartFilter()
{
    m_cache.clear();
    m_evaluations = 0;
    invalidateRowsFilter();
}

bool MessageFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !isFiltering())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    bool ok = false;
    const quint64 id = index.data(MessageTableModel::RowIdRole).toULongLong(&ok);
    if (!ok)
        return evaluate(sourceRow);
    const auto cached = m_cache.constFind(id);
    if (cached != m_cache.constEnd())
        return cached.value();
    pruneCache();
    const bool accepted = evaluate(sourceRow);
    m_cache.insert(id, accepted);
    return accepted;
}

bool MessageFilterProxyModel::evaluate(int sourceRow) const
{
    ++m_evaluations;
    const QByteArray json =
        sourceModel()->index(sourceRow, 0).data(MessageTableModel::RawJsonRole).toByteArray();
    if (!m_needle.isEmpty()) {
        if (m_needleIsAscii ? !containsIgnoringCase(json, m_needle)
                            : !QString::fromUtf8(json).contains(m_searchText, Qt::CaseInsensitive))
            return false;
    }
    if (!m_filter.isEmpty()) {
        // Parsed here rather than through the table's row cache, which holds the visible rows.
        if (!m_filter.matches(QJsonDocument::fromJson(json).object()))
            return false;
    }
    return true;
}

// Results of rows that left the source are dropped once they outnumber the live ones, so the
// cache stays in proportion to the history.
void MessageFilterProxyModel::pruneCache() const
{
    const int rows = sourceModel()->rowCount();
    if (m_cache.size() < 2 * qsizetype(rows) + 4096)
        return;
    if (rows == 0) {
        m_cache.clear();
        return;
    }
    bool ok = false;
    const quint64 oldest =
        sourceModel()->index(0, 0).data(MessageTableModel::RowIdRole).toULongLong(&ok);
    if (!ok)
        return;
    for (auto it = m_cache.begin(); it != m_cache.end();) {
        if (it.key() < oldest)
            it = m_cache.erase(it);
        else
            ++it;
    }
}

bool MessageFilterProxyModel::containsIgnoringCase(const QByteArray &haystack,
                                                   const QByteArray &lowerNeedle)
{
    const qsizetype n = lowerNeedle.size();
    if (n == 0)
        return true;
    const qsizetype last = haystack.size() - n;
    const char first = lowerNeedle.at(0);
    const char *data = haystack.constData();
    const char *needle = lowerNeedle.constData();
    for (qsizetype i = 0; i <= last; ++i) {
        if (asciiLower(data[i]) != first)
            continue;
        qsizetype j = 1;
        while (j < n && asciiLower(data[i + j]) == needle[j])
            ++j;
        if (j == n)
            return true;
    }
    return false;
}

} // namespace allium
