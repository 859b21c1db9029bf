// Ingest throughput: a bare QWebSocket (the ceiling) against the whole StreamSession pipeline
// (worker thread, simdjson, batches, MessageStore), both fed by allium-emulator --firehose
// running in its own process on loopback.

#include "emulatoroptions.h"
#include "ingestworker.h"
#include "messagestore.h"
#include "streamsession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>
#include <QWebSocket>

#include <cstdio>

#include <sys/resource.h>

using namespace allium;

namespace {

constexpr int TimeoutMs = 120000;

// CPU time of the whole process (every thread), in microseconds: the robust figure on a busy
// machine, where wall-clock rates depend on what else runs.
qint64 processCpuMicroseconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000
            + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

struct Measurement
{
    quint64 messages = 0;
    quint64 bytes = 0;
    quint64 drops = 0;
    qint64 elapsedMs = 0;
    qint64 cpuMicroseconds = 0;
    bool ok = false;

    double cpuPerMessage() const { return messages ? double(cpuMicroseconds) / messages : 0; }

    double messagesPerSecond() const { return elapsedMs ? messages * 1000.0 / elapsedMs : 0; }
    double megabytesPerSecond() const
    {
        return elapsedMs ? bytes * 1000.0 / elapsedMs / (1024.0 * 1024.0) : 0;
    }
};

// Starts allium-emulator --firehose N --port 0 and returns its base URL (empty on failure).
QUrl startEmulator(QProcess *process, qint64 firehose)
{
    process->setProgram(QStringLiteral(ALLIUM_EMULATOR_PATH));
    process->setArguments({QStringLiteral("--firehose"), QString::number(firehose),
                           QStringLiteral("--port"), QStringLiteral("0")});
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start();
    if (!process->waitForStarted(10000))
        return QUrl();
    static const QRegularExpression pattern(QStringLiteral("listening on (\\S+)"));
    QByteArray output;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 10000) {
        if (!process->waitForReadyRead(10000))
            break;
        output += process->readAllStandardOutput();
        const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(output));
        if (match.hasMatch())
            return QUrl(match.captured(1));
    }
    return QUrl();
}

// (a) the ceiling: a bare QWebSocket in this thread that only counts text messages.
Measurement measureRaw(const QUrl &url, quint64 expected, QStringList *samples)
{
    Measurement result;
    QWebSocket socket;
    QEventLoop loop;
    QElapsedTimer clock;
    qint64 cpuStart = 0;
    QObject::connect(&socket, &QWebSocket::connected, &loop, [&] {
        clock.start();
        cpuStart = processCpuMicroseconds();
        socket.sendTextMessage(QStringLiteral(R"({"action":"start"})"));
    });
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &loop,
                     [&](const QString &text) {
                         ++result.messages;
                         result.bytes += quint64(text.size()); // the JSON is ASCII
                         if (samples->size() < 2000)
                             samples->append(text);
                         if (result.messages == expected) {
                             result.elapsedMs = clock.elapsed();
                             result.cpuMicroseconds = processCpuMicroseconds() - cpuStart;
                             result.ok = true;
                             loop.quit();
                         }
                     });
    QTimer::singleShot(TimeoutMs, &loop, &QEventLoop::quit);
    QNetworkRequest request(url);
    request.setRawHeader(QByteArrayLiteral("X-API-KEY"), EmulatorDemoKey.toUtf8());
    socket.open(request);
    loop.exec();
    socket.abort();
    return result;
}

// (b) the pipeline: StreamSession (socket + simdjson on the worker) -> batches -> MessageStore.
Measurement measurePipeline(const QUrl &url, quint64 expected, MessageStore *store)
{
    Measurement result;
    StreamSession session;
    session.setUrl(url);
    session.setApiKey(EmulatorDemoKey);
    session.setWatchedFields({QStringLiteral("number"), QStringLiteral("payload.px")});
    QEventLoop loop;
    QElapsedTimer clock;
    qint64 cpuStart = 0;
    QObject::connect(&session, &StreamSession::opened, &loop, [&] {
        clock.start();
        cpuStart = processCpuMicroseconds();
    });
    QObject::connect(&session, &StreamSession::messagesReceived, &loop,
                     [&](const MessageBatch &batch) {
                         store->append(batch);
                         for (const StreamMessage &message : batch.messages)
                             result.bytes += quint64(message.json.size());
                         result.messages += quint64(batch.messages.size());
                         result.drops = batch.stats.drops;
                         if (result.messages + result.drops >= expected) {
                             result.elapsedMs = clock.elapsed();
                             result.cpuMicroseconds = processCpuMicroseconds() - cpuStart;
                             result.ok = true;
                             loop.quit();
                         }
                     });
    QTimer::singleShot(TimeoutMs, &loop, &QEventLoop::quit);
    session.start();
    session.open();
    loop.exec();
    return result;
}

// (c) the worker's own work per frame, without a socket: parse, extract, batch.
Measurement measureWorkerOnly(const QStringList &samples, quint64 count)
{
    Measurement result;
    auto pending = std::make_shared<std::atomic<int>>(0);
    IngestWorker worker(pending);
    worker.setWatchedFields({QStringLiteral("number"), QStringLiteral("payload.px")});
    QObject::connect(&worker, &IngestWorker::batchReady, &worker,
                     [&](const MessageBatch &batch) {
                         pending->fetch_sub(1);
                         result.messages += quint64(batch.messages.size());
                     });
    QElapsedTimer clock;
    clock.start();
    const qint64 cpuStart = processCpuMicroseconds();
    for (quint64 i = 0; i < count; ++i) {
        const QString &text = samples.at(int(i % quint64(samples.size())));
        result.bytes += quint64(text.size());
        worker.ingestFrame(text);
    }
    result.elapsedMs = qMax<qint64>(1, clock.elapsed());
    result.cpuMicroseconds = processCpuMicroseconds() - cpuStart;
    result.messages = count;
    result.ok = true;
    return result;
}

void printRow(const char *topic, const char *path, const Measurement &m, quint64 expected)
{
    std::printf("%-24s %-9s %10llu %8lld %12.0f %9.1f %10.2f %7llu%s\n", topic, path,
                static_cast<unsigned long long>(m.messages), static_cast<long long>(m.elapsedMs),
                m.messagesPerSecond(), m.megabytesPerSecond(), m.cpuPerMessage(),
                static_cast<unsigned long long>(m.drops),
                m.ok ? "" : qPrintable(QStringLiteral("  (timed out, expected %1)").arg(expected)));
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
    // Roughly 300 B, 600 B and 1.5 KB messages.
    const QList<Case> cases{{"hyperliquid.fills", 200000},
                            {"ethereum.transactions", 150000},
                            {"ethereum.blocks", 60000}};
    QStringList only = app.arguments().mid(1);
    // --pipeline-only: skip the raw and worker rows (for profiling the pipeline alone).
    const bool pipelineOnly = only.removeAll(QStringLiteral("--pipeline-only")) > 0;
    const int runs = pipelineOnly ? 1 : 3;

    std::printf("%-24s %-9s %10s %8s %12s %9s %10s %7s\n", "topic", "path", "messages", "ms",
                "msgs/s", "MB/s", "cpu us/msg", "drops");
    int failures = 0;
    QList<double> ratios;
    for (const Case &benchCase : cases) {
        const QString topic = QString::fromLatin1(benchCase.topic);
        if (!only.isEmpty() && !only.contains(topic))
            continue;
        QProcess emulator;
        const QUrl base = startEmulator(&emulator, benchCase.messages);
        if (base.isEmpty()) {
            std::fprintf(stderr, "cannot start %s\n", ALLIUM_EMULATOR_PATH);
            return 1;
        }
        const QUrl url = StreamSession::streamUrl(base, topic);
        const quint64 expected = quint64(benchCase.messages);

        // Best of a few runs each, alternating, so that a burst of load from other processes on
        // the machine does not decide the ratio.
        QStringList samples;
        Measurement raw;
        Measurement pipeline;
        MessageStore store(100000, 512ll * 1024 * 1024);
        for (int run = 0; run < runs; ++run) {
            if (!pipelineOnly) {
                samples.clear();
                const Measurement next = measureRaw(url, expected, &samples);
                if (!raw.ok || (next.ok && next.elapsedMs < raw.elapsedMs))
                    raw = next;
            }
            store.clear();
            const Measurement next = measurePipeline(url, expected, &store);
            if (!pipeline.ok || (next.ok && next.elapsedMs < pipeline.elapsedMs))
                pipeline = next;
        }
        if (!pipelineOnly)
            printRow(benchCase.topic, "raw", raw, expected);
        printRow(benchCase.topic, "pipeline", pipeline, expected);
        const double ratio = raw.messagesPerSecond() > 0
                ? pipeline.messagesPerSecond() / raw.messagesPerSecond()
                : 0;
        std::printf("%-24s %-9s %.0f%% of raw (avg %.0f B/message, store %d messages, %.1f MB)\n",
                    benchCase.topic, "ratio", ratio * 100,
                    raw.messages ? double(raw.bytes) / double(raw.messages) : 0.0, store.size(),
                    double(store.bytes()) / (1024.0 * 1024.0));
        ratios << ratio;
        if (!samples.isEmpty())
            printRow(benchCase.topic, "worker", measureWorkerOnly(samples, expected), expected);
        failures += ((raw.ok || pipelineOnly) && pipeline.ok) ? 0 : 1;

        emulator.terminate();
        if (!emulator.waitForFinished(5000))
            emulator.kill();
    }
    std::fflush(stdout);
    return failures == 0 ? 0 : 1;
}
