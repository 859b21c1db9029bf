// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

namespace allium {

/// The block number or slot a stream message belongs to, read without parsing the whole
/// message: EVM blocks carry `number`, transactions and logs `block_number`, Solana
/// `block_slot`, Hyperliquid blocks `payload.height`. Topics without one (fills, trades) have
/// no head.
class ChainHead
{
public:
    struct Reading
    {
        bool found = false;
        qint64 value = 0;
        QString field; ///< the path it came from, e.g. "block_number"
    };

    /// The first of the known fields present in `json` with an integer value.
    static Reading read(QByteArrayView json);
    /// The integer in a raw JSON value's text (`12`, or `"12"` for a number sent as a string);
    /// false when it is not one.
    static bool readInteger(QByteArrayView text, qint64 *value);
};

} // namespace allium
