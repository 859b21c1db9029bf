// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

namespace allium {

/// One message read back from a recording.
struct RecordedMessage
{
    qint64 index = -1; ///< 0 for the first message of the file
    qint64 timeUs = 0; ///< when it was received, µs since the epoch
    QByteArray json;   ///< the message exactly as received
};

} // namespace allium
