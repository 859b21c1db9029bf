// SPDX-License-Identifier: MIT
#include "core/base/boundedfile.h"

#include <QFile>

namespace allium {

bool BoundedFile::read(const QString &path, qint64 maxBytes, QByteArray *contents, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    // size() is 0 for FIFOs and devices: reading one byte past the bound is what tells.
    const QByteArray data = file.read(maxBytes + 1);
    if (data.size() > maxBytes) {
        *error =
            maxBytes >= 1024 * 1024
                ? QStringLiteral("%1 is larger than %2 MiB").arg(path).arg(maxBytes / (1024 * 1024))
                : QStringLiteral("%1 is larger than %2 bytes").arg(path).arg(maxBytes);
        return false;
    }
    if (file.error() != QFileDevice::NoError) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    *contents = data;
    return true;
}

} // namespace allium
