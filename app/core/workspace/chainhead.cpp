// SPDX-License-Identifier: MIT
#include "core/workspace/chainhead.h"

#include "core/table/rawjsonscanner.h"

#include <array>

namespace allium {

ChainHead::Reading ChainHead::read(QByteArrayView json)
{
    // Most specific first: a block's own number before the block a record belongs to.
    static const std::array<RawJsonScanner, 6> scanners{
        RawJsonScanner(QStringLiteral("number")),
        RawJsonScanner(QStringLiteral("block_number")),
        RawJsonScanner(QStringLiteral("block_slot")),
        RawJsonScanner(QStringLiteral("slot")),
        RawJsonScanner(QStringLiteral("block_height")),
        RawJsonScanner(QStringLiteral("payload.height"))};
    static const std::array<const char *, 6> names{"number", "block_number", "block_slot",
                                                   "slot",   "block_height", "payload.height"};
    for (std::size_t i = 0; i < scanners.size(); ++i) {
        qint64 value = 0;
        if (readInteger(scanners[i].valueAt(json), &value))
            return {true, value, QString::fromLatin1(names[i])};
    }
    return {};
}

bool ChainHead::readInteger(QByteArrayView text, qint64 *value)
{
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.sliced(1, text.size() - 2); // a number sent as a string
    // Digits only, at most 18 of them: no allocation, no overflow (block numbers are far
    // smaller), and "1e3", "-1" or "0x1f" are not a block number.
    if (text.isEmpty() || text.size() > 18)
        return false;
    qint64 result = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        result = result * 10 + (c - '0');
    }
    *value = result;
    return true;
}

} // namespace allium
