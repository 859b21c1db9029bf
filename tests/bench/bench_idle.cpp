// SPDX-License-Identifier: MIT
// What a monitor costs while it watches streams at their real cadence: the built allium-monitor
// runs as a child process (offscreen, its HOME and XDG directories in a temporary directory, so
// that no settings are read or written) with its embedded emulator, and after a warm-up its CPU
// time (user + system, every thread, from /proc/PID/stat) is read over N seconds and printed as
// a share of one core. The arguments after the options go to allium-monitor as they are, so
// that several streams can be asked for once the monitor opens them (`--topic A --topic B`).
//
// Usage: bench_idle [--seconds N] [--warmup N] [--platform offscreen|xcb] [monitor args…]
//   default monitor args: --topic ethereum.transactions --start
// Under a real X server (xvfb-run), pass --platform xcb.

#include "support/processcputime.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace allium;

namespace {

void waitMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int seconds = 20;
    int warmup = 5;
    QString platform = QStringLiteral("offscreen");
    QStringList monitorArgs;
    const QStringList args = app.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == QLatin1String("--seconds") && i + 1 < args.size())
            seconds = qMax(1, args.at(++i).toInt());
        else if (arg == QLatin1String("--warmup") && i + 1 < args.size())
            warmup = qMax(0, args.at(++i).toInt());
        else if (arg == QLatin1String("--platform") && i + 1 < args.size())
            platform = args.at(++i);
        else
            monitorArgs << arg;
    }
    if (monitorArgs.isEmpty())
        monitorArgs = {QStringLiteral("--topic"), QStringLiteral("ethereum.transactions"),
                       QStringLiteral("--start")};

    QTemporaryDir home;
    if (!home.isValid()) {
        std::fprintf(stderr, "no temporary directory\n");
        return 1;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral(".local/share")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral(".cache")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);

    QProcess monitor;
    monitor.setProcessEnvironment(env);
    monitor.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    monitor.setStandardOutputFile(QProcess::nullDevice());
    monitor.start(QStringLiteral(ALLIUM_MONITOR_PATH), monitorArgs);
    if (!monitor.waitForStarted(10000)) {
        std::fprintf(stderr, "allium-monitor did not start: %s\n",
                     qPrintable(monitor.errorString()));
        return 1;
    }
    const QString stat = QStringLiteral("/proc/%1/stat").arg(monitor.processId());
    std::printf("allium-monitor %s (%s), warm-up %d s, measuring %d s\n",
                qPrintable(monitorArgs.join(QLatin1Char(' '))), qPrintable(platform), warmup,
                seconds);
    std::fflush(stdout);
    waitMs(warmup * 1000);
    const double before = statCpuMicroseconds(stat);
    QElapsedTimer clock;
    clock.start();
    waitMs(seconds * 1000);
    const double after = statCpuMicroseconds(stat);
    const qint64 elapsedUs = clock.nsecsElapsed() / 1000;
    const bool running = monitor.state() == QProcess::Running;
    monitor.terminate();
    if (!monitor.waitForFinished(5000)) {
        monitor.kill();
        monitor.waitForFinished(5000);
    }
    if (!running || before < 0 || after < 0) {
        std::fprintf(stderr, "allium-monitor ended before the measurement did\n");
        return 1;
    }
    std::printf("CPU: %.2f %% of a core (%.2f s of CPU in %.1f s)\n",
                100.0 * (after - before) / double(elapsedUs), (after - before) / 1e6,
                double(elapsedUs) / 1e6);
    return 0;
}
