// SPDX-License-Identifier: MIT
#include "cli/console.h"

#include "core/connection/connectioneventlog.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace allium {

namespace {

bool stdoutClosed = false;
QStringList secrets;

bool writeAll(int fd, const QByteArray &bytes)
{
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, data, size_t(left));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += written;
        left -= written;
    }
    return true;
}

} // namespace

void Console::setUp()
{
    std::signal(SIGPIPE, SIG_IGN);
}

bool Console::writeLine(const QByteArray &line)
{
    if (stdoutClosed)
        return false;
    if (!writeAll(STDOUT_FILENO, line + '\n'))
        stdoutClosed = true;
    return !stdoutClosed;
}

bool Console::isStdoutClosed()
{
    return stdoutClosed;
}

QString Console::printable(const QString &text)
{
    const auto isInert = [](char16_t c) {
        const bool control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
        // Bidirectional embeddings, overrides and isolates reorder what follows them.
        const bool bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
        return !control && !bidi;
    };
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (isInert(c))
            out.append(ch);
        else if (c < 0x100)
            out.append(QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0')));
        else
            out.append(QStringLiteral("\\u{%1}").arg(uint(c), 4, 16, QLatin1Char('0')));
    }
    return out;
}

void Console::error(const QString &message)
{
    const QString masked = ConnectionEventLog::redacted(message, secrets);
    writeAll(STDERR_FILENO, printable(masked).toUtf8() + '\n');
}

void Console::setSecrets(const QStringList &newSecrets)
{
    secrets = newSecrets;
}

void Console::installMessageHandler()
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &context, const QString &text) {
        error(context.category && qstrcmp(context.category, "default") != 0
                  ? QString::fromLatin1(context.category) + QStringLiteral(": ") + text
                  : text);
    });
}

} // namespace allium
