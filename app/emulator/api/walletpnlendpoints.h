// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apiroute.h"

#include <QList>

namespace allium {

/// The wallet P&L family, from WalletPortfolio's holdings and their average cost: POST
/// …/wallet/pnl, …/wallet/pnl/history, …/wallet/pnl-by-token and …/pnl-by-token/history, with
/// the API's money objects.
class WalletPnlEndpoints
{
public:
    static QList<ApiRoute> routes();

private:
    static ApiAnswer pnl(const ApiCall &request);
    static ApiAnswer pnlHistory(const ApiCall &request);
    static ApiAnswer pnlByToken(const ApiCall &request);
    static ApiAnswer pnlByTokenHistory(const ApiCall &request);
};

} // namespace allium
