// SPDX-License-Identifier: MIT
#include "emulator/api/walletportfolio.h"

#include "emulator/api/apivalues.h"
#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/syntheticdatachain.h"

#include <algorithm>
#include <cmath>

namespace allium {

namespace {

constexpr qint64 HourMs = ApiValues::HourMs;
constexpr qint64 SolanaSlotMs = 400;

} // namespace

WalletPortfolio::WalletPortfolio(quint64 seed, const QString &chain, const QString &address)
    : m_seed(seed)
    , m_key(SyntheticData::mix(SyntheticData::mix(seed, chain), address))
    , m_chain(chain)
    , m_address(address)
{
    SyntheticData random(m_key);
    const bool evm = SyntheticTokens::isEvmChain(chain);
    if (evm)
        m_evm = chain == QLatin1String("base") ? SyntheticChain::base(seed)
                                               : SyntheticChain::ethereum(seed);
    SyntheticTokens::Token native;
    native.chain = chain;
    native.decimals = evm ? 18 : 9;
    native.address = evm ? QStringLiteral("0x0000000000000000000000000000000000000000")
                         : QStringLiteral("11111111111111111111111111111111");
    native.symbol = evm ? QStringLiteral("ETH") : QStringLiteral("SOL");
    native.name = evm ? QStringLiteral("Ether") : QStringLiteral("Solana");
    native.priceUsd = SyntheticTokens::onChain(chain).first().priceUsd;
    QList<SyntheticTokens::Token> held{native};
    for (const SyntheticTokens::Token &t : SyntheticTokens::onChain(chain)) {
        if (random.chance(0.45))
            held.append(t);
    }
    for (const SyntheticTokens::Token &t : held) {
        // Wallet sizes are heavy-tailed: mostly a few hundred dollars, some whales.
        const double usd = random.logNormal(std::log(300.0), 2.2);
        const double price = ApiValues::latestPrice(seed, t);
        m_holdings.append({t, usd / price, price * random.uniform(0.6, 1.3)});
    }
}

WalletPortfolio::Block WalletPortfolio::blockAt(qint64 ms) const
{
    if (m_evm) {
        const SyntheticChain &evm = *m_evm;
        const qint64 number =
            evm.firstNumber() + qint64(std::floor(double(ms - evm.timestampMs(evm.firstNumber())) /
                                                  double(evm.blockIntervalMs())));
        return {number, evm.blockHash(number), evm.timestampMs(number)};
    }
    const qint64 tip =
        380000000 + qint64(SyntheticData::mix(m_seed, QStringLiteral("solana")) % 200000);
    const qint64 slot = tip + (ms - ApiValues::nowMs()) / SolanaSlotMs;
    return {slot, SyntheticData::base58Of(SyntheticData::mix(m_seed, quint64(slot)), 44),
            ApiValues::nowMs() + (slot - tip) * SolanaSlotMs};
}

bool WalletPortfolio::changedIn(int index, qint64 hour, double *factor) const
{
    const quint64 h = SyntheticData::mix(SyntheticData::mix(m_key, quint64(index)), quint64(hour));
    if (ApiValues::unit(h) >= 0.02)
        return false;
    *factor = ApiValues::unit(SyntheticData::mix(h, 1), 0.2, 1.8);
    return true;
}

qint64 WalletPortfolio::changeTime(int index, qint64 hour) const
{
    const quint64 h = SyntheticData::mix(m_key, quint64(hour) * 64 + quint64(index));
    return hour * HourMs + qint64(ApiValues::unit(h) * double(HourMs - 1));
}

QList<QList<double>> WalletPortfolio::amountSeries(qint64 first, qint64 step, qint64 points) const
{
    // A holding's amount at t is the amount before the first change after t (today's amount
    // after the last one): one walk along the changes, oldest first.
    QList<QList<QPair<qint64, double>>> timelines(m_holdings.size());
    const QList<Change> all = changes(first, ApiValues::nowMs());
    for (auto it = all.crbegin(); it != all.crend(); ++it)
        timelines[it->holding].append({it->ms, it->before});
    QList<QList<double>> series;
    for (qsizetype h = 0; h < m_holdings.size(); ++h) {
        const QList<QPair<qint64, double>> &timeline = timelines.at(h);
        QList<double> amounts;
        amounts.reserve(points);
        qsizetype next = 0;
        for (qint64 i = 0; i < points; ++i) {
            const qint64 t = first + i * step;
            while (next < timeline.size() && timeline.at(next).first <= t)
                ++next;
            amounts.append(next < timeline.size() ? timeline.at(next).second
                                                  : m_holdings.at(h).amount);
        }
        series.append(amounts);
    }
    return series;
}

QList<WalletPortfolio::Change> WalletPortfolio::changes(qint64 startMs, qint64 endMs) const
{
    QList<Change> out;
    const qint64 now = ApiValues::nowMs();
    startMs = std::max(startMs, now - HistoryMs);
    endMs = std::min(endMs, now);
    for (int i = 0; i < m_holdings.size(); ++i) {
        // Walk back from now, so each change knows the amount it led to.
        double after = m_holdings.at(i).amount;
        for (qint64 hour = now / HourMs; hour >= startMs / HourMs; --hour) {
            double factor = 0;
            if (!changedIn(i, hour, &factor))
                continue;
            const double before = m_holdings.at(i).amount * factor;
            const qint64 ms = changeTime(i, hour);
            if (ms >= startMs && ms <= endMs) {
                SyntheticData random(SyntheticData::mix(m_key, quint64(ms)));
                Change c;
                c.holding = i;
                c.ms = ms;
                c.before = before;
                c.after = after;
                c.block = blockAt(ms);
                c.txHash =
                    SyntheticTokens::isEvmChain(m_chain) ? random.evmHash() : random.base58(88);
                c.txIndex = int(random.uniformInt(0, 150));
                out.append(c);
            }
            after = before;
        }
    }
    std::sort(out.begin(), out.end(), [](const Change &a, const Change &b) {
        return a.ms != b.ms ? a.ms > b.ms : a.holding < b.holding;
    });
    return out;
}

} // namespace allium
