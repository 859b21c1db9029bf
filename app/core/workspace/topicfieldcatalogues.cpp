// SPDX-License-Identifier: MIT
#include "core/workspace/topicfieldcatalogues.h"

#include <QMap>

#include <algorithm>

namespace allium {

TopicFieldCatalogues::TopicFieldCatalogues(QObject *parent)
    : QObject(parent)
{}

void TopicFieldCatalogues::report(const QObject *source, const QString &topic,
                                  const QVector<FieldInfo> &fields)
{
    const auto previous = m_reports.constFind(source);
    const QString previousTopic = previous == m_reports.cend() ? QString() : previous->topic;
    m_reports.insert(source, Report{topic, fields});
    if (!previousTopic.isEmpty() && previousTopic != topic)
        emit fieldsChanged(previousTopic);
    emit fieldsChanged(topic);
}

void TopicFieldCatalogues::forget(const QObject *source)
{
    const auto it = m_reports.find(source);
    if (it == m_reports.end())
        return;
    const QString topic = it->topic;
    m_reports.erase(it);
    emit fieldsChanged(topic);
}

QVector<FieldInfo> TopicFieldCatalogues::fields(const QString &topic) const
{
    QVector<const Report *> reports;
    for (const Report &report : m_reports) {
        if (report.topic == topic)
            reports.append(&report);
    }
    if (reports.size() == 1) // one stream of the topic: its catalogue as it is
        return reports.front()->fields;
    QMap<QString, FieldInfo> merged; // by path
    for (const Report *report : reports) {
        for (const FieldInfo &field : report->fields) {
            auto it = merged.find(field.path);
            if (it == merged.end()) {
                merged.insert(field.path, field);
                continue;
            }
            it->types |= field.types;
            it->presence += field.presence;
            it->presenceRatio = std::max(it->presenceRatio, field.presenceRatio);
            if (field.hasRange) {
                it->min = it->hasRange ? std::min(it->min, field.min) : field.min;
                it->max = it->hasRange ? std::max(it->max, field.max) : field.max;
                it->hasRange = true;
            }
            it->numericString = it->numericString || field.numericString;
        }
    }
    return QVector<FieldInfo>(merged.cbegin(), merged.cend());
}

} // namespace allium
