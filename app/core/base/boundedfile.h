// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

namespace allium {

/// Reads a file the user named (a filter, a request body) with a size bound, so that a huge
/// file, a device such as /dev/zero or a FIFO gives a clear error instead of filling memory.
class BoundedFile
{
public:
    /// True and `contents` filled when `path` is readable and holds at most maxBytes; otherwise
    /// false and `error` says why ("cannot read …", "… is larger than 16 MiB").
    static bool read(const QString &path, qint64 maxBytes, QByteArray *contents, QString *error);
};

} // namespace allium
