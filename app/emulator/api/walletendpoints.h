// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apiroute.h"

#include <QList>

namespace allium {

/// The wallet balances family, all from WalletPortfolio: POST …/wallet/balances (now),
/// …/wallet/balances/history (each change, cursor-paged) and …/wallet/holdings/history (USD
/// value of the wallets at each step).
class WalletEndpoints
{
public:
    /// Most points one holdings history answers (a finer granularity over a long window is
    /// refused).
    static constexpr int MaxSeriesPoints = 10000;

    static QList<ApiRoute> routes();

private:
    static ApiAnswer balances(const ApiCall &request);
    static ApiAnswer balanceHistory(const ApiCall &request);
    static ApiAnswer holdingsHistory(const ApiCall &request);
};

} // namespace allium
