// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionoptions.h"

namespace allium {

/// Connection options for tests on loopback: retries wait backoffBaseMs * 2^attempt up to
/// backoffCapMs with no jitter, so reconnects take milliseconds and their delays are exact; no
/// heartbeat (a test of it turns it on); a handshake that hangs is given up after 5 s.
ConnectionOptions fastConnectionOptions(int backoffBaseMs = 50, int backoffCapMs = 400);

} // namespace allium
