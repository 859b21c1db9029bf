// SPDX-License-Identifier: MIT
// Alert rules on a firehose: 20 rules (match, rate, silence and integrity, with the conditions
// analysts write: a value threshold, address lists, nested AND/OR) on realistic messages of the
// emulator's generators. Prints
//   (1) the engine's own cost per message (ns, CPU of this thread) over a million messages,
//       and what a whole-document parse per message would cost instead (the naive engine);
//   (2) the ingest worker without a socket (simdjson, batches), with and without the rules:
//       messages per second and the change;
//   (3) the whole StreamSession pipeline against allium-emulator --firehose in its own process,
//       with and without the rules: the ingest rate and the worker thread's CPU per message;
//   (4) what 100,000 msg/s cost the worker thread in rules: a share of one core.
//
// Usage: bench_alerts [--runs N] [topic]   (default ethereum.transactions, 3 runs)

#include "core/alerts/alertengine.h"
#include "core/alerts/alertruleset.h"
#include "core/connection/connectionprofile.h"
#include "core/stream/ingestworker.h"
#include "core/stream/streamsession.h"
#include "emulator/emulatoroptions.h"
#include "emulator/generators/topicgenerator.h"
#include "firehoseemulator.h"
#include "support/processcputime.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTimer>

#include <algorithm>
#include <cstdio>

#include <sys/resource.h>

using namespace allium;

namespace {

constexpr int SampleCount = 5000;
constexpr quint64 EngineMessages = 1000000;
constexpr quint64 WorkerMessages = 300000;
constexpr qint64 FirehoseMessages = 300000;
constexpr int TimeoutMs = 120000;

QList<QByteArray> samples(const QString &topic)
{
    const std::unique_ptr<TopicGenerator> generator = TopicGenerator::create(topic, 7);
    QList<QByteArray> result;
    for (int i = 0; i < SampleCount; ++i)
        result.append(QJsonDocument(generator->next()).toJson(QJsonDocument::Compact));
    return result;
}

// Twenty rules for an EVM transactions topic; all enabled, cooldown 60 s (the default).
QList<AlertRule> twentyRules(const QString &topic)
{
    QByteArray addresses;
    for (int i = 0; i < 50; ++i)
        addresses += (i ? ",\"0x" : "\"0x") +
                     QByteArray::number(0xabc0000 + i, 16).rightJustified(40, '0') + '"';
    const QByteArray t = topic.toUtf8();
    QList<QByteArray> texts;
    const char *thresholds[] = {"1000000000000000000", "10000000000000000000",
                                "100000000000000000000", "500000000000000000",
                                "50000000000000000000"};
    for (int i = 0; i < 5; ++i) {
        texts << R"({"name":"value )" + QByteArray::number(i) + R"(","topic":")" + t +
                     R"(","when":{"field":"value","operator":">","value":")" + thresholds[i] +
                     R"("}})";
    }
    for (int i = 0; i < 4; ++i) {
        texts << R"({"name":"watched senders )" + QByteArray::number(i) + R"(","topic":")" + t +
                     R"(","when":{"field":"from_address","operator":"in","value":[)" + addresses +
                     "]}}";
    }
    texts
        << R"({"name":"to contract","topic":")" + t +
               R"(","when":{"field":"to_address","operator":"=","value":"0x7a250d5630b4cf539739df2c5dacb4c659f2488d"}})";
    texts << R"({"name":"expensive gas","topic":")" + t +
                 R"(","when":{"field":"gas_price","operator":">","value":200000000000}})";
    texts << R"({"name":"big gas","topic":")" + t +
                 R"(","when":{"field":"gas","operator":">=","value":1000000}})";
    for (int i = 0; i < 3; ++i) {
        texts << R"({"name":"whale or pricey )" + QByteArray::number(i) + R"(","topic":")" + t +
                     R"(","when":{"op":"OR","conditions":[{"op":"AND","conditions":[)"
                     R"({"field":"value","operator":">","value":"20000000000000000000"},)"
                     R"({"field":"to_address","operator":"exists","value":true}]},)"
                     R"({"field":"gas_price","operator":">=","value":)" +
                     QByteArray::number(300000000000ll + i) + "}]}}";
    }
    for (int i = 0; i < 3; ++i) {
        texts << R"({"name":"busy )" + QByteArray::number(i) + R"(","topic":")" + t +
                     R"(","kind":"rate","per_minute":)" + QByteArray::number(100000 * (i + 1)) +
                     R"(,"when":{"field":"block_number","operator":">","value":0}})";
    }
    texts << R"({"name":"quiet","topic":")" + t + R"(","kind":"silence","silence_s":30})";
    texts << R"({"name":"chain","topic":")" + t + R"(","kind":"integrity"})";
    QString error;
    const AlertRuleSet set = AlertRuleSet::parse("[" + texts.join(',') + "]", &error);
    if (!error.isEmpty())
        std::fprintf(stderr, "rules refused: %s\n", qPrintable(error));
    return set.rules();
}

qint64 threadCpuMicroseconds()
{
    return rusageCpuMicroseconds(RUSAGE_THREAD);
}

// CPU time so far of this process's threads named `name` (from /proc), or -1.
qint64 namedThreadsCpuMicroseconds(const QString &name)
{
    qint64 total = -1;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (!comm.open(QIODevice::ReadOnly) || QString::fromUtf8(comm.readAll()).trimmed() != name)
            continue;
        total = qMax<qint64>(0, total) +
                qint64(statCpuMicroseconds(tasks.filePath(tid + QStringLiteral("/stat"))));
    }
    return total;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

// (1) ns of this thread's CPU per message in AlertEngine::noteMessage; alerts counted.
double engineNsPerMessage(const QList<QByteArray> &frames, const QList<AlertRule> &rules,
                          const QString &topic, quint64 *alerts)
{
    AlertEngine engine;
    engine.setTopic(topic);
    engine.setRules(rules);
    QObject::connect(&engine, &AlertEngine::alertFired, &engine, [alerts] { ++*alerts; });
    const qint64 startMs = 1700000000000;
    const qint64 cpuStart = threadCpuMicroseconds();
    for (quint64 i = 0; i < EngineMessages; ++i) {
        // 100,000 messages a second of stream time: rate windows and cooldowns see that rate.
        const qint64 at = startMs + qint64(i / 100);
        engine.noteMessage(frames.at(int(i % quint64(frames.size()))), at, i + 1);
        if (i % 100000 == 0)
            engine.tick(at);
    }
    return double(threadCpuMicroseconds() - cpuStart) * 1000.0 / double(EngineMessages);
}

// (1') the naive engine: a whole QJsonDocument per message, then every rule's filter.
double fullParseNsPerMessage(const QList<QByteArray> &frames, const QList<AlertRule> &rules,
                             quint64 *matches)
{
    const quint64 count = EngineMessages / 5;
    const qint64 cpuStart = threadCpuMicroseconds();
    for (quint64 i = 0; i < count; ++i) {
        const QJsonObject object =
            QJsonDocument::fromJson(frames.at(int(i % quint64(frames.size())))).object();
        for (const AlertRule &rule : rules)
            *matches += !rule.when.isEmpty() && rule.when.matches(object) ? 1 : 0;
    }
    return double(threadCpuMicroseconds() - cpuStart) * 1000.0 / double(count);
}

// (2) the ingest worker's messages per second (CPU of this thread), with or without rules.
double workerMessagesPerSecond(const QList<QByteArray> &frames, const QList<AlertRule> &rules,
                               const QString &topic)
{
    auto pending = std::make_shared<PendingBatches>();
    IngestWorker worker(pending);
    worker.configure(ConnectionProfile::streamUrl(QUrl(QStringLiteral("ws://127.0.0.1:1")), topic),
                     QString(), ConnectionOptions(), IngestOptions());
    if (!rules.isEmpty()) {
        auto engine = std::make_shared<AlertEngine>();
        engine->setRules(rules);
        worker.setAlertEngine(engine);
    }
    QObject::connect(&worker, &IngestWorker::batchReady, &worker,
                     [&](const MessageBatch &batch) { pending->taken(batch.bytes); });
    const qint64 cpuStart = threadCpuMicroseconds();
    for (quint64 i = 0; i < WorkerMessages; ++i)
        worker.ingestFrame(frames.at(int(i % quint64(frames.size()))));
    const qint64 micros = qMax<qint64>(1, threadCpuMicroseconds() - cpuStart);
    return double(WorkerMessages) * 1e6 / double(micros);
}

struct PipelineRun
{
    double messagesPerSecond = 0;
    double workerNsPerMessage = 0;
    bool ok = false;
};

// (3) StreamSession against the firehose: wall-clock ingest rate and the worker thread's CPU.
PipelineRun pipeline(const QUrl &url, const QList<AlertRule> &rules)
{
    PipelineRun run;
    StreamSession session;
    ConnectionOptions options;
    options.compression = false;
    session.setConnectionOptions(options);
    session.setUrl(url);
    session.setApiKey(EmulatorDemoKey);
    if (!rules.isEmpty()) {
        auto engine = std::make_shared<AlertEngine>();
        engine->setRules(rules);
        session.setAlertEngine(engine);
    }
    QEventLoop loop;
    QElapsedTimer clock;
    qint64 workerStart = 0;
    quint64 received = 0;
    QObject::connect(&session, &StreamSession::opened, &loop, [&] {
        clock.start();
        workerStart = namedThreadsCpuMicroseconds(QStringLiteral("allium-ingest"));
    });
    QObject::connect(
        &session, &StreamSession::messagesReceived, &loop, [&](const MessageBatch &batch) {
            received += quint64(batch.messages.size());
            if (received + batch.stats.drops >= quint64(FirehoseMessages)) {
                const double seconds = double(clock.nsecsElapsed()) / 1e9;
                run.messagesPerSecond = double(received) / seconds;
                run.workerNsPerMessage =
                    double(namedThreadsCpuMicroseconds(QStringLiteral("allium-ingest")) -
                           workerStart) *
                    1000.0 / double(received);
                run.ok = true;
                loop.quit();
            }
        });
    QTimer::singleShot(TimeoutMs, &loop, &QEventLoop::quit);
    session.start();
    session.open();
    loop.exec();
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int runs = 3;
    const qsizetype runsAt = args.indexOf(QStringLiteral("--runs"));
    if (runsAt >= 0 && runsAt + 1 < args.size()) {
        runs = qMax(1, args.at(runsAt + 1).toInt());
        args.remove(runsAt, 2);
    }
    const QString topic = args.isEmpty() ? QStringLiteral("ethereum.transactions") : args.first();
    const QList<QByteArray> frames = samples(topic);
    const QList<AlertRule> rules = twentyRules(topic);
    qint64 bytes = 0;
    for (const QByteArray &frame : frames)
        bytes += frame.size();
    std::printf("bench_alerts: %s, %lld rules, messages of %lld B on average, %d runs\n",
                qPrintable(topic), qint64(rules.size()), bytes / frames.size(), runs);

    QList<double> engineNs;
    QList<double> naiveNs;
    QList<double> workerWithout;
    QList<double> workerWith;
    quint64 alerts = 0;
    quint64 matches = 0;
    for (int run = 0; run < runs; ++run) {
        alerts = 0;
        engineNs << engineNsPerMessage(frames, rules, topic, &alerts);
        naiveNs << fullParseNsPerMessage(frames, rules, &matches);
        workerWithout << workerMessagesPerSecond(frames, {}, topic);
        workerWith << workerMessagesPerSecond(frames, rules, topic);
    }
    std::printf("(1) engine, 20 rules:            %8.0f ns/message (median; %llu alerts in %llu "
                "messages at 100,000 msg/s of stream time)\n",
                median(engineNs), alerts, EngineMessages);
    std::printf("    a whole parse per message:   %8.0f ns/message (what reading only the named "
                "members saves; %llu matches)\n",
                median(naiveNs), matches);
    const double without = median(workerWithout);
    const double with = median(workerWith);
    std::printf("(2) ingest worker, no socket:    %8.0f msg/s without rules, %8.0f msg/s with "
                "(%+.1f %%)\n",
                without, with, (with - without) * 100.0 / without);

    QProcess emulator;
    const QUrl base = startFirehoseEmulator(&emulator, FirehoseMessages);
    if (base.isEmpty()) {
        std::fprintf(stderr, "cannot start %s\n", ALLIUM_EMULATOR_PATH);
        return 1;
    }
    const QUrl url = ConnectionProfile::streamUrl(base, topic);
    QList<double> rateWithout;
    QList<double> rateWith;
    QList<double> cpuWithout;
    QList<double> cpuWith;
    for (int run = 0; run < runs; ++run) {
        // Alternating, so that load from other processes hits both alike.
        const PipelineRun plain = pipeline(url, {});
        const PipelineRun ruled = pipeline(url, rules);
        if (!plain.ok || !ruled.ok) {
            std::fprintf(stderr, "a pipeline run did not complete\n");
            return 1;
        }
        rateWithout << plain.messagesPerSecond;
        rateWith << ruled.messagesPerSecond;
        cpuWithout << plain.workerNsPerMessage;
        cpuWith << ruled.workerNsPerMessage;
    }
    const double rateA = median(rateWithout);
    const double rateB = median(rateWith);
    std::printf("(3) pipeline on the firehose:    %8.0f msg/s without rules, %8.0f msg/s with "
                "(%+.1f %%); worker thread %.0f → %.0f ns/message\n",
                rateA, rateB, (rateB - rateA) * 100.0 / rateA, median(cpuWithout), median(cpuWith));
    std::printf("(4) at 100,000 msg/s the rules take %.1f %% of one core on the worker thread\n",
                median(engineNs) * 100000.0 / 1e9 * 100.0);
    emulator.terminate();
    if (!emulator.waitForFinished(5000))
        emulator.kill();
    return 0;
}
