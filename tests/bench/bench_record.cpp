// SPDX-License-Identifier: MIT
// Recording and replay figures (issue 13):
//  1. record at 100,000 msg/s for 5 s (plain and .zst): drops, the writer thread's CPU, file
//     size, and what zstd saves;
//  2. replay as fast as possible: RecordingReader alone, and allium-emulator --replay to a
//     local QWebSocket client (msg/s);
//  3. a 1 GB recording made in /tmp (deleted after): time to the first message, RSS, the
//     background index (time, RSS), a seek to the middle.
// Usage: bench_record [seconds (default 5)] [--skip-1gb]

#include "core/record/recordinglinecodec.h"
#include "core/record/recordingreader.h"
#include "core/record/recordingwriter.h"
#include "emulator/emulatorserver.h"
#include "emulator/generators/topicgenerator.h"
#include "emulator/messagewriter.h"
#include "support/emulatortesting.h"
#include "support/processcputime.h"
#include "support/processmemory.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>

#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace allium;

namespace {

constexpr qint64 RatePerSecond = 100000;
constexpr qint64 FirstUs = 1764580000000000;

double megabytes(qint64 bytes)
{
    return double(bytes) / (1024.0 * 1024.0);
}

// CPU µs of this process's thread named `name`, or -1.
double threadCpu(const QByteArray &name)
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == name)
            return statCpuMicroseconds(tasks.filePath(tid + QStringLiteral("/stat")));
    }
    return -1;
}

// Synthetic messages of a busy topic, as the emulator sends them.
std::vector<QByteArray> makeMessages(const QString &topic, qint64 count)
{
    std::vector<QByteArray> messages;
    messages.reserve(size_t(count));
    auto generator = TopicGenerator::create(topic, 7);
    MessageWriter writer;
    for (qint64 i = 0; i < count; ++i) {
        writer.reset(MessageWriter::ObjectMode::None);
        generator->writeNext(writer);
        messages.push_back(writer.takeText().toUtf8());
    }
    return messages;
}

struct RecordFigures
{
    qint64 messages = 0;
    qint64 drops = 0;
    qint64 messageBytes = 0;
    qint64 fileBytes = 0;
    qint64 maxQueuedBytes = 0;
    double writerCpuPercent = 0;
    double lateMs = 0; // how far the producer fell behind its schedule at the end
};

// Appends `messages` at RatePerSecond, in 1 ms batches, as a stream's batches arrive.
RecordFigures recordPaced(const QString &path, const std::vector<QByteArray> &messages)
{
    RecordingOptions options;
    options.path = path;
    options.header.topic = QStringLiteral("hyperliquid.fills");
    RecordingWriter writer;
    if (!writer.start(options)) {
        std::printf("cannot record: %s\n", qPrintable(writer.errorString()));
        return {};
    }
    RecordFigures figures;
    const double cpuBefore = threadCpu("allium-record");
    const auto start = std::chrono::steady_clock::now();
    constexpr qint64 PerMillisecond = RatePerSecond / 1000;
    const qint64 count = qint64(messages.size());
    for (qint64 sent = 0; sent < count;) {
        const auto due = start + std::chrono::microseconds(sent * 1000000 / RatePerSecond);
        std::this_thread::sleep_until(due);
        const qint64 nowUs = RecordingWriter::currentTimeUs();
        for (qint64 i = 0; i < PerMillisecond && sent < count; ++i, ++sent)
            writer.append(nowUs, messages[size_t(sent)]);
        figures.maxQueuedBytes = std::max(figures.maxQueuedBytes, writer.stats().queuedBytes);
    }
    const auto end = std::chrono::steady_clock::now();
    figures.lateMs =
        double(std::chrono::duration_cast<std::chrono::microseconds>(
                   end - start - std::chrono::microseconds(count * 1000000 / RatePerSecond))
                   .count()) /
        1000.0;
    const double cpuAfter = threadCpu("allium-record");
    writer.stop();
    const RecordingStats stats = writer.stats();
    figures.messages = stats.messages;
    figures.drops = stats.drops;
    figures.messageBytes = stats.messageBytes;
    figures.fileBytes = stats.fileBytes;
    const double seconds = double(count) / RatePerSecond;
    figures.writerCpuPercent = (cpuAfter - cpuBefore) / (seconds * 1e6) * 100;
    return figures;
}

void benchRecord(const QString &dir, const std::vector<QByteArray> &messages)
{
    std::printf("\n== record at %lld msg/s for %.1f s (hyperliquid.fills, %zu messages) ==\n",
                static_cast<long long>(RatePerSecond), double(messages.size()) / RatePerSecond,
                messages.size());
    std::printf("%-6s %9s %6s %10s %10s %8s %11s %10s %8s\n", "file", "written", "drops", "text MB",
                "file MB", "ratio", "max queue", "writer CPU", "late ms");
    for (const QString &name : {QStringLiteral("paced.jsonl"), QStringLiteral("paced.jsonl.zst")}) {
        const RecordFigures f = recordPaced(QDir(dir).filePath(name), messages);
        std::printf("%-6s %9lld %6lld %10.1f %10.1f %8.2f %8.1f MB %9.1f%% %8.1f\n",
                    name.endsWith(QLatin1String(".zst")) ? "zst" : "plain",
                    static_cast<long long>(f.messages), static_cast<long long>(f.drops),
                    megabytes(f.messageBytes), megabytes(f.fileBytes),
                    f.fileBytes > 0 ? double(f.messageBytes) / double(f.fileBytes) : 0.0,
                    megabytes(f.maxQueuedBytes), f.writerCpuPercent, f.lateMs);
    }
}

void benchReader(const QString &dir)
{
    std::printf("\n== replay as fast as possible: RecordingReader::readNext ==\n");
    for (const QString &name : {QStringLiteral("paced.jsonl"), QStringLiteral("paced.jsonl.zst")}) {
        RecordingReader reader;
        if (!reader.open(QDir(dir).filePath(name), RecordingReader::Indexing::None))
            continue;
        QElapsedTimer clock;
        clock.start();
        RecordedMessage message;
        qint64 count = 0;
        qint64 bytes = 0;
        while (reader.readNext(&message)) {
            ++count;
            bytes += message.json.size();
        }
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        std::printf("%-6s %lld messages in %.2f s: %.0f msg/s, %.0f MB/s of messages\n",
                    name.endsWith(QLatin1String(".zst")) ? "zst" : "plain",
                    static_cast<long long>(count), seconds, double(count) / seconds,
                    megabytes(bytes) / seconds);
    }
}

void benchEmulatorReplay(const QString &dir, qint64 expected)
{
    std::printf("\n== replay as fast as possible: allium-emulator --replay --speed 1e9 to one "
                "QWebSocket client (same process) ==\n");
    EmulatorOptions options;
    options.speed = 1e9;
    options.replay.path = QDir(dir).filePath(QStringLiteral("paced.jsonl"));
    options.replay.topic = QStringLiteral("hyperliquid.fills");
    const auto server = startEmulator(options);
    QWebSocket socket;
    qint64 received = 0;
    QElapsedTimer clock;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString &) {
        if (++received == expected)
            QCoreApplication::quit();
    });
    QObject::connect(&socket, &QWebSocket::connected, &socket, [&] {
        clock.start();
        socket.sendTextMessage(QStringLiteral("{\"action\":\"start\"}"));
    });
    QNetworkRequest request(server->streamUrl(options.replay.topic));
    request.setRawHeader("X-API-KEY", EmulatorDemoKey.toUtf8());
    socket.open(request);
    QTimer::singleShot(120000, qApp, &QCoreApplication::quit);
    QCoreApplication::exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    std::printf("%lld of %lld messages in %.2f s: %.0f msg/s\n", static_cast<long long>(received),
                static_cast<long long>(expected), seconds, double(received) / seconds);
}

void benchHugeFile(const std::vector<QByteArray> &messages)
{
    constexpr qint64 TargetBytes = qint64(1) << 30;
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/allium-bench-XXXXXX"));
    const QString path = dir.filePath(QStringLiteral("huge.jsonl"));
    std::printf("\n== opening a 1 GB recording (%s, deleted after) ==\n", qPrintable(path));
    qint64 count = 0;
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            std::printf("cannot write %s\n", qPrintable(path));
            return;
        }
        RecordingHeader header;
        header.topic = QStringLiteral("hyperliquid.fills");
        header.startedUs = FirstUs;
        file.write(header.toLine() + '\n');
        RecordingLineCodec codec;
        QByteArray chunk;
        while (file.size() < TargetBytes) {
            chunk.clear();
            for (int i = 0; i < 4096; ++i, ++count)
                codec.appendLine(&chunk, FirstUs + count * 10,
                                 messages[size_t(count) % messages.size()]);
            file.write(chunk);
        }
        file.flush();
        ::fsync(file.handle());
        // Out of the page cache, so that the open below reads from the disk as a real one would.
        ::posix_fadvise(file.handle(), 0, 0, POSIX_FADV_DONTNEED);
    }
    std::printf("written: %.0f MB, %lld messages\n", megabytes(QFileInfo(path).size()),
                static_cast<long long>(count));
    const qint64 rssBefore = vmRssKiB();
    QElapsedTimer clock;
    clock.start();
    RecordingReader reader;
    if (!reader.open(path)) {
        std::printf("cannot open: %s\n", qPrintable(reader.errorString()));
        return;
    }
    RecordedMessage message;
    const bool first = reader.readNext(&message);
    const double firstMs = double(clock.nsecsElapsed()) / 1e6;
    std::printf("open + first message: %.2f ms (%s), RSS +%.1f MB\n", firstMs,
                first ? "ok" : "FAILED", double(vmRssKiB() - rssBefore) / 1024);
    reader.waitForIndex();
    const double indexS = double(clock.nsecsElapsed()) / 1e9;
    std::printf("background index complete: %lld messages in %.2f s (%.0f MB/s), RSS +%.1f MB\n",
                static_cast<long long>(reader.indexedMessages()), indexS,
                megabytes(QFileInfo(path).size()) / indexS, double(vmRssKiB() - rssBefore) / 1024);
    clock.restart();
    const bool sought =
        reader.seekToMessage(count / 2) && reader.readNext(&message) && message.index == count / 2;
    std::printf("seek to message %lld and read it: %.2f ms (%s)\n",
                static_cast<long long>(count / 2), double(clock.nsecsElapsed()) / 1e6,
                sought ? "ok" : "FAILED");
    clock.restart();
    const bool soughtTime = reader.seekToTime(FirstUs + (count / 3) * 10) &&
                            reader.readNext(&message) && message.index == count / 3;
    std::printf("seek by time to message %lld and read it: %.2f ms (%s)\n",
                static_cast<long long>(count / 3), double(clock.nsecsElapsed()) / 1e6,
                soughtTime ? "ok" : "FAILED");
    reader.close();
    QFile::remove(path);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    bool ok = false;
    const double seconds = arguments.value(1).toDouble(&ok);
    const qint64 count = qint64((ok && seconds > 0 ? seconds : 5.0) * RatePerSecond);
    std::printf("generating %lld messages...\n", static_cast<long long>(count));
    const std::vector<QByteArray> messages =
        makeMessages(QStringLiteral("hyperliquid.fills"), count);
    QTemporaryDir dir;
    benchRecord(dir.path(), messages);
    benchReader(dir.path());
    benchEmulatorReplay(dir.path(), count);
    if (!arguments.contains(QStringLiteral("--skip-1gb")))
        benchHugeFile(messages);
    return 0;
}
