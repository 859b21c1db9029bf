// SPDX-License-Identifier: MIT
#pragma once

#include "core/filter/filter.h"

#include <QByteArray>
#include <QString>

namespace allium {

/// A client's control frame on a stream endpoint, read as the service reads it:
/// {"action":"start"}, {"action":"stop"} or {"action":"setFilter","data":<filter, or {}>}.
/// The emulator's stream connection and a replay's transport both answer these.
struct StreamControlRequest
{
    enum class Action { Invalid, Start, Stop, SetFilter };

    Action action = Action::Invalid;
    Filter filter; ///< SetFilter: the filter to apply (empty: cleared)
    QString error; ///< Invalid: why, as the service's error frame says it

    static StreamControlRequest parse(const QByteArray &utf8);
};

} // namespace allium
