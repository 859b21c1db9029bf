// SPDX-License-Identifier: MIT
#include "emulator/generators/syntheticdata.h"

#include <QDateTime>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace allium {

namespace {

constexpr char HexDigits[] = "0123456789abcdef";
constexpr char Base58Digits[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

quint64 splitmix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Writes `count` hex digits of successive 64-bit words from `nextWord` into `out`.
template <typename NextWord>
void fillHex(QChar *out, int count, NextWord nextWord)
{
    quint64 word = 0;
    for (int i = 0; i < count; ++i) {
        if (i % 16 == 0)
            word = nextWord();
        out[i] = QLatin1Char(HexDigits[word & 0xf]);
        word >>= 4;
    }
}

// Writes `digits` lower-case hex digits of `value`, zero-padded on the left, ending at out+digits.
void putHex(QChar *out, quint64 value, int digits)
{
    for (int i = digits - 1; i >= 0; --i) {
        out[i] = QLatin1Char(HexDigits[value & 0xf]);
        value >>= 4;
    }
}

} // namespace

SyntheticData::SyntheticData(quint64 seed)
    : m_engine(splitmix(seed))
{}

quint64 SyntheticData::mix(quint64 a, quint64 b)
{
    return splitmix(splitmix(a) ^ (b + 0x632be59bd9b4e019ULL));
}

quint64 SyntheticData::mix(quint64 a, const QString &key)
{
    quint64 hash = 0xcbf29ce484222325ULL;
    for (const QChar c : key) {
        hash ^= c.unicode();
        hash *= 0x100000001b3ULL;
    }
    return mix(a, hash);
}

quint64 SyntheticData::next64()
{
    return m_engine();
}

qint64 SyntheticData::uniformInt(qint64 lo, qint64 hi)
{
    return std::uniform_int_distribution<qint64>(lo, hi)(m_engine);
}

double SyntheticData::uniform()
{
    // 53 random bits: the same on every standard library, unlike uniform_real_distribution.
    return double(m_engine() >> 11) * (1.0 / 9007199254740992.0);
}

double SyntheticData::uniform(double lo, double hi)
{
    return lo + (hi - lo) * uniform();
}

bool SyntheticData::chance(double probability)
{
    return uniform() < probability;
}

double SyntheticData::logNormal(double mu, double sigma)
{
    // Box–Muller by hand: std::normal_distribution differs between standard libraries, and the
    // data must be the same wherever the emulator runs.
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    return std::exp(mu + sigma * z);
}

double SyntheticData::pareto(double xm, double alpha)
{
    return xm / std::pow(1.0 - uniform(), 1.0 / alpha);
}

double SyntheticData::exponential(double mean)
{
    return -mean * std::log(1.0 - uniform());
}

int SyntheticData::weighted(std::initializer_list<double> weights)
{
    double total = 0;
    for (const double w : weights)
        total += w;
    double x = uniform() * total;
    int index = 0;
    for (const double w : weights) {
        if (x < w)
            return index;
        x -= w;
        ++index;
    }
    return index - 1;
}

QString SyntheticData::hex(int digits, bool prefix)
{
    const int offset = prefix ? 2 : 0;
    QString s(digits + offset, Qt::Uninitialized);
    QChar *data = s.data();
    if (prefix) {
        data[0] = QLatin1Char('0');
        data[1] = QLatin1Char('x');
    }
    fillHex(data + offset, digits, [this] { return m_engine(); });
    return s;
}

QString SyntheticData::evmAddress()
{
    return hex(40);
}

QString SyntheticData::evmHash()
{
    return hex(64);
}

QString SyntheticData::base58(int length)
{
    QString s(length, Qt::Uninitialized);
    QChar *data = s.data();
    for (int i = 0; i < length; ++i)
        data[i] = QLatin1Char(Base58Digits[m_engine() % 58]);
    return s;
}

QString SyntheticData::hashOf(quint64 key, bool prefix)
{
    const int offset = prefix ? 2 : 0;
    QString s(64 + offset, Qt::Uninitialized);
    QChar *data = s.data();
    if (prefix) {
        data[0] = QLatin1Char('0');
        data[1] = QLatin1Char('x');
    }
    quint64 state = key;
    fillHex(data + offset, 64, [&state] { return state = splitmix(state); });
    return s;
}

QString SyntheticData::addressOf(quint64 key)
{
    // The last 40 of hashOf()'s 64 digits, without building the other 24.
    QString s(42, Qt::Uninitialized);
    QChar *data = s.data();
    data[0] = QLatin1Char('0');
    data[1] = QLatin1Char('x');
    quint64 state = key;
    quint64 words[4];
    for (quint64 &word : words)
        word = state = splitmix(state);
    for (int i = 24; i < 64; ++i)
        data[i - 22] = QLatin1Char(HexDigits[(words[i / 16] >> (4 * (i % 16))) & 0xf]);
    return s;
}

bool SyntheticData::isBase58(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() > 127 || !std::strchr(Base58Digits, char(c.unicode())) || c.unicode() == 0)
            return false;
    }
    return true;
}

QString SyntheticData::base58Of(quint64 key, int length)
{
    QString s(length, Qt::Uninitialized);
    QChar *data = s.data();
    quint64 state = key;
    for (int i = 0; i < length; ++i) {
        state = splitmix(state);
        data[i] = QLatin1Char(Base58Digits[state % 58]);
    }
    return s;
}

QString SyntheticData::hex64(quint64 value, int digits)
{
    int significant = 1;
    while (significant < 16 && (value >> (4 * significant)) != 0)
        ++significant;
    // Too many digits keep the leftmost ones, as QString::rightJustified(…, true) did.
    if (significant > digits)
        value >>= 4 * (significant - digits);
    const int width = std::max(digits, 0);
    QString s(width, Qt::Uninitialized);
    putHex(s.data(), value, width);
    return s;
}

QString SyntheticData::isoTime(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC).toString(Qt::ISODate);
}

QString SyntheticData::decimal(double value, int decimals)
{
    // std::to_chars rounds exactly like QString::number(value, 'f', decimals) and allocates
    // nothing: this runs several times per Hyperliquid message.
    char buffer[400];
    const auto [end, error] =
        std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed, decimals);
    if (error != std::errc())
        return QString::number(value, 'f', decimals);
    const char *last = end;
    if (std::memchr(buffer, '.', size_t(end - buffer))) {
        while (last[-1] == '0')
            --last;
        if (last[-1] == '.')
            --last;
    }
    if (last - buffer == 2 && buffer[0] == '-' && buffer[1] == '0')
        return QStringLiteral("0");
    return QString::fromLatin1(buffer, last - buffer);
}

QString SyntheticData::wei(quint64 gwei, quint32 subGwei)
{
    // Digits from the right: the 9 sub-gwei digits (zero-padded unless gwei is 0), then gwei.
    char digits[32];
    char *end = digits + sizeof(digits);
    char *p = end;
    quint64 low = subGwei;
    for (int i = 0; i < 9 && (gwei > 0 || low > 0 || p == end); ++i) {
        *--p = char('0' + low % 10);
        low /= 10;
    }
    while (gwei > 0) {
        *--p = char('0' + gwei % 10);
        gwei /= 10;
    }
    return QString::fromLatin1(p, end - p);
}

QString SyntheticData::weiFromEther(double ether, bool ragged)
{
    const double gwei = std::floor(ether * 1e9);
    if (!(gwei >= 0) || gwei > 1.8e19)
        return QStringLiteral("0");
    // Round to 4 significant digits when not ragged: people send 0.25 ETH, not 0.2500013.
    quint64 whole = quint64(gwei);
    if (!ragged && whole > 0) {
        const double magnitude = std::pow(10.0, std::floor(std::log10(double(whole))) - 3);
        if (magnitude >= 1)
            whole = quint64(std::round(double(whole) / magnitude) * magnitude);
        return wei(whole, 0);
    }
    return wei(whole, quint32(uniformInt(0, 999999999)));
}

QString SyntheticData::abiAddressWord(const QString &address)
{
    const qsizetype digits = std::max<qsizetype>(0, address.size() - 2);
    QString word(24 + digits, Qt::Uninitialized);
    QChar *data = word.data();
    std::fill(data, data + 24, QLatin1Char('0'));
    std::copy(address.constData() + 2, address.constData() + 2 + digits, data + 24);
    return word;
}

QString SyntheticData::abiUintWord(double value)
{
    value = std::floor(std::max(0.0, value));
    const double high = std::floor(value / 18446744073709551616.0);
    const double low = value - high * 18446744073709551616.0;
    // hex64(high, 48) + hex64(low, 16) in one string: high stays below 16^16, so no truncation.
    QString word(64, Qt::Uninitialized);
    putHex(word.data(), quint64(std::min(high, 1.8e19)), 48);
    putHex(word.data() + 48, quint64(low), 16);
    return word;
}

QString SyntheticData::rawAmount(double amount, int decimals)
{
    if (!(amount > 0))
        return QStringLiteral("0");
    QString s = QString::number(amount, 'f', decimals);
    s.remove(QLatin1Char('.'));
    int zeros = 0;
    while (zeros < s.size() - 1 && s.at(zeros) == QLatin1Char('0'))
        ++zeros;
    return s.mid(zeros);
}

} // namespace allium
