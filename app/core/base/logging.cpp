// SPDX-License-Identifier: MIT
#include "core/base/logging.h"

namespace allium {

Q_LOGGING_CATEGORY(lcNet, "allium.net", QtWarningMsg)
Q_LOGGING_CATEGORY(lcIngest, "allium.ingest", QtWarningMsg)
Q_LOGGING_CATEGORY(lcApi, "allium.api", QtWarningMsg)

} // namespace allium
