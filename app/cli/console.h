#pragma once

#include <QByteArray>
#include <QString>

namespace allium {

/// allium-cli's two outputs: data lines on stdout (unbuffered, so a pipe sees each line at once;
/// a reader that went away is noticed, not fatal) and messages on stderr.
class Console
{
public:
    /// Ignores SIGPIPE so a closed stdout turns into a failed write instead of a kill.
    static void setUp();
    /// Writes `line` and a newline to stdout; false once stdout is closed (EPIPE).
    static bool writeLine(const QByteArray &line);
    static bool isStdoutClosed();
    /// Writes `message` and a newline to stderr.
    static void error(const QString &message);
};

} // namespace allium
