// SPDX-License-Identifier: MIT
#include "support/processmemory.h"

#include <QFile>

namespace allium {

qint64 vmRssKiB(qint64 pid)
{
    QFile status(pid < 0 ? QStringLiteral("/proc/self/status")
                         : QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace allium
