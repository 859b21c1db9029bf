// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apiroute.h"

#include <QList>

namespace allium {

/// The prices family: POST /api/v1/developer/prices, the latest price with OHLC and 24 h / 1 h
/// volume of each requested {token_address, chain}.
class PricesEndpoints
{
public:
    static QList<ApiRoute> routes();

private:
    static ApiAnswer latest(const ApiRequest &request);
};

} // namespace allium
