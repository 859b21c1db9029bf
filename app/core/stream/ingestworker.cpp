// SPDX-License-Identifier: MIT
#include "core/stream/ingestworker.h"

#include "core/base/logging.h"
#include "core/connection/websocketconnection.h"
#include "core/json/numerictext.h"
#include "core/stream/fieldcatalogue.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTimer>

#include <simdjson.h>

#include <array>
#include <charconv>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace allium {

namespace {

// The conversion buffer is kept between frames up to this size, and given back beyond it.
constexpr std::size_t MaxRetainedBufferBytes = 4u * 1024 * 1024;

// The smallest reservation for a new batch.
constexpr int MinBatchReserve = 16;

// Counts over the last second in 100 ms buckets; the rate is the sum of the ten complete
// buckets before the current one, so it does not dip while the current one fills.
class RateWindow
{
public:
    void add(qint64 nowMs, quint64 frames, quint64 bytes)
    {
        advance(nowMs);
        m_frames[m_current % Buckets] += frames;
        m_bytes[m_current % Buckets] += bytes;
    }
    void rates(qint64 nowMs, double *framesPerSecond, double *bytesPerSecond)
    {
        advance(nowMs);
        quint64 frames = 0;
        quint64 bytes = 0;
        for (qint64 i = 1; i < Buckets; ++i) {
            frames += m_frames[(m_current - i) % Buckets];
            bytes += m_bytes[(m_current - i) % Buckets];
        }
        // Nine complete buckets are 0.9 s.
        *framesPerSecond = double(frames) / 0.9;
        *bytesPerSecond = double(bytes) / 0.9;
    }

private:
    static constexpr qint64 Buckets = 10;
    static constexpr qint64 BucketMs = 100;

    void advance(qint64 nowMs)
    {
        const qint64 bucket = nowMs / BucketMs;
        if (bucket <= m_current) {
            if (bucket < m_current - Buckets) // the wall clock jumped back: start over
                reset(bucket);
            return;
        }
        if (bucket - m_current >= Buckets) {
            reset(bucket);
            return;
        }
        while (m_current < bucket) {
            ++m_current;
            m_frames[m_current % Buckets] = 0;
            m_bytes[m_current % Buckets] = 0;
        }
    }
    void reset(qint64 bucket)
    {
        m_frames.fill(0);
        m_bytes.fill(0);
        m_current = bucket;
    }

    std::array<quint64, Buckets> m_frames{};
    std::array<quint64, Buckets> m_bytes{};
    qint64 m_current = 0;
};

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

// "payload.coin" -> {"payload", "coin"}: split once, not parsed again as a JSON pointer for
// every message (that showed up in the profile).
using KeyPath = std::vector<std::string>;

KeyPath keyPath(const QString &dotPath)
{
    KeyPath keys;
    for (const QByteArray &part : dotPath.toUtf8().split('.'))
        keys.emplace_back(part.constData(), std::size_t(part.size()));
    return keys;
}

// The value at path: object members by key, array elements by a decimal index ("logs.0.address").
bool lookUp(simdjson::dom::element element, const KeyPath &path, simdjson::dom::element *value)
{
    for (const std::string &key : path) {
        simdjson::dom::object object;
        simdjson::dom::array array;
        if (element.get_object().get(object) == simdjson::SUCCESS) {
            if (object.at_key(key).get(element) != simdjson::SUCCESS)
                return false;
        } else if (element.get_array().get(array) == simdjson::SUCCESS) {
            std::size_t index = 0;
            const auto result = std::from_chars(key.data(), key.data() + key.size(), index);
            if (key.empty() || result.ec != std::errc() || result.ptr != key.data() + key.size() ||
                array.at(index).get(element) != simdjson::SUCCESS) {
                return false;
            }
        } else {
            return false;
        }
    }
    *value = element;
    return true;
}

double numericValue(const simdjson::dom::element &value)
{
    switch (value.type()) {
    case simdjson::dom::element_type::INT64:
        return double(value.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
        return double(value.get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE:
        return value.get_double().value_unsafe();
    case simdjson::dom::element_type::BOOL:
        return value.get_bool().value_unsafe() ? 1.0 : 0.0;
    case simdjson::dom::element_type::STRING: {
        const std::string_view text = value.get_string().value_unsafe();
        double number = 0;
        if (parseDecimalText(text, &number))
            return number;
        // Block numbers and quantities in hex ("0x12a05f200") fit a double's range.
        if (text.size() > 2 && text.size() <= 18 && text[0] == '0' &&
            (text[1] == 'x' || text[1] == 'X')) {
            quint64 hex = 0;
            const auto result =
                std::from_chars(text.data() + 2, text.data() + text.size(), hex, 16);
            if (result.ec == std::errc() && result.ptr == text.data() + text.size())
                return double(hex);
        }
        return std::numeric_limits<double>::quiet_NaN();
    }
    default:
        return std::numeric_limits<double>::quiet_NaN();
    }
}

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

    simdjson::dom::parser parser;
    std::string padded; // the frame as UTF-8, with simdjson's padding after it
    std::vector<KeyPath> watchedPaths;
    FieldCatalogue catalogue;
    SampleBudget catalogueBudget;
    qint64 lastFieldsSnapshotMs = 0;

    MessageBatch batch;
    int lastBatchSize = 0;
    QTimer *flushTimer = nullptr;
    QTimer *statsTimer = nullptr;
    quint64 sequence = 0;
    StreamStats stats;
    StreamStats lastReported;
    RateWindow rate;
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
    d->statsTimer = new QTimer(this);
    connect(d->statsTimer, &QTimer::timeout, this, &IngestWorker::reportStats);

    d->connection = new WebSocketConnection(this);
    connect(d->connection, &WebSocketConnection::textReceived, this, &IngestWorker::ingestFrame);
    connect(d->connection, &WebSocketConnection::binaryReceived, this,
            &IngestWorker::ingestBinaryFrame);
    connect(d->connection, &WebSocketConnection::opened, this, &IngestWorker::handleOpened);
    connect(d->connection, &WebSocketConnection::stateChanged, this, [this](ConnectionState state) {
        emit stateChanged(state, d->connection->attempt(), d->connection->failureReason());
    });
    connect(d->connection, &WebSocketConnection::reconnectScheduled, this,
            &IngestWorker::reconnectScheduled);
    connect(d->connection, &WebSocketConnection::connectionLost, this,
            &IngestWorker::connectionLost);
    connect(d->connection, &WebSocketConnection::closed, this, &IngestWorker::closed);
    connect(d->connection, &WebSocketConnection::pongReceived, this, &IngestWorker::pongReceived);
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
    d->catalogueBudget.setPerSecond(ingest.catalogueMaxSamplesPerSecond);
}

void IngestWorker::setWatchedFields(const QStringList &paths)
{
    d->watchedPaths.clear();
    for (const QString &path : paths)
        d->watchedPaths.push_back(keyPath(path));
}

void IngestWorker::open()
{
    d->pending->resume(); // a close() before this one may have interrupted waiting
    if (d->ingest.statsIntervalMs > 0)
        d->statsTimer->start(d->ingest.statsIntervalMs);
    // A new open() (another topic, another endpoint) starts a new connection, not a
    // reconnect: only handshakes after this one count as reconnects.
    d->handshakes = 0;
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
    d->running = running;
    if (d->connection->state() == ConnectionState::Connected) {
        d->connection->sendText(running ? QByteArrayLiteral(R"({"action":"start"})")
                                        : QByteArrayLiteral(R"({"action":"stop"})"));
    }
}

void IngestWorker::setFilterData(const QByteArray &data)
{
    const QByteArray trimmed = data.trimmed();
    d->filterData = trimmed == "{}" ? QByteArray() : trimmed;
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

void IngestWorker::ingestFrame(const QByteArray &frame)
{
    // Into the reused buffer that simdjson reads, with its padding after the text.
    const auto length = std::size_t(frame.size());
    if (d->padded.size() < length + simdjson::SIMDJSON_PADDING)
        d->padded.resize(length + simdjson::SIMDJSON_PADDING);
    char *const utf8 = d->padded.data();
    std::memcpy(utf8, frame.constData(), length);
    // One huge frame must not pin its buffers for the rest of the session (on every return,
    // after the last use of the parsed document).
    const auto releaseLargeBuffers = qScopeGuard([this] {
        if (d->padded.size() > MaxRetainedBufferBytes)
            std::string().swap(d->padded);
        if (d->parser.capacity() > MaxRetainedBufferBytes)
            d->parser = simdjson::dom::parser();
    });

    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    d->stats.bytes += length;
    d->rate.add(nowMs, 1, length);

    if (batchIsFull() && !handOverFullBatch()) {
        // The consumer holds as much as it may already and this batch is full: drop rather than
        // grow without bound.
        dropFrame();
        return;
    }

    simdjson::dom::element root;
    simdjson::dom::object object;
    if (d->parser.parse(utf8, length, false).get(root) != simdjson::SUCCESS ||
        root.get_object().get(object) != simdjson::SUCCESS) {
        ++d->stats.parseErrors;
        qCDebug(lcIngest) << "skipped a frame that is not a JSON object;" << d->stats.parseErrors
                          << "so far";
        return;
    }

    // A server error or acknowledgement is a small envelope {"status":…,"data":…}; data
    // messages can have a "status" field too, so the envelope's shape is checked as well.
    std::string_view status;
    if (object.size() <= 3 && object["status"].get_string().get(status) == simdjson::SUCCESS &&
        object["data"].error() == simdjson::SUCCESS) {
        if (status == "error") {
            // Counted and kept as "N errors, last: …" in the batch: a flood of error frames
            // costs a counter, not a queued signal each.
            ++d->stats.serverErrors;
            ++d->batch.serverErrors;
            const simdjson::dom::element data = object["data"].value_unsafe();
            std::string_view message;
            std::string minified;
            if (data.get_string().get(message) != simdjson::SUCCESS) {
                minified = simdjson::minify(data);
                message = minified;
            }
            // Characters take at most 4 bytes; QString::fromUtf8 marks a cut sequence with U+FFFD.
            message = message.substr(0, std::size_t(4 * MessageBatch::MaxServerErrorLength));
            d->batch.lastServerError = QString::fromUtf8(message.data(), qsizetype(message.size()))
                                           .left(MessageBatch::MaxServerErrorLength);
            if (!d->flushTimer->isActive())
                d->flushTimer->start(d->ingest.batchIntervalMs);
            return;
        }
        if (status == "success")
            return;
    }

    // One batch-sized block, not one growth step after another; sized after the previous batch
    // so that a trickle does not reserve room for maxBatch messages every time.
    const int maxBatch = d->ingest.maxBatchMessages;
    // (Not qBound: a batch size below MinBatchReserve is allowed and breaks its min <= max.)
    if (d->batch.messages.isEmpty())
        d->batch.messages.reserve(qMin(maxBatch, qMax(MinBatchReserve, d->lastBatchSize)));
    StreamMessage &message = d->batch.messages.emplaceBack();
    // One JSON document per line downstream (NDJSON output and export): a frame that spreads
    // over several lines is kept compact. Exactly sized either way: it may be kept long. So a
    // frame sized exactly (as the Beast transport makes them) is shared, not copied; one with
    // room to spare (QString::toUtf8() reserves for the worst case) or raw data (no capacity) is
    // copied to its size.
    if (std::memchr(utf8, '\n', length) || std::memchr(utf8, '\r', length))
        message.json = QByteArray::fromStdString(simdjson::minify(root));
    else if (frame.capacity() == frame.size())
        message.json = frame;
    else
        message.json = QByteArray(utf8, qsizetype(length));
    message.receivedAtMs = nowMs;
    message.sequence = ++d->sequence;
    if (!d->watchedPaths.empty()) {
        message.extracted.resize(qsizetype(d->watchedPaths.size()));
        for (std::size_t i = 0; i < d->watchedPaths.size(); ++i) {
            simdjson::dom::element value;
            message.extracted[qsizetype(i)] = lookUp(root, d->watchedPaths[i], &value)
                                                  ? numericValue(value)
                                                  : std::numeric_limits<double>::quiet_NaN();
        }
    }
    // The first messages all go in (the catalogue fills at once); the budget applies after.
    const bool early = d->catalogue.offeredMessages() < quint64(d->ingest.catalogueSampleAllFirst);
    if (d->catalogue.takeSampleTurn() && (early || d->catalogueBudget.take(nowMs)))
        d->catalogue.addParsed(root);

    ++d->stats.messages;
    d->stats.lastMessageAtMs = nowMs;
    d->batch.bytes += message.footprintBytes();

    if (batchIsFull())
        flush();
    else if (!d->flushTimer->isActive())
        d->flushTimer->start(d->ingest.batchIntervalMs);
}

StreamStats IngestWorker::snapshotStats()
{
    d->rate.rates(QDateTime::currentMSecsSinceEpoch(), &d->stats.messagesPerSecond,
                  &d->stats.bytesPerSecond);
    if (d->connection)
        d->stats.traffic = d->connection->traffic();
    return d->stats;
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
    if (d->batch.messages.isEmpty() && d->batch.serverErrors == 0)
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
        stats.traffic.compression == last.traffic.compression) {
        return;
    }
    d->lastReported = stats;
    emit statsUpdated(stats);
}

} // namespace allium
