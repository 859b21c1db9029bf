// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apicost.h"

#include <QString>

namespace allium {

/// The Developer Units a session has spent so far: the documented costs of the requests it sent,
/// and how many requests had no documented cost.
class ApiCostTally
{
public:
    void add(const ApiCost &cost);
    void clear() { *this = ApiCostTally(); }

    qint64 units() const { return m_units; }
    int requests() const { return m_requests; }
    int unknownRequests() const { return m_unknown; }
    /// "session: 140 DU in 5 requests (+1 of unknown cost)".
    QString text() const;

private:
    qint64 m_units = 0;
    int m_requests = 0;
    int m_unknown = 0;
};

} // namespace allium
