// SPDX-License-Identifier: MIT
#include "emulator/generators/hyperliquidtradegenerator.h"

#include "emulator/generators/syntheticdatachain.h"
#include "emulator/messagewriter.h"

#include <algorithm>
#include <cmath>

namespace allium {

namespace {

constexpr int UserPool = 5000;

} // namespace

const QList<HyperliquidTradeGenerator::Coin> &HyperliquidTradeGenerator::coins()
{
    static const QList<Coin> list{
        {"BTC", 91240.0, 5, 30},   {"ETH", 3012.4, 4, 20}, {"HYPE", 28.41, 2, 14},
        {"SOL", 138.72, 2, 10},    {"XRP", 2.1843, 0, 5},  {"DOGE", 0.16123, 0, 4},
        {"SUI", 1.6412, 1, 3},     {"ENA", 0.29871, 0, 3}, {"FARTCOIN", 0.35412, 1, 3},
        {"kPEPE", 0.005214, 0, 3}, {"AVAX", 14.321, 2, 2}, {"LINK", 14.32, 1, 3},
    };
    return list;
}

HyperliquidTradeGenerator::HyperliquidTradeGenerator(quint64 seed)
    : m_seed(seed)
    , m_random(SyntheticData::mix(seed, QStringLiteral("hyperliquid.trades")))
    , m_timeMs(double(SyntheticChain::DefaultStartMs))
    , m_tid(0)
    , m_oid(250000000000LL + qint64(SyntheticData::mix(seed, 0x6f6964) % 1000000000LL))
{
    for (const Coin &c : coins())
        m_prices.append(c.price);
    m_users.resize(UserPool);
}

QString HyperliquidTradeGenerator::priceText(double px, int szDecimals)
{
    const int magnitude = int(std::floor(std::log10(px))) + 1;
    const int decimals = std::max(0, std::min(6 - szDecimals, 5 - magnitude));
    return SyntheticData::decimal(px, decimals);
}

double HyperliquidTradeGenerator::roundPrice(double px, int szDecimals)
{
    const int magnitude = int(std::floor(std::log10(px))) + 1;
    const double tick = std::pow(10.0, -std::max(0, std::min(6 - szDecimals, 5 - magnitude)));
    return std::round(px / tick) * tick;
}

double HyperliquidTradeGenerator::roundSize(double sz, int szDecimals)
{
    const double step = std::pow(10.0, -szDecimals);
    const double rounded = std::round(std::abs(sz) / step) * step;
    return std::copysign(std::max(step, rounded), sz);
}

QString HyperliquidTradeGenerator::sizeText(double sz, int szDecimals)
{
    return SyntheticData::decimal(sz, szDecimals);
}

QString HyperliquidTradeGenerator::user()
{
    const int id = int(std::exp(m_random.uniform() * std::log(double(UserPool)))) - 1;
    QString &address = m_users[id];
    if (address.isNull()) {
        address = SyntheticData::addressOf(
            SyntheticData::mix(SyntheticData::mix(m_seed, 0x68), quint64(id)));
    }
    return address;
}

HyperliquidTradeGenerator::Trade HyperliquidTradeGenerator::nextTrade()
{
    Trade trade;
    double total = 0;
    for (const Coin &c : coins())
        total += c.weight;
    double pick = m_random.uniform() * total;
    int index = 0;
    while (index < coins().size() - 1 && pick >= coins().at(index).weight) {
        pick -= coins().at(index).weight;
        ++index;
    }
    const Coin &coin = coins().at(index);
    // A small random walk pulled back towards the reference, so prices stay plausible.
    double &px = m_prices[index];
    px *= std::exp(m_random.uniform(-0.0004, 0.0004) + 0.0005 * std::log(coin.price / px));

    trade.coin = QLatin1String(coin.name);
    trade.szDecimals = coin.szDecimals;
    trade.buyerTook = m_random.chance(0.5);
    trade.px = roundPrice(px, coin.szDecimals);
    trade.sz = roundSize(m_random.logNormal(std::log(600.0), 2.0) / trade.px, coin.szDecimals);
    m_timeMs += m_random.exponential(TradeIntervalMs);
    trade.timeMs = qint64(m_timeMs);
    trade.hash = m_random.chance(0.03) ? QStringLiteral("0x") + QString(64, QLatin1Char('0'))
                                       : m_random.evmHash();
    m_tid = std::max(m_tid + 1, trade.timeMs * 1000 + m_random.uniformInt(0, 999));
    trade.tid = m_tid;
    trade.buyer = user();
    do {
        trade.seller = user();
    } while (trade.seller == trade.buyer);
    m_oid += m_random.uniformInt(1, 40);
    trade.buyerOid = trade.buyerTook ? m_oid : m_oid - m_random.uniformInt(1, 5000000);
    trade.sellerOid = trade.buyerTook ? m_oid - m_random.uniformInt(1, 5000000) : m_oid;
    return trade;
}

void HyperliquidTradeGenerator::seek(qint64 chainMs)
{
    m_timeMs = double(chainMs);
}

void HyperliquidTradeGenerator::writeNext(MessageWriter &writer)
{
    const Trade t = nextTrade();
    setDue(t.timeMs);
    // Keys in ascending order (see MessageWriter).
    writer.beginObject().key("payload").beginObject();
    writer.key("coin").string(t.coin);
    writer.key("hash").string(t.hash);
    writer.key("px").string(priceText(t.px, t.szDecimals));
    writer.key("side").string(t.buyerTook ? QLatin1String("B") : QLatin1String("A"));
    writer.key("sz").string(sizeText(t.sz, t.szDecimals));
    writer.key("tid").integer(t.tid);
    writer.key("time").integer(t.timeMs);
    writer.key("users").beginArray().string(t.buyer).string(t.seller).endArray();
    writer.endObject().endObject();
}

} // namespace allium
