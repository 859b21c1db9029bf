// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apirequest.h"
#include "core/api/apirequeststate.h"
#include "core/api/latencystats.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonValue>
#include <QPointer>

#include <deque>

namespace allium {

class ApiClient;
struct ApiResult;

/// The API console's history: one row per request (and one per response nobody asked for),
/// fed by an ApiClient's signals. A response finds its row by id through a hash, in whatever
/// order responses come. Bounded by rows and by bytes: past maxRows the oldest rows go, past
/// maxBytes the oldest finished rows go (a pending row costs next to nothing and is kept so its
/// response still finds it). Responses are never parsed here again: the client's parsed "data"
/// is kept with the frame.
class ApiHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        MethodColumn,
        PathColumn,
        StatusColumn,
        LatencyColumn,
        TimeColumn,
        ColumnCount
    };

    /// What a row stands for and how it stands: the client's request states plus the rows for
    /// responses that match no pending request.
    enum class RowState {
        Queued,
        InFlight,
        Succeeded,
        ServerError,
        TimedOut,
        ConnectionLost,
        Cancelled,
        Rejected,
        UnknownId,    ///< a response whose id no request of this history had
        LateResponse, ///< a response for a request that had already ended (timed out, answered)
        Malformed,    ///< a frame that is not a response at all
    };
    Q_ENUM(RowState)

    /// How a row should look; the UI maps tones to palette colours.
    enum class Tone { Pending, Success, Failure, Warning, Muted };
    Q_ENUM(Tone)

    enum Role {
        IdRole = Qt::UserRole + 1, ///< the request id (QString)
        RowStateRole,              ///< RowState as int
        ToneRole,                  ///< Tone as int
        RequestJsonRole,           ///< the request frame, indented (QByteArray); empty for orphans
        ResponseJsonRole,          ///< the response frame as received (QByteArray), or empty
        ResponseIdRole,            ///< the "id" inside the response frame (QString), or empty
        LatencyRole,               ///< ms (double), -1 without
        ErrorMessageRole,          ///< why it did not succeed, for people
        SortRole,                  ///< a value that sorts the column naturally
        PendingRole,               ///< true while queued or in flight (cancellable)
        AttemptsRole,              ///< times sent (int)
        ResponseDataRole,   ///< the response's "data" as the client parsed it (QJsonValue), or
                            ///< undefined (no response, or too large to keep parsed)
        ResponseStatusRole, ///< the response's "status" (QString), or empty
        ResponseSizeRole,   ///< bytes of the response as received (qint64); more than
                            ///< ResponseJsonRole holds when the history kept only a prefix
    };

    static constexpr int DefaultMaxRows = 10000;
    static constexpr qint64 DefaultMaxBytes = 64 * 1024 * 1024;

    explicit ApiHistoryModel(QObject *parent = nullptr);
    ~ApiHistoryModel() override;

    /// Follows `client`'s requests from now on (nullptr: none). The model does not own it.
    void attach(ApiClient *client);
    ApiClient *client() const;

    /// Records `request` so its row shows method and path as soon as the client queues it.
    /// Call it just before ApiClient::submit (requestQueued carries only the id).
    void announce(const ApiRequest &request);

    void setMaxRows(int maxRows);
    int maxRows() const { return m_maxRows; }
    /// Memory the rows may use (responses, their parsed data, requests); at least 64 KiB. One
    /// response keeps at most a quarter of it (a prefix of the frame, without parsed data).
    void setMaxBytes(qint64 maxBytes);
    qint64 maxBytes() const { return m_maxBytes; }
    /// Estimated memory of the rows now, in bytes (always <= maxBytes once a request ended).
    qint64 bytes() const { return m_bytes; }
    void clear();

    /// The row of the most recent request with `id`, or -1.
    int rowOfId(const QString &id) const;
    QString idAt(int row) const;
    RowState stateAt(int row) const;
    /// The request of `row` (empty path for response-only rows).
    ApiRequest requestAt(int row) const;
    bool isPendingAt(int row) const;

    /// Latency percentiles and terminal-state counts of every request that ended while attached.
    const LatencyStats &stats() const { return m_stats; }
    qint64 evictedCount() const { return m_evicted; }

    static QString stateText(RowState state);
    static Tone toneOf(RowState state);
    static RowState rowStateOf(ApiRequestState state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    /// stats() changed (a request ended, or clear()).
    void statsChanged();
    /// rowCount() or bytes() changed.
    void fillChanged();

private:
    struct Row
    {
        qint64 sequence = 0; ///< increases with every row ever added; finds a row after evictions
        qint64 cost = 0;     ///< estimated bytes, counted in m_bytes
        QString id;
        ApiRequest request;
        RowState state = RowState::Queued;
        bool hasRequest = true;
        QString status;
        QByteArray response;
        qint64 responseSize = 0;
        QJsonValue data = QJsonValue::Undefined;
        QString responseId;
        QString errorMessage;
        double latencyMs = -1;
        QDateTime time; ///< when sent; submitted or received when never sent
        int attempts = 0;
    };

    void handleQueued(const QString &id);
    void handleSent(const QString &id);
    void handleRequeued(const QString &id);
    void handleFinished(const ApiResult &result);
    void handleUnknownResponse(const QByteArray &raw);
    void handleMalformedResponse(const QByteArray &raw, const QString &reason);

    /// Appends a row (evicting the oldest past the bounds) and returns its sequence number.
    qint64 append(Row row);
    void evict(int count);
    /// Removes the oldest finished rows (never `keepSequence`) until bytes() <= maxBytes().
    void evictForBytes(qint64 keepSequence);
    void removeRowAt(int number);
    /// Stores `raw` (and its parsed `data`) in `row`, keeping a prefix when it is too large.
    void setResponse(Row &row, const QByteArray &raw, const QJsonValue &data) const;
    static qint64 costOf(const Row &row);
    /// Re-counts `row` after a change and enforces the byte bound.
    void recount(Row &row);
    Row *rowFor(const QString &id, int *rowNumber = nullptr);
    void rowChanged(int row);

    QPointer<ApiClient> m_client;
    QList<QMetaObject::Connection> m_connections;
    std::deque<Row> m_rows;
    /// Sequence number of the row that owns each id (rows are sorted by sequence).
    QHash<QString, qint64> m_sequenceById;
    qint64 m_nextSequence = 0;
    QHash<QString, ApiRequest> m_announced;
    int m_maxRows = DefaultMaxRows;
    qint64 m_maxBytes = DefaultMaxBytes;
    qint64 m_bytes = 0;
    qint64 m_evicted = 0;
    LatencyStats m_stats;
};

} // namespace allium
