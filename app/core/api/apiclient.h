// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apirequest.h"
#include "core/api/apiresult.h"
#include "core/connection/connectionoptions.h"
#include "core/connection/connectionstate.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QMultiMap>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <deque>
#include <utility>

namespace allium {

class WebSocketConnection;

/// Calls the Developer API over one API websocket (`…/api/v1/developer/ws/api`): matches
/// responses to requests by id in any order, keeps at most maxInFlight requests on the wire (the
/// rest wait in a FIFO queue), retries requests the server refused with "max inflight requests
/// reached" (with backoff, a bounded number of times), and ends every request in exactly one
/// terminal state with its latency from its first send.
/// Lives in (and must be used from) one thread, normally the GUI thread.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    /// The server's documented limit of concurrent requests per connection; setMaxInFlight()
    /// never goes above it.
    static constexpr int DefaultMaxInFlight = 1000;
    /// Requests waiting on the client beyond this are rejected (bounds memory).
    static constexpr int DefaultMaxQueued = 1000000;
    /// … and so are requests beyond this many bytes of request frames, queued and in flight.
    static constexpr qint64 DefaultMaxPendingBytes = 64 * 1024 * 1024;
    /// A request the server refused for its in-flight limit this many times ends in Error.
    static constexpr int MaxLimitRefusals = 8;
    /// The wait before resending a refused request: FirstRetryMs, doubling up to MaxRetryMs.
    static constexpr int FirstRetryMs = 50;
    static constexpr int MaxRetryMs = 2000;
    /// The error text the server answers with when a connection has too many requests in flight.
    static QString inFlightLimitError();

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    /// ws://host:port or wss://…; the API path is appended (ConnectionProfile::apiUrl).
    void setBaseUrl(const QUrl &baseUrl);
    QUrl apiUrl() const;
    void setApiKey(const QString &key); ///< never logged, never part of any signal
    void setOptions(const ConnectionOptions &options);
    WebSocketConnection *connection() const { return m_connection; }
    ConnectionState state() const;

    /// At most this many requests are sent and unanswered at once (1 to DefaultMaxInFlight).
    void setMaxInFlight(int maxInFlight);
    int maxInFlight() const { return m_maxInFlight; }
    /// The limit in force: lowered to what the server accepted after a "max inflight" refusal,
    /// back to maxInFlight on the next connection.
    int effectiveMaxInFlight() const { return std::min(m_maxInFlight, m_serverLimit); }
    void setMaxQueued(int maxQueued) { m_maxQueued = std::max(0, maxQueued); }
    void setMaxPendingBytes(qint64 bytes) { m_maxPendingBytes = std::max<qint64>(0, bytes); }
    /// Bytes of the request frames queued, waiting for a retry or in flight.
    qint64 pendingBytes() const { return m_pendingBytes; }

    /// Queues a request and returns its id (generated when the request has none). A request
    /// with an id still pending, or invalid (method, path), is refused: the return value is
    /// empty, `error` says why and requestFinished reports it as Rejected before this returns.
    QString submit(const ApiRequest &request, QString *error = nullptr);
    /// Ends a queued or in-flight request as Cancelled; false if it is not pending.
    bool cancel(const QString &id);
    void cancelAll();

    bool isPending(const QString &id) const { return m_pending.contains(id); }
    /// Queued or InFlight for a pending request; Rejected for an id that is not pending.
    ApiRequestState requestState(const QString &id) const;
    int inFlightCount() const { return m_inFlight; }
    int queuedCount() const { return m_queuedCount; }
    int maxInFlightObserved() const { return m_maxInFlightObserved; }
    qint64 unknownResponseCount() const { return m_unknownResponses; }
    qint64 malformedResponseCount() const { return m_malformedResponses; }
    qint64 limitRefusalCount() const { return m_limitRefusals; }

public slots:
    void open();
    /// Disconnects; pending requests end as Cancelled.
    void close();

signals:
    void requestQueued(const QString &id);
    /// Sent (again, after a "max inflight" refusal when attempts > 1).
    void requestSent(const QString &id);
    /// The server refused it for the in-flight limit; it is sent again after delayMs.
    void requestRequeued(const QString &id, int delayMs);
    void requestFinished(const allium::ApiResult &result);
    void inFlightChanged(int inFlight, int queued);
    /// A response whose id matches no request in flight (unknown, or finished already).
    void unknownResponseReceived(const QByteArray &raw);
    /// A frame that is not a response: binary, not JSON, not an object, no string id, no valid
    /// status. `raw` is empty for a binary frame (its content is not kept).
    void malformedResponseReceived(const QByteArray &raw, const QString &reason);

private:
    struct Pending
    {
        ApiRequest request;
        QByteArray frame; ///< the request as sent, serialised once
        ApiRequestState state = ApiRequestState::Queued;
        bool waitingForRetry = false; ///< refused for the limit; counted as queued
        quint64 sequence = 0;         ///< tells a live queue entry from a stale one
        qint64 deadline = -1;         ///< on m_clock, ms; -1: none
        QElapsedTimer sendTimer;
        QDateTime submittedAt;
        QDateTime sentAt;
        int attempts = 0;
        int limitRefusals = 0;
    };

    QString generateId();
    void enqueue(const QString &id, bool front);
    void pump();
    void handleText(const QByteArray &raw);
    void handleStateChanged(ConnectionState state);
    void handleDeadline();
    void handleRetries();
    void handleLimitRefusal(const QString &id, const QString &serverText, const QByteArray &raw);
    void armDeadlineTimer();
    void finish(const QString &id, ApiRequestState state, const QString &errorMessage,
                const QString &status = {}, const QJsonValue &data = {},
                const QByteArray &raw = {});
    void finishAll(ApiRequestState state, const QString &errorMessage, bool queuedToo);
    void reject(const ApiRequest &request, const QString &errorMessage);
    void notifyCounts();

    WebSocketConnection *m_connection;
    QUrl m_baseUrl;
    int m_maxInFlight = DefaultMaxInFlight;
    int m_serverLimit = DefaultMaxInFlight;
    int m_maxQueued = DefaultMaxQueued;
    qint64 m_maxPendingBytes = DefaultMaxPendingBytes;
    qint64 m_pendingBytes = 0;
    QHash<QString, Pending> m_pending;
    std::deque<std::pair<QString, quint64>> m_queue; ///< may hold stale entries, skipped on pop
    QMultiMap<qint64, QString> m_deadlines;
    QTimer m_deadlineTimer;
    QMultiMap<qint64, QString> m_retries; ///< refused requests by the time they go again
    QTimer m_retryTimer;
    QElapsedTimer m_clock;
    quint64 m_sequence = 0;
    quint64 m_idCounter = 0;
    int m_inFlight = 0;
    int m_queuedCount = 0;
    int m_maxInFlightObserved = 0;
    int m_reportedInFlight = -1;
    int m_reportedQueued = -1;
    qint64 m_unknownResponses = 0;
    qint64 m_malformedResponses = 0;
    qint64 m_limitRefusals = 0;
    bool m_wasConnected = false;
};

} // namespace allium
