// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apirequest.h"
#include "core/api/apirequeststate.h"
#include "core/api/latencystats.h"

#include <QAbstractItemModel>
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
/// fed by an ApiClient's signals; the pages of one cursor walk (a request and the requests
/// announced as continuing it) are one top-level row, the walk, with the pages as its children.
/// A response finds its row by id through a hash, in whatever order responses come. Bounded by
/// rows (pages count) and by bytes: past maxRows the oldest entries go, finished ones first;
/// past maxBytes the oldest finished entries go, and a walk still under way loses its oldest
/// finished pages (a pending page costs next to nothing and is kept so its response still
/// finds it). Responses are never parsed here again: the client's parsed "data" is kept with
/// the frame.
class ApiHistoryModel : public QAbstractItemModel
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
        IsWalkRole,         ///< true on the row of a walk (its children are the pages)
        PageCountRole,      ///< pages of a walk (int); 1 on any other row
        ItemCountRole,      ///< rows of the response's "items" (or top-level array), summed over
                            ///< a walk's pages (int); -1 when unknown (no parsed response)
    };

    static constexpr int DefaultMaxRows = 10000;
    static constexpr qint64 DefaultMaxBytes = 64 * 1024 * 1024;

    explicit ApiHistoryModel(QObject *parent = nullptr);
    ~ApiHistoryModel() override;

    /// Follows `client`'s requests from now on (nullptr: none). The model does not own it.
    void attach(ApiClient *client);
    ApiClient *client() const;

    /// Records `request` so its row shows method and path as soon as the client queues it.
    /// Call it just before ApiClient::submit (requestQueued carries only the id). With
    /// `continuesId` (the id of any page of a walk still in the history) the request becomes
    /// the walk's next page; the wire id stays its own.
    void announce(const ApiRequest &request, const QString &continuesId = {});

    void setMaxRows(int maxRows);
    int maxRows() const { return m_maxRows; }
    /// Memory the rows may use (responses, their parsed data, requests); at least 64 KiB. One
    /// response keeps at most a quarter of it (a prefix of the frame, without parsed data).
    void setMaxBytes(qint64 maxBytes);
    qint64 maxBytes() const { return m_maxBytes; }
    /// Estimated memory of the rows now, in bytes (always <= maxBytes once a request ended).
    qint64 bytes() const { return m_bytes; }
    void clear();

    /// The top-level row holding the most recent request with `id` (its own row, or its
    /// walk's), or -1.
    int rowOfId(const QString &id) const;
    /// The index (column 0) of the most recent request with `id`: a child of its walk, or
    /// top-level; invalid when the history does not hold it.
    QModelIndex indexOfId(const QString &id) const;
    /// Of a top-level row; a walk answers for itself (its first id, its overall state, its
    /// first request, whether any page is pending).
    QString idAt(int row) const;
    RowState stateAt(int row) const;
    /// The request of `row` (empty path for response-only rows).
    ApiRequest requestAt(int row) const;
    bool isPendingAt(int row) const;
    /// The request of any row, top-level or page (a walk's: its first page's).
    ApiRequest requestOf(const QModelIndex &index) const;
    /// Pages (rows counted by maxRows) held now.
    int pageCount() const { return m_pageCount; }

    /// Latency percentiles and terminal-state counts of every request that ended while attached.
    const LatencyStats &stats() const { return m_stats; }
    qint64 evictedCount() const { return m_evicted; }

    static QString stateText(RowState state);
    /// "3 pages · 405 items": what a walk's row says of its pages.
    static QString walkSummary(int pages, int items);
    static Tone toneOf(RowState state);
    static RowState rowStateOf(ApiRequestState state);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
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
        int itemCount = -1; ///< rows of the response's items, -1 without parsed rows
    };

    /// A top-level row: one request, or a walk of pages.
    struct Entry
    {
        qint64 sequence = 0;    ///< increases with every entry ever added
        bool isWalk = false;    ///< shows its pages as children (once a second page joined)
        std::vector<Row> pages; ///< in the order they were queued (sorted by Row::sequence)
    };

    /// Where an id's row lives: its entry's and its own sequence numbers.
    struct Location
    {
        qint64 entry = -1;
        qint64 page = -1;
    };

    struct Announced
    {
        ApiRequest request;
        QString continuesId;
    };

    void handleQueued(const QString &id);
    void handleSent(const QString &id);
    void handleRequeued(const QString &id);
    void handleFinished(const ApiResult &result);
    void handleUnknownResponse(const QByteArray &raw);
    void handleMalformedResponse(const QByteArray &raw, const QString &reason);

    /// Appends a row as a new entry, or as the next page of the entry `walkEntry` (a sequence,
    /// -1: none), evicting past the bounds; returns where it went.
    Location append(Row row, qint64 walkEntry = -1);
    /// Evicts one entry (or one page of `keepEntry`) for the row bound; false when nothing can go.
    bool evictForRows(qint64 keepEntry);
    /// Removes the oldest finished entries (never the one holding `keepPage`), then the oldest
    /// finished pages of walks under way, until bytes() <= maxBytes().
    void evictForBytes(qint64 keepPage);
    void removeEntryAt(int number);
    void removePageAt(int entryNumber, int pageNumber);
    /// Forgets the hash entry of `row` if it still points at it (a newer request may reuse ids).
    void forgetId(const Row &row);
    /// Stores `raw` (and its parsed `data`) in `row`, keeping a prefix when it is too large.
    void setResponse(Row &row, const QByteArray &raw, const QJsonValue &data) const;
    static qint64 costOf(const Row &row);
    /// Re-counts `row` after a change and enforces the byte bound.
    void recount(Row &row);
    Row *rowFor(const QString &id, QModelIndex *index = nullptr);
    /// Emits dataChanged for the row at `index` and, for a page, for its walk's row.
    void rowChanged(const QModelIndex &index);

    int entryNumber(qint64 entrySequence) const;
    static int pageNumber(const Entry &entry, qint64 pageSequence);
    /// The entry of a top-level index or the walk of a page's index; nullptr if invalid.
    const Entry *entryOf(const QModelIndex &index) const;
    /// The row of a page or of a single request's entry; nullptr for a walk's own row.
    const Row *rowOf(const QModelIndex &index) const;
    QVariant rowData(const Row &row, int column, int role) const;
    QVariant walkData(const Entry &entry, int column, int role) const;
    static RowState walkState(const Entry &entry);
    static bool hasPending(const Entry &entry);

    QPointer<ApiClient> m_client;
    QList<QMetaObject::Connection> m_connections;
    std::deque<Entry> m_entries;
    /// Where the row that owns each id lives (entries and pages are sorted by sequence).
    QHash<QString, Location> m_locationById;
    qint64 m_nextSequence = 0;
    int m_pageCount = 0;
    QHash<QString, Announced> m_announced;
    int m_maxRows = DefaultMaxRows;
    qint64 m_maxBytes = DefaultMaxBytes;
    qint64 m_bytes = 0;
    qint64 m_evicted = 0;
    LatencyStats m_stats;
};

} // namespace allium
