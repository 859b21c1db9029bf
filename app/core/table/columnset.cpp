// SPDX-License-Identifier: MIT
#include "core/table/columnset.h"

#include "core/stream/topiccatalogue.h"

namespace allium {

QStringList ColumnSet::defaultColumns(const QString &topic)
{
    return TopicCatalogue::defaultColumns(topic);
}

QStringList ColumnSet::knownFields(const QString &topic)
{
    QStringList paths;
    const auto fields = TopicCatalogue::fields(topic);
    for (const auto &field : fields)
        paths.append(field.path);
    return paths;
}

QStringList ColumnSet::merged(const QStringList &first, const QStringList &second)
{
    QStringList out = first;
    for (const QString &path : second) {
        if (!out.contains(path))
            out.append(path);
    }
    return out;
}

} // namespace allium
