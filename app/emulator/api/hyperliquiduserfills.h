// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/generators/hyperliquidfillgenerator.h"

#include <QList>
#include <QString>

namespace allium {

/// One Hyperliquid user's fills, hour by hour (ms since the epoch / 1 h): a pure function of
/// (seed, user, hour), so overlapping windows agree.
class HyperliquidUserFills
{
public:
    /// `user` is a lower-case 0x address.
    HyperliquidUserFills(quint64 seed, const QString &user);

    /// The fills of hour `hour`, oldest first. Worked out as plain values: the caller writes only
    /// those a response keeps.
    QList<HyperliquidFillGenerator::Fill> inHour(qint64 hour) const;

private:
    quint64 m_userKey;
    double m_perHour = 0;
};

} // namespace allium
