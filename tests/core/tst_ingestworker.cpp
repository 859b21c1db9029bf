// SPDX-License-Identifier: MIT
#include "core/stream/ingestworker.h"

#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace allium;

// The worker half of a stream session, driven through ingestFrame() as the socket drives it.
class TestIngestWorker : public QObject
{
    Q_OBJECT

private slots:
    void batchesNeverExceedTheConfiguredSize_data();
    void batchesNeverExceedTheConfiguredSize();
    void waitsForTheConsumerInsteadOfDropping();
    void interruptEndsTheWait();
    void keptMessagesSurviveTheReuseOfTheirMemory();
};

namespace {

QByteArray numberFrame(int number)
{
    return QByteArrayLiteral(R"({"number":)") + QByteArray::number(number) + '}';
}

// One message per batch and one batch pending at most, waiting instead of dropping.
IngestOptions waitingOptions()
{
    IngestOptions options;
    options.maxBatchMessages = 1;
    options.maxPendingBatches = 1;
    options.batchIntervalMs = 1;
    options.dropWhenBehind = false;
    return options;
}

} // namespace

void TestIngestWorker::batchesNeverExceedTheConfiguredSize_data()
{
    QTest::addColumn<int>("maxBatch");
    // Below, at and above the worker's smallest batch reservation (16).
    QTest::newRow("1") << 1;
    QTest::newRow("3") << 3;
    QTest::newRow("16") << 16;
    QTest::newRow("40") << 40;
}

// Any batch size the options allow (at least 1) hands every message over, in order, in batches
// of at most that size. (Sizes below 16 once broke qBound's precondition.)
void TestIngestWorker::batchesNeverExceedTheConfiguredSize()
{
    QFETCH(int, maxBatch);
    auto pending = std::make_shared<PendingBatches>();
    IngestWorker worker(pending);
    IngestOptions options;
    options.maxBatchMessages = maxBatch;
    options.batchIntervalMs = 1;
    worker.configure(QUrl(QStringLiteral("ws://127.0.0.1:9/stream")), QString(), {}, options);

    QList<quint64> sequences;
    int largestBatch = 0;
    connect(&worker, &IngestWorker::batchReady, this, [&](const MessageBatch &batch) {
        largestBatch = qMax(largestBatch, int(batch.messages.size()));
        for (const StreamMessage &message : batch.messages)
            sequences.append(message.sequence);
        pending->taken(batch.bytes);
    });

    constexpr int Frames = 50;
    for (int i = 0; i < Frames; ++i)
        worker.ingestFrame(QByteArrayLiteral(R"({"number":)") + QByteArray::number(i) + '}');

    QTRY_COMPARE(sequences.size(), Frames);
    QVERIFY(largestBatch <= maxBatch);
    for (int i = 0; i < Frames; ++i)
        QCOMPARE(sequences.at(i), quint64(i + 1));
    worker.shutdown();
}

// dropWhenBehind off: with the consumer's share full, the worker waits until the consumer (on
// another thread, as in a StreamSession) takes a batch, instead of dropping: every message is
// handed over, in order, none counted dropped.
void TestIngestWorker::waitsForTheConsumerInsteadOfDropping()
{
    auto pending = std::make_shared<PendingBatches>();
    IngestWorker worker(pending);
    worker.configure(QUrl(QStringLiteral("ws://127.0.0.1:9/stream")), QString(), {},
                     waitingOptions());
    QList<quint64> sequences;
    quint64 drops = 0;
    connect(&worker, &IngestWorker::batchReady, this, [&](const MessageBatch &batch) {
        for (const StreamMessage &message : batch.messages)
            sequences.append(message.sequence);
        drops = batch.stats.drops;
    });
    // Takes each batch once it is handed over, later than the worker would like.
    std::atomic<bool> done{false};
    std::thread consumer([&] {
        while (!done.load()) {
            if (pending->batches.load() > 0)
                pending->taken(pending->bytes.load());
            else
                std::this_thread::yield();
        }
    });
    constexpr int Frames = 30;
    for (int i = 0; i < Frames; ++i)
        worker.ingestFrame(numberFrame(i));
    QTRY_COMPARE(sequences.size(), Frames);
    done = true;
    consumer.join();
    for (int i = 0; i < Frames; ++i)
        QCOMPARE(sequences.at(i), quint64(i + 1));
    QCOMPARE(drops, quint64(0));
    worker.shutdown();
}

// A wait the consumer will never end (it stopped, or the session closes) is ended by interrupt(),
// as StreamSession::close() and its destructor do: the frame is dropped and counted instead of
// blocking the thread for good; resume() (the next open) makes the worker wait again.
void TestIngestWorker::interruptEndsTheWait()
{
    auto pending = std::make_shared<PendingBatches>();
    IngestWorker worker(pending);
    worker.configure(QUrl(QStringLiteral("ws://127.0.0.1:9/stream")), QString(), {},
                     waitingOptions());
    StreamStats stats;
    connect(&worker, &IngestWorker::statsUpdated, this,
            [&stats](const StreamStats &latest) { stats = latest; });
    worker.ingestFrame(numberFrame(1)); // handed over, never taken
    worker.ingestFrame(numberFrame(2)); // fills the next batch
    std::thread closer([&pending] { pending->interrupt(); });
    worker.ingestFrame(numberFrame(3)); // waits until interrupted (or finds it so): dropped
    closer.join();
    worker.close();
    QCOMPARE(stats.messages, quint64(2));
    QCOMPARE(stats.drops, quint64(1));

    pending->resume();
    pending->taken(pending->bytes.load()); // the consumer takes the first batch
    worker.ingestFrame(numberFrame(4));    // hands the second over, keeps this one
    QCOMPARE(pending->batches.load(), 1);
    worker.shutdown();
}

// Messages share the memory their JSON was copied into, and that memory is used again once no
// message refers to it: the first messages, still held (as a store holds them), keep their
// text byte for byte and NUL-terminated, and so do the last ones, written into the memory that
// the released ones in between gave back.
void TestIngestWorker::keptMessagesSurviveTheReuseOfTheirMemory()
{
    auto pending = std::make_shared<PendingBatches>();
    IngestWorker worker(pending);
    IngestOptions options;
    options.batchIntervalMs = 1;
    options.maxBatchMessages = 64;
    worker.configure(QUrl(QStringLiteral("ws://127.0.0.1:9/stream")), QString(), {}, options);
    worker.setWatchedFields({QStringLiteral("number")});
    const auto frame = [](quint64 number) {
        // ~300 bytes, different for every number.
        return QByteArrayLiteral(R"({"number":)") + QByteArray::number(number) + R"(,"pad":")" +
               QByteArray(280, char('a' + number % 26)) + "\"}";
    };

    constexpr quint64 Frames = 4000; // well over a hundred 32 KiB slabs' worth
    QList<StreamMessage> kept;
    quint64 received = 0;
    connect(&worker, &IngestWorker::batchReady, this, [&](const MessageBatch &batch) {
        pending->taken(batch.bytes);
        received += quint64(batch.messages.size());
        for (const StreamMessage &message : batch.messages) {
            if (message.sequence <= 1000 || message.sequence > 3000)
                kept.append(message);
        }
    });
    for (quint64 i = 1; i <= Frames; ++i)
        worker.ingestFrame(frame(i));
    QTRY_COMPARE(received, Frames);
    QCOMPARE(kept.size(), 2000);
    for (const StreamMessage &message : std::as_const(kept)) {
        QCOMPARE(message.json, frame(message.sequence));
        QCOMPARE(message.json.constData()[message.json.size()], '\0');
        QCOMPARE(message.extracted.value(0), double(message.sequence));
    }
    worker.shutdown();
}

QTEST_GUILESS_MAIN(TestIngestWorker)
#include "tst_ingestworker.moc"
