// SPDX-License-Identifier: MIT
#include "core/stream/topiccatalogue.h"

#include <QRegularExpression>

#include <algorithm>

namespace allium {

namespace {

using T = FieldType;

QList<TopicField> makeFields(std::initializer_list<std::pair<const char *, FieldType>> list,
                             const QString &prefix = QString())
{
    QList<TopicField> out;
    out.reserve(int(list.size()));
    for (const auto &[path, type] : list)
        out.append(TopicField{prefix + QLatin1String(path), type, -1.0});
    return out;
}

QStringList makeColumns(std::initializer_list<const char *> list, const QString &prefix = QString())
{
    QStringList out;
    for (const char *path : list)
        out.append(prefix + QLatin1String(path));
    return out;
}

// Field names follow Allium's historical table schemas, which the docs say match the lagged
// streams; types are those a JSON message would carry (BIGINT as number, wei and VARCHAR
// amounts as numeric strings).
QList<TopicField> evmBlockFields()
{
    return makeFields({{"number", T::Number},
                       {"timestamp", T::Timestamp},
                       {"hash", T::Hex},
                       {"parent_hash", T::Hex},
                       {"miner", T::Hex},
                       {"transaction_count", T::Number},
                       {"gas_used", T::Number},
                       {"gas_limit", T::Number},
                       {"base_fee_per_gas", T::Number},
                       {"size", T::Number},
                       {"difficulty", T::Number},
                       {"total_difficulty", T::NumericString},
                       {"nonce", T::Hex},
                       {"extra_data", T::Hex},
                       {"sha3_uncles", T::Hex},
                       {"logs_bloom", T::Hex},
                       {"transactions_root", T::Hex},
                       {"state_root", T::Hex},
                       {"receipts_root", T::Hex}});
}

QList<TopicField> evmTransactionFields()
{
    return makeFields({{"hash", T::Hex},
                       {"blockchain", T::String},
                       {"block_number", T::Number},
                       {"block_timestamp", T::Timestamp},
                       {"block_hash", T::Hex},
                       {"transaction_index", T::Number},
                       {"from_address", T::Hex},
                       {"to_address", T::Hex},
                       {"value", T::NumericString},
                       {"gas", T::Number},
                       {"gas_price", T::Number},
                       {"max_fee_per_gas", T::Number},
                       {"max_priority_fee_per_gas", T::Number},
                       {"nonce", T::Number},
                       {"input", T::Hex},
                       {"transaction_type", T::Number},
                       {"receipt_status", T::Number},
                       {"receipt_gas_used", T::Number},
                       {"receipt_cumulative_gas_used", T::Number},
                       {"receipt_effective_gas_price", T::Number},
                       {"receipt_contract_address", T::Hex}});
}

QList<TopicField> evmLogFields()
{
    return makeFields({{"block_number", T::Number},
                       {"block_timestamp", T::Timestamp},
                       {"block_hash", T::Hex},
                       {"transaction_hash", T::Hex},
                       {"transaction_index", T::Number},
                       {"log_index", T::Number},
                       {"address", T::Hex},
                       {"topic0", T::Hex},
                       {"topic1", T::Hex},
                       {"topic2", T::Hex},
                       {"topic3", T::Hex},
                       {"data", T::Hex},
                       {"from_address", T::Hex},
                       {"to_address", T::Hex}});
}

QList<TopicField> dexTradeFields()
{
    return makeFields({{"block_timestamp", T::Timestamp},
                       {"block_number", T::Number},
                       {"block_hash", T::Hex},
                       {"transaction_hash", T::Hex},
                       {"transaction_index", T::Number},
                       {"log_index", T::Number},
                       {"chain", T::String},
                       {"project", T::String},
                       {"protocol", T::String},
                       {"liquidity_pool_address", T::Hex},
                       {"sender_address", T::Hex},
                       {"to_address", T::Hex},
                       {"transaction_from_address", T::Hex},
                       {"transaction_to_address", T::Hex},
                       {"token_bought_address", T::Hex},
                       {"token_bought_symbol", T::String},
                       {"token_bought_amount", T::Number},
                       {"token_bought_amount_str", T::NumericString},
                       {"token_sold_address", T::Hex},
                       {"token_sold_symbol", T::String},
                       {"token_sold_amount", T::Number},
                       {"token_sold_amount_str", T::NumericString},
                       {"usd_amount", T::Number}});
}

// Each chain's real pace, from which the emulator's synthetic
// data is also made: blocks every 12 s (Ethereum), 2 s (Base), 10 min (Bitcoin); ~200
// transactions per Ethereum block and ~170 per Base block; a Solana slot every 400 ms with
// ~130 transactions; 1.25 logs per EVM transaction; a DEX trade in 16 % × 94 % of them; a
// Hyperliquid trade every 15 ms, and two fills (one per side) per trade.
constexpr double EthereumBlockMs = 12000;
constexpr double BaseBlockMs = 2000;
constexpr double EthereumTransactionMs = EthereumBlockMs / 200;
constexpr double BaseTransactionMs = BaseBlockMs / 170;
constexpr double LogsPerTransaction = 1.25;
constexpr double DexTradesPerTransaction = 0.16 * 0.94;
constexpr double SolanaSlotMs = 400;
constexpr double SolanaTransactionMs = SolanaSlotMs / 130;
constexpr double HyperliquidTradeMs = 15;
constexpr double BitcoinBlockMs = 600000;

QList<TopicInfo> buildTopics()
{
    const QString payload = QStringLiteral("payload.");
    const QStringList blockColumns = makeColumns(
        {"number", "timestamp", "transaction_count", "gas_used", "base_fee_per_gas", "miner"});
    const QStringList transactionColumns =
        makeColumns({"hash", "block_number", "from_address", "to_address", "value", "gas_price"});
    const QStringList logColumns =
        makeColumns({"block_number", "log_index", "address", "topic0", "transaction_hash"});
    const QStringList dexColumns =
        makeColumns({"block_timestamp", "project", "token_sold_symbol", "token_bought_symbol",
                     "usd_amount", "transaction_hash"});

    QList<TopicInfo> topics;
    auto add = [&topics](const char *name, const char *description, QList<TopicField> fields,
                         QStringList columns, double meanIntervalMs, const char *chartField) {
        const QString topic = QLatin1String(name);
        const int dot = topic.indexOf(QLatin1Char('.'));
        topics.append(TopicInfo{topic, topic.left(dot), topic.mid(dot + 1),
                                QLatin1String(description), std::move(fields), std::move(columns),
                                meanIntervalMs, QLatin1String(chartField)});
    };

    add("ethereum.blocks", "Ethereum blocks as they are produced: number, miner, gas, base fee",
        evmBlockFields(), blockColumns, EthereumBlockMs, "gas_used");
    add("ethereum.transactions", "Ethereum transactions: sender, recipient, value in wei, gas",
        evmTransactionFields(), transactionColumns, EthereumTransactionMs, "gas_price");
    add("ethereum.logs", "Ethereum event logs: emitting contract, topics and data", evmLogFields(),
        logColumns, EthereumTransactionMs / LogsPerTransaction, "");
    add("ethereum.dex_trades", "Swaps on Ethereum DEXes: pool, tokens bought and sold, USD amount",
        dexTradeFields(), dexColumns, EthereumTransactionMs / DexTradesPerTransaction,
        "usd_amount");
    add("base.blocks", "Base (L2) blocks", evmBlockFields(), blockColumns, BaseBlockMs, "gas_used");
    add("base.transactions", "Base (L2) transactions", evmTransactionFields(), transactionColumns,
        BaseTransactionMs, "gas_price");
    add("base.logs", "Base (L2) event logs", evmLogFields(), logColumns,
        BaseTransactionMs / LogsPerTransaction, "");
    add("base.dex_trades", "Swaps on Base DEXes: pool, tokens bought and sold, USD amount",
        dexTradeFields(), dexColumns, BaseTransactionMs / DexTradesPerTransaction, "usd_amount");
    add("solana.transactions", "Solana transactions: slot, signer, fee, success",
        makeFields({{"block_slot", T::Number},
                    {"block_height", T::Number},
                    {"block_timestamp", T::Timestamp},
                    {"block_hash", T::String},
                    {"txn_id", T::String},
                    {"txn_index", T::Number},
                    {"signer", T::String},
                    {"fee", T::Number},
                    {"success", T::Boolean},
                    {"is_voting", T::Boolean},
                    {"instruction_count", T::Number},
                    {"recent_block_hash", T::String},
                    // null on success, an error object otherwise: useful with `exists`.
                    {"err", T::Unknown}}),
        makeColumns({"block_slot", "block_timestamp", "txn_id", "signer", "fee", "success"}),
        SolanaTransactionMs, "");
    add("hyperliquid.fills", "Hyperliquid fills: one record per side of each trade",
        makeFields({{"time", T::Timestamp},
                    {"coin", T::String},
                    {"side", T::String},
                    {"dir", T::String},
                    {"px", T::NumericString},
                    {"sz", T::NumericString},
                    {"user", T::Hex},
                    {"oid", T::Number},
                    {"tid", T::Number},
                    {"hash", T::Hex},
                    {"crossed", T::Boolean},
                    {"fee", T::NumericString},
                    {"feeToken", T::String},
                    {"closedPnl", T::NumericString},
                    {"startPosition", T::NumericString},
                    {"builderFee", T::NumericString},
                    {"liquidation.liquidatedUser", T::Hex},
                    {"liquidation.markPx", T::NumericString},
                    {"liquidation.method", T::String}},
                   payload),
        makeColumns({"time", "coin", "side", "px", "sz", "user"}, payload), HyperliquidTradeMs / 2,
        "payload.px");
    add("hyperliquid.trades", "Hyperliquid trades: buyer and seller in one record",
        makeFields({{"time", T::Timestamp},
                    {"coin", T::String},
                    {"side", T::String},
                    {"px", T::NumericString},
                    {"sz", T::NumericString},
                    {"tid", T::Number},
                    {"hash", T::Hex}},
                   payload),
        makeColumns({"time", "coin", "side", "px", "sz", "tid"}, payload), HyperliquidTradeMs,
        "payload.px");
    // No Allium schema for Bitcoin blocks was found; these are the usual block columns.
    add("bitcoin.blocks", "Bitcoin blocks: height, size, transaction count",
        makeFields({{"number", T::Number},
                    {"timestamp", T::Timestamp},
                    {"hash", T::String},
                    {"previous_block_hash", T::String},
                    {"transaction_count", T::Number},
                    {"size", T::Number},
                    {"weight", T::Number},
                    {"difficulty", T::Number},
                    {"nonce", T::Number},
                    {"bits", T::String},
                    {"version", T::Number},
                    {"stripped_size", T::Number},
                    {"miner", T::String},
                    {"merkle_root", T::String}}),
        makeColumns({"number", "timestamp", "transaction_count", "size", "hash"}), BitcoinBlockMs,
        "");
    return topics;
}

} // namespace

const QList<TopicInfo> &TopicCatalogue::topics()
{
    static const QList<TopicInfo> all = buildTopics();
    return all;
}

QStringList TopicCatalogue::chains()
{
    QStringList out;
    for (const TopicInfo &info : topics()) {
        if (!out.contains(info.chain))
            out.append(info.chain);
    }
    return out;
}

QList<TopicInfo> TopicCatalogue::topicsOfChain(const QString &chain)
{
    QList<TopicInfo> out;
    for (const TopicInfo &info : topics()) {
        if (info.chain == chain)
            out.append(info);
    }
    return out;
}

const TopicInfo *TopicCatalogue::find(const QString &topic)
{
    for (const TopicInfo &info : topics()) {
        if (info.name == topic)
            return &info;
    }
    return nullptr;
}

const TopicInfo *TopicCatalogue::findSameKind(const QString &topic)
{
    if (const TopicInfo *exact = find(topic))
        return exact;
    if (!isValidTopicName(topic))
        return nullptr;
    const QString kind = topic.mid(topic.indexOf(QLatin1Char('.')) + 1);
    for (const TopicInfo &info : topics()) {
        if (info.kind == kind)
            return &info;
    }
    return nullptr;
}

QList<TopicField> TopicCatalogue::fields(const QString &topic)
{
    const TopicInfo *info = findSameKind(topic);
    return info ? info->fields : QList<TopicField>();
}

FieldType TopicCatalogue::fieldType(const QString &topic, const QString &path)
{
    const TopicInfo *info = findSameKind(topic);
    if (!info)
        return FieldType::Unknown;
    for (const TopicField &field : info->fields) {
        if (field.path == path)
            return field.type;
    }
    return FieldType::Unknown;
}

QStringList TopicCatalogue::defaultColumns(const QString &topic)
{
    const TopicInfo *info = findSameKind(topic);
    return info ? info->defaultColumns : QStringList();
}

double TopicCatalogue::meanIntervalMs(const QString &topic)
{
    const TopicInfo *info = find(topic);
    return info ? info->meanIntervalMs : 0.0;
}

double TopicCatalogue::blockIntervalMs(const QString &topic)
{
    const QStringView chain = QStringView(topic).left(topic.indexOf(QLatin1Char('.')));
    if (chain == u"ethereum")
        return EthereumBlockMs;
    if (chain == u"base")
        return BaseBlockMs;
    if (chain == u"solana")
        return SolanaSlotMs;
    if (chain == u"bitcoin")
        return BitcoinBlockMs;
    return 0;
}

double TopicCatalogue::deliveryIntervalMs(const QString &topic)
{
    const TopicInfo *info = find(topic);
    return info ? std::max(info->meanIntervalMs, blockIntervalMs(topic)) : 0.0;
}

qint64 TopicCatalogue::rateSpanMs(const QString &topic)
{
    constexpr qint64 MinSpanMs = 1000;
    constexpr qint64 MaxSpanMs = 60000;
    return std::clamp(qint64(3 * blockIntervalMs(topic)), MinSpanMs, MaxSpanMs);
}

QString TopicCatalogue::chartField(const QString &topic)
{
    const TopicInfo *info = findSameKind(topic);
    return info ? info->chartField : QString();
}

bool TopicCatalogue::isValidTopicName(const QString &topic, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (topic.isEmpty())
        return fail(QStringLiteral("Enter a topic such as ethereum.blocks."));
    if (topic.size() > MaxTopicLength)
        return fail(QStringLiteral("A topic is at most %1 characters.").arg(MaxTopicLength));
    if (topic.count(QLatin1Char('.')) != 1)
        return fail(QStringLiteral("A topic is <chain>.<kind> with exactly one dot, "
                                   "e.g. ethereum.blocks."));
    static const QRegularExpression allowed(QStringLiteral("^[a-z0-9_.]+$"));
    if (!allowed.match(topic).hasMatch())
        return fail(QStringLiteral("Use lower-case letters, digits and underscores only."));
    if (topic.startsWith(QLatin1Char('.')) || topic.endsWith(QLatin1Char('.')))
        return fail(QStringLiteral("Both the chain and the kind must be given, "
                                   "e.g. ethereum.blocks."));
    if (error)
        error->clear();
    return true;
}

QString TopicCatalogue::fieldTypeName(FieldType type)
{
    switch (type) {
    case FieldType::String:
        return QStringLiteral("string");
    case FieldType::Number:
        return QStringLiteral("number");
    case FieldType::Boolean:
        return QStringLiteral("boolean");
    case FieldType::NumericString:
        return QStringLiteral("numeric string");
    case FieldType::Hex:
        return QStringLiteral("hex");
    case FieldType::Timestamp:
        return QStringLiteral("timestamp");
    case FieldType::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace allium
