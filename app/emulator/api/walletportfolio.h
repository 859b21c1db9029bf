// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/generators/syntheticdatachain.h"
#include "emulator/generators/syntheticdatatokens.h"

#include <QList>
#include <QString>

#include <optional>

namespace allium {

/// One wallet on one chain as every wallet endpoint sees it: the tokens it holds now, and the
/// hours in which a holding changed (each change one transaction in a block of the chain the
/// streams emit), so balances, their history, holdings, transactions and P&L agree.
class WalletPortfolio
{
public:
    /// The wallet's history reaches back this far before ApiValues::nowMs().
    static constexpr qint64 HistoryMs = 90LL * 24 * 3600000;

    struct Holding
    {
        SyntheticTokens::Token token;
        double amount = 0;      ///< in token units, now
        double averageCost = 0; ///< USD per unit paid, for P&L
    };
    struct Block
    {
        qint64 number = 0;
        QString hash;
        qint64 ms = 0;
    };
    struct Change
    {
        int holding = 0;
        qint64 ms = 0;
        double before = 0; ///< amount before and after, in token units
        double after = 0;
        Block block;
        QString txHash;
        int txIndex = 0;
    };

    /// `address` as the request named it (EVM lower-cased).
    WalletPortfolio(quint64 seed, const QString &chain, const QString &address);

    const QString &chain() const { return m_chain; }
    const QString &address() const { return m_address; }
    const QList<Holding> &holdings() const { return m_holdings; }
    /// The chain's block at `ms`: on EVM chains the very block the blocks stream has there.
    Block blockAt(qint64 ms) const;
    /// Each holding's amount at `first`, `first` + `step`, … (`points` of them).
    QList<QList<double>> amountSeries(qint64 first, qint64 step, qint64 points) const;
    /// Every change in [startMs, endMs], newest first.
    QList<Change> changes(qint64 startMs, qint64 endMs) const;

private:
    /// Whether holding `index` changed in hour `hour`, and the factor of its amount before.
    bool changedIn(int index, qint64 hour, double *factor) const;
    /// When in `hour` holding `index` changes, if it does.
    qint64 changeTime(int index, qint64 hour) const;

    quint64 m_seed;
    /// The chain behind blockAt() on EVM chains (built once: each is a few derivations).
    std::optional<SyntheticChain> m_evm;
    quint64 m_key;
    QString m_chain;
    QString m_address;
    QList<Holding> m_holdings;
};

} // namespace allium
