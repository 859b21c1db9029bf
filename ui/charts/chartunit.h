// SPDX-License-Identifier: MIT
#pragma once

#include "core/stream/fieldinfo.h"

#include <QString>

namespace allium {

/// How a field's raw numbers are shown on a chart axis: wei amounts as ETH, gas prices as gwei,
/// everything else as is.
struct ChartUnit
{
    double scale = 1.0; ///< displayed value = raw value * scale
    QString name;       ///< "ETH", "gwei", or empty

    /// Decides from the field's name and what the catalogue saw (see the .cpp for the rules).
    static ChartUnit forField(const FieldInfo &field);
    /// "value (ETH)", or the path alone when there is no unit.
    QString axisTitle(const QString &path) const;
};

} // namespace allium
