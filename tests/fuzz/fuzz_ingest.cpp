// SPDX-License-Identifier: MIT
// Fuzzes the stream ingest path as frames from a server reach it: IngestWorker::ingestFrame
// (simdjson parse, envelope detection, extraction of watched fields) and the field catalogue
// fed from the parsed documents, read back as the GUI reads it. The input holds one or more
// frames separated by 0xFF (never part of UTF-8); with two or more parts, the first is the list
// of watched field paths, separated by commas.
#include "core/stream/ingestoptions.h"
#include "core/stream/ingestworker.h"
#include "core/stream/pendingbatches.h"
#include "fuzzsupport.h"

#include <QByteArray>
#include <QList>
#include <QUrl>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>

using namespace allium;

namespace {

constexpr int MaxWatchedFields = 8;

void readFields(const QVector<FieldInfo> &fields)
{
    for (const FieldInfo &field : fields) {
        (void)field.typeText();
        fuzz::require(field.presenceRatio >= 0 && field.presenceRatio <= 1,
                      "presence ratio between 0 and 1");
        fuzz::require(!field.hasRange || field.min <= field.max, "range minimum <= maximum");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = fuzz::bytesOf(data, size);
    QList<QByteArray> frames = bytes.split('\xff');

    QStringList watched{QStringLiteral("number"), QStringLiteral("payload.px"),
                        QStringLiteral("logs.0.address"), QStringLiteral("data.0.price")};
    if (frames.size() >= 2) {
        watched.clear();
        const QList<QByteArray> paths = frames.takeFirst().split(',');
        for (const QByteArray &path : paths.mid(0, MaxWatchedFields))
            watched.append(QString::fromUtf8(path));
    }

    auto pending = std::make_shared<PendingBatches>();
    IngestWorker worker(pending);
    IngestOptions options;
    options.maxBatchMessages = 1; // every message is handed over at once, without the timer
    options.catalogueSampleAllFirst = 1000;
    options.catalogueMaxSamplesPerSecond = 0;
    worker.configure(QUrl(QStringLiteral("ws://127.0.0.1:9/stream")), QString(), {}, options);
    worker.setWatchedFields(watched);

    qsizetype received = 0;
    QObject::connect(&worker, &IngestWorker::batchReady, &worker, [&](const MessageBatch &batch) {
        for (const StreamMessage &message : batch.messages) {
            fuzz::require(message.extracted.size() == watched.size(),
                          "one extracted value per watched field");
            (void)message.footprintBytes();
        }
        received += batch.messages.size();
        readFields(batch.fields);
        fuzz::require(pending->bytes.load() >= batch.bytes, "a batch's bytes are counted pending");
        pending->taken(batch.bytes);
    });
    QObject::connect(&worker, &IngestWorker::fieldsReady, &worker,
                     [](const QVector<FieldInfo> &fields, bool) { readFields(fields); });

    for (const QByteArray &frame : std::as_const(frames))
        worker.ingestFrame(frame);
    fuzz::require(received <= frames.size(), "no more messages than frames");
    worker.requestFields();
    worker.shutdown();
    return 0;
}
