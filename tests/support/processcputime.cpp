// SPDX-License-Identifier: MIT
#include "support/processcputime.h"

#include <QFile>

#include <sys/resource.h>
#include <unistd.h>

namespace allium {

double statCpuMicroseconds(const QString &statPath)
{
    QFile stat(statPath);
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const double ticks = fields.at(11).toDouble() + fields.at(12).toDouble();
    return ticks * 1e6 / double(sysconf(_SC_CLK_TCK));
}

qint64 rusageCpuMicroseconds(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000 +
           usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

} // namespace allium
