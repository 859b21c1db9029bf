// SPDX-License-Identifier: MIT
#pragma once

#include "core/stream/fieldinfo.h"

#include <QHash>
#include <QObject>
#include <QVector>

namespace allium {

/// One field catalogue per topic, shared by every stream of that topic: each stream reports
/// the fields its own messages showed, and every stream of the topic sees the union (a
/// filtered duplicate still offers the fields the unfiltered stream saw).
class TopicFieldCatalogues : public QObject
{
    Q_OBJECT
public:
    explicit TopicFieldCatalogues(QObject *parent = nullptr);

    /// What `source` (a stream) saw of `topic` so far; replaces its previous report.
    void report(const QObject *source, const QString &topic, const QVector<FieldInfo> &fields);
    /// Forgets `source` (a closed stream, or one that moved to another topic).
    void forget(const QObject *source);
    /// The union of what every stream of `topic` saw, by path.
    QVector<FieldInfo> fields(const QString &topic) const;

signals:
    void fieldsChanged(const QString &topic);

private:
    struct Report
    {
        QString topic;
        QVector<FieldInfo> fields;
    };
    QHash<const QObject *, Report> m_reports;
};

} // namespace allium
