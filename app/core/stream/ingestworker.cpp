// SPDX-License-Identifier: MIT
#include "core/stream/ingestworker.h"

#include "core/alerts/alertengine.h"
#include "core/base/gridtimer.h"
#include "core/base/logging.h"
#include "core/connection/websocketconnection.h"
#include "core/monitor/chainintegritychecker.h"
#include "core/stream/fieldcatalogue.h"
#include "core/stream/frameparser.h"
#include "core/stream/ratewindow.h"
#include "core/stream/topiccatalogue.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>
#include <QUrlQuery>

#include <chrono>

namespace allium {

namespace {

// The smallest reservation for a new batch.
constexpr int MinBatchReserve = 16;

// At most a given number of turns per second, handed out in 100 ms windows so that a burst
// does not spend the whole second's budget at once.
class SampleBudget
{
public:
    void setPerSecond(int perSecond) { m_perWindow = perSecond > 0 ? qMax(1, perSecond / 10) : 0; }

    bool take(qint64 nowMs)
    {
        if (m_perWindow == 0)
            return true;
        const qint64 window = nowMs / 100;
        if (window != m_window) {
            m_window = window;
            m_taken = 0;
        }
        if (m_taken >= m_perWindow)
            return false;
        ++m_taken;
        return true;
    }

private:
    int m_perWindow = 0;
    int m_taken = 0;
    qint64 m_window = -1;
};

} // namespace

class IngestWorker::Private
{
public:
    std::shared_ptr<PendingBatches> pending;
    WebSocketConnection *connection = nullptr;
    IngestOptions ingest;

    QByteArray filterData; // empty: no filter
    bool running = false;
    int handshakes = 0;

    std::shared_ptr<WatchedFields> watched = std::make_shared<WatchedFields>();
    // One pool for every stream of the process: a session that ends (a topic switch, each
    // benchmark run) leaves its messages to the store, and their slabs come back to the next.
    std::shared_ptr<SlabPool> slabs = SlabPool::shared();
    // Parses every frame; frames that arrive one by one (QtWebSockets, the benchmark) are also
    // staged by it, into this reused run (the Beast transport stages on its network thread).
    FrameParser parser{watched, slabs};
    ParsedFrames run;
    FieldCatalogue catalogue;
    SampleBudget catalogueBudget;
    qint64 lastFieldsSnapshotMs = 0;

    MessageBatch batch;
    int lastBatchSize = 0;
    QTimer *flushTimer = nullptr;
    GridTimer *statsTimer = nullptr; // every stream reports on one grid: the GUI wakes once
    quint64 sequence = 0;
    StreamStats stats;
    StreamStats lastReported;
    RateWindow rate;
    std::shared_ptr<AlertEngine> alerts;
    QString topic;
    // Every message received (dropped ones too) is checked here, off the GUI thread.
    ChainIntegrityChecker integrity;
};

IngestWorker::IngestWorker(std::shared_ptr<PendingBatches> pending, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->pending = std::move(pending);
    d->catalogueBudget.setPerSecond(d->ingest.catalogueMaxSamplesPerSecond);
    d->flushTimer = new QTimer(this);
    d->flushTimer->setSingleShot(true);
    connect(d->flushTimer, &QTimer::timeout, this, &IngestWorker::flush);
    d->statsTimer = new GridTimer(this);
    connect(d->statsTimer, &GridTimer::timeout, this, [this] {
        watchIntegrity();
        reportStats();
    });

    d->connection = new WebSocketConnection(this);
    d->connection->setFrameProcessorFactory([watched = d->watched, slabs = d->slabs] {
        return std::make_unique<FrameParser>(watched, slabs);
    });
    connect(d->connection, &WebSocketConnection::textReceived, this, &IngestWorker::ingestFrame);
    connect(d->connection, &WebSocketConnection::framesProcessed, this,
            [this](ProcessedFrames *run) { ingestParsed(static_cast<ParsedFrames *>(run)); });
    connect(d->connection, &WebSocketConnection::binaryReceived, this,
            &IngestWorker::ingestBinaryFrame);
    connect(d->connection, &WebSocketConnection::opened, this, &IngestWorker::handleOpened);
    connect(d->connection, &WebSocketConnection::discontinued, this,
            &IngestWorker::handleDiscontinued);
    connect(d->connection, &WebSocketConnection::stateChanged, this, [this](ConnectionState state) {
        emit stateChanged(state, d->connection->attempt(), d->connection->failureReason());
    });
    connect(d->connection, &WebSocketConnection::reconnectScheduled, this,
            &IngestWorker::reconnectScheduled);
    connect(d->connection, &WebSocketConnection::connectionLost, this,
            &IngestWorker::connectionLost);
    connect(d->connection, &WebSocketConnection::closed, this, &IngestWorker::closed);
    connect(d->connection, &WebSocketConnection::pongReceived, this, &IngestWorker::pongReceived);
    connect(d->connection, &WebSocketConnection::eventOccurred, this, &IngestWorker::eventOccurred);
}

IngestWorker::~IngestWorker() = default;

void IngestWorker::configure(const QUrl &url, const QString &apiKey,
                             const ConnectionOptions &options, const IngestOptions &ingest)
{
    d->connection->setUrl(url);
    d->connection->setApiKey(apiKey);
    d->connection->setOptions(options);
    d->ingest = ingest;
    d->ingest.maxBatchMessages = qMax(1, d->ingest.maxBatchMessages);
    d->ingest.maxPendingBatches = qMax(1, d->ingest.maxPendingBatches);
    d->ingest.maxBatchBytes = qMax<qint64>(1, d->ingest.maxBatchBytes);
    d->ingest.maxPendingBytes = qMax<qint64>(1, d->ingest.maxPendingBytes);
    d->catalogue.setSampling(ingest.catalogueSampleAllFirst, ingest.catalogueSampleEvery);
    // A topic switch reopens with a new URL: its fields start from nothing.
    d->topic = QUrlQuery(url).queryItemValue(QStringLiteral("topic"));
    d->catalogue.setTopic(d->topic);
    if (d->alerts)
        d->alerts->setTopic(d->topic);
    if (d->topic != d->integrity.topic()) {
        d->integrity.reset(d->topic, !d->filterData.isEmpty());
        d->rate.restart(TopicCatalogue::rateSpanMs(d->topic), QDateTime::currentMSecsSinceEpoch());
        d->stats.rateSpanMs = d->rate.spanMs();
    }
    d->integrity.setStallAfterMs(ingest.stallAfterMs);
    d->integrity.setLagThresholdMs(ingest.lagThresholdMs);
    d->catalogueBudget.setPerSecond(ingest.catalogueMaxSamplesPerSecond);
}

void IngestWorker::setWatchedFields(const QStringList &paths)
{
    d->watched->set(paths);
}

void IngestWorker::setAlertEngine(std::shared_ptr<AlertEngine> engine)
{
    d->alerts = std::move(engine);
    if (d->alerts && !d->topic.isEmpty())
        d->alerts->setTopic(d->topic);
    if (d->alerts)
        d->alerts->setListening(d->running);
}

void IngestWorker::open()
{
    d->pending->resume(); // a close() before this one may have interrupted waiting
    // An open asked for (a start, a topic switch) is a first connection, not a reconnect.
    d->handshakes = 0;
    if (d->ingest.statsIntervalMs > 0)
        d->statsTimer->start(d->ingest.statsIntervalMs);
    d->connection->open();
}

void IngestWorker::close()
{
    d->connection->close();
    flush();
    reportStats();
    d->statsTimer->stop();
}

void IngestWorker::reconnectNow()
{
    d->connection->reconnectNow();
}

void IngestWorker::setRunning(bool running)
{
    if (running && !d->running)
        d->integrity.noteInterrupted(); // what passed while stopped was not sent
    d->running = running;
    if (d->alerts)
        d->alerts->setListening(running); // a stopped stream is silent by choice
    if (d->connection->state() == ConnectionState::Connected) {
        d->connection->sendText(running ? QByteArrayLiteral(R"({"action":"start"})")
                                        : QByteArrayLiteral(R"({"action":"stop"})"));
    }
}

void IngestWorker::setFilterData(const QByteArray &data)
{
    const QByteArray trimmed = data.trimmed();
    const QByteArray before =
        std::exchange(d->filterData, trimmed == "{}" ? QByteArray() : trimmed);
    if (d->filterData != before) {
        d->integrity.setFiltered(!d->filterData.isEmpty());
        d->integrity.noteInterrupted(); // another filter passes other numbers
    }
    if (d->connection->state() == ConnectionState::Connected) {
        d->connection->sendText(
            QByteArrayLiteral(R"({"action":"setFilter","data":)") +
            (d->filterData.isEmpty() ? QByteArrayLiteral("{}") : d->filterData) + '}');
    }
}

void IngestWorker::sendRaw(const QByteArray &frame)
{
    d->connection->sendText(frame);
}

void IngestWorker::requestFields()
{
    emit fieldsReady(d->catalogue.snapshot(), false);
}

void IngestWorker::shutdown()
{
    d->flushTimer->stop();
    d->statsTimer->stop();
    delete d->connection;
    d->connection = nullptr;
}

void IngestWorker::handleOpened()
{
    if (++d->handshakes > 1)
        ++d->stats.reconnects;
    // Whatever passed since the previous connection (a reconnect, a close and open) is an
    // outage, not a fault of the data.
    d->integrity.noteInterrupted();
    // A new connection knows nothing of the previous one: the filter first, so that no
    // unfiltered message slips in, then start.
    if (!d->filterData.isEmpty()) {
        d->connection->sendText(QByteArrayLiteral(R"({"action":"setFilter","data":)") +
                                d->filterData + '}');
    }
    if (d->running)
        d->connection->sendText(QByteArrayLiteral(R"({"action":"start"})"));
    reportStats(); // the new connection's compression, known before opened() arrives
    emit opened();
    emit resubscribed();
}

void IngestWorker::handleDiscontinued()
{
    // What came before goes out on its own; what the consumer has no room for is from before
    // the jump, which the views are about to drop anyway.
    flush();
    d->batch.messages.clear();
    d->batch.bytes = 0;
    d->batch.startsOver = true;
    d->integrity.noteDiscontinuity(); // a jump back is no reorg, a jump ahead no gap
    if (!d->flushTimer->isActive())
        d->flushTimer->start(d->ingest.batchIntervalMs);
}

void IngestWorker::ingestFrame(const QByteArray &frame)
{
    d->parser.stage(d->run, frame.constData(), std::size_t(frame.size()));
    ingestParsed(&d->run);
    d->run.clear();
}

void IngestWorker::ingestParsed(ParsedFrames *run)
{
    d->parser.parseStaged(*run);
    // µs for recordings (whose replay keeps the pacing); the rest of the app counts in ms.
    const qint64 nowUs = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    const qint64 nowMs = nowUs / 1000;
    // A replayed frame carries when the recording received it: the integrity check judges lag
    // and silences on that clock (a replay hands frames over one at a time).
    const qint64 recordedUs = d->connection ? d->connection->recordedTimeUs() : -1;
    const qint64 recordedMs = recordedUs >= 0 ? recordedUs / 1000 : -1;
    d->stats.bytes += run->bytes;
    d->rate.add(nowMs, run->frames, run->bytes);

    if (run->parseErrors > 0) {
        d->stats.parseErrors += run->parseErrors;
        qCDebug(lcIngest) << "skipped" << run->parseErrors << "frame(s) that are not a JSON object;"
                          << d->stats.parseErrors << "so far";
    }
    if (run->serverErrors > 0) {
        // Counted and kept as "N errors, last: …" in the batch: a flood of error frames costs
        // a counter, not a queued signal each.
        d->stats.serverErrors += run->serverErrors;
        d->batch.serverErrors += run->serverErrors;
        d->batch.lastServerError = run->lastServerError;
        if (!d->flushTimer->isActive())
            d->flushTimer->start(d->ingest.batchIntervalMs);
    }

    const int maxBatch = d->ingest.maxBatchMessages;
    for (StreamMessage &parsed : run->messages) {
        // Rules and the check see every message, before it can be dropped: the sequence is the
        // one it gets.
        d->integrity.check(parsed.json, nowMs, d->sequence + 1, recordedMs);
        if (d->alerts)
            d->alerts->noteMessage(parsed.json, nowMs, d->sequence + 1);
        if (batchIsFull() && !handOverFullBatch()) {
            // The consumer holds as much as it may already and this batch is full: drop rather
            // than grow without bound.
            dropFrame();
            continue;
        }
        // One batch-sized block, not one growth step after another; sized after the previous
        // batch so that a trickle does not reserve room for maxBatch messages every time.
        // (Not qBound: a batch size below MinBatchReserve is allowed and breaks its min <= max.)
        if (d->batch.messages.isEmpty())
            d->batch.messages.reserve(qMin(maxBatch, qMax(MinBatchReserve, d->lastBatchSize)));
        StreamMessage &message = d->batch.messages.emplaceBack(std::move(parsed));
        message.receivedAtMs = nowMs;
        message.receivedAtUs = nowUs;
        message.sequence = ++d->sequence;
        // The first messages all go in (the catalogue fills at once); the budget applies after.
        // A sampled message is parsed again here: a few hundred a second at most.
        const bool early =
            d->catalogue.offeredMessages() < quint64(d->ingest.catalogueSampleAllFirst);
        if (d->catalogue.takeSampleTurn() && (early || d->catalogueBudget.take(nowMs)))
            d->catalogue.addMessage(message.json);

        ++d->stats.messages;
        d->stats.lastMessageAtMs = nowMs;
        d->batch.bytes += message.footprintBytes();
        if (batchIsFull())
            flush();
    }
    collectIntegrityEvents();
    if (!batchIsFull() && !d->flushTimer->isActive() &&
        (!d->batch.messages.isEmpty() || d->batch.serverErrors > 0)) {
        d->flushTimer->start(d->ingest.batchIntervalMs);
    }
}

StreamStats IngestWorker::snapshotStats()
{
    d->rate.rates(QDateTime::currentMSecsSinceEpoch(), &d->stats.messagesPerSecond,
                  &d->stats.bytesPerSecond);
    if (d->connection)
        d->stats.traffic = d->connection->traffic();
    d->stats.integrity = d->integrity.snapshot();
    return d->stats;
}

void IngestWorker::watchIntegrity()
{
    const bool listening =
        d->running && d->connection && d->connection->state() == ConnectionState::Connected;
    d->integrity.checkStall(QDateTime::currentMSecsSinceEpoch(), listening);
    collectIntegrityEvents();
}

bool IngestWorker::moveIntegrityEvents()
{
    // Into the batch that holds the messages that revealed them; the checker keeps (and then
    // counts) what does not fit while the consumer is behind.
    if (!d->integrity.hasEvents() ||
        d->batch.integrityEvents.size() >= MessageBatch::MaxIntegrityEvents)
        return false;
    d->batch.integrityEvents.append(d->integrity.takeEvents());
    return true;
}

void IngestWorker::collectIntegrityEvents()
{
    if (moveIntegrityEvents() && !d->flushTimer->isActive())
        d->flushTimer->start(d->ingest.batchIntervalMs);
}

bool IngestWorker::handOverFullBatch()
{
    // Without dropping, this thread waits for the consumer: it reads no more frames meanwhile,
    // so the transport's bounded buffer fills and TCP pushes back on the server.
    if (!d->ingest.dropWhenBehind &&
        !d->pending->waitForRoom(d->batch.bytes, d->ingest.maxPendingBatches,
                                 d->ingest.maxPendingBytes)) {
        return false; // the session is closing
    }
    flush();
    return !batchIsFull();
}

bool IngestWorker::batchIsFull() const
{
    return d->batch.messages.size() >= d->ingest.maxBatchMessages ||
           d->batch.bytes >= d->ingest.maxBatchBytes;
}

void IngestWorker::dropFrame()
{
    // The sequence still advances so that the gap is visible downstream.
    if (d->stats.drops++ == 0)
        qCInfo(lcIngest) << "the consumer is behind: dropping (and counting) messages";
    ++d->sequence;
}

void IngestWorker::ingestBinaryFrame(qint64 size)
{
    d->stats.bytes += quint64(qMax<qint64>(0, size));
    ++d->stats.binaryFrames;
}

void IngestWorker::flush()
{
    moveIntegrityEvents();
    if (d->batch.messages.isEmpty() && d->batch.serverErrors == 0 &&
        d->batch.integrityEvents.isEmpty() && !d->batch.startsOver)
        return;
    if (!d->pending->hasRoomFor(d->batch.bytes, d->ingest.maxPendingBatches,
                                d->ingest.maxPendingBytes)) {
        // The consumer is behind; keep filling this batch (dropping once full) and look again.
        d->flushTimer->start(d->ingest.batchIntervalMs);
        return;
    }
    d->flushTimer->stop();

    MessageBatch out;
    std::swap(out, d->batch);
    d->lastBatchSize = int(out.messages.size());
    out.stats = snapshotStats();
    const bool newFields = d->catalogue.takeNewFields();
    const qint64 nowMs = out.stats.lastMessageAtMs;
    // Ranges and presence move with every sample; a snapshot per second is plenty for them.
    if (newFields || (d->catalogue.takeChanged() && nowMs - d->lastFieldsSnapshotMs >= 1000)) {
        out.fields = d->catalogue.snapshot();
        out.fieldsChanged = true;
        out.newFieldsAdded = newFields;
        d->lastFieldsSnapshotMs = nowMs;
    }
    d->lastReported = out.stats;
    d->pending->handedOver(out.bytes);
    emit batchReady(out);
}

void IngestWorker::reportStats()
{
    const StreamStats stats = snapshotStats();
    const StreamStats &last = d->lastReported;
    if (stats.messages == last.messages && stats.bytes == last.bytes &&
        stats.parseErrors == last.parseErrors && stats.drops == last.drops &&
        stats.binaryFrames == last.binaryFrames && stats.serverErrors == last.serverErrors &&
        stats.reconnects == last.reconnects && stats.messagesPerSecond == last.messagesPerSecond &&
        stats.bytesPerSecond == last.bytesPerSecond &&
        stats.traffic.wireBytesIn == last.traffic.wireBytesIn &&
        stats.traffic.compression == last.traffic.compression &&
        stats.integrity.events() == last.integrity.events() &&
        stats.integrity.lastLagMs == last.integrity.lastLagMs) {
        return;
    }
    d->lastReported = stats;
    emit statsUpdated(stats);
}

} // namespace allium
