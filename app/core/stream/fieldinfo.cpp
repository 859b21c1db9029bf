// SPDX-License-Identifier: MIT
#include "core/stream/fieldinfo.h"

#include <QStringList>

namespace allium {

QString FieldInfo::typeText() const
{
    static const struct
    {
        Type type;
        const char *name;
    } names[] = {
        {Number, "number"}, {String, "string"}, {Bool, "bool"},
        {Object, "object"}, {Array, "array"},   {Null, "null"},
    };
    QStringList parts;
    for (const auto &entry : names) {
        if (hasType(entry.type))
            parts << QLatin1String(entry.name);
    }
    return parts.join(QLatin1Char('|'));
}

} // namespace allium
