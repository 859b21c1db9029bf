// SPDX-License-Identifier: MIT
#include "core/connection/transportkind.h"

#include "core/base/logging.h"

namespace allium {

QString transportKindName(TransportKind kind)
{
    return kind == TransportKind::Qt ? QStringLiteral("qt") : QStringLiteral("beast");
}

bool parseTransportKind(const QString &name, TransportKind *kind)
{
    const QString lower = name.trimmed().toLower();
    if (lower == QLatin1String("beast"))
        *kind = TransportKind::Beast;
    else if (lower == QLatin1String("qt"))
        *kind = TransportKind::Qt;
    else
        return false;
    return true;
}

TransportKind defaultTransportKind()
{
    static const TransportKind kind = [] {
        const QString name = qEnvironmentVariable("ALLIUM_TRANSPORT");
        TransportKind chosen = TransportKind::Beast;
        if (!name.isEmpty() && !parseTransportKind(name, &chosen))
            qCWarning(lcNet).noquote()
                << "ALLIUM_TRANSPORT names no transport (beast, qt):" << name;
        return chosen;
    }();
    return kind;
}

} // namespace allium
