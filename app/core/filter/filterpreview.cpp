// SPDX-License-Identifier: MIT
#include "core/filter/filterpreview.h"

#include "core/json/decimalnumber.h"
#include "core/table/messagestore.h"
#include "core/table/messagetablemodel.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace allium {

namespace {

// The kinds of value the filter engine tells apart when comparing.
enum Seen : unsigned {
    SeenNull = 1u << 0,
    SeenBool = 1u << 1,
    SeenNumeric = 1u << 2, // a JSON number or a numeric string: compared as numbers
    SeenText = 1u << 3,    // any other string: compared as text
    SeenObject = 1u << 4,
    SeenArray = 1u << 5,
};

unsigned seenOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return SeenNull;
    case QJsonValue::Bool:
        return SeenBool;
    case QJsonValue::Double:
        return SeenNumeric;
    case QJsonValue::String:
        return DecimalNumber::isNumeric(value.toString()) ? SeenNumeric : SeenText;
    case QJsonValue::Array:
        return SeenArray;
    case QJsonValue::Object:
        return SeenObject;
    case QJsonValue::Undefined:
        break;
    }
    return 0;
}

unsigned seenOf(const FieldInfo &field)
{
    unsigned seen = 0;
    if (field.hasType(FieldInfo::Null))
        seen |= SeenNull;
    if (field.hasType(FieldInfo::Bool))
        seen |= SeenBool;
    if (field.hasType(FieldInfo::Number))
        seen |= SeenNumeric;
    if (field.hasType(FieldInfo::String))
        // The catalogue flags strings that held numbers; those may sit beside plain text.
        seen |= field.numericString ? (SeenNumeric | SeenText) : SeenText;
    if (field.hasType(FieldInfo::Object))
        seen |= SeenObject;
    if (field.hasType(FieldInfo::Array))
        seen |= SeenArray;
    return seen;
}

unsigned seenOf(FieldType type)
{
    switch (type) {
    case FieldType::Number:
    case FieldType::NumericString:
        return SeenNumeric;
    case FieldType::Boolean:
        return SeenBool;
    case FieldType::String:
    case FieldType::Hex:
    case FieldType::Timestamp:
        return SeenText;
    case FieldType::Unknown:
        break;
    }
    return 0;
}

QString describe(unsigned seen)
{
    QStringList kinds;
    if (seen & SeenNumeric)
        kinds << QStringLiteral("numbers");
    if (seen & SeenText)
        kinds << QStringLiteral("text");
    if (seen & SeenBool)
        kinds << QStringLiteral("booleans");
    if (seen & SeenObject)
        kinds << QStringLiteral("objects");
    if (seen & SeenArray)
        kinds << QStringLiteral("arrays");
    if (kinds.isEmpty())
        kinds << QStringLiteral("only nulls");
    return kinds.join(QStringLiteral(" and "));
}

QString quoted(const QJsonValue &value)
{
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    QString inner = QString::fromUtf8(text.mid(1, text.size() - 2));
    if (inner.size() > 40)
        inner = inner.left(39) + QChar(0x2026);
    return inner;
}

bool isOrdering(Filter::Operator op)
{
    return op == Filter::Operator::Greater || op == Filter::Operator::GreaterOrEqual ||
           op == Filter::Operator::Less || op == Filter::Operator::LessOrEqual;
}

// The warning for comparing a field that holds `seen` with `value`, or empty when it can match.
QString mismatch(const QString &field, Filter::Operator op, const QJsonValue &value, unsigned seen)
{
    const unsigned comparable = seen & (SeenBool | SeenNumeric | SeenText | SeenObject | SeenArray);
    if (seen == 0)
        return {};
    const QString operatorText = Filter::operatorText(op);
    if (comparable == 0)
        return QStringLiteral("%1: only null values were seen, so \"%2\" never matches")
            .arg(field, operatorText);
    const unsigned wanted = seenOf(value);
    if (wanted == SeenBool && isOrdering(op))
        return QStringLiteral("%1: \"%2\" with a boolean never matches (booleans have no order)")
            .arg(field, operatorText);
    if ((comparable & wanted) != 0)
        return {};
    if (comparable == SeenBool && isOrdering(op))
        return QStringLiteral("%1 holds booleans: \"%2\" never matches").arg(field, operatorText);
    return QStringLiteral("%1 holds %2 but is compared with %3 %4: \"%5\" %6")
        .arg(field, describe(comparable),
             wanted == SeenNumeric ? QStringLiteral("the number")
             : wanted == SeenBool  ? QStringLiteral("the boolean")
                                   : QStringLiteral("the text"),
             quoted(value), operatorText,
             op == Filter::Operator::NotEqual ? QStringLiteral("is always true")
                                              : QStringLiteral("never matches"));
}

void collectConditions(const Filter &filter, QList<const Filter *> *out)
{
    if (filter.kind() == Filter::Kind::Condition)
        out->append(&filter);
    else if (filter.kind() == Filter::Kind::Group)
        for (const Filter &child : filter.children())
            collectConditions(child, out);
}

} // namespace

void FilterPreview::setLimits(int maxMessages, int maxSamples)
{
    m_maxMessages = std::max(1, maxMessages);
    m_maxSamples = std::max(0, maxSamples);
}

FilterPreviewResult FilterPreview::run(const Filter &filter, int count,
                                       const std::function<QByteArray(int)> &messageAt) const
{
    FilterPreviewResult result;
    result.available = std::max(0, count);
    const int first = std::max(0, count - m_maxMessages);
    if (filter.isEmpty()) {
        // Everything matches: nothing to parse, which keeps periodic refreshes free.
        result.total = count - first;
        result.matched = result.total;
        for (int i = count - 1; i >= first && result.sampleRows.size() < m_maxSamples; --i)
            result.sampleRows.append(messageAt(i));
        return result;
    }
    const QStringList paths = filter.fieldPaths();
    QHash<QString, unsigned> seenInMessages;
    for (const QString &path : paths)
        seenInMessages.insert(path, 0);

    // Newest first, so the samples are the latest matches and the limit keeps the newest.
    for (int i = count - 1; i >= first; --i) {
        const QByteArray json = messageAt(i);
        const QJsonDocument document = QJsonDocument::fromJson(json);
        if (!document.isObject())
            continue;
        const QJsonObject object = document.object();
        ++result.total;
        for (auto it = seenInMessages.begin(); it != seenInMessages.end(); ++it)
            it.value() |= seenOf(MessageTableModel::valueAt(object, it.key()));
        if (filter.matches(object)) {
            ++result.matched;
            if (result.sampleRows.size() < m_maxSamples)
                result.sampleRows.append(json);
        }
    }

    // What is known of each path: the messages just tried, else the live catalogue, else the
    // topic's documentation.
    QHash<QString, unsigned> known;
    for (const QString &path : paths) {
        unsigned seen = seenInMessages.value(path);
        bool seenLive = false;
        for (const FieldInfo &field : m_liveFields) {
            if (field.path == path) {
                seenLive = true;
                if (seen == 0)
                    seen = seenOf(field);
            } else if (path.startsWith(field.path + QLatin1Char('.')) &&
                       field.hasType(FieldInfo::Array)) {
                // The catalogue does not descend into arrays: `topics.0` under `topics` is
                // plausible, its type unknown.
                seenLive = true;
            }
        }
        const FieldType documented = TopicCatalogue::fieldType(m_topic, path);
        const bool haveEvidence = result.total > 0 || !m_liveFields.isEmpty();
        const bool neverSeen = haveEvidence ? (seenInMessages.value(path) == 0 && !seenLive)
                                            : documented == FieldType::Unknown;
        if (neverSeen)
            result.unknownFields.append(path);
        if (seen == 0 && !haveEvidence)
            seen = seenOf(documented);
        known.insert(path, seen);
    }

    QList<const Filter *> conditions;
    collectConditions(filter, &conditions);
    for (const Filter *condition : conditions) {
        if (condition->op() == Filter::Operator::Exists)
            continue;
        const unsigned seen = known.value(condition->field());
        QString warning;
        if (condition->op() == Filter::Operator::In) {
            // `in` can match when any item can.
            QStringList itemWarnings;
            const QJsonArray items = condition->value().toArray();
            for (const QJsonValue &item : items) {
                const QString itemWarning =
                    mismatch(condition->field(), Filter::Operator::Equal, item, seen);
                if (itemWarning.isEmpty()) {
                    itemWarnings.clear();
                    break;
                }
                itemWarnings.append(itemWarning);
            }
            if (!itemWarnings.isEmpty())
                warning = QStringLiteral("%1 holds %2: no item of the \"in\" list can match")
                              .arg(condition->field(), describe(seen));
        } else {
            warning = mismatch(condition->field(), condition->op(), condition->value(), seen);
        }
        if (!warning.isEmpty() && !result.typeWarnings.contains(warning))
            result.typeWarnings.append(warning);
    }
    return result;
}

FilterPreviewResult FilterPreview::run(const Filter &filter, const MessageStore &store) const
{
    return run(filter, store.size(), [&store](int i) { return store.at(i).json; });
}

FilterPreviewResult FilterPreview::run(const Filter &filter,
                                       const QList<QByteArray> &messages) const
{
    return run(filter, int(messages.size()), [&messages](int i) { return messages.at(i); });
}

QList<TopicField> FilterPreview::toTopicFields(const QVector<FieldInfo> &fields)
{
    QList<TopicField> out;
    out.reserve(fields.size());
    for (const FieldInfo &field : fields) {
        if (field.hasType(FieldInfo::Object))
            continue; // the builder compares leaves
        FieldType type = FieldType::Unknown;
        if (field.hasType(FieldInfo::Bool))
            type = FieldType::Boolean;
        else if (field.hasType(FieldInfo::Number))
            type = FieldType::Number;
        else if (field.hasType(FieldInfo::String))
            type = field.numericString ? FieldType::NumericString : FieldType::String;
        out.append(TopicField{field.path, type, field.presenceRatio});
    }
    return out;
}

} // namespace allium
