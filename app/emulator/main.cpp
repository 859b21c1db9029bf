// SPDX-License-Identifier: MIT
#include "emulator/emulatorcommandline.h"
#include "emulator/emulatorserver.h"

#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>

#include <sys/socket.h>
#include <unistd.h>

namespace {

// SIGINT/SIGTERM arrive on this socket pair (the only async-signal-safe way into the event loop)
// so the emulator closes its connections and exits normally.
int signalPipe[2] = {-1, -1};

void handleSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[0], &byte, 1);
}

bool installSignalHandlers(QCoreApplication *app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return false;
    auto *notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [notifier] {
        notifier->setEnabled(false);
        char byte = 0;
        [[maybe_unused]] const ssize_t read = ::read(signalPipe[1], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = handleSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 &&
           ::sigaction(SIGTERM, &action, nullptr) == 0;
}

void printLine(FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("allium-emulator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ALLIUM_EMULATOR_VERSION));

    using allium::EmulatorCommandLine;
    const EmulatorCommandLine::Result command = EmulatorCommandLine::parse(app.arguments());
    switch (command.outcome) {
    case EmulatorCommandLine::Outcome::Help:
    case EmulatorCommandLine::Outcome::Version:
        std::fputs(qPrintable(command.text), stdout);
        if (!command.text.endsWith(QLatin1Char('\n')))
            std::fputc('\n', stdout);
        return 0;
    case EmulatorCommandLine::Outcome::Error:
        printLine(stderr, QStringLiteral("allium-emulator: %1").arg(command.text));
        printLine(stderr, QStringLiteral("Try 'allium-emulator --help' for more information."));
        return 2;
    case EmulatorCommandLine::Outcome::Run:
        break;
    }

    if (!installSignalHandlers(&app))
        printLine(stderr, QStringLiteral("allium-emulator: warning: no SIGINT/SIGTERM handling"));

    allium::EmulatorServer server(command.options);
    if (!server.listen()) {
        printLine(stderr, QStringLiteral("allium-emulator: cannot listen on 127.0.0.1:%1: %2")
                              .arg(command.options.port)
                              .arg(server.errorString()));
        return 1;
    }
    if (!command.certificateOut.isEmpty()) {
        QFile file(command.certificateOut);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(server.certificate().toPem()) < 0) {
            printLine(stderr, QStringLiteral("allium-emulator: cannot write %1: %2")
                                  .arg(command.certificateOut, file.errorString()));
            return 1;
        }
    }
    // The one line scripts wait for: the base URL, flushed at once.
    printLine(stdout,
              QStringLiteral("allium-emulator listening on %1").arg(server.baseUrl().toString()));

    const int status = QCoreApplication::exec();
    server.close();
    // Let the close frames go out before the process ends.
    QCoreApplication::processEvents();
    return status;
}
