// SPDX-License-Identifier: MIT
#include "core/api/apicosttally.h"

namespace allium {

void ApiCostTally::add(const ApiCost &cost)
{
    ++m_requests;
    if (cost.known)
        m_units += cost.units;
    else
        ++m_unknown;
}

QString ApiCostTally::text() const
{
    QString out = QStringLiteral("session: %1 DU in %2 request%3")
                      .arg(m_units)
                      .arg(m_requests)
                      .arg(m_requests == 1 ? QString() : QStringLiteral("s"));
    if (m_unknown > 0)
        out += QStringLiteral(" (+%1 of unknown cost)").arg(m_unknown);
    return out;
}

} // namespace allium
