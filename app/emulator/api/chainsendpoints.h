// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apiroute.h"

#include <QList>

namespace allium {

/// GET /api/v1/supported-chains/realtime-apis/simple: for each endpoint of the catalogue that
/// takes a chain, the chains the emulator serves it on (free, as the real one is).
class ChainsEndpoints
{
public:
    static QList<ApiRoute> routes();

private:
    static ApiAnswer simple(const ApiCall &request);
};

} // namespace allium
