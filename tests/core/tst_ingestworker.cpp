// SPDX-License-Identifier: MIT
#include "core/stream/ingestworker.h"

#include <QTest>

#include <memory>

using namespace allium;

// The worker half of a stream session, driven through ingestFrame() as the socket drives it.
class TestIngestWorker : public QObject
{
    Q_OBJECT

private slots:
    void batchesNeverExceedTheConfiguredSize_data();
    void batchesNeverExceedTheConfiguredSize();
};

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

QTEST_GUILESS_MAIN(TestIngestWorker)
#include "tst_ingestworker.moc"
