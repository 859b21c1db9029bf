// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionoptions.h"
#include "core/connection/connectionstatussource.h"
#include "core/filter/filter.h"
#include "core/stream/fieldinfo.h"
#include "core/stream/ingestoptions.h"
#include "core/stream/messagebatch.h"
#include "core/stream/pendingbatches.h"
#include "core/stream/streamstats.h"

#include <QElapsedTimer>
#include <QStringList>

#include <memory>

class QTimer;

class QThread;

namespace allium {

class AlertEngine;
class IngestWorker;

/// One live stream (one topic, one connection) as seen from the GUI thread. The socket and the
/// parsing run on a worker thread the session owns; the session remembers the desired filter
/// and start/stop state, re-sends them after every reconnect, and delivers messages in batches.
/// Its status and lifecycle signals are those of ConnectionStatusSource, mirrored from the
/// worker's connection.
class StreamSession : public ConnectionStatusSource
{
    Q_OBJECT
public:
    explicit StreamSession(QObject *parent = nullptr);
    ~StreamSession() override;

    /// The full stream URL with its ?topic= (ConnectionProfile::streamUrl() builds it); takes
    /// effect at the next open().
    void setUrl(const QUrl &url);
    QUrl url() const override;
    QString topic() const;
    void setApiKey(const QString &key); ///< never logged, never part of any signal
    void setConnectionOptions(const ConnectionOptions &options);
    ConnectionOptions connectionOptions() const;
    void setIngestOptions(const IngestOptions &options);
    IngestOptions ingestOptions() const;
    /// Dot paths whose numeric values fill StreamMessage::extracted, in order (NaN if absent).
    void setWatchedFields(const QStringList &paths);
    QStringList watchedFields() const;
    /// Alert rules evaluated on the worker thread on every message received, whether or not a
    /// view shows it; kept across reconnects and topic switches (it follows the topic).
    void setAlertEngine(std::shared_ptr<allium::AlertEngine> engine);
    std::shared_ptr<AlertEngine> alertEngine() const { return m_alertEngine; }

    ConnectionState state() const override;
    int attempt() const override;
    qint64 msUntilRetry() const override;
    QString failureReason() const override;
    QString lastError() const override;
    int lastPongLatencyMs() const override;
    TransportTraffic traffic() const override;
    bool isRunning() const; ///< the desired state: start() was called last
    Filter filter() const;
    StreamStats stats() const;
    /// The latest field catalogue snapshot (updated with the batches).
    QVector<FieldInfo> fields() const;

public slots:
    void open() override;
    void close() override;
    void reconnectNow() override;
    void start();
    void stop();
    /// Sends the filter now when connected and after every reconnect; an empty one clears.
    void setFilter(const allium::Filter &filter);
    /// Sends the filter's `data` as raw JSON text (a filter built by hand, possibly invalid).
    void setFilterJson(const QByteArray &data);
    /// Sends one text frame as is, once (diagnostics and tests).
    void sendRawText(const QByteArray &frame);
    void requestFields();

signals:
    /// After every (re)connect, once the filter and start were sent again (also reported as
    /// eventOccurred(Resubscribed)).
    void resubscribed();
    /// The stream jumped (a replay's seek or loop): what the views show is from before, and
    /// the messages that follow come after the jump. Emitted before those messages.
    void discontinued();
    void messagesReceived(const allium::MessageBatch &batch);
    /// `{"status":"error","data":…}` frames from the server (not counted as messages), reported
    /// with the batches: `count` since the previous report, and the last one's text (also
    /// reported as eventOccurred(ServerError)).
    void serverErrorsReceived(quint64 count, const QString &lastMessage);
    /// The counters and rates changed; at most once per IngestOptions::statsIntervalMs (the
    /// latest then follows within that interval), however many batches arrive: each report
    /// redraws readouts. stats() is always current.
    void statsChanged(const allium::StreamStats &stats);
    /// New field paths appeared in the catalogue (fields() has them).
    void fieldsChanged();
    /// The integrity check (on the worker thread) noticed a gap, reorg, duplicate, out-of-order
    /// arrival, lag, stall or outage; emitted before messagesReceived for the batch that holds
    /// the message that revealed it. stats().integrity holds the counters and lag percentiles.
    void integrityEventOccurred(const allium::IntegrityEvent &event);

private:
    void handleBatch(const MessageBatch &batch);
    void reportStats();
    template <typename Function>
    void post(Function &&function);

    QThread *m_thread = nullptr;
    IngestWorker *m_worker = nullptr;
    std::shared_ptr<PendingBatches> m_pending;

    QUrl m_url;
    QString m_apiKey;
    ConnectionOptions m_connectionOptions;
    IngestOptions m_ingestOptions;
    QStringList m_watchedFields;
    std::shared_ptr<AlertEngine> m_alertEngine;
    Filter m_filter;
    bool m_running = false;

    ConnectionState m_state = ConnectionState::Disconnected;
    int m_attempt = 0;
    QString m_failureReason;
    QString m_lastError;
    int m_lastPongLatencyMs = -1;
    int m_retryDelayMs = 0;
    QElapsedTimer m_retryClock;
    StreamStats m_stats;
    QElapsedTimer m_statsReported;  // since the last statsChanged
    QTimer *m_statsDelay = nullptr; // the latest stats, once the interval is over
    QVector<FieldInfo> m_fields;
};

} // namespace allium
