// SPDX-License-Identifier: MIT
// allium-cli against the spec's Node.js client (`ws` + JSON.parse, tests/bench/node/
// stream-client.js), side by side on the same firehose: allium-emulator --firehose N in its own
// process, then, alternating within each round so that load from elsewhere hits all alike, the
// Node client, `allium-cli stream --count N > /dev/null` and `allium-cli stream --count N | reader`
// (a thread of this process reads the pipe in 1 MiB reads and discards, as `cat > /dev/null`
// would), each with permessage-deflate offered and without,
// and for comparison `allium-cli --transport qt > /dev/null` (QtWebSockets: never compressed).
// Printed per topic: the median msg/s, the ratio to the Node client with the same compression,
// CPU per message (the whole child process: user + system, start-up included, for both
// clients alike) and bytes on the wire per message (from the CLI's summary). Rows whose
// compression was offered but not negotiated (an emulator without deflate) print n/a.
//
// Usage: bench_cli [--runs N] [topic…]
// The Node client needs Debian's nodejs and node-ws (NODE_PATH=/usr/share/nodejs); without them
// its rows print n/a.

#include "emulator/emulatoroptions.h"
#include "firehoseemulator.h"
#include "support/processcputime.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QPair>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace allium;

namespace {

constexpr int TimeoutMs = 180000;

// CPU time of the children this process has waited for, in microseconds.
qint64 childrenCpuMicroseconds()
{
    return rusageCpuMicroseconds(RUSAGE_CHILDREN);
}

QByteArray loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("?");
    const QList<QByteArray> fields = file.readAll().split(' ');
    return fields.mid(0, 3).join(' ');
}

enum class Client { Node, CliDevNull, CliPipe, CliQtDevNull };

const char *clientName(Client client)
{
    switch (client) {
    case Client::Node:
        return "node ws+JSON.parse";
    case Client::CliDevNull:
        return "allium-cli >/dev/null";
    case Client::CliPipe:
        return "allium-cli | pipe";
    case Client::CliQtDevNull:
        return "cli --transport qt";
    }
    return "";
}

struct Measurement
{
    bool ok = false;
    bool compressed = false; ///< permessage-deflate was negotiated
    double messagesPerSecond = 0;
    double cpuPerMessageUs = 0;
    double wireBytesPerMessage = -1; ///< CLI only
    QString problem;
};

// The first number after `name: ` in the CLI's summary.
std::optional<double> summaryFigure(const QString &summary, const QString &name)
{
    const QRegularExpression pattern(QRegularExpression::escape(name) +
                                     QStringLiteral(": ([0-9.]+)"));
    const QRegularExpressionMatch match = pattern.match(summary);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toDouble();
}

// The reading end of a pipe that becomes a child's stdout, read to its end and discarded by a
// thread: the cheapest reader a pipe can have, as `| cat > /dev/null`, and not this process's
// event loop.
class PipeDrain
{
public:
    PipeDrain()
    {
        if (::pipe2(m_fds, O_CLOEXEC) != 0)
            m_fds[0] = m_fds[1] = -1;
    }
    ~PipeDrain()
    {
        closeWriteEnd();
        if (m_reader.joinable())
            m_reader.join();
        if (m_fds[0] >= 0)
            ::close(m_fds[0]);
    }
    PipeDrain(const PipeDrain &) = delete;
    PipeDrain &operator=(const PipeDrain &) = delete;

    bool isValid() const { return m_fds[0] >= 0; }
    // Makes the pipe the stdout of `process` once it starts.
    void attachTo(QProcess &process)
    {
        process.setStandardOutputFile(QProcess::nullDevice());
        const int writeEnd = m_fds[1];
        process.setChildProcessModifier([writeEnd] { ::dup2(writeEnd, STDOUT_FILENO); });
        m_reader = std::thread([readEnd = m_fds[0]] {
            std::vector<char> buffer(1024 * 1024);
            for (;;) {
                const ssize_t got = ::read(readEnd, buffer.data(), buffer.size());
                if (got == 0 || (got < 0 && errno != EINTR))
                    return;
            }
        });
    }
    // After the child started: only the child may hold the writing end, so that its exit ends
    // the reader.
    void closeWriteEnd()
    {
        if (m_fds[1] >= 0)
            ::close(m_fds[1]);
        m_fds[1] = -1;
    }

private:
    int m_fds[2] = {-1, -1};
    std::thread m_reader;
};

// Runs `process` to its end; `started` runs once it has.
bool runToEnd(QProcess &process, const std::function<void()> &started = {})
{
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, [&loop](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            loop.quit();
    });
    QTimer::singleShot(TimeoutMs, &loop, &QEventLoop::quit);
    process.start();
    if (started)
        started();
    if (process.state() == QProcess::NotRunning && process.error() == QProcess::FailedToStart)
        return false;
    loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        return false;
    }
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

Measurement runNode(const QString &node, const QString &script, const QUrl &url, qint64 count,
                    bool compression)
{
    Measurement result;
    if (node.isEmpty()) {
        result.problem = QStringLiteral("no node");
        return result;
    }
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!environment.contains(QStringLiteral("NODE_PATH")))
        environment.insert(QStringLiteral("NODE_PATH"), QStringLiteral("/usr/share/nodejs"));
    environment.insert(QStringLiteral("ALLIUM_API_KEY"), EmulatorDemoKey);
    process.setProcessEnvironment(environment);
    process.setProgram(node);
    QStringList arguments{script, url.toString(), QString::number(count)};
    if (!compression)
        arguments << QStringLiteral("--no-compression");
    process.setArguments(arguments);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const qint64 cpuBefore = childrenCpuMicroseconds();
    if (!runToEnd(process)) {
        result.problem = QStringLiteral("node failed");
        return result;
    }
    const qint64 cpu = childrenCpuMicroseconds() - cpuBefore;
    const QJsonObject report =
        QJsonDocument::fromJson(process.readAllStandardOutput().trimmed()).object();
    const double ms = report.value(QStringLiteral("ms")).toDouble();
    const double messages = report.value(QStringLiteral("messages")).toDouble();
    if (ms <= 0 || messages != double(count)) {
        result.problem = QStringLiteral("node reported nothing");
        return result;
    }
    result.ok = true;
    result.compressed = report.value(QStringLiteral("compression")).toBool();
    result.messagesPerSecond = messages * 1000.0 / ms;
    result.cpuPerMessageUs = double(cpu) / messages;
    return result;
}

Measurement runCli(Client client, const QUrl &base, const QString &topic, qint64 count,
                   bool compression)
{
    Measurement result;
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("ALLIUM_API_KEY"), EmulatorDemoKey);
    process.setProcessEnvironment(environment);
    process.setProgram(QStringLiteral(ALLIUM_CLI_PATH));
    QStringList arguments{QStringLiteral("stream"),
                          QStringLiteral("--topic"),
                          topic,
                          QStringLiteral("--count"),
                          QString::number(count),
                          QStringLiteral("--url"),
                          base.toString()};
    if (!compression)
        arguments << QStringLiteral("--no-compression");
    if (client == Client::CliQtDevNull)
        arguments << QStringLiteral("--transport") << QStringLiteral("qt");
    process.setArguments(arguments);
    PipeDrain pipe;
    if (client == Client::CliPipe) {
        if (!pipe.isValid()) {
            result.problem = QStringLiteral("no pipe");
            return result;
        }
        pipe.attachTo(process);
    } else {
        process.setStandardOutputFile(QProcess::nullDevice());
    }
    const qint64 cpuBefore = childrenCpuMicroseconds();
    const bool finished = runToEnd(process, [&pipe] { pipe.closeWriteEnd(); });
    const qint64 cpu = childrenCpuMicroseconds() - cpuBefore;
    const QString summary = QString::fromUtf8(process.readAllStandardError());
    const auto printed = summaryFigure(summary, QStringLiteral("messages"));
    const auto rate = summaryFigure(summary, QStringLiteral("rate"));
    if (!finished || !printed || *printed != double(count) || !rate) {
        result.problem = summary.trimmed().section(QLatin1Char('\n'), -1);
        return result;
    }
    result.ok = true;
    result.compressed = summary.contains(QLatin1String("compression: on"));
    result.messagesPerSecond = *rate;
    result.cpuPerMessageUs = double(cpu) / double(count);
    const auto frames = summaryFigure(summary, QStringLiteral("traffic"));
    static const QRegularExpression wire(QStringLiteral("(\\d+) bytes on the wire"));
    const QRegularExpressionMatch wireMatch = wire.match(summary);
    if (frames && *frames > 0 && wireMatch.hasMatch())
        result.wireBytesPerMessage = wireMatch.captured(1).toDouble() / *frames;
    return result;
}

// The median of the successful runs (by rate), with the median CPU and wire figures; ok is
// false when none succeeded or compression was asked for and never negotiated.
Measurement median(const QList<Measurement> &runs, bool compression)
{
    QList<Measurement> good;
    for (const Measurement &run : runs) {
        if (run.ok && run.compressed == compression)
            good << run;
    }
    Measurement result;
    if (good.isEmpty()) {
        result.problem = runs.isEmpty()     ? QString()
                         : !runs.first().ok ? runs.first().problem
                                            : QStringLiteral("compression not negotiated");
        return result;
    }
    const auto middle = [&good](auto field) {
        QList<double> values;
        for (const Measurement &run : good)
            values << field(run);
        std::sort(values.begin(), values.end());
        return values.at(values.size() / 2);
    };
    result.ok = true;
    result.compressed = compression;
    result.messagesPerSecond = middle([](const Measurement &m) { return m.messagesPerSecond; });
    result.cpuPerMessageUs = middle([](const Measurement &m) { return m.cpuPerMessageUs; });
    result.wireBytesPerMessage = middle([](const Measurement &m) { return m.wireBytesPerMessage; });
    return result;
}

QByteArray number(double value, int decimals, bool known = true)
{
    return known ? QByteArray::number(value, 'f', decimals) : QByteArrayLiteral("n/a");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    struct Case
    {
        const char *topic;
        qint64 messages;
    };
    // About 290 B and 1.5 KB messages.
    const QList<Case> cases{{"hyperliquid.fills", 400000}, {"ethereum.blocks", 80000}};
    QStringList only = app.arguments().mid(1);
    int runs = 5;
    const qsizetype runsAt = only.indexOf(QStringLiteral("--runs"));
    if (runsAt >= 0 && runsAt + 1 < only.size()) {
        runs = qMax(1, only.at(runsAt + 1).toInt());
        only.remove(runsAt, 2);
    }
    QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        node = QStandardPaths::findExecutable(QStringLiteral("nodejs"));
    const QString script = QStringLiteral(ALLIUM_BENCH_SOURCE_DIR "/node/stream-client.js");
    if (node.isEmpty())
        std::fprintf(stderr, "bench_cli: no node executable; install nodejs and node-ws\n");

    std::printf("load average at start: %s; %d runs of each, alternating\n",
                loadAverage().constData(), runs);
    std::printf("%-18s %-22s %-5s %9s %8s %9s %8s\n", "topic", "client", "defl", "msg/s", "vs node",
                "cpu us/m", "wire B/m");
    int failures = 0;
    const QList<Client> clients{Client::Node, Client::CliDevNull, Client::CliPipe,
                                Client::CliQtDevNull};
    for (const Case &benchCase : cases) {
        const QString topic = QString::fromLatin1(benchCase.topic);
        if (!only.isEmpty() && !only.contains(topic))
            continue;
        QProcess emulator;
        const QUrl base = startFirehoseEmulator(&emulator, benchCase.messages);
        if (base.isEmpty()) {
            std::fprintf(stderr, "cannot start %s\n", ALLIUM_EMULATOR_PATH);
            return 1;
        }
        QUrl streamUrl = base;
        streamUrl.setPath(QStringLiteral("/api/v1/developer/ws/stream"));
        streamUrl.setQuery(QStringLiteral("topic=") + topic);

        // [client][compression] -> runs
        QMap<QPair<int, bool>, QList<Measurement>> measured;
        for (int run = 0; run < runs; ++run) {
            for (const bool compression : {false, true}) {
                for (const Client client : clients) {
                    if (compression && client == Client::CliQtDevNull)
                        continue; // QtWebSockets has no compression: nothing to measure
                    const Measurement m =
                        client == Client::Node
                            ? runNode(node, script, streamUrl, benchCase.messages, compression)
                            : runCli(client, base, topic, benchCase.messages, compression);
                    if (!m.ok && !(client == Client::Node && node.isEmpty())) {
                        ++failures;
                        std::fprintf(stderr, "%s %s: %s\n", benchCase.topic, clientName(client),
                                     qPrintable(m.problem));
                    }
                    measured[{int(client), compression}] << m;
                }
            }
        }
        for (const bool compression : {false, true}) {
            const Measurement reference =
                median(measured.value({int(Client::Node), compression}), compression);
            for (const Client client : clients) {
                const Measurement m =
                    median(measured.value({int(client), compression}), compression);
                const bool ratioKnown = m.ok && reference.ok && reference.messagesPerSecond > 0;
                std::printf(
                    "%-18s %-22s %-5s %9s %8s %9s %8s\n", benchCase.topic, clientName(client),
                    compression ? "on" : "off", number(m.messagesPerSecond, 0, m.ok).constData(),
                    ratioKnown
                        ? (number(m.messagesPerSecond / reference.messagesPerSecond, 2) + 'x')
                              .constData()
                        : "n/a",
                    number(m.cpuPerMessageUs, 2, m.ok).constData(),
                    number(m.wireBytesPerMessage, 1, m.ok && m.wireBytesPerMessage >= 0)
                        .constData());
            }
        }
        std::fflush(stdout);
        emulator.terminate();
        if (!emulator.waitForFinished(5000))
            emulator.kill();
    }
    std::printf("load average at end: %s; target: allium-cli >= 1.50x node\n",
                loadAverage().constData());
    return failures == 0 ? 0 : 1;
}
