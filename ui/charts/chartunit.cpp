// SPDX-License-Identifier: MIT
#include "ui/charts/chartunit.h"

#include <QStringList>

#include <cmath>

namespace allium {

namespace {

QString lastSegment(const QString &path)
{
    return path.mid(path.lastIndexOf(QLatin1Char('.')) + 1).toLower();
}

} // namespace

ChartUnit ChartUnit::forField(const FieldInfo &field)
{
    // The catalogue does not know the chain, so the rules lean on names and magnitudes: EVM
    // amounts in wei arrive as decimal strings (too large for a double to hold exactly) or are
    // at least 10^12, where a chart in wei would be unreadable.
    const QString name = lastSegment(field.path);
    const double magnitude =
        field.hasRange ? std::max(std::abs(field.min), std::abs(field.max)) : 0;
    const bool weiSized = field.numericString || magnitude >= 1e12;
    if ((name == QLatin1String("value") || name.endsWith(QLatin1String("_wei"))) && weiSized)
        return ChartUnit{1e-18, QStringLiteral("ETH")};
    static const QStringList gasPrices{
        QStringLiteral("gas_price"), QStringLiteral("effective_gas_price"),
        QStringLiteral("max_fee_per_gas"), QStringLiteral("max_priority_fee_per_gas"),
        QStringLiteral("base_fee_per_gas")};
    if (gasPrices.contains(name) && magnitude >= 1e6)
        return ChartUnit{1e-9, QStringLiteral("gwei")};
    return ChartUnit{};
}

QString ChartUnit::axisTitle(const QString &path) const
{
    return name.isEmpty() ? path : QStringLiteral("%1 (%2)").arg(path, name);
}

} // namespace allium
