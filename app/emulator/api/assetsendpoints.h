// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apiroute.h"

#include <QList>

namespace allium {

/// The assets family: GET /api/v1/developer/assets, the asset listing with `blockchain`,
/// `limit` (1..10000, default 100) and an opaque `cursor` for the next page; POST
/// …/assets/batch, assets by id, slug or chain + address.
class AssetsEndpoints
{
public:
    static QList<ApiRoute> routes();

private:
    static ApiAnswer list(const ApiCall &request);
    static ApiAnswer batch(const ApiCall &request);
};

} // namespace allium
