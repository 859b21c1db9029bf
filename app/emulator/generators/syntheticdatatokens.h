// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

namespace allium {

/// The well-known tokens the synthetic data uses: real lower-case mainnet addresses, plausible
/// prices. Shared by the stream generators (popular contracts) and the API responder.
class SyntheticTokens
{
public:
    struct Token
    {
        QString chain;
        QString address; ///< lower-case 0x hex on EVM chains, base58 mint on Solana
        QString symbol;
        QString name;
        QString slug;
        int decimals = 18;
        double priceUsd = 0;
        double circulatingSupply = 0;
        qint64 creationMs = 0; ///< when the token contract was deployed
    };

    static const QList<Token> &all();
    /// The tokens of one chain, in a fixed order.
    static QList<Token> onChain(const QString &chain);
    /// The token at `address` on `chain` (case-insensitive for EVM), or nullptr.
    static const Token *find(const QString &chain, const QString &address);
    /// True for chains whose addresses are EVM hex (lower-cased on input).
    static bool isEvmChain(const QString &chain);
    /// The chains the emulator knows, sorted.
    static QStringList chains();
    /// A made-up long-tail token on `chain`, a pure function of (seed, chain, index): invented
    /// name and symbol, a heavy-tailed price, an address in the chain's format.
    static Token synthetic(quint64 seed, const QString &chain, int index);
    /// True when `address` has the shape of an address on `chain` (0x + 40 hex on EVM chains,
    /// 32–44 base58 characters on Solana).
    static bool isValidAddress(const QString &chain, const QString &address);
};

} // namespace allium
