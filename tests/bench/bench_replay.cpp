// SPDX-License-Identifier: MIT
// Replay in the GUI's path (issue 13): a recording played through a StreamSession whose
// transport is a ReplayTransport, as a replay tab does.
//  1. as fast as possible: messages/s reaching the session's consumer (every one, in order);
//  2. at 1×: the pacing error of each message's arrival against its recorded distance.
// Usage: bench_replay [messages (default 200000)]

#include "core/replay/replaycontroller.h"
#include "core/replay/replaypacer.h"
#include "core/stream/streamsession.h"
#include "support/recordingfiles.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace allium;

namespace {

struct Run
{
    qint64 received = 0;
    qint64 outOfOrder = 0;
    std::vector<qint64> arrivalsUs;
    double seconds = 0;
};

// Plays `path` at `speed` until `count` messages arrived (or 120 s passed).
Run play(const QString &path, double speed, qint64 count, bool keepArrivals)
{
    ReplayController controller;
    StreamSession session;
    if (!controller.open(path)) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path),
                     qPrintable(controller.errorString()));
        return {};
    }
    // A consumer that keeps up: nothing is dropped for it (as a recording would need).
    IngestOptions ingest;
    ingest.dropWhenBehind = false;
    session.setIngestOptions(ingest);
    session.setUrl(controller.streamUrl());
    session.setConnectionOptions(controller.connectionOptions());
    controller.setSession(&session);
    controller.setSpeed(speed);
    Run run;
    QEventLoop loop;
    qint64 expected = 0;
    QObject::connect(
        &session, &StreamSession::messagesReceived, &loop, [&](const MessageBatch &batch) {
            for (const StreamMessage &message : batch.messages) {
                if (keepArrivals)
                    run.arrivalsUs.push_back(message.receivedAtUs);
                // The messages are numbered from 0 ("number":N) in the file.
                const QByteArray prefix = "{\"number\":" + QByteArray::number(expected) + ',';
                if (!message.json.startsWith(prefix))
                    ++run.outOfOrder;
                ++expected;
            }
            run.received += batch.messages.size();
            if (run.received >= count)
                loop.quit();
        });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    session.open();
    QElapsedTimer clock;
    clock.start();
    controller.play();
    loop.exec();
    run.seconds = double(clock.nsecsElapsed()) / 1e9;
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 count = argc > 1 ? QByteArray(argv[1]).toLongLong() : 200000;
    QTemporaryDir dir;
    const QString fast = dir.filePath(QStringLiteral("fast.jsonl"));
    if (!testing::writeRecording(fast, QStringLiteral("ethereum.blocks"),
                                 testing::syntheticLines(int(count), 1764600000000000, 100)))
        return 1;
    const Run fastRun = play(fast, ReplayPacer::AsFastAsPossible, count, false);
    std::printf("replay as fast as possible through a StreamSession: %lld of %lld messages in "
                "%.2f s = %.0f msg/s, %lld out of order\n",
                static_cast<long long>(fastRun.received), static_cast<long long>(count),
                fastRun.seconds, double(fastRun.received) / fastRun.seconds,
                static_cast<long long>(fastRun.outOfOrder));

    // 1×: 250 messages 20 ms apart (5 s), the spacing of a busy topic.
    constexpr int PacedCount = 250;
    constexpr qint64 SpacingUs = 20000;
    const QString paced = dir.filePath(QStringLiteral("paced.jsonl"));
    if (!testing::writeRecording(paced, QStringLiteral("ethereum.blocks"),
                                 testing::syntheticLines(PacedCount, 1764600000000000, SpacingUs)))
        return 1;
    const Run pacedRun = play(paced, 1, PacedCount, true);
    std::vector<double> errorsMs;
    for (size_t i = 0; i < pacedRun.arrivalsUs.size(); ++i) {
        const double expected = double(i) * double(SpacingUs);
        const double actual = double(pacedRun.arrivalsUs[i] - pacedRun.arrivalsUs[0]);
        errorsMs.push_back(std::abs(actual - expected) / 1000.0);
    }
    std::sort(errorsMs.begin(), errorsMs.end());
    double sum = 0;
    for (double error : errorsMs)
        sum += error;
    const auto percentile = [&errorsMs](double p) {
        return errorsMs.empty() ? 0.0 : errorsMs[size_t(p * double(errorsMs.size() - 1))];
    };
    std::printf("replay at 1x, %d messages %lld ms apart: pacing error mean %.2f ms, p50 %.2f ms, "
                "p99 %.2f ms, max %.2f ms\n",
                PacedCount, static_cast<long long>(SpacingUs / 1000),
                errorsMs.empty() ? 0.0 : sum / double(errorsMs.size()), percentile(0.5),
                percentile(0.99), percentile(1.0));
    return fastRun.received == count && pacedRun.received == PacedCount ? 0 : 1;
}
