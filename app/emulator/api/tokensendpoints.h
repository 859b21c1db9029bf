// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apiroute.h"

#include <QList>

namespace allium {

/// The tokens family: GET /api/v1/developer/tokens, a raw array of token objects of one chain
/// or all, sorted by `sort` and `order`, paged by `limit` (1..200) and `offset`; GET
/// …/tokens/search (`q` in name, symbol or address) and POST …/tokens/chain-address.
class TokensEndpoints
{
public:
    static QList<ApiRoute> routes();

private:
    static ApiAnswer list(const ApiCall &request);
    static ApiAnswer search(const ApiCall &request);
    static ApiAnswer byChainAddress(const ApiCall &request);
};

} // namespace allium
