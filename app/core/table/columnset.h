// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace allium {

/// The columns a stream table offers for a topic: the ones it starts with and the documented
/// field paths to choose from. Kept apart from TopicCatalogue so table code needs only paths.
class ColumnSet
{
public:
    /// The topic's default columns; for a topic nobody documented, an empty list (the table
    /// then starts with the first fields seen live).
    static QStringList defaultColumns(const QString &topic);
    /// The topic's documented field paths, in the documentation's order.
    static QStringList knownFields(const QString &topic);
    /// `first` followed by the paths of `second` it lacks.
    static QStringList merged(const QStringList &first, const QStringList &second);
};

} // namespace allium
