// SPDX-License-Identifier: MIT
#include "core/api/apihistorymodel.h"

#include "core/api/apiclient.h"
#include "core/api/apiresult.h"
#include "core/api/codesnippet.h"
#include "core/api/latencystats.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace allium {

namespace {

/// Announced requests that never reached the client (a caller that announced and did not
/// submit) are forgotten past this many, so the map cannot grow without bound.
constexpr int MaxAnnounced = 10000;
/// Response-only rows keep at most this much of a frame: they come from the network.
constexpr int MaxOrphanBytes = 1024 * 1024;
constexpr qint64 MinimumMaxBytes = 64 * 1024;
/// What a row costs besides its texts: strings' headers, dates, the hash entry, the deque slot.
constexpr qint64 RowOverhead = 512;

bool isPending(ApiHistoryModel::RowState state)
{
    return state == ApiHistoryModel::RowState::Queued ||
           state == ApiHistoryModel::RowState::InFlight;
}

} // namespace

ApiHistoryModel::ApiHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

ApiHistoryModel::~ApiHistoryModel()
{
    attach(nullptr);
}

void ApiHistoryModel::attach(ApiClient *client)
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_announced.clear();
    m_client = client;
    if (!client)
        return;
    m_connections = {
        connect(client, &ApiClient::requestQueued, this, &ApiHistoryModel::handleQueued),
        connect(client, &ApiClient::requestSent, this, &ApiHistoryModel::handleSent),
        connect(client, &ApiClient::requestRequeued, this, &ApiHistoryModel::handleRequeued),
        connect(client, &ApiClient::requestFinished, this, &ApiHistoryModel::handleFinished),
        connect(client, &ApiClient::unknownResponseReceived, this,
                &ApiHistoryModel::handleUnknownResponse),
        connect(client, &ApiClient::malformedResponseReceived, this,
                &ApiHistoryModel::handleMalformedResponse),
    };
}

ApiClient *ApiHistoryModel::client() const
{
    return m_client;
}

void ApiHistoryModel::announce(const ApiRequest &request)
{
    if (request.id.isEmpty())
        return;
    if (m_announced.size() >= MaxAnnounced)
        m_announced.clear();
    m_announced.insert(request.id, request);
}

void ApiHistoryModel::setMaxRows(int maxRows)
{
    m_maxRows = std::max(1, maxRows);
    if (int(m_rows.size()) > m_maxRows)
        evict(int(m_rows.size()) - m_maxRows);
}

void ApiHistoryModel::setMaxBytes(qint64 maxBytes)
{
    m_maxBytes = std::max(MinimumMaxBytes, maxBytes);
    evictForBytes(-1);
    emit fillChanged();
}

void ApiHistoryModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_sequenceById.clear();
    m_bytes = 0;
    endResetModel();
    m_stats.clear();
    emit statsChanged();
    emit fillChanged();
}

int ApiHistoryModel::rowOfId(const QString &id) const
{
    const auto it = m_sequenceById.constFind(id);
    if (it == m_sequenceById.constEnd())
        return -1;
    // Rows are in sequence order; evictions take rows from anywhere, so search rather than
    // subtract.
    const qint64 sequence = it.value();
    const auto row = std::lower_bound(
        m_rows.cbegin(), m_rows.cend(), sequence,
        [](const Row &candidate, qint64 wanted) { return candidate.sequence < wanted; });
    return row != m_rows.cend() && row->sequence == sequence ? int(row - m_rows.cbegin()) : -1;
}

QString ApiHistoryModel::idAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].id : QString();
}

ApiHistoryModel::RowState ApiHistoryModel::stateAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].state : RowState::Malformed;
}

ApiRequest ApiHistoryModel::requestAt(int row) const
{
    if (row >= 0 && row < int(m_rows.size()) && m_rows[size_t(row)].hasRequest)
        return m_rows[size_t(row)].request;
    ApiRequest none;
    none.method.clear();
    return none;
}

bool ApiHistoryModel::isPendingAt(int row) const
{
    const RowState state = stateAt(row);
    return row >= 0 && row < int(m_rows.size()) &&
           (state == RowState::Queued || state == RowState::InFlight);
}

QString ApiHistoryModel::stateText(RowState state)
{
    switch (state) {
    case RowState::Queued:
        return QStringLiteral("Queued");
    case RowState::InFlight:
        return QStringLiteral("In flight");
    case RowState::Succeeded:
        return QStringLiteral("Success");
    case RowState::ServerError:
        return QStringLiteral("Error");
    case RowState::TimedOut:
        return QStringLiteral("Timed out");
    case RowState::ConnectionLost:
        return QStringLiteral("Connection lost");
    case RowState::Cancelled:
        return QStringLiteral("Cancelled");
    case RowState::Rejected:
        return QStringLiteral("Rejected");
    case RowState::UnknownId:
        return QStringLiteral("Unknown id");
    case RowState::LateResponse:
        return QStringLiteral("Late response");
    case RowState::Malformed:
        return QStringLiteral("Malformed");
    }
    return {};
}

ApiHistoryModel::Tone ApiHistoryModel::toneOf(RowState state)
{
    switch (state) {
    case RowState::Queued:
    case RowState::InFlight:
        return Tone::Pending;
    case RowState::Succeeded:
        return Tone::Success;
    case RowState::ServerError:
    case RowState::TimedOut:
    case RowState::ConnectionLost:
    case RowState::Rejected:
    case RowState::Malformed:
        return Tone::Failure;
    case RowState::UnknownId:
    case RowState::LateResponse:
        return Tone::Warning;
    case RowState::Cancelled:
        return Tone::Muted;
    }
    return Tone::Muted;
}

ApiHistoryModel::RowState ApiHistoryModel::rowStateOf(ApiRequestState state)
{
    switch (state) {
    case ApiRequestState::Queued:
        return RowState::Queued;
    case ApiRequestState::InFlight:
        return RowState::InFlight;
    case ApiRequestState::Succeeded:
        return RowState::Succeeded;
    case ApiRequestState::ServerError:
        return RowState::ServerError;
    case ApiRequestState::TimedOut:
        return RowState::TimedOut;
    case ApiRequestState::ConnectionLost:
        return RowState::ConnectionLost;
    case ApiRequestState::Cancelled:
        return RowState::Cancelled;
    case ApiRequestState::Rejected:
        return RowState::Rejected;
    }
    return RowState::Rejected;
}

int ApiHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ApiHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApiHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return row.id;
        case MethodColumn:
            return row.hasRequest ? row.request.method : QString();
        case PathColumn:
            return row.hasRequest ? row.request.path : QString();
        case StatusColumn:
            return stateText(row.state);
        case LatencyColumn:
            return latencyText(row.latencyMs);
        case TimeColumn:
            return row.time.isValid()
                       ? row.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"))
                       : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn || index.column() == IdColumn)
            return row.errorMessage.isEmpty() ? QVariant() : QVariant(row.errorMessage);
        if (index.column() == TimeColumn && row.time.isValid())
            return row.time.toLocalTime().toString(Qt::ISODateWithMs);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == LatencyColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return row.id;
    case RowStateRole:
        return int(row.state);
    case ToneRole:
        return int(toneOf(row.state));
    case RequestJsonRole:
        return row.hasRequest ? CodeSnippet::requestFrame(row.request, true) : QByteArray();
    case ResponseJsonRole:
        return row.response;
    case ResponseIdRole:
        return row.responseId;
    case LatencyRole:
        return row.latencyMs;
    case ErrorMessageRole:
        return row.errorMessage;
    case PendingRole:
        return row.state == RowState::Queued || row.state == RowState::InFlight;
    case AttemptsRole:
        return row.attempts;
    case ResponseDataRole:
        return QVariant::fromValue(row.data);
    case ResponseStatusRole:
        return row.status;
    case ResponseSizeRole:
        return row.responseSize;
    case SortRole:
        switch (index.column()) {
        case IdColumn:
            return row.id;
        case MethodColumn:
            return row.request.method;
        case PathColumn:
            return row.request.path;
        case StatusColumn:
            return int(row.state);
        case LatencyColumn:
            return row.latencyMs;
        case TimeColumn:
            return row.time.isValid() ? row.time.toMSecsSinceEpoch() : qint64(0);
        }
        return {};
    }
    return {};
}

QVariant ApiHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return QStringLiteral("Id");
    case MethodColumn:
        return QStringLiteral("Method");
    case PathColumn:
        return QStringLiteral("Path");
    case StatusColumn:
        return QStringLiteral("Status");
    case LatencyColumn:
        return QStringLiteral("Latency");
    case TimeColumn:
        return QStringLiteral("Sent");
    }
    return {};
}

void ApiHistoryModel::handleQueued(const QString &id)
{
    Row row;
    row.id = id;
    row.request = m_announced.take(id);
    if (row.request.id.isEmpty()) {
        // Submitted by someone who did not announce it: the request shows up when it ends.
        row.request.method.clear();
        row.request.id = id;
    }
    row.time = QDateTime::currentDateTimeUtc();
    m_sequenceById.insert(id, append(std::move(row)));
}

void ApiHistoryModel::handleSent(const QString &id)
{
    int number = -1;
    Row *row = rowFor(id, &number);
    if (!row)
        return;
    row->state = RowState::InFlight;
    row->time = QDateTime::currentDateTimeUtc();
    ++row->attempts;
    rowChanged(number);
}

void ApiHistoryModel::handleRequeued(const QString &id)
{
    int number = -1;
    Row *row = rowFor(id, &number);
    if (!row)
        return;
    row->state = RowState::Queued;
    row->errorMessage = ApiClient::inFlightLimitError();
    rowChanged(number);
}

void ApiHistoryModel::handleFinished(const ApiResult &result)
{
    m_stats.add(result);
    m_announced.remove(result.id);
    int number = -1;
    Row *row = rowFor(result.id, &number);
    // A rejected duplicate id must not overwrite the pending request that owns the id.
    const bool ownRow = row && result.state != ApiRequestState::Rejected &&
                        (row->state == RowState::Queued || row->state == RowState::InFlight);
    Row fresh;
    Row &target = ownRow ? *row : fresh;
    target.id = result.id;
    target.request = result.request;
    target.hasRequest = true;
    target.state = rowStateOf(result.state);
    target.status = result.status;
    target.errorMessage = result.errorMessage;
    target.latencyMs = result.latencyMs;
    target.attempts = result.attempts;
    target.time = result.sentAt.isValid() ? result.sentAt : result.submittedAt;
    // The client parsed the frame once and matched it by id: nothing to parse again here.
    if (!result.rawResponse.isEmpty()) {
        setResponse(target, result.rawResponse, result.data);
        target.responseId = result.id;
    }
    if (ownRow) {
        recount(target);
        rowChanged(number);
        evictForBytes(target.sequence);
    } else {
        const bool hadRow = row != nullptr;
        const qint64 sequence = append(std::move(fresh));
        if (!hadRow)
            m_sequenceById.insert(result.id, sequence);
    }
    emit statsChanged();
}

void ApiHistoryModel::handleUnknownResponse(const QByteArray &raw)
{
    Row row;
    row.hasRequest = false;
    // Nobody parsed this frame yet (the client only knows it matches no pending request).
    const QJsonObject frame = QJsonDocument::fromJson(raw).object();
    setResponse(row, raw.left(MaxOrphanBytes),
                raw.size() <= MaxOrphanBytes ? frame.value(QLatin1String("data"))
                                             : QJsonValue(QJsonValue::Undefined));
    row.responseSize = raw.size();
    row.id = frame.value(QLatin1String("id")).toString();
    row.responseId = row.id;
    row.status = frame.value(QLatin1String("status")).toString();
    row.time = QDateTime::currentDateTimeUtc();
    const int existing = rowOfId(row.id);
    if (existing >= 0) {
        row.state = RowState::LateResponse;
        row.errorMessage = QStringLiteral("a response for request %1, which had already ended (%2)")
                               .arg(row.id, stateText(m_rows[size_t(existing)].state).toLower());
    } else {
        row.state = RowState::UnknownId;
        row.errorMessage = QStringLiteral("a response whose id matches no request sent here");
    }
    append(std::move(row)); // not indexed: the id belongs to the request's row
}

void ApiHistoryModel::handleMalformedResponse(const QByteArray &raw, const QString &reason)
{
    Row row;
    row.hasRequest = false;
    setResponse(row, raw.left(MaxOrphanBytes), QJsonValue(QJsonValue::Undefined));
    row.responseSize = raw.size();
    row.state = RowState::Malformed;
    row.errorMessage = QStringLiteral("not a response: %1").arg(reason.left(MaxOrphanBytes));
    row.time = QDateTime::currentDateTimeUtc();
    append(std::move(row));
}

qint64 ApiHistoryModel::append(Row row)
{
    if (int(m_rows.size()) >= m_maxRows)
        evict(int(m_rows.size()) - m_maxRows + 1);
    row.sequence = m_nextSequence++;
    row.cost = costOf(row);
    const qint64 sequence = row.sequence;
    const int number = int(m_rows.size());
    beginInsertRows({}, number, number);
    m_bytes += row.cost;
    m_rows.push_back(std::move(row));
    endInsertRows();
    evictForBytes(sequence);
    emit fillChanged();
    return sequence;
}

void ApiHistoryModel::evict(int count)
{
    count = std::min(count, int(m_rows.size()));
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    for (int i = 0; i < count; ++i) {
        const Row &front = m_rows.front();
        const auto it = m_sequenceById.find(front.id);
        // Only if the hash points at this row: a newer request may reuse the id.
        if (it != m_sequenceById.end() && it.value() == front.sequence)
            m_sequenceById.erase(it);
        m_bytes -= front.cost;
        m_rows.pop_front();
    }
    m_evicted += count;
    endRemoveRows();
    emit fillChanged();
}

void ApiHistoryModel::evictForBytes(qint64 keepSequence)
{
    int from = 0;
    while (m_bytes > m_maxBytes) {
        // The oldest finished row goes; pending rows are small and their responses need them.
        int victim = -1;
        for (int i = from; i < int(m_rows.size()); ++i) {
            const Row &row = m_rows[size_t(i)];
            if (row.sequence != keepSequence && !isPending(row.state)) {
                victim = i;
                break;
            }
        }
        if (victim < 0)
            return;
        removeRowAt(victim);
        from = victim; // everything before it is pending or kept
    }
}

void ApiHistoryModel::removeRowAt(int number)
{
    beginRemoveRows({}, number, number);
    const auto position = m_rows.begin() + number;
    const auto it = m_sequenceById.find(position->id);
    if (it != m_sequenceById.end() && it.value() == position->sequence)
        m_sequenceById.erase(it);
    m_bytes -= position->cost;
    m_rows.erase(position);
    ++m_evicted;
    endRemoveRows();
    emit fillChanged();
}

void ApiHistoryModel::setResponse(Row &row, const QByteArray &raw, const QJsonValue &data) const
{
    row.responseSize = raw.size();
    // One response may take a quarter of the history: a bigger one keeps its beginning (for
    // reading) but not its parsed tree.
    const qint64 maxKept = m_maxBytes / 4;
    if (raw.size() > maxKept) {
        row.response = raw.left(maxKept);
        row.data = QJsonValue(QJsonValue::Undefined);
    } else {
        row.response = raw;
        row.data = data;
    }
}

qint64 ApiHistoryModel::costOf(const Row &row)
{
    const qint64 texts = row.id.size() + row.request.method.size() + row.request.path.size() +
                         row.status.size() + row.responseId.size() + row.errorMessage.size();
    // A parsed tree takes about what its text took, so a kept "data" counts the frame twice.
    const qint64 parsed = row.data.isUndefined() ? 0 : row.response.size();
    return RowOverhead + 2 * texts + row.response.size() + parsed;
}

void ApiHistoryModel::recount(Row &row)
{
    m_bytes -= row.cost;
    row.cost = costOf(row);
    m_bytes += row.cost;
    emit fillChanged();
}

ApiHistoryModel::Row *ApiHistoryModel::rowFor(const QString &id, int *rowNumber)
{
    const int number = rowOfId(id);
    if (rowNumber)
        *rowNumber = number;
    return number < 0 ? nullptr : &m_rows[size_t(number)];
}

void ApiHistoryModel::rowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace allium
