// SPDX-License-Identifier: MIT
#pragma once

#include "core/filter/filter.h"
#include "core/stream/fieldinfo.h"
#include "core/stream/topiccatalogue.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>

namespace allium {

class MessageStore;

/// What a filter would have done to the messages already received: how many match, a few of
/// them, the fields it names that this topic never showed, and comparisons that cannot match
/// because the field holds another type (a number compared with text, ordering on booleans).
struct FilterPreviewResult
{
    int matched = 0;
    int total = 0;                ///< messages tried (the most recent ones, up to the limit)
    int available = 0;            ///< messages there were to try (total is at most this)
    QStringList unknownFields;    ///< named by the filter, never seen in this topic
    QStringList typeWarnings;     ///< one sentence each, e.g. `value: compared with text "abc"…`
    QList<QByteArray> sampleRows; ///< the newest matching messages, newest first
};

/// Tries a filter on recently received messages before it is sent (the filter editor's preview).
/// Uses the one Filter engine, so the preview and the server agree.
class FilterPreview
{
public:
    /// The most recent messages a preview tries: enough to be telling, few enough that the
    /// parse (~10 µs per message) stays near one frame on the GUI thread.
    static constexpr int DefaultMaxMessages = 2000;
    static constexpr int DefaultMaxSamples = 5;

    void setTopic(const QString &topic) { m_topic = topic; }
    QString topic() const { return m_topic; }
    /// The live field catalogue (StreamSession::fields()): what the topic was seen to carry.
    void setLiveFields(const QVector<FieldInfo> &fields) { m_liveFields = fields; }
    void setLimits(int maxMessages, int maxSamples);
    int maxMessages() const { return m_maxMessages; }

    /// Messages are given oldest first; `messageAt(i)` returns the JSON of message i of `count`.
    FilterPreviewResult run(const Filter &filter, int count,
                            const std::function<QByteArray(int)> &messageAt) const;
    FilterPreviewResult run(const Filter &filter, const MessageStore &store) const;
    FilterPreviewResult run(const Filter &filter, const QList<QByteArray> &messages) const;

    /// The live catalogue as the filter builder's field list (types mapped, presence kept).
    static QList<TopicField> toTopicFields(const QVector<FieldInfo> &fields);

private:
    QString m_topic;
    QVector<FieldInfo> m_liveFields;
    int m_maxMessages = DefaultMaxMessages;
    int m_maxSamples = DefaultMaxSamples;
};

} // namespace allium
