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
        QByteArrayView text = scanners[i].valueAt(json);
        if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
            text = text.sliced(1, text.size() - 2); // a number sent as a string
        bool ok = false;
        const qint64 value = text.isEmpty() ? 0 : text.toByteArray().toLongLong(&ok);
        if (ok)
            return {true, value, QString::fromLatin1(names[i])};
    }
    return {};
}

} // namespace allium
