// SPDX-License-Identifier: MIT
#include "cli/console.h"

#include "core/connection/connectioneventlog.h"

#include <cerrno>
#include <csignal>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace allium {

namespace {

bool stdoutClosed = false;
QStringList secrets;

// Lines gathered by appendLine(); written once this much has gathered, or by flushLines().
constexpr std::size_t FlushAtBytes = 1024 * 1024;
std::string pendingOutput;

bool writeAll(int fd, const char *data, std::size_t size)
{
    std::size_t left = size;
    while (left > 0) {
        const ssize_t written = ::write(fd, data, left);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += written;
        left -= std::size_t(written);
    }
    return true;
}

bool writeAll(int fd, const QByteArray &bytes)
{
    return writeAll(fd, bytes.constData(), std::size_t(bytes.size()));
}

} // namespace

void Console::setUp()
{
    std::signal(SIGPIPE, SIG_IGN);
    // A pipe holds 64 KiB by default: a 1 MiB batch would take 16 wake-ups of both ends. Grow it
    // to one batch where the system allows (pipe-max-size); otherwise keep what it is.
    struct stat status = {};
    if (::fstat(STDOUT_FILENO, &status) == 0 && S_ISFIFO(status.st_mode))
        ::fcntl(STDOUT_FILENO, F_SETPIPE_SZ, int(FlushAtBytes));
}

bool Console::writeLine(const QByteArray &line)
{
    appendLine(line);
    return flushLines();
}

void Console::appendLine(const QByteArray &line)
{
    if (stdoutClosed)
        return;
    if (pendingOutput.capacity() < FlushAtBytes)
        pendingOutput.reserve(FlushAtBytes + 64 * 1024);
    pendingOutput.append(line.constData(), std::size_t(line.size()));
    pendingOutput.push_back('\n');
    if (pendingOutput.size() >= FlushAtBytes)
        flushLines();
}

bool Console::flushLines()
{
    if (!stdoutClosed && !pendingOutput.empty() &&
        !writeAll(STDOUT_FILENO, pendingOutput.data(), pendingOutput.size())) {
        stdoutClosed = true;
    }
    pendingOutput.clear();
    // One huge line must not pin its buffer for the rest of the run.
    if (pendingOutput.capacity() > 4 * FlushAtBytes)
        std::string().swap(pendingOutput);
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
