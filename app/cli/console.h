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
    /// Writes `message` and a newline to stderr, with control characters escaped (see
    /// printable()): messages carry server text, which must not drive the terminal.
    static void error(const QString &message);
    /// `text` with C0/C1 control characters, DEL and bidirectional overrides written as
    /// \xNN or \u{NNNN}, so that it prints as one inert line.
    static QString printable(const QString &text);
};

} // namespace allium
