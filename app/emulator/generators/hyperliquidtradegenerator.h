// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/generators/syntheticdata.h"
#include "emulator/generators/topicgenerator.h"

#include <QHash>
#include <QList>

namespace allium {

/// `hyperliquid.trades`: perp trades with both sides in one record (`users: [buyer, seller]`),
/// prices on a random walk per coin, wrapped in `{"payload": …}` as Allium's Hyperliquid streams
/// are. Also the source of `hyperliquid.fills`, which splits each trade into its two fills.
class HyperliquidTradeGenerator : public TopicGenerator
{
public:
    struct Trade
    {
        QString coin;
        int szDecimals = 0;
        bool buyerTook = true; ///< the taker bought ("B"); otherwise the taker sold ("A")
        double px = 0;
        double sz = 0;
        qint64 timeMs = 0;
        QString hash;
        qint64 tid = 0;
        QString buyer;
        QString seller;
        qint64 buyerOid = 0;
        qint64 sellerOid = 0;
    };

    explicit HyperliquidTradeGenerator(quint64 seed);

    Trade nextTrade();

    void writeNext(MessageWriter &writer) override;
    /// The next trade comes after `chainMs`; tids stay rising (a trade's tid is about its time
    /// in µs, so a later trade always has a larger one).
    void seek(qint64 chainMs) override;

    /// Hyperliquid's price text: at most 5 significant figures and 6 − szDecimals decimals.
    static QString priceText(double px, int szDecimals);
    static QString sizeText(double sz, int szDecimals);
    /// `px` on the coin's price grid (5 significant figures, 6 − szDecimals decimals).
    static double roundPrice(double px, int szDecimals);
    /// `sz` on the coin's size grid, at least one lot, keeping its sign.
    static double roundSize(double sz, int szDecimals);
    /// The perp coins the generator trades, with their reference prices.
    struct Coin
    {
        const char *name;
        double price;
        int szDecimals;
        double weight;
    };
    static const QList<Coin> &coins();

    static constexpr double TradeIntervalMs = 15.0;

private:
    QString user();

    quint64 m_seed;
    SyntheticData m_random;
    QList<double> m_prices;
    QList<QString> m_users; ///< addresses of the user pool, made on first use
    double m_timeMs;
    qint64 m_tid;
    qint64 m_oid;
};

} // namespace allium
