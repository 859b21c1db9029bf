// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apiroute.h"

#include <QList>

namespace allium {

/// The prices family, all from one price model (ApiValues::priceAt): POST …/prices (latest,
/// with OHLC and volumes), …/prices/history (a cursor-paged series per token),
/// …/prices/at-timestamp and …/prices/stats.
class PricesEndpoints
{
public:
    /// Points of each token's series per page of prices/history.
    static constexpr int HistoryPageSize = 500;

    static QList<ApiRoute> routes();

private:
    static ApiAnswer latest(const ApiCall &request);
    static ApiAnswer history(const ApiCall &request);
    static ApiAnswer atTimestamp(const ApiCall &request);
    static ApiAnswer stats(const ApiCall &request);
};

} // namespace allium
