// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>

namespace allium {

/// Reads a block or trade time from a message's raw JSON value without QDateTime (which costs
/// microseconds a call; the integrity check reads one per message at 100,000 msg/s).
class BlockTimestamp
{
public:
    /// Milliseconds since the epoch of `text`: an ISO-8601 string in UTC
    /// ("2025-06-01T12:00:00Z", with or without fraction, `Z`, `+00:00` or nothing after it,
    /// 'T' or a space), or epoch seconds or milliseconds as a number or numeric string (values
    /// above 10^11 are milliseconds). False for anything else (other offsets included).
    static bool parseMs(QByteArrayView text, qint64 *ms);
};

} // namespace allium
