// SPDX-License-Identifier: MIT
#include "support/fastconnectionoptions.h"

namespace allium {

ConnectionOptions fastConnectionOptions(int backoffBaseMs, int backoffCapMs)
{
    ConnectionOptions options;
    options.backoffBaseMs = backoffBaseMs;
    options.backoffCapMs = backoffCapMs;
    options.backoffJitter = 0;
    options.pingIntervalMs = 0;
    options.deadAfterMs = 0;
    options.handshakeTimeoutMs = 5000;
    return options;
}

} // namespace allium
