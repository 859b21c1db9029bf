// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <random>

namespace allium {

/// A seeded source of realistic random values (hex hashes, addresses, base58 keys, heavy-tailed
/// amounts). Never touches global randomness, so the same seed gives the same sequence.
class SyntheticData
{
public:
    explicit SyntheticData(quint64 seed);

    /// A well-mixed 64-bit value from two inputs (splitmix64), for deriving independent seeds,
    /// e.g. the seed of one block from the stream seed and the block number.
    static quint64 mix(quint64 a, quint64 b);
    /// The same as mix() for a string key (FNV-1a first), e.g. per address or per chain name.
    static quint64 mix(quint64 a, const QString &key);

    quint64 next64();
    /// Uniform in [lo, hi], both inclusive.
    qint64 uniformInt(qint64 lo, qint64 hi);
    /// Uniform in [0, 1).
    double uniform();
    double uniform(double lo, double hi);
    bool chance(double probability);
    /// exp(N(mu, sigma)): most values near exp(mu), a long right tail.
    double logNormal(double mu, double sigma);
    /// Pareto with minimum xm and shape alpha: heavy tail, for whales.
    double pareto(double xm, double alpha);
    /// Exponential with the given mean, for waiting times.
    double exponential(double mean);
    /// An index into weights (not necessarily normalised) picked proportionally.
    int weighted(std::initializer_list<double> weights);

    /// "0x" + `digits` random lower-case hex digits (without the prefix when !prefix).
    QString hex(int digits, bool prefix = true);
    /// A lower-case EVM address: "0x" + 40 hex digits.
    QString evmAddress();
    /// A 32-byte hash: "0x" + 64 hex digits.
    QString evmHash();
    /// `length` random base58 characters (Solana keys are 43–44, signatures 87–88).
    QString base58(int length);

    /// A deterministic 32-byte hash ("0x" + 64 hex digits) for a key, with no generator state:
    /// lets two streams agree on, say, a block's hash.
    static QString hashOf(quint64 key, bool prefix = true);
    /// A deterministic EVM address ("0x" + 40 hex digits) for a key: stable accounts and pools.
    static QString addressOf(quint64 key);
    /// True when every character of `text` is in the base58 alphabet.
    static bool isBase58(const QString &text);
    /// Deterministic base58 text of `length` characters for a key (stable Solana keys).
    static QString base58Of(quint64 key, int length);
    /// Lower-case hex of a 64-bit value, zero-padded on the left to `digits`.
    static QString hex64(quint64 value, int digits);
    /// ISO-8601 UTC with seconds, e.g. "2026-11-27T20:15:23Z".
    static QString isoTime(qint64 msecsSinceEpoch);
    /// A decimal string with at most `decimals` fraction digits and no trailing zeros
    /// ("1834.5", "0.0021", "12"), as Hyperliquid and money fields carry them.
    static QString decimal(double value, int decimals);
    /// A wei amount as a decimal string from whole gwei and the sub-gwei remainder (< 10^9),
    /// so values up to ~10^28 wei fit without big integers.
    static QString wei(quint64 gwei, quint32 subGwei = 0);
    /// An amount of ether as a wei decimal string, keeping 9 significant sub-gwei digits
    /// random when `ragged` (real transfers are rarely round).
    QString weiFromEther(double ether, bool ragged);
    /// A 32-byte ABI word holding an address (24 zero digits + the 40 address digits), no "0x".
    static QString abiAddressWord(const QString &address);
    /// A 32-byte ABI word holding an unsigned integer (up to ~10^38, rounded like a double),
    /// no "0x".
    static QString abiUintWord(double value);
    /// An integer token amount in base units as a decimal string: `amount` × 10^decimals
    /// ("1500000" for 1.5 USDC), exact to the precision of a double.
    static QString rawAmount(double amount, int decimals);

private:
    std::mt19937_64 m_engine;
};

} // namespace allium
