// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace allium {

/// Where and why a recording could not be read further (it is read up to the line before).
struct RecordingProblem
{
    qint64 line = 0; ///< 1-based line number of the file (the header is line 1); 0: no problem
    QString reason;  ///< e.g. "the message is not valid JSON"

    bool isNull() const { return line == 0; }
    /// "line 7: the message is not valid JSON", or empty.
    QString message() const
    {
        return isNull() ? QString() : QStringLiteral("line %1: %2").arg(line).arg(reason);
    }
};

} // namespace allium
