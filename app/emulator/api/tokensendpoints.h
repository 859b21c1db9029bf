// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apiroute.h"

#include <QList>

namespace allium {

/// The tokens family: GET /api/v1/developer/tokens, a raw array of token objects of one chain
/// or all, sorted by `sort` and `order`, paged by `limit` (1..200) and `offset`.
class TokensEndpoints
{
public:
    static QList<ApiRoute> routes();

private:
    static ApiAnswer list(const ApiRequest &request);
};

} // namespace allium
