// SPDX-License-Identifier: MIT
// allium-cli: Allium's data streams and websocket API from a terminal, as NDJSON.

#include "cli/apicommand.h"
#include "cli/connectiontarget.h"
#include "cli/console.h"
#include "cli/exitcode.h"
#include "cli/signalwatcher.h"
#include "cli/streamcommand.h"
#include "cli/watchcommand.h"
#include "core/stream/topiccatalogue.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

using allium::Console;
using allium::ExitCode;

const char *const exitCodeHelp = R"(
Exit codes:
  0    ok (also when the reader of stdout went away, e.g. `| head`)
  1    api: finished, but some requests failed, timed out or lost their connection
  2    usage: unknown command or option, missing or bad argument
  3    bad URL (--url must be ws://HOST[:PORT] or wss://HOST[:PORT]; ws:// to a host other
       than this machine only with --allow-insecure, as the key would travel in clear text)
  4    invalid filter (checked locally before connecting; the message names the filter path)
  5    API key refused by the server (HTTP 401/403), or no key found
  6    connection failed (server not reachable, unknown topic, TLS error)
  130  interrupted by SIGINT (Ctrl+C), after printing the summary; SIGTERM gives 143

The API key is read from the environment variable ALLIUM_API_KEY or from the keychain entry of a
saved profile (--profile), never from the command line. Without a key and without --url,
allium-cli starts a built-in emulator on 127.0.0.1 and uses its demo key.
)";

const char *const generalHelp = R"(Usage: allium-cli COMMAND [options]

Commands:
  stream   print a topic's messages, one JSON object per line (stdout); summary on stderr
  watch    print a topic's integrity events (gap, reorg, duplicate, out_of_order, stall, lag,
           outage), one JSON object per line, not the messages; summary on stderr
  api      call a Developer API endpoint over the websocket API; one JSON line per response
  topics   list the known topics

Run `allium-cli COMMAND --help` for the options of a command.
)";

QString helpText(const QCommandLineParser &parser)
{
    return parser.helpText() + QString::fromUtf8(exitCodeHelp);
}

int usageError(const QString &message)
{
    Console::error(QStringLiteral("allium-cli: %1").arg(message));
    Console::error(QStringLiteral("Try `allium-cli --help`."));
    return int(ExitCode::Usage);
}

template <typename Command>
int runCommand(QCoreApplication &app, const QString &name, const QString &description,
               const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    Command::addOptions(parser);
    allium::ConnectionTarget::addOptions(parser);
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        Console::writeLine(
            helpText(parser)
                .replace(QStringLiteral("[options]"), name + QStringLiteral(" [options]"))
                .toUtf8());
        return int(ExitCode::Ok);
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument \"%1\"")
                              .arg(parser.positionalArguments().constFirst()));

    Command command;
    const ExitCode configured = command.configure(parser);
    if (configured != ExitCode::Ok)
        return int(configured);
    if (!command.needsConnection())
        return int(ExitCode::Ok);

    allium::ConnectionTarget target;
    allium::SignalWatcher signalWatcher;
    int exitCode = -1;
    QObject::connect(&command, &Command::finished, &app, [&exitCode, &app](int code) {
        exitCode = code;
        app.exit(code);
    });
    QObject::connect(&target, &allium::ConnectionTarget::failed, &app,
                     [&exitCode, &app, &target](ExitCode code, const QString &message) {
                         Console::error(
                             QStringLiteral("allium-cli: %1").arg(target.redact(message)));
                         exitCode = int(code);
                         app.exit(exitCode);
                     });
    QObject::connect(&target, &allium::ConnectionTarget::resolved, &command, [&command, &target] {
        Console::setSecrets({target.apiKey()});
        if (const QString warning = target.warning(); !warning.isEmpty())
            Console::error(QStringLiteral("allium-cli: %1").arg(warning));
        Console::error(target.description());
        command.start(target);
    });
    // A command not started yet (key lookup pending) still finishes: with its empty summary.
    QObject::connect(&signalWatcher, &allium::SignalWatcher::signalReceived, &command,
                     &Command::interrupt);
    target.resolve(parser);
    if (exitCode >= 0)
        return exitCode;
    app.exec();
    return exitCode < 0 ? int(ExitCode::Ok) : exitCode;
}

int listTopics()
{
    QStringList topics;
    for (const allium::TopicInfo &info : allium::TopicCatalogue::topics())
        topics.append(info.name);
    topics.sort();
    for (const QString &topic : topics) {
        if (!Console::writeLine(topic.toUtf8()))
            break;
    }
    return int(ExitCode::Ok);
}

} // namespace

int main(int argc, char *argv[])
{
#if defined(__GLIBC__)
    // A stream allocates and frees the same sizes over and over (socket reads, batches): glibc
    // would give that memory back to the kernel and fault it in again each time (a tenth of the
    // CPU on a firehose). Kept instead; every queue on the way is bounded, so memory stays so.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("allium-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ALLIUM_CLI_VERSION));
    Console::setUp();
    Console::installMessageHandler();

    QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        Console::writeLine(QByteArray(generalHelp) + exitCodeHelp);
        return command.isEmpty() ? int(ExitCode::Usage) : int(ExitCode::Ok);
    }
    if (command == QLatin1String("--version")) {
        Console::writeLine(QByteArray("allium-cli ") + ALLIUM_CLI_VERSION);
        return int(ExitCode::Ok);
    }
    arguments.removeAt(1);
    if (command == QLatin1String("stream")) {
        return runCommand<allium::StreamCommand>(
            app, command, QStringLiteral("Print the messages of one topic as JSON lines."),
            arguments);
    }
    if (command == QLatin1String("watch")) {
        return runCommand<allium::WatchCommand>(
            app, command,
            QStringLiteral("Watch one topic and print its integrity events as JSON lines."),
            arguments);
    }
    if (command == QLatin1String("api")) {
        return runCommand<allium::ApiCommand>(
            app, command, QStringLiteral("Call a Developer API endpoint over the websocket API."),
            arguments);
    }
    if (command == QLatin1String("topics")) {
        if (arguments.size() > 1)
            return usageError(QStringLiteral("topics takes no arguments"));
        return listTopics();
    }
    return usageError(QStringLiteral("unknown command \"%1\"").arg(command));
}
