// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace allium {

// Logging categories of the core; quiet below warnings unless enabled, e.g. with
// QT_LOGGING_RULES="allium.*=true". Nothing logged ever holds an API key.
Q_DECLARE_LOGGING_CATEGORY(lcNet)    ///< "allium.net": connections, handshakes, retries
Q_DECLARE_LOGGING_CATEGORY(lcIngest) ///< "allium.ingest": parse errors, drops, server errors
Q_DECLARE_LOGGING_CATEGORY(lcApi)    ///< "allium.api": requests, refusals, odd responses

} // namespace allium
