// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apiroute.h"

#include <QList>

namespace allium {

/// POST /api/v1/developer/wallet/transactions: each requested wallet's transactions, newest
/// first, cursor-paged; one per change of its WalletPortfolio, in the block the streams have at
/// that time.
class WalletTransactions
{
public:
    static QList<ApiRoute> routes();

private:
    static ApiAnswer list(const ApiCall &request);
};

} // namespace allium
