#include "console.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace allium {

namespace {

bool stdoutClosed = false;

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

void Console::error(const QString &message)
{
    writeAll(STDERR_FILENO, message.toUtf8() + '\n');
}

} // namespace allium
