// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

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
    /// Writes `message` and a newline to stderr, with the secrets masked and control characters
    /// escaped (see printable()): messages carry server text, which may echo a key and must not
    /// drive the terminal.
    static void error(const QString &message);
    /// Strings (the API key in use) that error() never writes.
    static void setSecrets(const QStringList &secrets);
    /// Routes Qt's log messages (QT_LOGGING_RULES="allium.*=true") through error().
    static void installMessageHandler();
    /// `text` with C0/C1 control characters, DEL and bidirectional overrides written as
    /// \xNN or \u{NNNN}, so that it prints as one inert line.
    static QString printable(const QString &text);
};

} // namespace allium
