// SPDX-License-Identifier: MIT
#include "core/stream/streamsession.h"

#include "core/stream/ingestworker.h"

#include <QMetaObject>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

namespace allium {

namespace {

void registerMetaTypes()
{
    qRegisterMetaType<allium::ConnectionState>();
    qRegisterMetaType<allium::MessageBatch>();
    qRegisterMetaType<allium::StreamStats>();
    qRegisterMetaType<allium::FieldInfo>();
    qRegisterMetaType<QVector<allium::FieldInfo>>();
    qRegisterMetaType<allium::IntegrityEvent>();
}

} // namespace

StreamSession::StreamSession(QObject *parent)
    : ConnectionStatusSource(parent)
    , m_pending(std::make_shared<PendingBatches>())
{
    registerMetaTypes();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("allium-ingest"));
    m_worker = new IngestWorker(m_pending);
    m_worker->moveToThread(m_thread);

    // Every worker signal crosses threads, so these connections are queued.
    connect(m_worker, &IngestWorker::stateChanged, this,
            [this](ConnectionState state, int attempt, const QString &reason) {
                m_state = state;
                m_attempt = attempt;
                m_failureReason = reason;
                if (state == ConnectionState::Failed)
                    m_lastError = reason;
                else if (state == ConnectionState::Connected)
                    m_lastError.clear();
                emit stateChanged(state);
                if (state == ConnectionState::Failed)
                    emit failed(reason);
            });
    connect(m_worker, &IngestWorker::reconnectScheduled, this, [this](int attempt, int delayMs) {
        m_attempt = attempt;
        m_retryDelayMs = delayMs;
        m_retryClock.start();
        emit reconnectScheduled(attempt, delayMs);
    });
    connect(m_worker, &IngestWorker::connectionLost, this, [this](const QString &reason) {
        m_lastError = reason;
        emit connectionLost(reason);
    });
    connect(m_worker, &IngestWorker::closed, this, &StreamSession::closed);
    connect(m_worker, &IngestWorker::pongReceived, this, [this](int latencyMs) {
        m_lastPongLatencyMs = latencyMs;
        emit pongReceived(latencyMs);
    });
    connect(m_worker, &IngestWorker::opened, this, &StreamSession::opened);
    connect(m_worker, &IngestWorker::eventOccurred, this, &StreamSession::eventOccurred);
    connect(m_worker, &IngestWorker::resubscribed, this, [this] {
        emit resubscribed();
        emit eventOccurred(ConnectionEventKind::Resubscribed,
                           m_running ? tr("filter and start sent") : tr("filter sent (stopped)"));
    });
    connect(m_worker, &IngestWorker::batchReady, this, &StreamSession::handleBatch);
    connect(m_worker, &IngestWorker::statsUpdated, this, [this](const StreamStats &stats) {
        m_stats = stats;
        reportStats();
    });
    m_statsDelay = new QTimer(this);
    m_statsDelay->setSingleShot(true);
    connect(m_statsDelay, &QTimer::timeout, this, &StreamSession::reportStats);
    connect(m_worker, &IngestWorker::fieldsReady, this,
            [this](const QVector<FieldInfo> &fields, bool newFieldsAdded) {
                const bool grew = fields.size() != m_fields.size();
                m_fields = fields;
                if (newFieldsAdded || grew)
                    emit fieldsChanged();
            });
    m_thread->start();
}

StreamSession::~StreamSession()
{
    // A worker waiting for room that this side will never make would block the call below.
    m_pending->interrupt();
    // The socket belongs to the worker thread: it is closed there before the thread stops.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

template <typename Function>
void StreamSession::post(Function &&function)
{
    QMetaObject::invokeMethod(m_worker, std::forward<Function>(function), Qt::QueuedConnection);
}

void StreamSession::setUrl(const QUrl &url)
{
    const QString before = topic();
    m_url = url;
    // The worker forgets the old topic's fields on open(); so does this copy, at once.
    if (topic() != before)
        m_fields.clear();
}

QUrl StreamSession::url() const
{
    return m_url;
}

QString StreamSession::topic() const
{
    return QUrlQuery(m_url).queryItemValue(QStringLiteral("topic"), QUrl::FullyDecoded);
}

void StreamSession::setApiKey(const QString &key)
{
    m_apiKey = key;
}

void StreamSession::setConnectionOptions(const ConnectionOptions &options)
{
    m_connectionOptions = options;
}

ConnectionOptions StreamSession::connectionOptions() const
{
    return m_connectionOptions;
}

void StreamSession::setIngestOptions(const IngestOptions &options)
{
    m_ingestOptions = options;
}

IngestOptions StreamSession::ingestOptions() const
{
    return m_ingestOptions;
}

void StreamSession::setWatchedFields(const QStringList &paths)
{
    m_watchedFields = paths;
    post([worker = m_worker, paths] { worker->setWatchedFields(paths); });
}

QStringList StreamSession::watchedFields() const
{
    return m_watchedFields;
}

void StreamSession::setAlertEngine(std::shared_ptr<AlertEngine> engine)
{
    m_alertEngine = engine;
    post([worker = m_worker, engine] { worker->setAlertEngine(engine); });
}

ConnectionState StreamSession::state() const
{
    return m_state;
}

int StreamSession::attempt() const
{
    return m_attempt;
}

qint64 StreamSession::msUntilRetry() const
{
    if (m_state != ConnectionState::Reconnecting || !m_retryClock.isValid())
        return -1;
    return qMax<qint64>(0, m_retryDelayMs - m_retryClock.elapsed());
}

QString StreamSession::failureReason() const
{
    return m_state == ConnectionState::Failed ? m_failureReason : QString();
}

QString StreamSession::lastError() const
{
    return m_lastError;
}

int StreamSession::lastPongLatencyMs() const
{
    return m_lastPongLatencyMs;
}

TransportTraffic StreamSession::traffic() const
{
    return m_stats.traffic;
}

bool StreamSession::isRunning() const
{
    return m_running;
}

Filter StreamSession::filter() const
{
    return m_filter;
}

StreamStats StreamSession::stats() const
{
    return m_stats;
}

QVector<FieldInfo> StreamSession::fields() const
{
    return m_fields;
}

void StreamSession::open()
{
    m_lastError.clear();
    post([worker = m_worker, url = m_url, key = m_apiKey, options = m_connectionOptions,
          ingest = m_ingestOptions] {
        worker->configure(url, key, options, ingest);
        worker->open();
    });
}

void StreamSession::close()
{
    m_lastError.clear();
    // A worker waiting for the consumer (IngestOptions::dropWhenBehind off) stops waiting, so
    // that it gets to the close; open() lets it wait again.
    m_pending->interrupt();
    post([worker = m_worker] { worker->close(); });
}

void StreamSession::reconnectNow()
{
    post([worker = m_worker] { worker->reconnectNow(); });
}

void StreamSession::start()
{
    m_running = true;
    post([worker = m_worker] { worker->setRunning(true); });
}

void StreamSession::stop()
{
    m_running = false;
    post([worker = m_worker] { worker->setRunning(false); });
}

void StreamSession::setFilter(const Filter &filter)
{
    m_filter = filter;
    setFilterJson(filter.isEmpty() ? QByteArrayLiteral("{}") : filter.toJsonText());
}

void StreamSession::setFilterJson(const QByteArray &data)
{
    post([worker = m_worker, data] { worker->setFilterData(data); });
}

void StreamSession::sendRawText(const QByteArray &frame)
{
    post([worker = m_worker, frame] { worker->sendRaw(frame); });
}

void StreamSession::requestFields()
{
    post([worker = m_worker] { worker->requestFields(); });
}

// Every batch carries stats; reported each time, a trickle of small batches redrew every
// readout (and re-laid out the status bar) some fifteen times a second.
void StreamSession::reportStats()
{
    const int interval = qMax(0, m_ingestOptions.statsIntervalMs);
    if (m_statsReported.isValid() && m_statsReported.elapsed() < interval) {
        if (!m_statsDelay->isActive())
            m_statsDelay->start(int(interval - m_statsReported.elapsed()));
        return;
    }
    m_statsDelay->stop();
    m_statsReported.start();
    emit statsChanged(m_stats);
}

void StreamSession::handleBatch(const MessageBatch &batch)
{
    m_pending->taken(batch.bytes);
    if (batch.startsOver)
        emit discontinued();
    m_stats = batch.stats;
    if (batch.fieldsChanged)
        m_fields = batch.fields;
    if (batch.serverErrors > 0) {
        emit serverErrorsReceived(batch.serverErrors, batch.lastServerError);
        emit eventOccurred(
            ConnectionEventKind::ServerError,
            batch.serverErrors == 1
                ? batch.lastServerError
                : tr("%1 errors, the last: %2").arg(batch.serverErrors).arg(batch.lastServerError));
    }
    for (const IntegrityEvent &event : batch.integrityEvents)
        emit integrityEventOccurred(event);
    if (!batch.messages.isEmpty())
        emit messagesReceived(batch);
    reportStats();
    if (batch.newFieldsAdded)
        emit fieldsChanged();
}

} // namespace allium
