// SPDX-License-Identifier: MIT
#pragma once

#include "core/stream/fieldinfo.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <memory>

namespace simdjson::dom {
class element;
}

namespace allium {

/// The field paths seen in one topic's live messages: dot paths into nested objects, the JSON
/// types seen, how often each is present and the numeric range. Fed on a sample (every message
/// at first, then one in N) so that it stays off the hot path. Not thread-safe: one owner.
class FieldCatalogue
{
public:
    /// Field paths beyond this many are ignored, so random keys cannot grow memory unbounded.
    static constexpr int MaxFields = 2000;
    /// Nested objects deeper than this are noted as objects but not descended into.
    static constexpr int MaxDepth = 16;

    FieldCatalogue();
    ~FieldCatalogue();
    FieldCatalogue(const FieldCatalogue &) = delete;
    FieldCatalogue &operator=(const FieldCatalogue &) = delete;

    /// Sampling policy of offer(): the first sampleAllFirst messages, then one in sampleEvery.
    void setSampling(int sampleAllFirst, int sampleEvery);

    /// Counts one message and adds it when the sampling policy picks it; true when added.
    bool offer(const QByteArray &json);
    /// Counts one message; true when the sampling policy picks it (then call addMessage()).
    bool takeSampleTurn();
    /// Adds one message (a JSON object) regardless of sampling; false when it is not an object.
    bool addMessage(const QByteArray &json);

    quint64 offeredMessages() const;
    quint64 sampledMessages() const;
    int fieldCount() const;

    /// Fields in the order they were first seen.
    QVector<FieldInfo> snapshot() const;
    /// True (once) when a path appeared since the previous call.
    bool takeNewFields();
    /// True (once) when anything changed since the previous call.
    bool takeChanged();

    void clear();

    /// The topic whose fields these are. Naming another topic forgets every field, so that a
    /// topic switch never offers the previous topic's fields; the same topic keeps them.
    void setTopic(const QString &topic);
    QString topic() const;

private:
    /// addMessage() for the parsed document.
    bool addParsed(const simdjson::dom::element &root);

    class Private;
    std::unique_ptr<Private> d;
};

} // namespace allium
