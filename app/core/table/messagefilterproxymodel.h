// SPDX-License-Identifier: MIT
#pragma once

#include "core/filter/filter.h"

#include <QByteArray>
#include <QHash>
#include <QSortFilterProxyModel>

namespace allium {

/// The local filter over rows already received (apart from the filter sent to the server): a
/// case-insensitive text search over each row's raw JSON AND, optionally, a Filter evaluated on
/// the parsed row. Results are cached per row id, so a new batch evaluates only its own rows.
/// The source is a MessageTableModel (or any model giving RawJsonRole and RowIdRole).
class MessageFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit MessageFilterProxyModel(QObject *parent = nullptr);
    ~MessageFilterProxyModel() override;

    /// Text searched for in the raw JSON, ignoring case; empty matches every row.
    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }

    /// A filter every shown row must match; an empty filter matches every row.
    void setRowFilter(const allium::Filter &filter);
    Filter rowFilter() const { return m_filter; }

    /// True when a search text or a filter is set.
    bool isFiltering() const;
    /// Rows whose result is cached (for tests: a batch adds only its own rows).
    int cachedResultCount() const { return int(m_cache.size()); }
    /// Times a row was actually evaluated since the filter last changed.
    quint64 evaluationCount() const { return m_evaluations; }

    /// True when raw JSON text contains the needle, ignoring ASCII case; the needle is already
    /// lower case. (Needles with non-ASCII letters are searched with QString instead.)
    static bool containsIgnoringCase(const QByteArray &haystack, const QByteArray &lowerNeedle);

signals:
    void filteringChanged(bool filtering);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool evaluate(int sourceRow) const;
    void restartFilter();
    void pruneCache() const;

    QString m_searchText;
    QByteArray m_needle; // lower-case UTF-8 of m_searchText
    bool m_needleIsAscii = true;
    Filter m_filter;
    mutable QHash<quint64, bool> m_cache;
    mutable quint64 m_evaluations = 0;
};

} // namespace allium
