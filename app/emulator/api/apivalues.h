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

    /// "Now" for every response: a fixed clock, so answers depend only on seed + request.
    static qint64 nowMs();
    /// A small deterministic factor in [1 - range, 1 + range] for one seed and key, so prices
    /// differ per seed.
    static double wobble(quint64 seed, const QString &key, double range);
    /// {"object":"token","chain","address","type","price","decimals","info":{name,symbol}}.
    static QJsonObject tokenObject(const SyntheticTokens::Token &token, double price);
};

} // namespace allium
