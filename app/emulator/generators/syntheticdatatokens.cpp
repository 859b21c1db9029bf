// SPDX-License-Identifier: MIT
#include "emulator/generators/syntheticdatatokens.h"

#include "emulator/generators/syntheticdata.h"

#include <QStringList>

#include <cmath>

namespace allium {

namespace {

SyntheticTokens::Token token(const char *chain, const char *address, const char *symbol,
                             const char *name, const char *slug, int decimals, double price,
                             double supply, qint64 creationSecs)
{
    SyntheticTokens::Token t;
    t.chain = QLatin1String(chain);
    t.address = QLatin1String(address);
    t.symbol = QLatin1String(symbol);
    t.name = QLatin1String(name);
    t.slug = QLatin1String(slug);
    t.decimals = decimals;
    t.priceUsd = price;
    t.circulatingSupply = supply;
    t.creationMs = creationSecs * 1000;
    return t;
}

QList<SyntheticTokens::Token> makeTokens()
{
    return {
        token("ethereum", "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", "WETH", "Wrapped Ether",
              "weth", 18, 3012.45, 2.9e6, 1513077455),
        token("ethereum", "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "USDC", "USD Coin",
              "usd-coin", 6, 0.9998, 4.21e10, 1533324504),
        token("ethereum", "0xdac17f958d2ee523a2206206994597c13d831ec7", "USDT", "Tether USD",
              "tether", 6, 1.0002, 9.6e10, 1511829681),
        token("ethereum", "0x2260fac5e5542a773aa44fbcfedf7c193bc2c599", "WBTC", "Wrapped BTC",
              "wrapped-bitcoin", 8, 91250.0, 1.29e5, 1543095952),
        token("ethereum", "0x6b175474e89094c44da98b954eedeac495271d0f", "DAI", "Dai Stablecoin",
              "dai", 18, 0.9999, 4.5e9, 1573672677),
        token("ethereum", "0x514910771af9ca656af840dff83e8264ecf986ca", "LINK", "ChainLink Token",
              "chainlink", 18, 14.32, 6.78e8, 1505597189),
        token("ethereum", "0x1f9840a85d5af5bf1d1762f925bdaddc4201f984", "UNI", "Uniswap", "uniswap",
              18, 7.18, 6.0e8, 1600107086),
        token("ethereum", "0xae7ab96520de3a18e5e111b5eaab095312d7fe84", "stETH",
              "Liquid staked Ether 2.0", "lido-staked-ether", 18, 3009.80, 8.9e6, 1608242396),
        token("ethereum", "0x7fc66500c84a76ad7e9c93437bfc5ac33e2ddae9", "AAVE", "Aave Token",
              "aave", 18, 182.6, 1.52e7, 1600970788),
        token("ethereum", "0x6982508145454ce325ddbe47a25d4ec3d2311933", "PEPE", "Pepe", "pepe", 18,
              0.00000512, 4.2e14, 1681326215),
        token("ethereum", "0x95ad61b0a150d79219dcf64e1e6cc01f0b64c4ce", "SHIB", "SHIBA INU",
              "shiba-inu", 18, 0.0000091, 5.89e14, 1596411113),
        token("base", "0x4200000000000000000000000000000000000006", "WETH", "Wrapped Ether", "weth",
              18, 3012.45, 1.9e5, 1686789347),
        token("base", "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913", "USDC", "USD Coin", "usd-coin",
              6, 0.9998, 4.1e9, 1692915997),
        token("base", "0xcbb7c0000ab88b473b1f5afd9ef808440eed33bf", "cbBTC", "Coinbase Wrapped BTC",
              "coinbase-wrapped-btc", 8, 91180.0, 4.6e4, 1725988373),
        token("base", "0x940181a94a35a4569e4529a3cdfb74e38fd98631", "AERO", "Aerodrome",
              "aerodrome", 18, 0.84, 8.1e8, 1693422651),
        token("base", "0x4ed4e862860bed51a9570b96d89af5e1b0efefed", "DEGEN", "Degen", "degen", 18,
              0.0031, 3.7e10, 1704397813),
        token("base", "0x532f27101965dd16442e59d40670faf5ebb142e4", "BRETT", "Brett", "brett", 18,
              0.029, 9.9e9, 1708540093),
        token("solana", "So11111111111111111111111111111111111111112", "SOL", "Wrapped SOL",
              "solana", 9, 138.7, 5.6e8, 1584368940),
        token("solana", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", "USDC", "USD Coin",
              "usd-coin", 6, 0.9998, 1.1e10, 1602113432),
        token("solana", "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB", "USDT", "USDT", "tether", 6,
              1.0002, 2.4e9, 1604549622),
        token("solana", "JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN", "JUP", "Jupiter", "jupiter",
              6, 0.41, 3.1e9, 1706094316),
        token("solana", "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263", "Bonk", "Bonk", "bonk", 5,
              0.0000118, 8.1e13, 1671695473),
    };
}

} // namespace

const QList<SyntheticTokens::Token> &SyntheticTokens::all()
{
    static const QList<Token> tokens = makeTokens();
    return tokens;
}

QList<SyntheticTokens::Token> SyntheticTokens::onChain(const QString &chain)
{
    QList<Token> result;
    for (const Token &t : all()) {
        if (t.chain == chain)
            result.append(t);
    }
    return result;
}

const SyntheticTokens::Token *SyntheticTokens::find(const QString &chain, const QString &address)
{
    const QString wanted = isEvmChain(chain) ? address.toLower() : address;
    for (const Token &t : all()) {
        if (t.chain == chain && t.address == wanted)
            return &t;
    }
    return nullptr;
}

bool SyntheticTokens::isEvmChain(const QString &chain)
{
    return chain == QLatin1String("ethereum") || chain == QLatin1String("base");
}

QStringList SyntheticTokens::chains()
{
    return {QStringLiteral("base"), QStringLiteral("ethereum"), QStringLiteral("solana")};
}

SyntheticTokens::Token SyntheticTokens::synthetic(quint64 seed, const QString &chain, int index)
{
    static const char *const Starts[] = {"Zor",  "Quan", "Lumi", "Astra", "Neo",  "Vex",  "Pyra",
                                         "Orbi", "Kai",  "Sola", "Mira",  "Tera", "Flux", "Nova"};
    static const char *const Ends[] = {"blex",  "tum", "nar",  "fi",   "x",    "verse",
                                       "chain", "dex", "coin", "swap", "labs", "ra"};
    static const char *const Kinds[] = {"", " Protocol", " Finance", " Network", " AI", " Token"};
    SyntheticData random(SyntheticData::mix(SyntheticData::mix(seed, chain), quint64(index)));
    Token t;
    t.chain = chain;
    const QString stem = QLatin1String(Starts[random.uniformInt(0, 13)]) +
                         QLatin1String(Ends[random.uniformInt(0, 11)]);
    t.name = stem + QLatin1String(Kinds[random.uniformInt(0, 5)]);
    t.symbol = stem.left(int(random.uniformInt(3, 5))).toUpper();
    t.slug = stem.toLower() + QLatin1Char('-') + QString::number(index);
    t.address = isEvmChain(chain) ? random.evmAddress() : random.base58(44);
    t.decimals = isEvmChain(chain) ? (random.chance(0.9) ? 18 : 6) : (random.chance(0.7) ? 6 : 9);
    // Long-tail tokens: most are worth fractions of a cent, a few dollars or more.
    t.priceUsd = random.logNormal(std::log(0.02), 2.5);
    t.circulatingSupply = std::round(random.logNormal(std::log(5e8), 2.0));
    t.creationMs = 1600000000000LL + random.uniformInt(0, 190000000) * 1000LL;
    return t;
}

bool SyntheticTokens::isValidAddress(const QString &chain, const QString &address)
{
    if (isEvmChain(chain)) {
        if (address.size() != 42 || !address.startsWith(QLatin1String("0x")))
            return false;
        for (int i = 2; i < address.size(); ++i) {
            const char16_t c = address.at(i).unicode();
            if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
                return false;
        }
        return true;
    }
    return address.size() >= 32 && address.size() <= 44 && SyntheticData::isBase58(address);
}

} // namespace allium
