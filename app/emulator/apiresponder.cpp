#include "emulator/apiresponder.h"

#include "emulator/emulatorframes.h"
#include "emulator/generators/hyperliquidfillgenerator.h"
#include "emulator/generators/hyperliquidtradegenerator.h"
#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/syntheticdatachain.h"
#include "emulator/generators/syntheticdatatokens.h"
#include "emulator/messagewriter.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <vector>

namespace allium {

namespace {

// An answer as a handler makes it: a JSON value, its compact JSON text, or both when both come
// cheaply (listings keep each item's text); large answers are text only.
struct Answer
{
    bool ok = false;
    QJsonValue data; ///< undefined when only `text` is set
    QString text;    ///< null when only `data` is set
};

const QString AssetsPath = QStringLiteral("/api/v1/developer/assets");
const QString PricesPath = QStringLiteral("/api/v1/developer/prices");
const QString BalancesPath = QStringLiteral("/api/v1/developer/wallet/balances");
const QString TokensPath = QStringLiteral("/api/v1/developer/tokens");
const QString HlInfoPath = QStringLiteral("/api/v1/developer/trading/hyperliquid/info");
const QString HlFillsPath = QStringLiteral("/api/v1/developer/trading/hyperliquid/info/fills");

// Made-up long-tail tokens per chain behind the well-known ones (assets and tokens listings).
constexpr int SyntheticPerChain = 400;
// Hyperliquid answers at most this many fills per request.
constexpr int MaxFills = 2000;
constexpr qint64 HourMs = 3600000;

Answer ok(const QJsonValue &data)
{
    return {true, data, QString()};
}

Answer okText(const QString &json, const QJsonValue &data = QJsonValue(QJsonValue::Undefined))
{
    return {true, data, json};
}

// Builds "[t1,t2,…]" from items' compact JSON texts.
class JsonListText
{
public:
    void append(const QString &itemText)
    {
        m_text += m_text.isEmpty() ? QLatin1Char('[') : QLatin1Char(',');
        m_text += itemText;
    }
    QString finish() { return m_text.isEmpty() ? QStringLiteral("[]") : m_text + QLatin1Char(']'); }

private:
    QString m_text;
};

Answer fail(const QString &message)
{
    return {false, message, QString()};
}

// "Now" for every response: the emulator's fixed clock, so answers depend only on seed + request.
qint64 nowMs()
{
    return SyntheticChain::DefaultStartMs;
}

// An integer parameter that may arrive as a JSON number or as query-string text.
bool intParam(const QJsonObject &params, const QString &name, qint64 fallback, qint64 min,
              qint64 max, qint64 *out)
{
    const QJsonValue v = params.value(name);
    if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())) {
        *out = fallback;
        return true;
    }
    bool good = false;
    qint64 value = 0;
    if (v.isDouble()) {
        const double d = v.toDouble();
        good = std::floor(d) == d && std::abs(d) < 9e15;
        // Converted only when in range: a double beyond qint64 is undefined behaviour to cast.
        value = good ? qint64(d) : 0;
    } else if (v.isString()) {
        value = v.toString().trimmed().toLongLong(&good);
    }
    if (!good || value < min || value > max)
        return false;
    *out = value;
    return true;
}

QString chainList()
{
    return SyntheticTokens::chains().join(QStringLiteral(", "));
}

// A small deterministic wobble (±range) for one seed and key, so prices differ per seed.
double wobble(quint64 seed, const QString &key, double range)
{
    SyntheticData random(SyntheticData::mix(seed, key));
    return 1.0 + range * (2 * random.uniform() - 1);
}

// The well-known tokens grouped into assets by slug (USDC on three chains is one asset).
struct Asset
{
    qint64 id = 0;
    QList<SyntheticTokens::Token> tokens;
};

QList<Asset> assetUniverse(quint64 seed)
{
    QList<Asset> assets;
    for (const SyntheticTokens::Token &t : SyntheticTokens::all()) {
        auto it = std::find_if(assets.begin(), assets.end(),
                               [&t](const Asset &a) { return a.tokens.first().slug == t.slug; });
        if (it == assets.end()) {
            assets.append(Asset{assets.size() + 1, {t}});
        } else {
            it->tokens.append(t);
        }
    }
    const int known = int(assets.size());
    const QStringList chains = SyntheticTokens::chains();
    for (int i = 0; i < SyntheticPerChain; ++i) {
        for (int c = 0; c < chains.size(); ++c)
            assets.append(Asset{known + 1 + i * chains.size() + c,
                                {SyntheticTokens::synthetic(seed, chains.at(c), i)}});
    }
    return assets;
}

QJsonObject assetItem(const Asset &asset)
{
    const SyntheticTokens::Token &first = asset.tokens.first();
    QJsonObject chains;
    for (const SyntheticTokens::Token &t : asset.tokens) {
        chains.insert(t.chain, QJsonObject{{QStringLiteral("address"), t.address},
                                           {QStringLiteral("decimals"), t.decimals}});
    }
    return QJsonObject{
        {QStringLiteral("id"), double(asset.id)},
        {QStringLiteral("slug"), first.slug},
        {QStringLiteral("source"), QStringLiteral("coingecko")},
        {QStringLiteral("chain_specific_data"), chains},
        {QStringLiteral("name"), first.name},
        {QStringLiteral("symbol"), first.symbol},
        // .invalid never resolves: a client that loads images makes no traffic off loopback.
        {QStringLiteral("image_url"),
         QStringLiteral("https://assets.allium-emulator.invalid/%1.png").arg(first.slug)},
        {QStringLiteral("circulating_supply"), first.circulatingSupply},
        {QStringLiteral("token_creation_time"), SyntheticData::isoTime(first.creationMs)},
    };
}

// The assets listing of one seed: every item, and per chain which items have a token there.
struct AssetListing
{
    QList<QJsonObject> items;
    QList<QString> itemTexts; ///< compact JSON of each item
    QHash<QString, QList<qsizetype>> byChain;
};

// The rows of the tokens listing of one seed, per chain in SyntheticTokens::chains() order, and
// the sorted orders requests asked for so far.
struct TokenListing
{
    struct Row
    {
        QJsonObject object;
        QString text; ///< compact JSON of object
        double volume = 0;
        double tradeCount = 0;
        double fdv = 0;
        QString address;
        QString name;
    };
    std::vector<Row> rows;
    QHash<QString, QPair<qsizetype, qsizetype>> chainRange; ///< [begin, end) in rows

    /// Indexes into rows: `chain`'s rows (all when empty) stably sorted by `sort` and `order`.
    std::shared_ptr<const std::vector<qsizetype>> order(const QString &chain, const QString &sort,
                                                        bool ascending) const;

private:
    mutable QMutex m_mutex;
    mutable QHash<QString, std::shared_ptr<const std::vector<qsizetype>>> m_orders;
};

AssetListing makeAssetListing(quint64 seed);
TokenListing *makeTokenListing(quint64 seed);

// What a seed's answers share whatever the request: built on first use, then kept for every
// responder of that seed on any thread. Rebuilding the listings per request cost tens of ms on
// the emulator's thread, which stalled its streams.
class SeedUniverse
{
public:
    explicit SeedUniverse(quint64 seed)
        : m_seed(seed)
    {}

    static std::shared_ptr<const SeedUniverse> forSeed(quint64 seed)
    {
        // A few seeds at most in practice (one per emulator; tests use several): keep the
        // most recently used ones.
        static QMutex mutex;
        static std::vector<std::shared_ptr<const SeedUniverse>> recent;
        constexpr size_t MaxSeeds = 8;
        const QMutexLocker lock(&mutex);
        auto it = std::find_if(recent.begin(), recent.end(),
                               [seed](const auto &u) { return u->m_seed == seed; });
        std::shared_ptr<const SeedUniverse> universe;
        if (it != recent.end()) {
            universe = *it;
            recent.erase(it);
        } else {
            universe = std::make_shared<const SeedUniverse>(seed);
        }
        recent.insert(recent.begin(), universe);
        if (recent.size() > MaxSeeds)
            recent.pop_back();
        return universe;
    }

    const AssetListing &assets() const
    {
        std::call_once(m_assetsOnce, [this] { m_assets = makeAssetListing(m_seed); });
        return m_assets;
    }

    const TokenListing &tokens() const
    {
        std::call_once(m_tokensOnce, [this] { m_tokens.reset(makeTokenListing(m_seed)); });
        return *m_tokens;
    }

private:
    quint64 m_seed;
    mutable std::once_flag m_assetsOnce;
    mutable AssetListing m_assets;
    mutable std::once_flag m_tokensOnce;
    mutable std::unique_ptr<TokenListing> m_tokens;
};

AssetListing makeAssetListing(quint64 seed)
{
    AssetListing listing;
    const QList<Asset> assets = assetUniverse(seed);
    for (qsizetype i = 0; i < assets.size(); ++i) {
        listing.items.append(assetItem(assets.at(i)));
        listing.itemTexts.append(EmulatorFrames::jsonText(listing.items.last()));
        QStringList chains;
        for (const SyntheticTokens::Token &t : assets.at(i).tokens) {
            if (!chains.contains(t.chain))
                chains.append(t.chain);
        }
        for (const QString &chain : chains)
            listing.byChain[chain].append(i);
    }
    return listing;
}

QString encodeCursor(qint64 offset)
{
    return QString::fromLatin1(
        QByteArray("offset:" + QByteArray::number(offset))
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool decodeCursor(const QString &cursor, qint64 *offset)
{
    const QByteArray raw = QByteArray::fromBase64(cursor.toLatin1(), QByteArray::Base64UrlEncoding);
    if (!raw.startsWith("offset:"))
        return false;
    bool good = false;
    *offset = raw.mid(7).toLongLong(&good);
    return good && *offset >= 0;
}

QJsonObject tokenObject(const SyntheticTokens::Token &t, double price)
{
    return QJsonObject{
        {QStringLiteral("object"), QStringLiteral("token")},
        {QStringLiteral("chain"), t.chain},
        {QStringLiteral("address"), t.address},
        {QStringLiteral("type"),
         t.address.startsWith(QLatin1String("0x0000000000"))
             ? QStringLiteral("native")
             : (SyntheticTokens::isEvmChain(t.chain) ? QStringLiteral("evm_erc20")
                                                     : QStringLiteral("sol_spl"))},
        {QStringLiteral("price"), price},
        {QStringLiteral("decimals"), t.decimals},
        {QStringLiteral("info"),
         QJsonObject{{QStringLiteral("name"), t.name}, {QStringLiteral("symbol"), t.symbol}}},
    };
}

// Validates an array of {chainKey, addressKey} objects; the error names the expected shape.
bool readAddressList(const QJsonValue &body, const QString &addressKey, QString *error,
                     QList<QPair<QString, QString>> *out)
{
    const QString shape =
        QStringLiteral("body must be an array of {\"%1\",\"chain\"}").arg(addressKey);
    if (!body.isArray() || body.toArray().isEmpty()) {
        *error = shape;
        return false;
    }
    const QJsonArray items = body.toArray();
    if (items.size() > 500) {
        *error = QStringLiteral("at most 500 items per request, got %1").arg(items.size());
        return false;
    }
    for (int i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const QJsonValue chainValue = item.value(QStringLiteral("chain"));
        const QJsonValue addressValue = item.value(addressKey);
        if (!items.at(i).isObject() || !chainValue.isString() || !addressValue.isString()) {
            *error = shape + QStringLiteral(" (item %1 is not)").arg(i);
            return false;
        }
        const QString chain = chainValue.toString();
        if (!SyntheticTokens::chains().contains(chain)) {
            *error = QStringLiteral("item %1: unknown chain \"%2\" (known: %3)")
                         .arg(i)
                         .arg(chain, chainList());
            return false;
        }
        const QString address = addressValue.toString();
        if (!SyntheticTokens::isValidAddress(chain, address)) {
            *error = QStringLiteral("item %1: \"%2\" is not a valid %3 address")
                         .arg(i)
                         .arg(address, chain);
            return false;
        }
        out->append({chain, SyntheticTokens::isEvmChain(chain) ? address.toLower() : address});
    }
    return true;
}

// The token at (chain, address): a well-known one, or a made-up one derived from the address.
SyntheticTokens::Token lookupToken(quint64 seed, const QString &chain, const QString &address)
{
    if (const SyntheticTokens::Token *known = SyntheticTokens::find(chain, address))
        return *known;
    SyntheticTokens::Token t =
        SyntheticTokens::synthetic(seed, chain, int(SyntheticData::mix(0, address) % 1000000));
    t.address = address;
    return t;
}

Answer assets(quint64 seed, const QJsonObject &params)
{
    const QString chain = params.value(QStringLiteral("blockchain")).toString();
    if (!chain.isEmpty() && !SyntheticTokens::chains().contains(chain))
        return fail(
            QStringLiteral("unknown blockchain \"%1\" (known: %2)").arg(chain, chainList()));
    qint64 limit = 0;
    if (!intParam(params, QStringLiteral("limit"), 100, 1, 10000, &limit))
        return fail(QStringLiteral("limit must be between 1 and 10000"));
    qint64 offset = 0;
    const QString cursor = params.value(QStringLiteral("cursor")).toString();
    if (!cursor.isEmpty() && !decodeCursor(cursor, &offset))
        return fail(QStringLiteral("invalid cursor \"%1\"").arg(cursor));

    const AssetListing &listing = SeedUniverse::forSeed(seed)->assets();
    static const QList<qsizetype> none;
    const QList<qsizetype> *indexes = nullptr;
    if (!chain.isEmpty()) {
        const auto it = listing.byChain.constFind(chain);
        indexes = it == listing.byChain.cend() ? &none : &it.value();
    }
    const qint64 size = indexes ? indexes->size() : listing.items.size();
    QJsonArray items;
    JsonListText itemsText;
    const qint64 end = std::min<qint64>(offset + limit, size);
    for (qint64 i = offset; i < end; ++i) {
        const qsizetype index = indexes ? indexes->at(i) : i;
        items.append(listing.items.at(index));
        itemsText.append(listing.itemTexts.at(index));
    }
    const QJsonValue next = end < size ? QJsonValue(encodeCursor(end)) : QJsonValue();
    // Keys in ascending order, as QJsonDocument writes them.
    const QString text = QLatin1String("{\"cursor\":") + EmulatorFrames::jsonText(next) +
                         QLatin1String(",\"items\":") + itemsText.finish() + QLatin1Char('}');
    return okText(text,
                  QJsonObject{{QStringLiteral("items"), items}, {QStringLiteral("cursor"), next}});
}

Answer prices(quint64 seed, const QJsonValue &body)
{
    QList<QPair<QString, QString>> requested;
    QString error;
    if (!readAddressList(body, QStringLiteral("token_address"), &error, &requested))
        return fail(error);
    QJsonArray items;
    for (const auto &[chain, address] : requested) {
        const SyntheticTokens::Token t = lookupToken(seed, chain, address);
        SyntheticData random(SyntheticData::mix(SyntheticData::mix(seed, address), 0x70726963));
        const double price = t.priceUsd * wobble(seed, address, 0.01);
        const double open = price * random.uniform(0.985, 1.015);
        const double high = std::max(open, price) * random.uniform(1.0, 1.01);
        const double low = std::min(open, price) * random.uniform(0.99, 1.0);
        const double volume24h =
            std::max(1000.0, t.circulatingSupply * t.priceUsd * random.uniform(0.005, 0.1));
        const qint64 trades24h = qint64(volume24h / random.uniform(300, 3000)) + 1;
        items.append(QJsonObject{
            {QStringLiteral("timestamp"), SyntheticData::isoTime(nowMs())},
            {QStringLiteral("chain"), chain},
            {QStringLiteral("address"), address},
            {QStringLiteral("decimals"), t.decimals},
            {QStringLiteral("price"), price},
            {QStringLiteral("open"), open},
            {QStringLiteral("high"), high},
            {QStringLiteral("close"), price},
            {QStringLiteral("low"), low},
            {QStringLiteral("volume_24h"), volume24h},
            {QStringLiteral("volume_1h"), volume24h / 24 * random.uniform(0.5, 1.5)},
            {QStringLiteral("trade_count_24h"), double(trades24h)},
            {QStringLiteral("trade_count_1h"), double(trades24h / 24 + 1)},
        });
    }
    return ok(QJsonObject{{QStringLiteral("items"), items}});
}

Answer balances(quint64 seed, const QJsonValue &body)
{
    QList<QPair<QString, QString>> wallets;
    QString error;
    if (!readAddressList(body, QStringLiteral("address"), &error, &wallets)) {
        // Balances take {"chain","address"}; say it in that order, as the docs do.
        return fail(error.replace(QStringLiteral("{\"address\",\"chain\"}"),
                                  QStringLiteral("{\"chain\",\"address\"}")));
    }
    QJsonArray items;
    for (const auto &[chain, address] : wallets) {
        SyntheticData random(SyntheticData::mix(SyntheticData::mix(seed, chain), address));
        QList<SyntheticTokens::Token> held;
        SyntheticTokens::Token native;
        native.chain = chain;
        native.decimals = SyntheticTokens::isEvmChain(chain) ? 18 : 9;
        native.address = SyntheticTokens::isEvmChain(chain)
                             ? QStringLiteral("0x0000000000000000000000000000000000000000")
                             : QStringLiteral("11111111111111111111111111111111");
        native.symbol =
            SyntheticTokens::isEvmChain(chain) ? QStringLiteral("ETH") : QStringLiteral("SOL");
        native.name =
            SyntheticTokens::isEvmChain(chain) ? QStringLiteral("Ether") : QStringLiteral("Solana");
        native.priceUsd = SyntheticTokens::onChain(chain).first().priceUsd;
        held.append(native);
        for (const SyntheticTokens::Token &t : SyntheticTokens::onChain(chain)) {
            if (random.chance(0.45))
                held.append(t);
        }
        qint64 blockNumber = 0;
        QString blockHash;
        qint64 blockMs = nowMs();
        if (SyntheticTokens::isEvmChain(chain)) {
            const SyntheticChain evm = chain == QLatin1String("base")
                                           ? SyntheticChain::base(seed)
                                           : SyntheticChain::ethereum(seed);
            blockNumber = evm.firstNumber();
            blockHash = evm.blockHash(blockNumber);
            blockMs = evm.timestampMs(blockNumber);
        } else {
            blockNumber =
                380000000 + qint64(SyntheticData::mix(seed, QStringLiteral("solana")) % 200000);
            blockHash = SyntheticData::base58Of(SyntheticData::mix(seed, quint64(blockNumber)), 44);
        }
        for (const SyntheticTokens::Token &t : held) {
            // Wallet sizes are heavy-tailed: mostly a few hundred dollars, some whales.
            const double usd = random.logNormal(std::log(300.0), 2.2);
            const double amount = usd / t.priceUsd;
            const QString raw = SyntheticData::rawAmount(amount, t.decimals);
            items.append(QJsonObject{
                {QStringLiteral("chain"), chain},
                {QStringLiteral("address"), address},
                {QStringLiteral("token"),
                 tokenObject(t, t.priceUsd * wobble(seed, t.address, 0.01))},
                {QStringLiteral("raw_balance"), raw.toDouble()},
                {QStringLiteral("raw_balance_str"), raw},
                {QStringLiteral("block_timestamp"), SyntheticData::isoTime(blockMs)},
                {QStringLiteral("block_number"), double(blockNumber)},
                {QStringLiteral("block_hash"), blockHash},
            });
        }
    }
    return ok(QJsonObject{{QStringLiteral("items"), items}});
}

Answer tokens(quint64 seed, const QJsonObject &params)
{
    const QString chain = params.value(QStringLiteral("chain")).toString();
    if (!chain.isEmpty() && !SyntheticTokens::chains().contains(chain))
        return fail(QStringLiteral("unknown chain \"%1\" (known: %2)").arg(chain, chainList()));
    const QString sort = params.value(QStringLiteral("sort")).toString(QStringLiteral("volume"));
    const QStringList sorts{QStringLiteral("volume"), QStringLiteral("trade_count"),
                            QStringLiteral("fully_diluted_valuation"), QStringLiteral("address"),
                            QStringLiteral("name")};
    if (!sorts.contains(sort))
        return fail(QStringLiteral("sort must be one of %1").arg(sorts.join(QStringLiteral(", "))));
    const QString order = params.value(QStringLiteral("order")).toString(QStringLiteral("desc"));
    if (order != QLatin1String("asc") && order != QLatin1String("desc"))
        return fail(QStringLiteral("order must be asc or desc"));
    qint64 limit = 0;
    if (!intParam(params, QStringLiteral("limit"), 50, 1, 200, &limit))
        return fail(QStringLiteral("limit must be between 1 and 200"));
    qint64 offset = 0;
    if (!intParam(params, QStringLiteral("offset"), 0, 0, 1000000, &offset))
        return fail(QStringLiteral("offset must be a non-negative integer"));

    const TokenListing &listing = SeedUniverse::forSeed(seed)->tokens();
    const auto sorted = listing.order(chain, sort, order == QLatin1String("asc"));
    QJsonArray result;
    JsonListText text;
    for (qint64 i = offset; i < qint64(sorted->size()) && i < offset + limit; ++i) {
        const TokenListing::Row &row = listing.rows[size_t(sorted->at(size_t(i)))];
        result.append(row.object);
        text.append(row.text);
    }
    return okText(text.finish(), result);
}

TokenListing *makeTokenListing(quint64 seed)
{
    auto *listing = new TokenListing;
    for (const QString &c : SyntheticTokens::chains()) {
        const qsizetype begin = qsizetype(listing->rows.size());
        QList<SyntheticTokens::Token> list = SyntheticTokens::onChain(c);
        for (int i = 0; i < SyntheticPerChain; ++i)
            list.append(SyntheticTokens::synthetic(seed, c, i));
        for (const SyntheticTokens::Token &t : list) {
            SyntheticData random(SyntheticData::mix(SyntheticData::mix(seed, t.address), 0x746f6b));
            const double price = t.priceUsd * wobble(seed, t.address, 0.01);
            const double fdv = price * t.circulatingSupply * random.uniform(1.0, 2.5);
            const double volume = fdv * random.uniform(0.001, 0.08);
            const double tradeCount = std::floor(volume / random.uniform(200, 4000)) + 1;
            QJsonObject o = tokenObject(t, price);
            o.insert(QStringLiteral("attributes"),
                     QJsonObject{
                         {QStringLiteral("volume_24h"), volume},
                         {QStringLiteral("trade_count_24h"), tradeCount},
                         {QStringLiteral("fully_diluted_valuation"), fdv},
                         {QStringLiteral("total_supply"), t.circulatingSupply},
                         {QStringLiteral("price_change_24h"), random.uniform(-0.15, 0.15)},
                     });
            listing->rows.push_back(
                {o, EmulatorFrames::jsonText(o), volume, tradeCount, fdv, t.address, t.name});
        }
        listing->chainRange.insert(c, {begin, qsizetype(listing->rows.size())});
    }
    return listing;
}

std::shared_ptr<const std::vector<qsizetype>>
TokenListing::order(const QString &chain, const QString &sort, bool ascending) const
{
    const QString key = chain + QLatin1Char('/') + sort + (ascending ? u'+' : u'-');
    const QMutexLocker lock(&m_mutex);
    if (const auto it = m_orders.constFind(key); it != m_orders.cend())
        return it.value();
    auto indexes = std::make_shared<std::vector<qsizetype>>();
    const QPair<qsizetype, qsizetype> range =
        chain.isEmpty() ? qMakePair(qsizetype(0), qsizetype(rows.size())) : chainRange.value(chain);
    for (qsizetype i = range.first; i < range.second; ++i)
        indexes->push_back(i);
    const auto sortBy = [&](auto field) {
        // Stable, so ties keep the listing's order whichever way it is sorted.
        std::stable_sort(indexes->begin(), indexes->end(), [&](qsizetype a, qsizetype b) {
            const auto &x = rows[size_t(a)].*field;
            const auto &y = rows[size_t(b)].*field;
            return ascending ? x < y : y < x;
        });
    };
    if (sort == QLatin1String("volume"))
        sortBy(&Row::volume);
    else if (sort == QLatin1String("trade_count"))
        sortBy(&Row::tradeCount);
    else if (sort == QLatin1String("fully_diluted_valuation"))
        sortBy(&Row::fdv);
    else if (sort == QLatin1String("address"))
        sortBy(&Row::address);
    else
        sortBy(&Row::name);
    m_orders.insert(key, indexes);
    return indexes;
}

bool readUser(const QJsonObject &request, QString *user, QString *error)
{
    const QJsonValue v = request.value(QStringLiteral("user"));
    if (v.isUndefined() || v.isNull()) {
        *error = QStringLiteral("missing \"user\"");
        return false;
    }
    if (!v.isString() ||
        !SyntheticTokens::isValidAddress(QStringLiteral("ethereum"), v.toString())) {
        *error = QStringLiteral("\"user\" must be an address: 0x followed by 40 hex digits");
        return false;
    }
    *user = v.toString().toLower();
    return true;
}

// One user's fills in hour `hour` (ms epoch / 1 h): a pure function of (seed, user, hour), so
// overlapping windows agree. Worked out as plain values; only those a response keeps are written.
struct UserFills
{
    UserFills(quint64 seed, const QString &user)
        : userKey(SyntheticData::mix(seed, user))
    {
        SyntheticData activity(userKey);
        perHour = activity.logNormal(std::log(3.0), 1.2);
    }

    QList<HyperliquidFillGenerator::Fill> inHour(qint64 hour) const;

    quint64 userKey;
    double perHour = 0;
};

QList<HyperliquidFillGenerator::Fill> UserFills::inHour(qint64 hour) const
{
    SyntheticData random(SyntheticData::mix(userKey, quint64(hour)));
    const int count = int(std::min(200.0, std::floor(random.exponential(perHour))));
    QList<HyperliquidFillGenerator::Fill> fills;
    if (count == 0)
        return fills;
    QList<qint64> times;
    for (int i = 0; i < count; ++i)
        times.append(hour * HourMs + random.uniformInt(0, HourMs - 1));
    std::sort(times.begin(), times.end());
    const QList<HyperliquidTradeGenerator::Coin> &coins = HyperliquidTradeGenerator::coins();
    fills.reserve(count);
    for (const qint64 time : times) {
        const auto &coin =
            coins.at(int(random.uniformInt(0, std::min<qint64>(3, coins.size() - 1))));
        HyperliquidTradeGenerator::Trade trade;
        trade.coin = QLatin1String(coin.name);
        trade.szDecimals = coin.szDecimals;
        const bool buyer = random.chance(0.5);
        trade.buyerTook = random.chance(0.6) == buyer;
        trade.px = HyperliquidTradeGenerator::roundPrice(coin.price * random.uniform(0.97, 1.03),
                                                         coin.szDecimals);
        trade.sz = HyperliquidTradeGenerator::roundSize(
            random.logNormal(std::log(800.0), 1.5) / trade.px, coin.szDecimals);
        trade.timeMs = time;
        trade.hash = random.evmHash();
        trade.tid = qint64(random.uniformInt(100000000000000LL, 999999999999999LL));
        trade.buyerOid = trade.sellerOid =
            qint64(random.uniformInt(200000000000LL, 260000000000LL));
        HyperliquidFillGenerator::Position position;
        position.size = random.chance(0.3) ? 0
                                           : HyperliquidTradeGenerator::roundSize(
                                                 random.uniform(-3, 3) * trade.sz, coin.szDecimals);
        position.entry = trade.px * random.uniform(0.97, 1.03);
        fills.append(HyperliquidFillGenerator::makeFill(trade, buyer, position));
    }
    return fills;
}

Answer hyperliquidFills(quint64 seed, const QJsonValue &body)
{
    if (!body.isObject())
        return fail(QStringLiteral(
            "body must be an object like {\"type\":\"userFills\",\"user\":\"0x…\"}"));
    const QJsonObject request = body.toObject();
    const QString type = request.value(QStringLiteral("type")).toString();
    if (type.isEmpty())
        return fail(QStringLiteral("missing \"type\""));
    const QStringList types{QStringLiteral("userFills"), QStringLiteral("userFillsByTime"),
                            QStringLiteral("userTwapSliceFills")};
    if (!types.contains(type)) {
        return fail(QStringLiteral("unknown type \"%1\" (expected userFills, userFillsByTime or "
                                   "userTwapSliceFills)")
                        .arg(type));
    }
    QString user;
    QString error;
    if (!readUser(request, &user, &error))
        return fail(error);
    const bool byTime = type == QLatin1String("userFillsByTime");
    const QJsonValue startValue = request.value(QStringLiteral("startTime"));
    const QJsonValue endValue = request.value(QStringLiteral("endTime"));
    if (byTime && (startValue.isUndefined() || startValue.isNull()))
        return fail(
            QStringLiteral("missing \"startTime\" (ms since the epoch) for userFillsByTime"));
    qint64 start = 0;
    qint64 end = 0;
    if (!intParam(request, QStringLiteral("startTime"), nowMs() - 30 * 24 * HourMs, 0,
                  4102444800000LL, &start))
        return fail(QStringLiteral("\"startTime\" must be a time in ms since the epoch"));
    if (!intParam(request, QStringLiteral("endTime"), nowMs(), 0, 4102444800000LL, &end))
        return fail(QStringLiteral("\"endTime\" must be a time in ms since the epoch"));
    if (end < start)
        return fail(QStringLiteral("\"endTime\" must not be before \"startTime\""));
    const bool twap = type == QLatin1String("userTwapSliceFills");

    const UserFills source(seed, user);
    QList<HyperliquidFillGenerator::Fill> fills;
    if (byTime) {
        // Oldest first from startTime, at most MaxFills, as Hyperliquid pages through time.
        for (qint64 hour = start / HourMs; hour <= end / HourMs && fills.size() < MaxFills;
             ++hour) {
            for (const HyperliquidFillGenerator::Fill &f : source.inHour(hour)) {
                const qint64 t = f.trade.timeMs;
                if (t >= start && t <= end && fills.size() < MaxFills)
                    fills.append(f);
            }
        }
    } else {
        // The most recent fills first, looking back at most 90 days.
        for (qint64 hour = end / HourMs;
             hour >= (end / HourMs) - 90 * 24 && fills.size() < MaxFills; --hour) {
            const QList<HyperliquidFillGenerator::Fill> inHour = source.inHour(hour);
            for (auto it = inHour.crbegin(); it != inHour.crend() && fills.size() < MaxFills;
                 ++it) {
                if (it->trade.timeMs <= end)
                    fills.append(*it);
            }
            if (twap && fills.size() >= 50)
                break;
        }
    }
    // Written as text only: building thousands of objects cost more than all the rest.
    MessageWriter writer;
    writer.beginArray();
    SyntheticData twapIds(SyntheticData::mix(seed, user + QLatin1String("twap")));
    for (const HyperliquidFillGenerator::Fill &f : std::as_const(fills)) {
        if (twap) {
            writer.beginObject().key("fill");
            HyperliquidFillGenerator::write(f, writer);
            writer.key("twapId").integer(twapIds.uniformInt(100000, 999999)).endObject();
        } else {
            HyperliquidFillGenerator::write(f, writer);
        }
    }
    writer.endArray();
    return okText(writer.takeText());
}

QJsonObject allMids(quint64 seed)
{
    QJsonObject mids;
    for (const auto &coin : HyperliquidTradeGenerator::coins()) {
        const QString name = QLatin1String(coin.name);
        mids.insert(name, HyperliquidTradeGenerator::priceText(
                              coin.price * wobble(seed, name, 0.005), coin.szDecimals));
    }
    return mids;
}

Answer hyperliquidInfo(quint64 seed, const QJsonValue &body)
{
    if (!body.isObject())
        return fail(QStringLiteral("body must be an object like {\"type\":\"allMids\"}"));
    const QJsonObject request = body.toObject();
    const QString type = request.value(QStringLiteral("type")).toString();
    if (type.isEmpty())
        return fail(QStringLiteral("missing \"type\""));
    if (type == QLatin1String("allMids"))
        return ok(allMids(seed));
    if (type == QLatin1String("meta")) {
        QJsonArray universe;
        for (const auto &coin : HyperliquidTradeGenerator::coins()) {
            universe.append(
                QJsonObject{{QStringLiteral("name"), QLatin1String(coin.name)},
                            {QStringLiteral("szDecimals"), coin.szDecimals},
                            {QStringLiteral("maxLeverage"), coin.price > 1000 ? 40 : 10}});
        }
        return ok(QJsonObject{{QStringLiteral("universe"), universe}});
    }
    const bool clearinghouse = type == QLatin1String("clearinghouseState");
    if (!clearinghouse && type != QLatin1String("openOrders")) {
        return fail(QStringLiteral("unknown type \"%1\" (this emulator answers allMids, "
                                   "clearinghouseState, meta and openOrders)")
                        .arg(type));
    }
    QString user;
    QString error;
    if (!readUser(request, &user, &error))
        return fail(error);
    SyntheticData random(
        SyntheticData::mix(SyntheticData::mix(seed, user), quint64(clearinghouse)));
    const QList<HyperliquidTradeGenerator::Coin> &coins = HyperliquidTradeGenerator::coins();
    if (!clearinghouse) {
        QJsonArray orders;
        const int count = int(random.uniformInt(0, 8));
        for (int i = 0; i < count; ++i) {
            const auto &coin = coins.at(int(random.uniformInt(0, coins.size() - 1)));
            const bool bid = random.chance(0.5);
            const double px =
                coin.price * (bid ? random.uniform(0.9, 0.995) : random.uniform(1.005, 1.1));
            const double sz = HyperliquidTradeGenerator::roundSize(
                random.logNormal(std::log(1000.0), 1.3) / px, coin.szDecimals);
            orders.append(QJsonObject{
                {QStringLiteral("coin"), QLatin1String(coin.name)},
                {QStringLiteral("limitPx"),
                 HyperliquidTradeGenerator::priceText(px, coin.szDecimals)},
                {QStringLiteral("oid"), double(random.uniformInt(200000000000LL, 260000000000LL))},
                {QStringLiteral("side"), bid ? QStringLiteral("B") : QStringLiteral("A")},
                {QStringLiteral("sz"), HyperliquidTradeGenerator::sizeText(sz, coin.szDecimals)},
                {QStringLiteral("timestamp"), double(nowMs() - random.uniformInt(0, 72 * HourMs))},
            });
        }
        return ok(orders);
    }
    QJsonArray positions;
    double notional = 0;
    double margin = 0;
    const int count = int(random.uniformInt(0, 4));
    for (int i = 0; i < count; ++i) {
        const auto &coin = coins.at(i * 2 % coins.size());
        const int leverage = int(random.uniformInt(2, 20));
        const double entry = coin.price * random.uniform(0.9, 1.1);
        const double size = HyperliquidTradeGenerator::roundSize(
            random.logNormal(std::log(5000.0), 1.5) / entry * (random.chance(0.5) ? 1 : -1),
            coin.szDecimals);
        const double value = std::abs(size) * coin.price;
        const double pnl = size * (coin.price - entry);
        notional += value;
        margin += value / leverage;
        positions.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("oneWay")},
            {QStringLiteral("position"),
             QJsonObject{
                 {QStringLiteral("coin"), QLatin1String(coin.name)},
                 {QStringLiteral("szi"), SyntheticData::decimal(size, coin.szDecimals)},
                 {QStringLiteral("entryPx"),
                  HyperliquidTradeGenerator::priceText(entry, coin.szDecimals)},
                 {QStringLiteral("positionValue"), SyntheticData::decimal(value, 6)},
                 {QStringLiteral("unrealizedPnl"), SyntheticData::decimal(pnl, 6)},
                 {QStringLiteral("returnOnEquity"),
                  SyntheticData::decimal(pnl / (value / leverage), 6)},
                 {QStringLiteral("marginUsed"), SyntheticData::decimal(value / leverage, 6)},
                 {QStringLiteral("maxLeverage"), coin.price > 1000 ? 40 : 10},
                 {QStringLiteral("leverage"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("cross")},
                              {QStringLiteral("value"), leverage}}},
                 {QStringLiteral("liquidationPx"),
                  HyperliquidTradeGenerator::priceText(
                      entry * (size > 0 ? 1 - 0.8 / leverage : 1 + 0.8 / leverage),
                      coin.szDecimals)},
             }},
        });
    }
    const double accountValue = margin + random.logNormal(std::log(2000.0), 1.5);
    const QJsonObject summary{
        {QStringLiteral("accountValue"), SyntheticData::decimal(accountValue, 6)},
        {QStringLiteral("totalNtlPos"), SyntheticData::decimal(notional, 6)},
        {QStringLiteral("totalRawUsd"), SyntheticData::decimal(accountValue, 6)},
        {QStringLiteral("totalMarginUsed"), SyntheticData::decimal(margin, 6)},
    };
    return ok(QJsonObject{
        {QStringLiteral("assetPositions"), positions},
        {QStringLiteral("marginSummary"), summary},
        {QStringLiteral("crossMarginSummary"), summary},
        {QStringLiteral("crossMaintenanceMarginUsed"), SyntheticData::decimal(margin / 2, 6)},
        {QStringLiteral("withdrawable"), SyntheticData::decimal(accountValue - margin, 6)},
        {QStringLiteral("time"), double(nowMs())},
    });
}

} // namespace

ApiResponder::ApiResponder(quint64 seed)
    : m_seed(seed)
{}

QList<QPair<QString, QString>> ApiResponder::endpoints()
{
    return {
        {QStringLiteral("GET"), AssetsPath},  {QStringLiteral("POST"), PricesPath},
        {QStringLiteral("GET"), TokensPath},  {QStringLiteral("POST"), BalancesPath},
        {QStringLiteral("POST"), HlInfoPath}, {QStringLiteral("POST"), HlFillsPath},
    };
}

namespace {

Answer answer(quint64 seed, const QString &method, const QString &path, const QJsonValue &body)
{
    const QString verb = method.trimmed().toUpper();
    // A query string in the path counts as parameters too (GET), next to those in the body.
    QString route = path.section(QLatin1Char('?'), 0, 0);
    while (route.size() > 1 && route.endsWith(QLatin1Char('/')))
        route.chop(1);
    QJsonObject params = body.toObject();
    if (path.contains(QLatin1Char('?'))) {
        const QUrlQuery query(path.section(QLatin1Char('?'), 1));
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (!params.contains(key))
                params.insert(key, value);
        }
    }

    bool known = false;
    for (const auto &[allowed, endpoint] : ApiResponder::endpoints()) {
        if (endpoint != route)
            continue;
        known = true;
        if (allowed != verb)
            continue;
        if (verb == QLatin1String("GET") && !body.isObject() && !body.isNull() &&
            !body.isUndefined())
            return fail(QStringLiteral("body of a GET must be an object of query parameters"));
        if (route == AssetsPath)
            return assets(seed, params);
        if (route == TokensPath)
            return tokens(seed, params);
        if (route == PricesPath)
            return prices(seed, body);
        if (route == BalancesPath)
            return balances(seed, body);
        if (route == HlFillsPath)
            return hyperliquidFills(seed, body);
        return hyperliquidInfo(seed, body);
    }
    if (known)
        return fail(QStringLiteral("method %1 not allowed for %2").arg(verb, route));
    return fail(QStringLiteral("unknown path %1").arg(path.section(QLatin1Char('?'), 0, 0)));
}

} // namespace

ApiResponder::Result ApiResponder::respond(const QString &method, const QString &path,
                                           const QJsonValue &body) const
{
    const Answer a = answer(m_seed, method, path, body);
    if (!a.data.isUndefined())
        return {a.ok, a.data};
    const QJsonDocument document = QJsonDocument::fromJson(a.text.toUtf8());
    return {a.ok,
            document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object())};
}

ApiResponder::TextResult ApiResponder::respondText(const QString &method, const QString &path,
                                                   const QJsonValue &body) const
{
    Answer a = answer(m_seed, method, path, body);
    if (a.text.isNull())
        return {a.ok, EmulatorFrames::jsonText(a.data)};
    return {a.ok, std::move(a.text)};
}

} // namespace allium
