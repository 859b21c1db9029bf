// SPDX-License-Identifier: MIT
// Ingest throughput: the raw receive rate of each transport (a bare QWebSocket and a bare
// BeastWebSocketTransport that only count text frames: the ceilings) against the whole
// StreamSession pipeline (worker thread, simdjson, batches, MessageStore) on each transport, all
// fed by allium-emulator --firehose running in its own process on loopback. The runs alternate
// (--runs N rounds, default 5) and the best and the median of each are printed, with the CPU per
// message of this process, of its GUI thread alone and of the emulator: on a loaded machine the
// CPU figures are the stable ones. The ratio line sets each pipeline against the fastest raw
// transport (target: >= 75 %).
//
// Usage: bench_ingest [--runs N] [--pipeline-only] [--each-run] [topic…]

#include "core/connection/beastwebsockettransport.h"
#include "core/connection/connectionprofile.h"
#include "core/stream/ingestworker.h"
#include "core/stream/streamsession.h"
#include "core/table/messagestore.h"
#include "emulator/emulatoroptions.h"
#include "firehoseemulator.h"
#include "support/processcputime.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>

#include <sys/resource.h>

using namespace allium;

namespace {

constexpr int TimeoutMs = 120000;

// CPU time of the whole process (every thread), in microseconds: the robust figure on a busy
// machine, where wall-clock rates depend on what else runs.
qint64 processCpuMicroseconds()
{
    return rusageCpuMicroseconds(RUSAGE_SELF);
}

// Minor page faults of this process: memory touched for the first time (or again after malloc
// gave it back), a cost that CPU per message includes and that explains part of it.
qint64 processPageFaults()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
}

// This thread alone (the GUI thread of the pipeline, which takes the batches).
qint64 threadCpuMicroseconds()
{
    return rusageCpuMicroseconds(RUSAGE_THREAD);
}

// CPU time of another process from /proc (clock ticks, so only good to ~10 ms); -1 if unknown.
qint64 otherProcessCpuMicroseconds(qint64 pid)
{
    return qint64(statCpuMicroseconds(QStringLiteral("/proc/%1/stat").arg(pid)));
}

// CPU time so far of this process's threads named `name` (from /proc, clock ticks), or -1.
qint64 namedThreadsCpuMicroseconds(const QString &name)
{
    qint64 total = -1;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (!comm.open(QIODevice::ReadOnly) || QString::fromUtf8(comm.readAll()).trimmed() != name)
            continue;
        const double micros = statCpuMicroseconds(tasks.filePath(tid + QStringLiteral("/stat")));
        if (micros >= 0)
            total = qMax<qint64>(total, 0) + qint64(micros);
    }
    return total;
}

struct Measurement
{
    quint64 messages = 0;
    quint64 bytes = 0;
    quint64 drops = 0;
    qint64 elapsedMs = 0;
    qint64 cpuMicroseconds = 0;
    qint64 guiCpuMicroseconds = -1; // the pipeline's GUI thread alone
    // The pipeline's network (Beast) and worker threads, each over its whole life (they start
    // with the run's session, so that is the run and its handshake).
    qint64 networkCpuMicroseconds = -1;
    qint64 workerCpuMicroseconds = -1;
    qint64 emulatorCpuMicroseconds = -1;
    qint64 pageFaults = 0;
    bool ok = false;

    double perMessage(qint64 micros) const { return messages ? double(micros) / messages : 0; }
    double cpuPerMessage() const { return perMessage(cpuMicroseconds); }

    double messagesPerSecond() const { return elapsedMs ? messages * 1000.0 / elapsedMs : 0; }
    double megabytesPerSecond() const
    {
        return elapsedMs ? bytes * 1000.0 / elapsedMs / (1024.0 * 1024.0) : 0;
    }
};

// The clocks of one measured run: started when the connection is up, read into the result when
// the last message has arrived.
class RunClock
{
public:
    explicit RunClock(qint64 emulatorPid)
        : m_emulatorPid(emulatorPid)
    {}

    void start()
    {
        m_clock.start();
        m_cpuStart = processCpuMicroseconds();
        m_faultsStart = processPageFaults();
        m_guiCpuStart = threadCpuMicroseconds();
        m_emulatorCpuStart = otherProcessCpuMicroseconds(m_emulatorPid);
    }
    /// Fills the times of `result` and marks it complete; the GUI thread's CPU only if asked.
    void stop(Measurement *result, bool withGuiThread = false) const
    {
        result->elapsedMs = m_clock.elapsed();
        result->cpuMicroseconds = processCpuMicroseconds() - m_cpuStart;
        result->pageFaults = processPageFaults() - m_faultsStart;
        if (withGuiThread) {
            result->guiCpuMicroseconds = threadCpuMicroseconds() - m_guiCpuStart;
            result->networkCpuMicroseconds =
                namedThreadsCpuMicroseconds(QStringLiteral("allium-net"));
            result->workerCpuMicroseconds =
                namedThreadsCpuMicroseconds(QStringLiteral("allium-ingest"));
        }
        result->emulatorCpuMicroseconds =
            otherProcessCpuMicroseconds(m_emulatorPid) - m_emulatorCpuStart;
        result->ok = true;
    }

private:
    qint64 m_emulatorPid;
    QElapsedTimer m_clock;
    qint64 m_cpuStart = 0;
    qint64 m_faultsStart = 0;
    qint64 m_guiCpuStart = 0;
    qint64 m_emulatorCpuStart = 0;
};

// (a) the ceiling: a bare QWebSocket in this thread that only counts text messages.
Measurement measureRaw(const QUrl &url, quint64 expected, qint64 emulatorPid, QStringList *samples)
{
    Measurement result;
    QWebSocket socket;
    QEventLoop loop;
    RunClock clock(emulatorPid);
    QObject::connect(&socket, &QWebSocket::connected, &loop, [&] {
        clock.start();
        socket.sendTextMessage(QStringLiteral(R"({"action":"start"})"));
    });
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &loop, [&](const QString &text) {
        ++result.messages;
        result.bytes += quint64(text.size()); // the JSON is ASCII
        if (samples->size() < 2000)
            samples->append(text);
        if (result.messages == expected) {
            clock.stop(&result);
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

// (a') the other ceiling: a bare Boost.Beast transport (its network thread reads, this thread
// takes the frames) that only counts text frames; no compression offered.
Measurement measureRawBeast(const QUrl &url, quint64 expected, qint64 emulatorPid)
{
    Measurement result;
    BeastWebSocketTransport transport;
    QEventLoop loop;
    RunClock clock(emulatorPid);
    QObject::connect(&transport, &WebSocketTransport::connected, &loop, [&] {
        clock.start();
        transport.sendText(QByteArrayLiteral(R"({"action":"start"})"));
    });
    QObject::connect(&transport, &WebSocketTransport::textReceived, &loop,
                     [&](const QByteArray &utf8) {
                         ++result.messages;
                         result.bytes += quint64(utf8.size());
                         if (result.messages == expected) {
                             clock.stop(&result);
                             loop.quit();
                         }
                     });
    QObject::connect(&transport, &WebSocketTransport::ended, &loop, &QEventLoop::quit);
    QTimer::singleShot(TimeoutMs, &loop, &QEventLoop::quit);
    TransportRequest request;
    request.url = url;
    request.apiKey = EmulatorDemoKey.toUtf8();
    request.offerCompression = false;
    transport.open(request);
    loop.exec();
    transport.abort();
    return result;
}

// (b) the pipeline: StreamSession (socket + simdjson on the worker) -> batches -> MessageStore,
// on the given transport, without compression (as the raw runs).
Measurement measurePipeline(const QUrl &url, quint64 expected, qint64 emulatorPid,
                            MessageStore *store, TransportKind transport)
{
    Measurement result;
    StreamSession session;
    ConnectionOptions options;
    options.transport = transport;
    options.compression = false;
    session.setConnectionOptions(options);
    session.setUrl(url);
    session.setApiKey(EmulatorDemoKey);
    session.setWatchedFields({QStringLiteral("number"), QStringLiteral("payload.px")});
    QEventLoop loop;
    RunClock clock(emulatorPid);
    QObject::connect(&session, &StreamSession::opened, &loop, [&] { clock.start(); });
    QObject::connect(&session, &StreamSession::messagesReceived, &loop,
                     [&](const MessageBatch &batch) {
                         store->append(batch);
                         for (const StreamMessage &message : batch.messages)
                             result.bytes += quint64(message.json.size());
                         result.messages += quint64(batch.messages.size());
                         result.drops = batch.stats.drops;
                         if (result.messages + result.drops >= expected) {
                             clock.stop(&result, /*withGuiThread=*/true);
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
    auto pending = std::make_shared<PendingBatches>();
    IngestWorker worker(pending);
    worker.setWatchedFields({QStringLiteral("number"), QStringLiteral("payload.px")});
    QObject::connect(&worker, &IngestWorker::batchReady, &worker, [&](const MessageBatch &batch) {
        pending->taken(batch.bytes);
        result.messages += quint64(batch.messages.size());
    });
    QList<QByteArray> frames;
    for (const QString &sample : samples)
        frames << sample.toUtf8();
    QElapsedTimer clock;
    clock.start();
    const qint64 cpuStart = processCpuMicroseconds();
    const qint64 faultsStart = processPageFaults();
    for (quint64 i = 0; i < count; ++i) {
        const QByteArray &frame = frames.at(int(i % quint64(frames.size())));
        result.bytes += quint64(frame.size());
        worker.ingestFrame(frame);
    }
    result.elapsedMs = qMax<qint64>(1, clock.elapsed());
    result.cpuMicroseconds = processCpuMicroseconds() - cpuStart;
    result.pageFaults = processPageFaults() - faultsStart;
    result.messages = count;
    result.ok = true;
    return result;
}

// "-" for a figure that was not measured.
QByteArray figure(double value, bool known)
{
    return known ? QByteArray::number(value, 'f', 2) : QByteArrayLiteral("-");
}

void printHeader()
{
    std::printf("%-22s %-17s %8s %6s %8s %6s %8s %8s %8s %8s %5s\n", "topic", "path", "messages",
                "ms", "msgs/s", "MB/s", "cpu us/m", "gui us/m", "emu us/m", "faults/m", "drops");
}

void printRow(const char *topic, const QByteArray &path, const Measurement &m, quint64 expected)
{
    std::printf(
        "%-22s %-17s %8llu %6lld %8.0f %6.1f %8s %8s %8s %8.2f %5llu%s\n", topic, path.constData(),
        static_cast<unsigned long long>(m.messages), static_cast<long long>(m.elapsedMs),
        m.messagesPerSecond(), m.megabytesPerSecond(), figure(m.cpuPerMessage(), true).constData(),
        figure(m.perMessage(m.guiCpuMicroseconds), m.guiCpuMicroseconds >= 0).constData(),
        figure(m.perMessage(m.emulatorCpuMicroseconds), m.emulatorCpuMicroseconds >= 0).constData(),
        m.messages ? double(m.pageFaults) / double(m.messages) : 0.0,
        static_cast<unsigned long long>(m.drops),
        m.ok ? "" : qPrintable(QStringLiteral("  (timed out, expected %1)").arg(expected)));
}

// Where a pipeline run's CPU went, thread by thread (from /proc: good to ~10 ms a thread).
void printThreads(const char *topic, const QByteArray &path, const Measurement &m)
{
    std::printf(
        "%-22s %-17s threads, cpu us/m: network %s, worker %s, gui %s\n", topic, path.constData(),
        figure(m.perMessage(m.networkCpuMicroseconds), m.networkCpuMicroseconds >= 0).constData(),
        figure(m.perMessage(m.workerCpuMicroseconds), m.workerCpuMicroseconds >= 0).constData(),
        figure(m.perMessage(m.guiCpuMicroseconds), m.guiCpuMicroseconds >= 0).constData());
}

// The run with the highest rate and the median one (by rate); failed runs count as zero.
struct Summary
{
    Measurement best;
    Measurement median;
};

Summary summarise(QList<Measurement> runs)
{
    std::sort(runs.begin(), runs.end(), [](const Measurement &a, const Measurement &b) {
        return (a.ok ? a.messagesPerSecond() : 0) > (b.ok ? b.messagesPerSecond() : 0);
    });
    return runs.isEmpty() ? Summary{} : Summary{runs.first(), runs.at(runs.size() / 2)};
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
    // --each-run: a row for every run as well (page faults or a load burst in one of them).
    const bool eachRun = only.removeAll(QStringLiteral("--each-run")) > 0;
    int runs = pipelineOnly ? 1 : 5;
    const qsizetype runsAt = only.indexOf(QStringLiteral("--runs"));
    if (runsAt >= 0 && runsAt + 1 < only.size()) {
        runs = qMax(1, only.at(runsAt + 1).toInt());
        only.remove(runsAt, 2);
    }

    printHeader();
    int failures = 0;
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
        const QUrl url = ConnectionProfile::streamUrl(base, topic);
        const quint64 expected = quint64(benchCase.messages);

        // Raw and pipeline runs alternate, so that a burst of load from other processes on the
        // machine hits all alike.
        QStringList samples;
        QList<Measurement> rawQt;
        QList<Measurement> rawBeast;
        QList<Measurement> pipelineBeast;
        QList<Measurement> pipelineQt;
        // The store is kept across runs, as in a monitor that runs for a while: the first run
        // pays for memory the store has never held (page faults), the later ones recycle the
        // memory of evicted messages.
        MessageStore store(100000, 512ll * 1024 * 1024);
        for (int run = 0; run < runs; ++run) {
            if (!pipelineOnly) {
                samples.clear();
                rawQt << measureRaw(url, expected, emulator.processId(), &samples);
                rawBeast << measureRawBeast(url, expected, emulator.processId());
                failures += rawQt.last().ok && rawBeast.last().ok ? 0 : 1;
            }
            pipelineBeast << measurePipeline(url, expected, emulator.processId(), &store,
                                             TransportKind::Beast);
            pipelineQt << measurePipeline(url, expected, emulator.processId(), &store,
                                          TransportKind::Qt);
            failures += pipelineBeast.last().ok && pipelineQt.last().ok ? 0 : 1;
            if (eachRun) {
                const QByteArray round = QByteArray::number(run + 1);
                if (!pipelineOnly) {
                    printRow(benchCase.topic, "raw qt #" + round, rawQt.last(), expected);
                    printRow(benchCase.topic, "raw beast #" + round, rawBeast.last(), expected);
                }
                printRow(benchCase.topic, "pipe beast #" + round, pipelineBeast.last(), expected);
                printThreads(benchCase.topic, "pipe beast #" + round, pipelineBeast.last());
                printRow(benchCase.topic, "pipe qt #" + round, pipelineQt.last(), expected);
                printThreads(benchCase.topic, "pipe qt #" + round, pipelineQt.last());
            }
        }
        const Summary qtRaw = summarise(rawQt);
        const Summary beastRaw = summarise(rawBeast);
        const Summary beastPipeline = summarise(pipelineBeast);
        const Summary qtPipeline = summarise(pipelineQt);
        if (!pipelineOnly) {
            printRow(benchCase.topic, "raw qt best", qtRaw.best, expected);
            printRow(benchCase.topic, "raw qt median", qtRaw.median, expected);
            printRow(benchCase.topic, "raw beast best", beastRaw.best, expected);
            printRow(benchCase.topic, "raw beast median", beastRaw.median, expected);
        }
        printRow(benchCase.topic, "pipe beast best", beastPipeline.best, expected);
        printRow(benchCase.topic, "pipe beast median", beastPipeline.median, expected);
        printRow(benchCase.topic, "pipe qt best", qtPipeline.best, expected);
        printRow(benchCase.topic, "pipe qt median", qtPipeline.median, expected);
        if (!pipelineOnly) {
            // Against the fastest transport's raw receive: what the pipeline keeps of it.
            const bool qtFaster =
                qtRaw.median.messagesPerSecond() >= beastRaw.median.messagesPerSecond();
            const Measurement &fastest = qtFaster ? qtRaw.median : beastRaw.median;
            const auto ratio = [&fastest](const Measurement &m) {
                return fastest.messagesPerSecond() > 0
                           ? m.messagesPerSecond() / fastest.messagesPerSecond() * 100
                           : 0.0;
            };
            std::printf(
                "%-22s %-16s fastest raw: %s %.0f msg/s; pipeline/raw (medians): beast "
                "%.0f%%, qt %.0f%% (target >= 75%%); avg %.0f B/message\n",
                benchCase.topic, "ratio", qtFaster ? "qt" : "beast", fastest.messagesPerSecond(),
                ratio(beastPipeline.median), ratio(qtPipeline.median),
                qtRaw.best.messages ? double(qtRaw.best.bytes) / double(qtRaw.best.messages) : 0.0);
        }
        if (!samples.isEmpty())
            printRow(benchCase.topic, "worker alone", measureWorkerOnly(samples, expected),
                     expected);
        std::fflush(stdout);

        emulator.terminate();
        if (!emulator.waitForFinished(5000))
            emulator.kill();
    }
    return failures == 0 ? 0 : 1;
}
