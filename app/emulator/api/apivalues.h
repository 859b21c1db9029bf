// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/generators/syntheticdatatokens.h"

#include <QJsonObject>
#include <QString>

namespace allium {

/// What several endpoint families derive alike, so that their answers agree: the emulator's
/// clock, a seed's price wobble, the token object of the tokens and balances answers.
class ApiValues
{
public:
    /// Made-up long-tail tokens per chain behind the well-known ones (assets and tokens).
    static constexpr int SyntheticTokensPerChain = 400;
    static constexpr qint64 HourMs = 3600000;

    /// A number in [0, 1) from a hash (SyntheticData::mix): for values drawn per hour or per
    /// point, where seeding a SyntheticData (a Mersenne twister) each time would dominate.
    static double unit(quint64 hash) { return double(hash >> 11) * 0x1.0p-53; }
    static double unit(quint64 hash, double lo, double hi) { return lo + (hi - lo) * unit(hash); }

    /// "Now" for every response: a fixed clock, so answers depend only on seed + request.
    static qint64 nowMs();
    /// A small deterministic factor in [1 - range, 1 + range] for one seed and key, so prices
    /// differ per seed.
    static double wobble(quint64 seed, const QString &key, double range);
    /// {"object":"token","chain","address","type","price","decimals","info":{name,symbol}}.
    static QJsonObject tokenObject(const SyntheticTokens::Token &token, double price);

    /// The token at (chain, address): a well-known one, or a made-up one derived from the
    /// address (any well-formed address has a price).
    static SyntheticTokens::Token token(quint64 seed, const QString &chain, const QString &address);
    /// The token's USD price now (what prices and balances answer).
    static double latestPrice(quint64 seed, const SyntheticTokens::Token &token);
    /// Its price at `ms`: a smooth deterministic drift that meets latestPrice() at nowMs(), so
    /// price history, prices at a timestamp and stats agree with the latest price.
    static double priceAt(quint64 seed, const SyntheticTokens::Token &token, qint64 ms);
    /// {"currency":"USD","amount":"12.34"}, the API's money object.
    static QJsonObject money(double usd);
};

} // namespace allium
