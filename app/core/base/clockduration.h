// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace allium {

/// A duration as a clock reads it: "4:07", or "1:02:09" from an hour on. Negative durations
/// read "0:00" (a position before the first message, a clock that stepped back).
class ClockDuration
{
public:
    static QString text(qint64 ms);
};

} // namespace allium
