// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace allium {

/// allium-cli's two outputs: data lines on stdout (written as they come, a batch at a time, so a
/// pipe sees them at once; a reader that went away is noticed, not fatal) and messages on
/// stderr.
class Console
{
public:
    /// Ignores SIGPIPE so a closed stdout turns into a failed write instead of a kill.
    static void setUp();
    /// Writes `line` and a newline to stdout (after whatever appendLine() gathered); false once
    /// stdout is closed (EPIPE).
    static bool writeLine(const QByteArray &line);
    /// Adds `line` and a newline to what flushLines() writes: a batch of lines then costs one
    /// write(2), not one each. Writes early only when a lot has gathered.
    static void appendLine(const QByteArray &line);
    /// Writes the lines appendLine() gathered; false once stdout is closed (EPIPE).
    static bool flushLines();
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
