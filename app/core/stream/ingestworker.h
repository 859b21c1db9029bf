// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionevent.h"
#include "core/connection/connectionoptions.h"
#include "core/connection/connectionstate.h"
#include "core/stream/fieldinfo.h"
#include "core/stream/ingestoptions.h"
#include "core/stream/messagebatch.h"
#include "core/stream/pendingbatches.h"
#include "core/stream/streamstats.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace allium {

class AlertEngine;
class WebSocketConnection;
struct ParsedFrames;

/// The worker-thread half of a StreamSession: owns the WebSocketConnection, parses and validates
/// every frame with simdjson, extracts the watched numbers, samples the field catalogue and hands
/// messages over in batches, dropping (and counting) when the consumer lags, or waiting for it
/// (IngestOptions::dropWhenBehind). Only this object
/// touches the socket; every method runs in its thread (StreamSession queues the calls).
class IngestWorker : public QObject
{
    Q_OBJECT
public:
    /// pending is shared with the consumer side, which calls taken() for every batch it takes.
    explicit IngestWorker(std::shared_ptr<PendingBatches> pending, QObject *parent = nullptr);
    ~IngestWorker() override;

    void configure(const QUrl &url, const QString &apiKey, const ConnectionOptions &options,
                   const IngestOptions &ingest);
    /// Dot paths whose values fill StreamMessage::extracted, in this order.
    void setWatchedFields(const QStringList &paths);

    /// Alert rules that see every message received (also those dropped when the consumer is
    /// behind), on this thread; null: none. Its topic follows configure().
    void setAlertEngine(std::shared_ptr<allium::AlertEngine> engine);

    void open();
    void close();
    void reconnectNow();
    /// The desired stream state, re-sent after every (re)connect.
    void setRunning(bool running);
    /// The `data` of setFilter as JSON text; empty or "{}" clears the filter.
    void setFilterData(const QByteArray &data);
    /// Sends a text frame as is (diagnostics and tests); not remembered for reconnects.
    void sendRaw(const QByteArray &frame);
    void requestFields();
    /// Closes the connection and stops the timers; call before the thread ends.
    void shutdown();

    /// Entry point of one text frame (public so the benchmark can drive it without a socket).
    void ingestFrame(const QByteArray &frame);
    /// Entry point of frames a FrameParser staged (on the Beast transport's network thread):
    /// parses them and takes the messages out of `run`.
    void ingestParsed(allium::ParsedFrames *run);
    /// A binary frame: the service sends text only, so it is counted and skipped.
    void ingestBinaryFrame(qint64 size);

signals:
    void stateChanged(allium::ConnectionState state, int attempt, const QString &failureReason);
    void reconnectScheduled(int attempt, int delayMs);
    void connectionLost(const QString &reason);
    void closed(int closeCode, const QString &reason);
    void pongReceived(int latencyMs);
    void opened();
    void resubscribed();
    /// The connection's own notes (a retry without compression, a reconnect asked for).
    void eventOccurred(allium::ConnectionEventKind kind, const QString &text);
    void batchReady(const allium::MessageBatch &batch);
    void statsUpdated(const allium::StreamStats &stats);
    void fieldsReady(const QVector<allium::FieldInfo> &fields, bool newFieldsAdded);

private:
    void handleOpened();
    /// The transport jumped (a replay's seek or loop).
    void handleDiscontinued();
    void flush();
    bool batchIsFull() const;
    /// Hands the full batch over, first waiting for room unless dropWhenBehind; false when it
    /// could not (the frame is then dropped).
    bool handOverFullBatch();
    void dropFrame();
    void reportStats();
    StreamStats snapshotStats();
    /// The stall watchdog, on the stats timer.
    void watchIntegrity();
    /// Moves the integrity check's events into the batch; false when there were none (or no
    /// room).
    bool moveIntegrityEvents();
    /// … and schedules the batch's hand-over.
    void collectIntegrityEvents();

    class Private;
    std::unique_ptr<Private> d;
};

} // namespace allium
