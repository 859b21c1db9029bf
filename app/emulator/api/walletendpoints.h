// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apiroute.h"

#include <QList>

namespace allium {

/// The wallet family: POST /api/v1/developer/wallet/balances, the token balances of each
/// requested {chain, address} at a recent block.
class WalletEndpoints
{
public:
    static QList<ApiRoute> routes();

private:
    static ApiAnswer balances(const ApiRequest &request);
};

} // namespace allium
