// SPDX-License-Identifier: MIT
#include "core/connection/connectionprofile.h"
#include "monitor/monitorcommandline.h"
#include "monitor/monitorcomposition.h"
#include "monitor/screenshotscene.h"
#include "ui/mainwindow.h"
#include "ui/theme/theme.h"

#include <QApplication>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTranslator>

#include <cstdio>

namespace {

// The arguments without Qt's own GUI options (-platform offscreen, -style Fusion…), which
// QApplication takes: our command line is read before it exists, so that --help and errors
// work without a display.
QStringList withoutQtOptions(int argc, char *argv[])
{
    static const QStringList withValue{
        QStringLiteral("-platform"),        QStringLiteral("-platformpluginpath"),
        QStringLiteral("-platformtheme"),   QStringLiteral("-plugin"),
        QStringLiteral("-qwindowgeometry"), QStringLiteral("-qwindowicon"),
        QStringLiteral("-qwindowtitle"),    QStringLiteral("-style"),
        QStringLiteral("-stylesheet"),      QStringLiteral("-session"),
        QStringLiteral("-display"),         QStringLiteral("-geometry"),
        QStringLiteral("-qmljsdebugger")};
    static const QStringList flags{QStringLiteral("-reverse"), QStringLiteral("-widgetcount"),
                                   QStringLiteral("-nograb"), QStringLiteral("-dograb"),
                                   QStringLiteral("-sync")};
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        const QString argument = QString::fromLocal8Bit(argv[i]);
        QString name = argument.section(QLatin1Char('='), 0, 0);
        if (name.startsWith(QLatin1String("--")))
            name.remove(0, 1);
        if (i > 0 && withValue.contains(name)) {
            if (!argument.contains(QLatin1Char('=')))
                ++i;
            continue;
        }
        if (i > 0 && flags.contains(name))
            continue;
        arguments.append(argument);
    }
    return arguments;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication::setOrganizationName(QStringLiteral("Allium"));
    QApplication::setApplicationName(QStringLiteral("Allium Monitor"));
    QApplication::setApplicationVersion(QStringLiteral(ALLIUM_MONITOR_VERSION));

    using allium::MonitorCommandLine;
    const MonitorCommandLine::Result command =
        MonitorCommandLine::parse(withoutQtOptions(argc, argv));
    switch (command.outcome) {
    case MonitorCommandLine::Outcome::Help:
    case MonitorCommandLine::Outcome::Version:
        std::fprintf(stdout, "%s\n", qPrintable(command.text));
        return 0;
    case MonitorCommandLine::Outcome::Error:
        std::fprintf(stderr, "allium-monitor: %s\n", qPrintable(command.text));
        std::fprintf(stderr, "Try 'allium-monitor --help'.\n");
        return MonitorCommandLine::UsageExitCode;
    case MonitorCommandLine::Outcome::Run:
        break;
    }

    QApplication app(argc, argv);
    QApplication::setDesktopFileName(QStringLiteral("so.allium.Monitor"));
    // The catalogue of the user's language, when there is one (resources/translations/).
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("allium-monitor"), QStringLiteral("_"),
                        QStringLiteral(":/translations")))
        QApplication::installTranslator(&translator);

    if (command.dark) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(allium::Theme::darkPalette());
    }

    allium::MonitorOptions monitorOptions;
    allium::MainWindowOptions &options = monitorOptions.window;
    options.profile = command.profile;
    options.baseUrl = command.url;
    // A key comes from the environment, never the command line (other users can read command
    // lines); ConnectionResolver decides where it goes.
    options.apiKey = qEnvironmentVariable("ALLIUM_API_KEY").trimmed();
    options.allowInsecure = command.allowInsecure;
    if (!command.url.isEmpty() && allium::ConnectionProfile::isCleartextToRemote(command.url))
        std::fprintf(stderr, "allium-monitor: warning: %s\n",
                     qPrintable(allium::ConnectionProfile::insecureWarning(command.url)));
    for (const MonitorCommandLine::Stream &stream : command.streams)
        options.streams.append({stream.topic, stream.hasFilter, stream.filter});
    options.start = command.start;
    if (command.emulatorRate > 0)
        monitorOptions.emulator.rate = command.emulatorRate;
    if (!command.replay.path.isEmpty()) {
        // The recording opens as the only stream, played at once with the replay controls, as
        // File → Open recording does; the connection (for the API console) is the usual one.
        options.replayFile = command.replay.path;
        options.replayLoop = command.replay.loop;
        options.replaySpeed = command.replaySpeed;
    }
    // Screenshots always show the same first run, whatever this machine has saved, and never
    // write to the user's settings.
    QTemporaryDir screenshotSettings;
    if (!command.screenshotFile.isEmpty()) {
        options.restoreSettings = false;
        options.apiKey.clear(); // the built-in emulator, never a service the key would reach
        monitorOptions.settingsFile = screenshotSettings.filePath(QStringLiteral("settings.ini"));
        monitorOptions.useKeychain = false;
        options.start = true;
    }

    allium::MonitorComposition monitor(monitorOptions);
    allium::MainWindow &window = *monitor.window();
    if (command.windowSize.isValid())
        window.resize(command.windowSize);
    window.show();
    window.startUp();

    if (!command.screenshotFile.isEmpty())
        allium::ScreenshotScene::schedule(&monitor, command.screenshotScene, command.screenshotFile,
                                          command.screenshotDelayMs);
    return app.exec();
}
