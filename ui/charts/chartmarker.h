// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace allium {

/// A mark at one time on a live chart's time axis: where the stream's integrity check reported
/// a gap, a reorg or an outage. The text is shown literally in its tooltip.
struct ChartMarker
{
    enum class Kind { Gap, Reorg, Outage };

    Kind kind = Kind::Gap;
    double x = 0; ///< seconds relative to now (<= 0), as the chart's points
    QString text; ///< plain text: "12:03:04 gap: 1234 missing (1)"
};

} // namespace allium
