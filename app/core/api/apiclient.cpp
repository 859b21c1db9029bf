// SPDX-License-Identifier: MIT
#include "core/api/apiclient.h"

#include "core/api/apierrortext.h"

#include "core/api/apiresponse.h"
#include "core/base/logging.h"
#include "core/connection/connectionprofile.h"
#include "core/connection/websocketconnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <limits>

namespace allium {

namespace {

const QStringList knownMethods{QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                               QStringLiteral("PATCH"), QStringLiteral("DELETE")};

/// Longest id accepted: ids are echoed by the server and kept in memory per request.
constexpr int MaxIdLength = 256;

QString validationError(const ApiRequest &request)
{
    if (!knownMethods.contains(request.method))
        return QStringLiteral("unknown method \"%1\" (use GET, POST, PUT, PATCH or DELETE)")
            .arg(request.method);
    if (!request.path.startsWith(QLatin1Char('/')))
        return QStringLiteral("the path must start with \"/\"");
    if (request.id.size() > MaxIdLength)
        return QStringLiteral("the id is longer than %1 characters").arg(MaxIdLength);
    return {};
}

QByteArray requestFrame(const ApiRequest &request)
{
    QJsonObject frame{{QStringLiteral("method"), request.method},
                      {QStringLiteral("id"), request.id},
                      {QStringLiteral("path"), request.path}};
    if (!request.body.isNull() && !request.body.isUndefined())
        frame.insert(QStringLiteral("body"), request.body);
    return QJsonDocument(frame).toJson(QJsonDocument::Compact);
}

} // namespace

QString ApiClient::inFlightLimitError()
{
    return ApiResponse::inFlightLimitError();
}

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_connection(new WebSocketConnection(this))
{
    m_clock.start();
    m_deadlineTimer.setSingleShot(true);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &ApiClient::handleDeadline);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ApiClient::handleRetries);
    connect(m_connection, &WebSocketConnection::textReceived, this, &ApiClient::handleText);
    connect(m_connection, &WebSocketConnection::binaryReceived, this, [this](qint64 size) {
        ++m_malformedResponses;
        emit malformedResponseReceived(
            {}, QStringLiteral("a binary frame of %1 bytes (responses are JSON text)").arg(size));
    });
    connect(m_connection, &WebSocketConnection::stateChanged, this, &ApiClient::handleStateChanged);
}

ApiClient::~ApiClient() = default;

void ApiClient::setBaseUrl(const QUrl &baseUrl)
{
    m_baseUrl = baseUrl;
    m_connection->setUrl(ConnectionProfile::apiUrl(baseUrl));
}

QUrl ApiClient::apiUrl() const
{
    return m_connection->url();
}

void ApiClient::setApiKey(const QString &key)
{
    m_connection->setApiKey(key);
}

void ApiClient::setOptions(const ConnectionOptions &options)
{
    m_connection->setOptions(options);
}

ConnectionState ApiClient::state() const
{
    return m_connection->state();
}

void ApiClient::setMaxInFlight(int maxInFlight)
{
    // More would only earn "max inflight" refusals from the server.
    m_maxInFlight = std::clamp(maxInFlight, 1, DefaultMaxInFlight);
    m_serverLimit = std::max(m_serverLimit, m_maxInFlight);
    pump();
    notifyCounts();
}

void ApiClient::open()
{
    m_connection->open();
}

void ApiClient::close()
{
    finishAll(ApiRequestState::Cancelled, QStringLiteral("the client closed the connection"), true);
    m_connection->close();
    notifyCounts();
}

QString ApiClient::generateId()
{
    QString id;
    do {
        id = QStringLiteral("req-%1-%2")
                 .arg(++m_idCounter)
                 .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    } while (m_pending.contains(id));
    return id;
}

QString ApiClient::submit(const ApiRequest &request, QString *error)
{
    ApiRequest normalized = request;
    normalized.method = request.method.toUpper();
    QString problem = validationError(normalized);
    if (problem.isEmpty() && !normalized.id.isEmpty() && m_pending.contains(normalized.id))
        problem = QStringLiteral("a request with id \"%1\" is still pending").arg(normalized.id);
    if (problem.isEmpty() && m_queuedCount >= m_maxQueued)
        problem = QStringLiteral("too many queued requests (%1)").arg(m_maxQueued);
    if (normalized.id.isEmpty() && problem.isEmpty())
        normalized.id = generateId();
    QByteArray frame;
    if (problem.isEmpty()) {
        frame = requestFrame(normalized);
        if (m_pendingBytes + frame.size() > m_maxPendingBytes)
            problem = QStringLiteral("too many bytes of requests pending (%1 MiB)")
                          .arg(m_maxPendingBytes / (1024 * 1024));
    }
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        reject(normalized, problem);
        return {};
    }
    Pending pending;
    pending.request = normalized;
    pending.frame = frame;
    m_pendingBytes += frame.size();
    pending.submittedAt = QDateTime::currentDateTimeUtc();
    if (normalized.timeoutMs > 0) {
        pending.deadline = m_clock.elapsed() + normalized.timeoutMs;
        m_deadlines.insert(pending.deadline, normalized.id);
    }
    m_pending.insert(normalized.id, pending);
    enqueue(normalized.id, false);
    emit requestQueued(normalized.id);
    armDeadlineTimer();
    pump();
    notifyCounts();
    return normalized.id;
}

void ApiClient::reject(const ApiRequest &request, const QString &errorMessage)
{
    ApiResult result;
    result.id = request.id;
    result.request = request;
    result.state = ApiRequestState::Rejected;
    result.errorMessage = errorMessage;
    result.data = errorMessage;
    result.submittedAt = result.finishedAt = QDateTime::currentDateTimeUtc();
    emit requestFinished(result);
}

void ApiClient::enqueue(const QString &id, bool front)
{
    Pending &pending = m_pending[id];
    pending.state = ApiRequestState::Queued;
    pending.sequence = ++m_sequence;
    if (front)
        m_queue.emplace_front(id, pending.sequence);
    else
        m_queue.emplace_back(id, pending.sequence);
    ++m_queuedCount;
}

bool ApiClient::cancel(const QString &id)
{
    if (!m_pending.contains(id))
        return false;
    finish(id, ApiRequestState::Cancelled, QStringLiteral("cancelled"));
    pump();
    notifyCounts();
    return true;
}

void ApiClient::cancelAll()
{
    finishAll(ApiRequestState::Cancelled, QStringLiteral("cancelled"), true);
    notifyCounts();
}

ApiRequestState ApiClient::requestState(const QString &id) const
{
    const auto it = m_pending.constFind(id);
    return it == m_pending.constEnd() ? ApiRequestState::Rejected : it->state;
}

void ApiClient::pump()
{
    if (m_connection->state() != ConnectionState::Connected)
        return;
    QStringList sent;
    const int limit = effectiveMaxInFlight();
    while (m_inFlight < limit && !m_queue.empty()) {
        const auto [id, sequence] = m_queue.front();
        const auto it = m_pending.find(id);
        if (it == m_pending.end() || it->sequence != sequence ||
            it->state != ApiRequestState::Queued) {
            m_queue.pop_front(); // cancelled or timed out while queued
            continue;
        }
        if (!m_connection->sendText(it->frame))
            break; // the connection is going away; the state change will sort the rest out
        m_queue.pop_front();
        --m_queuedCount;
        it->state = ApiRequestState::InFlight;
        // Latency counts from the first send: retries after refusals are part of the wait.
        if (!it->sendTimer.isValid()) {
            it->sentAt = QDateTime::currentDateTimeUtc();
            it->sendTimer.start();
        }
        ++it->attempts;
        ++m_inFlight;
        sent.append(id);
    }
    m_maxInFlightObserved = std::max(m_maxInFlightObserved, m_inFlight);
    // Signals last: a receiver may call back into submit() or cancel().
    for (const QString &id : std::as_const(sent)) {
        if (requestState(id) == ApiRequestState::InFlight)
            emit requestSent(id);
    }
}

void ApiClient::handleText(const QByteArray &raw)
{
    const ApiResponse response = ApiResponse::parse(raw);
    if (!response.isValid()) {
        ++m_malformedResponses;
        qCDebug(lcApi).noquote() << "not a response:" << response.problem;
        emit malformedResponseReceived(raw, response.problem);
        return;
    }

    const QString &id = response.id;
    const auto it = m_pending.find(id);
    if (it == m_pending.end() || it->state != ApiRequestState::InFlight) {
        ++m_unknownResponses;
        emit unknownResponseReceived(raw);
        return;
    }

    const QString &status = response.status;
    const QJsonValue &data = response.data;
    if (status == QLatin1String("success")) {
        finish(id, ApiRequestState::Succeeded, {}, status, data, raw);
    } else if (response.isInFlightRefusal()) {
        handleLimitRefusal(id, data.toString(), raw);
    } else if (status == QLatin1String("error")) {
        finish(id, ApiRequestState::ServerError, ApiErrorText::describe(data), status, data, raw);
    } else {
        // It names a request, so end that request instead of letting it time out.
        ++m_malformedResponses;
        const QString reason = QStringLiteral("unexpected status \"%1\"").arg(status);
        emit malformedResponseReceived(raw, reason);
        finish(id, ApiRequestState::ServerError, reason, status, data, raw);
    }
    pump();
    notifyCounts();
}

void ApiClient::handleLimitRefusal(const QString &id, const QString &serverText,
                                   const QByteArray &raw)
{
    ++m_limitRefusals;
    Pending &pending = m_pending[id];
    qCDebug(lcApi) << "in-flight refusal" << pending.limitRefusals + 1 << "of request" << id;
    if (++pending.limitRefusals >= MaxLimitRefusals) {
        finish(id, ApiRequestState::ServerError, serverText, QStringLiteral("error"), serverText,
               raw);
        return;
    }
    // Not a failure of the request: the server had no room. Learn its limit from what is in
    // flight now, and send it again after a growing pause, so that a server that keeps refusing
    // sees a few retries rather than a storm.
    --m_inFlight;
    m_serverLimit = std::max(1, std::min(m_serverLimit, m_inFlight));
    pending.state = ApiRequestState::Queued;
    pending.sequence = ++m_sequence; // any older queue entry is stale now
    pending.waitingForRetry = true;
    ++m_queuedCount;
    const int nominal =
        std::min(MaxRetryMs, FirstRetryMs << std::min(pending.limitRefusals - 1, 16));
    const int delayMs = nominal / 2 + int(QRandomGenerator::global()->bounded(nominal / 2 + 1));
    m_retries.insert(m_clock.elapsed() + delayMs, id);
    if (!m_retryTimer.isActive() || m_retryTimer.remainingTime() > delayMs)
        m_retryTimer.start(delayMs);
    emit requestRequeued(id, delayMs);
}

void ApiClient::handleRetries()
{
    const qint64 now = m_clock.elapsed();
    QStringList due;
    while (!m_retries.isEmpty() && m_retries.firstKey() <= now)
        due.append(m_retries.take(m_retries.firstKey()));
    // Those refused first go first, ahead of requests that never left the queue.
    for (auto it = due.crbegin(); it != due.crend(); ++it) {
        const auto pending = m_pending.find(*it);
        if (pending == m_pending.end() || !pending->waitingForRetry)
            continue;
        pending->waitingForRetry = false;
        m_queue.emplace_front(*it, pending->sequence);
    }
    if (!m_retries.isEmpty())
        m_retryTimer.start(int(std::max<qint64>(0, m_retries.firstKey() - now)));
    pump();
    notifyCounts();
}

void ApiClient::handleStateChanged(ConnectionState state)
{
    if (state == ConnectionState::Connected) {
        m_wasConnected = true;
        m_serverLimit = m_maxInFlight;
        pump();
    } else if (m_wasConnected) {
        m_wasConnected = false;
        // The server may or may not have acted on them; resending is not ours to decide.
        // Queued requests were never sent and wait for the next connection.
        finishAll(ApiRequestState::ConnectionLost,
                  QStringLiteral("the connection was lost while the request was in flight"), false);
    }
    if (state == ConnectionState::Failed) {
        const QString reason = m_connection->failureReason();
        finishAll(ApiRequestState::ConnectionLost,
                  reason.isEmpty() ? QStringLiteral("the connection failed")
                                   : QStringLiteral("the connection failed: %1").arg(reason),
                  true);
    }
    notifyCounts();
}

void ApiClient::handleDeadline()
{
    const qint64 now = m_clock.elapsed();
    QStringList expired;
    for (auto it = m_deadlines.cbegin(); it != m_deadlines.cend() && it.key() <= now; ++it)
        expired.append(it.value());
    for (const QString &id : std::as_const(expired)) {
        const auto it = m_pending.constFind(id);
        if (it == m_pending.constEnd())
            continue;
        finish(id, ApiRequestState::TimedOut,
               QStringLiteral("no response within %1 ms").arg(it->request.timeoutMs));
    }
    armDeadlineTimer();
    pump();
    notifyCounts();
}

void ApiClient::armDeadlineTimer()
{
    if (m_deadlines.isEmpty()) {
        m_deadlineTimer.stop();
        return;
    }
    const qint64 wait = std::max<qint64>(0, m_deadlines.firstKey() - m_clock.elapsed());
    if (!m_deadlineTimer.isActive() || m_deadlineTimer.remainingTime() > wait)
        m_deadlineTimer.start(int(std::min<qint64>(wait, std::numeric_limits<int>::max())));
}

void ApiClient::finish(const QString &id, ApiRequestState state, const QString &errorMessage,
                       const QString &status, const QJsonValue &data, const QByteArray &raw)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const Pending pending = it.value();
    m_pending.erase(it);
    m_pendingBytes -= pending.frame.size();
    if (pending.deadline >= 0)
        m_deadlines.remove(pending.deadline, id);
    if (pending.waitingForRetry)
        m_retries.remove(m_retries.key(id), id);
    if (pending.state == ApiRequestState::InFlight)
        --m_inFlight;
    else if (--m_queuedCount == 0)
        m_queue.clear(); // only stale entries are left

    ApiResult result;
    result.id = id;
    result.request = pending.request;
    result.state = state;
    result.status = status;
    result.data = raw.isEmpty() ? QJsonValue(errorMessage) : data; // a local verdict has no data
    result.rawResponse = raw;
    result.errorMessage = errorMessage;
    result.submittedAt = pending.submittedAt;
    result.sentAt = pending.sentAt;
    result.finishedAt = QDateTime::currentDateTimeUtc();
    result.attempts = pending.attempts;
    if (pending.state == ApiRequestState::InFlight)
        result.latencyMs = double(pending.sendTimer.nsecsElapsed()) / 1e6;
    emit requestFinished(result);
}

void ApiClient::finishAll(ApiRequestState state, const QString &errorMessage, bool queuedToo)
{
    // In the order they were (last) queued, so receivers see them roughly as submitted.
    QList<std::pair<quint64, QString>> ids;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (queuedToo || it->state == ApiRequestState::InFlight)
            ids.append({it->sequence, it.key()});
    }
    std::sort(ids.begin(), ids.end());
    for (const auto &entry : std::as_const(ids))
        finish(entry.second, state, errorMessage);
}

void ApiClient::notifyCounts()
{
    if (m_inFlight == m_reportedInFlight && m_queuedCount == m_reportedQueued)
        return;
    m_reportedInFlight = m_inFlight;
    m_reportedQueued = m_queuedCount;
    emit inFlightChanged(m_inFlight, m_queuedCount);
}

} // namespace allium
