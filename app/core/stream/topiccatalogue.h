// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace allium {

/// The kind of value a message field holds, as far as filtering and display care.
enum class FieldType {
    Unknown,
    String,
    Number,
    Boolean,
    NumericString, ///< a number sent as a JSON string to keep precision (wei amounts, prices)
    Hex,           ///< a 0x-prefixed hex string (addresses, hashes); lower case in messages
    Timestamp,
};

/// One field of a topic's messages: a dot path, its type and, for fields learned from live
/// traffic, the share of messages that carried it.
struct TopicField
{
    QString path;
    FieldType type = FieldType::Unknown;
    double presence = -1.0; ///< 0..1 when learned from live traffic; -1 when not known
};

/// One known stream topic.
struct TopicInfo
{
    QString name;        ///< "ethereum.blocks"
    QString chain;       ///< "ethereum"
    QString kind;        ///< "blocks"
    QString description; ///< one line for the picker
    QList<TopicField> fields;
    QStringList defaultColumns;
    /// Mean time between two messages of the unfiltered stream on the real chain, in ms
    /// (12000 for Ethereum blocks). The emulator sends at this cadence at speed 1; the monitor
    /// judges staleness against it.
    double meanIntervalMs = 0;
    /// A numeric field worth charting from the start; empty when the topic has none.
    QString chartField;
};

/// The topics the monitor knows, grouped by chain, with their documented fields and sensible
/// table columns, as Allium documents its stream topics. Any other `<chain>.<kind>`
/// may still be subscribed to: it gets the fields of a known topic of the same kind when there
/// is one (EVM chains share the block, transaction and log schemas).
class TopicCatalogue
{
public:
    /// Every known topic, ordered by chain and then as listed in the docs.
    static const QList<TopicInfo> &topics();
    /// Chains of the known topics, in the order of topics().
    static QStringList chains();
    /// Known topics of one chain.
    static QList<TopicInfo> topicsOfChain(const QString &chain);
    /// The known topic, or nullptr.
    static const TopicInfo *find(const QString &topic);

    /// Documented fields of `topic`, falling back to a known topic of the same kind.
    static QList<TopicField> fields(const QString &topic);
    /// The documented type of `path` in `topic`, or Unknown.
    static FieldType fieldType(const QString &topic, const QString &path);
    /// Columns a table of `topic` starts with, falling back like fields().
    static QStringList defaultColumns(const QString &topic);
    /// The unfiltered cadence of `topic` (TopicInfo::meanIntervalMs) or 0 when it is not known.
    /// Only known topics have one: another chain of the same kind has its own pace.
    static double meanIntervalMs(const QString &topic);
    /// The time between two blocks (Solana: slots) of `topic`'s chain, whatever the kind: 12 s
    /// for Ethereum, 2 s for Base, 400 ms for Solana, 10 min for Bitcoin; 0 for Hyperliquid,
    /// whose trades are continuous, and for chains not known.
    static double blockIntervalMs(const QString &topic);
    /// The usual silence between two deliveries of a known topic: records of a block arrive
    /// together, so Ethereum's transactions come every 12 s although their mean interval is
    /// 60 ms; the mean interval for the rest; 0 when the topic is not known. Staleness is judged
    /// against this, never against the mean interval.
    static double deliveryIntervalMs(const QString &topic);
    /// The span a message rate of `topic` is averaged over: three block intervals of its chain
    /// (36 s for Ethereum, whose records arrive a block at a time every 12 s; 6 s for Base;
    /// 1.2 s for Solana), at least 1 s and at most 60 s (Bitcoin); 1 s for Hyperliquid, whose
    /// trades are continuous, and for chains not known.
    static qint64 rateSpanMs(const QString &topic);
    /// The field to chart first for `topic`, falling back like fields(); empty when none.
    static QString chartField(const QString &topic);

    /// True when `topic` is `<chain>.<kind>` with lower-case letters, digits and underscores and
    /// one dot; otherwise `error` (when given) says what is wrong, in one sentence.
    static bool isValidTopicName(const QString &topic, QString *error = nullptr);
    /// Longest topic name accepted by isValidTopicName().
    static constexpr int MaxTopicLength = 128;

    /// "string", "number", "boolean", "numeric string", "hex", "timestamp" or "unknown".
    static QString fieldTypeName(FieldType type);

private:
    static const TopicInfo *findSameKind(const QString &topic);
};

} // namespace allium
