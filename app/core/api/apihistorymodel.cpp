// SPDX-License-Identifier: MIT
#include "core/api/apihistorymodel.h"

#include "core/api/apiclient.h"
#include "core/api/apiitemstablemodel.h"
#include "core/api/apiresult.h"
#include "core/api/codesnippet.h"
#include "core/api/latencystats.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

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
    : QAbstractItemModel(parent)
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

void ApiHistoryModel::announce(const ApiRequest &request, const QString &continuesId)
{
    if (request.id.isEmpty())
        return;
    if (m_announced.size() >= MaxAnnounced)
        m_announced.clear();
    m_announced.insert(request.id, {request, continuesId});
}

void ApiHistoryModel::setMaxRows(int maxRows)
{
    m_maxRows = std::max(1, maxRows);
    while (m_pageCount > m_maxRows && evictForRows(-1)) {
    }
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
    m_entries.clear();
    m_locationById.clear();
    m_pageCount = 0;
    m_bytes = 0;
    endResetModel();
    m_stats.clear();
    emit statsChanged();
    emit fillChanged();
}

int ApiHistoryModel::entryNumber(qint64 entrySequence) const
{
    // Evictions take entries from anywhere, so search rather than subtract.
    const auto entry = std::lower_bound(
        m_entries.cbegin(), m_entries.cend(), entrySequence,
        [](const Entry &candidate, qint64 wanted) { return candidate.sequence < wanted; });
    return entry != m_entries.cend() && entry->sequence == entrySequence
               ? int(entry - m_entries.cbegin())
               : -1;
}

int ApiHistoryModel::pageNumber(const Entry &entry, qint64 pageSequence)
{
    const auto page = std::lower_bound(
        entry.pages.cbegin(), entry.pages.cend(), pageSequence,
        [](const Row &candidate, qint64 wanted) { return candidate.sequence < wanted; });
    return page != entry.pages.cend() && page->sequence == pageSequence
               ? int(page - entry.pages.cbegin())
               : -1;
}

int ApiHistoryModel::rowOfId(const QString &id) const
{
    const auto it = m_locationById.constFind(id);
    return it == m_locationById.constEnd() ? -1 : entryNumber(it->entry);
}

QModelIndex ApiHistoryModel::indexOfId(const QString &id) const
{
    const auto it = m_locationById.constFind(id);
    const int number = it == m_locationById.constEnd() ? -1 : entryNumber(it->entry);
    if (number < 0)
        return {};
    const Entry &entry = m_entries[size_t(number)];
    const QModelIndex top = index(number, 0);
    return entry.isWalk ? index(pageNumber(entry, it->page), 0, top) : top;
}

QString ApiHistoryModel::idAt(int row) const
{
    return index(row, 0).data(IdRole).toString();
}

ApiHistoryModel::RowState ApiHistoryModel::stateAt(int row) const
{
    const QVariant state = index(row, 0).data(RowStateRole);
    return state.isValid() ? RowState(state.toInt()) : RowState::Malformed;
}

ApiRequest ApiHistoryModel::requestAt(int row) const
{
    return requestOf(index(row, 0));
}

ApiRequest ApiHistoryModel::requestOf(const QModelIndex &index) const
{
    const Entry *entry = entryOf(index);
    const Row *row = rowOf(index);
    if (!row && entry)
        row = &entry->pages.front(); // a walk: its first request
    if (row && row->hasRequest)
        return row->request;
    ApiRequest none;
    none.method.clear();
    return none;
}

bool ApiHistoryModel::isPendingAt(int row) const
{
    return index(row, 0).data(PendingRole).toBool();
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

QString ApiHistoryModel::walkSummary(int pages, int items)
{
    items = std::max(0, items);
    return QStringLiteral("%1 · %2").arg(
        pages == 1 ? QStringLiteral("1 page") : QStringLiteral("%1 pages").arg(pages),
        items == 1 ? QStringLiteral("1 item") : QStringLiteral("%1 items").arg(items));
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

QModelIndex ApiHistoryModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    // Top-level rows carry 0; a page carries its walk's sequence + 1, which finds the walk's
    // row after evictions.
    return createIndex(row, column,
                       parent.isValid() ? quintptr(m_entries[size_t(parent.row())].sequence + 1)
                                        : quintptr(0));
}

QModelIndex ApiHistoryModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const int number = entryNumber(qint64(child.internalId()) - 1);
    return number < 0 ? QModelIndex() : createIndex(number, 0, quintptr(0));
}

int ApiHistoryModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_entries.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    const Entry &entry = m_entries[size_t(parent.row())];
    return entry.isWalk ? int(entry.pages.size()) : 0;
}

int ApiHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() && parent.internalId() != 0 ? 0 : ColumnCount;
}

const ApiHistoryModel::Entry *ApiHistoryModel::entryOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const int number =
        index.internalId() == 0 ? index.row() : entryNumber(qint64(index.internalId()) - 1);
    return number >= 0 && number < int(m_entries.size()) ? &m_entries[size_t(number)] : nullptr;
}

const ApiHistoryModel::Row *ApiHistoryModel::rowOf(const QModelIndex &index) const
{
    const Entry *entry = entryOf(index);
    if (!entry)
        return nullptr;
    if (index.internalId() == 0)
        return entry->isWalk ? nullptr : &entry->pages.front();
    return index.row() < int(entry->pages.size()) ? &entry->pages[size_t(index.row())] : nullptr;
}

bool ApiHistoryModel::hasPending(const Entry &entry)
{
    return std::any_of(entry.pages.cbegin(), entry.pages.cend(),
                       [](const Row &page) { return isPending(page.state); });
}

ApiHistoryModel::RowState ApiHistoryModel::walkState(const Entry &entry)
{
    // Pending while any page is; else the first page that did not succeed says how it ended.
    bool queued = false;
    for (const Row &page : entry.pages) {
        if (page.state == RowState::InFlight)
            return RowState::InFlight;
        queued = queued || page.state == RowState::Queued;
    }
    if (queued)
        return RowState::Queued;
    for (const Row &page : entry.pages) {
        if (page.state != RowState::Succeeded)
            return page.state;
    }
    return RowState::Succeeded;
}

QVariant ApiHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (const Row *row = rowOf(index))
        return rowData(*row, index.column(), role);
    const Entry *entry = entryOf(index);
    return entry ? walkData(*entry, index.column(), role) : QVariant();
}

QVariant ApiHistoryModel::walkData(const Entry &entry, int column, int role) const
{
    const Row &first = entry.pages.front();
    const RowState state = walkState(entry);
    double latency = -1;
    int items = -1;
    QString problem;
    for (size_t i = 0; i < entry.pages.size(); ++i) {
        const Row &page = entry.pages[i];
        if (page.latencyMs >= 0)
            latency = std::max(0.0, latency) + page.latencyMs;
        if (page.itemCount >= 0)
            items = std::max(0, items) + page.itemCount;
        if (problem.isEmpty() && !page.errorMessage.isEmpty() && !isPending(page.state))
            problem = QStringLiteral("page %1: %2").arg(i + 1).arg(page.errorMessage);
    }
    const int pages = int(entry.pages.size());
    const QString summary = walkSummary(pages, items);
    switch (role) {
    case Qt::DisplayRole:
        if (column == PathColumn)
            return QStringLiteral("%1 · %2").arg(first.request.path, summary);
        if (column == StatusColumn)
            return stateText(state);
        if (column == LatencyColumn)
            return latencyText(latency);
        return rowData(first, column, role);
    case Qt::ToolTipRole:
        return problem.isEmpty() ? summary : QStringLiteral("%1. %2").arg(summary, problem);
    case RowStateRole:
        return int(state);
    case ToneRole:
        return int(toneOf(state));
    case ResponseJsonRole:
    case ResponseIdRole:
    case ResponseStatusRole:
        return rowData(Row(), column, role);
    case ResponseDataRole:
        return QVariant::fromValue(QJsonValue(QJsonValue::Undefined));
    case ResponseSizeRole: {
        qint64 size = 0;
        for (const Row &page : entry.pages)
            size += page.responseSize;
        return size;
    }
    case LatencyRole:
        return latency;
    case ErrorMessageRole:
        return problem;
    case PendingRole:
        return isPending(state);
    case AttemptsRole: {
        int attempts = 0;
        for (const Row &page : entry.pages)
            attempts += page.attempts;
        return attempts;
    }
    case IsWalkRole:
        return true;
    case PageCountRole:
        return pages;
    case ItemCountRole:
        return items;
    case SortRole:
        if (column == StatusColumn)
            return int(state);
        if (column == LatencyColumn)
            return latency;
        return rowData(first, column, role);
    }
    return rowData(first, column, role);
}

QVariant ApiHistoryModel::rowData(const Row &row, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
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
        if (column == StatusColumn || column == IdColumn)
            return row.errorMessage.isEmpty() ? QVariant() : QVariant(row.errorMessage);
        if (column == TimeColumn && row.time.isValid())
            return row.time.toLocalTime().toString(Qt::ISODateWithMs);
        return {};
    case Qt::TextAlignmentRole:
        if (column == LatencyColumn)
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
        return isPending(row.state);
    case AttemptsRole:
        return row.attempts;
    case ResponseDataRole:
        return QVariant::fromValue(row.data);
    case ResponseStatusRole:
        return row.status;
    case ResponseSizeRole:
        return row.responseSize;
    case IsWalkRole:
        return false;
    case PageCountRole:
        return 1;
    case ItemCountRole:
        return row.itemCount;
    case SortRole:
        switch (column) {
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
        return QAbstractItemModel::headerData(section, orientation, role);
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
    Announced announced = m_announced.take(id);
    row.request = announced.request;
    if (row.request.id.isEmpty()) {
        // Submitted by someone who did not announce it: the request shows up when it ends.
        row.request.method.clear();
        row.request.id = id;
    }
    row.time = QDateTime::currentDateTimeUtc();
    // A page whose walk left the history starts a new entry.
    const auto walk = announced.continuesId.isEmpty()
                          ? m_locationById.constEnd()
                          : m_locationById.constFind(announced.continuesId);
    const qint64 walkEntry = walk == m_locationById.constEnd() ? -1 : walk->entry;
    m_locationById.insert(id, append(std::move(row), walkEntry));
}

void ApiHistoryModel::handleSent(const QString &id)
{
    QModelIndex index;
    Row *row = rowFor(id, &index);
    if (!row)
        return;
    row->state = RowState::InFlight;
    row->time = QDateTime::currentDateTimeUtc();
    ++row->attempts;
    rowChanged(index);
}

void ApiHistoryModel::handleRequeued(const QString &id)
{
    QModelIndex index;
    Row *row = rowFor(id, &index);
    if (!row)
        return;
    row->state = RowState::Queued;
    row->errorMessage = ApiClient::inFlightLimitError();
    rowChanged(index);
}

void ApiHistoryModel::handleFinished(const ApiResult &result)
{
    m_stats.add(result);
    m_announced.remove(result.id);
    QModelIndex index;
    Row *row = rowFor(result.id, &index);
    // A rejected duplicate id must not overwrite the pending request that owns the id.
    const bool ownRow = row && result.state != ApiRequestState::Rejected && isPending(row->state);
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
        const qint64 sequence = target.sequence;
        rowChanged(index);
        evictForBytes(sequence);
    } else {
        const bool hadRow = row != nullptr;
        const Location location = append(std::move(fresh));
        if (!hadRow)
            m_locationById.insert(result.id, location);
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
    if (const Row *existing = rowFor(row.id)) {
        row.state = RowState::LateResponse;
        row.errorMessage = QStringLiteral("a response for request %1, which had already ended (%2)")
                               .arg(row.id, stateText(existing->state).toLower());
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

ApiHistoryModel::Location ApiHistoryModel::append(Row row, qint64 walkEntry)
{
    while (m_pageCount >= m_maxRows && evictForRows(walkEntry)) {
    }
    int number = walkEntry < 0 ? -1 : entryNumber(walkEntry);
    row.sequence = m_nextSequence++;
    row.cost = costOf(row);
    const Location location{number < 0 ? row.sequence : walkEntry, row.sequence};
    m_bytes += row.cost;
    ++m_pageCount;
    if (number < 0) {
        number = int(m_entries.size());
        beginInsertRows({}, number, number);
        Entry entry;
        entry.sequence = row.sequence;
        entry.pages.push_back(std::move(row));
        m_entries.push_back(std::move(entry));
        endInsertRows();
    } else {
        Entry &entry = m_entries[size_t(number)];
        const QModelIndex walk = index(number, 0);
        // The second page makes a request a walk: its first page becomes a child too.
        const int first = entry.isWalk ? int(entry.pages.size()) : 0;
        beginInsertRows(walk, first, int(entry.pages.size()));
        entry.isWalk = true;
        entry.pages.push_back(std::move(row));
        endInsertRows();
        emit dataChanged(walk, index(number, ColumnCount - 1));
    }
    evictForBytes(location.page);
    emit fillChanged();
    return location;
}

bool ApiHistoryModel::evictForRows(qint64 keepEntry)
{
    // Finished entries first: a pending request's response needs its row.
    int victim = -1;
    for (int i = 0; i < int(m_entries.size()) && victim < 0; ++i) {
        const Entry &entry = m_entries[size_t(i)];
        if (entry.sequence != keepEntry && !hasPending(entry))
            victim = i;
    }
    for (int i = 0; i < int(m_entries.size()) && victim < 0; ++i) {
        if (m_entries[size_t(i)].sequence != keepEntry)
            victim = i;
    }
    if (victim >= 0) {
        removeEntryAt(victim);
        return true;
    }
    // Only the walk being extended is left: its oldest finished page goes.
    const int walk = entryNumber(keepEntry);
    if (walk < 0)
        return false;
    const std::vector<Row> &pages = m_entries[size_t(walk)].pages;
    for (int i = 0; i < int(pages.size()); ++i) {
        if (!isPending(pages[size_t(i)].state)) {
            removePageAt(walk, i);
            return true;
        }
    }
    return false;
}

void ApiHistoryModel::evictForBytes(qint64 keepPage)
{
    const auto holdsKept = [keepPage](const Entry &entry) {
        return pageNumber(entry, keepPage) >= 0;
    };
    int from = 0;
    while (m_bytes > m_maxBytes) {
        // The oldest finished entry goes whole; pending pages are small and their responses
        // need them.
        int victim = -1;
        for (int i = from; i < int(m_entries.size()) && victim < 0; ++i) {
            const Entry &entry = m_entries[size_t(i)];
            if (!hasPending(entry) && !holdsKept(entry))
                victim = i;
        }
        if (victim >= 0) {
            removeEntryAt(victim);
            from = victim; // everything before it is pending or kept
            continue;
        }
        // Then the oldest finished page of a walk that is still under way (or just grew).
        int walk = -1;
        int page = -1;
        for (int i = 0; i < int(m_entries.size()) && walk < 0; ++i) {
            const Entry &entry = m_entries[size_t(i)];
            for (int p = 0; entry.isWalk && p < int(entry.pages.size()) && walk < 0; ++p) {
                const Row &row = entry.pages[size_t(p)];
                if (row.sequence != keepPage && !isPending(row.state)) {
                    walk = i;
                    page = p;
                }
            }
        }
        if (walk < 0)
            return;
        removePageAt(walk, page);
        from = 0; // a walk losing its last page leaves the list
    }
}

void ApiHistoryModel::forgetId(const Row &row)
{
    const auto it = m_locationById.find(row.id);
    // Only if the hash points at this row: a newer request may reuse the id.
    if (it != m_locationById.end() && it->page == row.sequence)
        m_locationById.erase(it);
    m_bytes -= row.cost;
    --m_pageCount;
    ++m_evicted;
}

void ApiHistoryModel::removeEntryAt(int number)
{
    beginRemoveRows({}, number, number);
    const auto position = m_entries.begin() + number;
    for (const Row &page : position->pages)
        forgetId(page);
    m_entries.erase(position);
    endRemoveRows();
    emit fillChanged();
}

void ApiHistoryModel::removePageAt(int entryNumber, int pageNumber)
{
    Entry &entry = m_entries[size_t(entryNumber)];
    if (entry.pages.size() <= 1) {
        removeEntryAt(entryNumber);
        return;
    }
    const QModelIndex walk = index(entryNumber, 0);
    beginRemoveRows(walk, pageNumber, pageNumber);
    const auto position = entry.pages.begin() + pageNumber;
    forgetId(*position);
    entry.pages.erase(position);
    endRemoveRows();
    emit dataChanged(walk, index(entryNumber, ColumnCount - 1));
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
    QJsonArray items;
    row.itemCount = !row.data.isUndefined() && ApiItemsTableModel::rowsOf(row.data, &items)
                        ? int(items.size())
                        : -1;
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

ApiHistoryModel::Row *ApiHistoryModel::rowFor(const QString &id, QModelIndex *index)
{
    const auto it = m_locationById.constFind(id);
    const int number = it == m_locationById.constEnd() ? -1 : entryNumber(it->entry);
    if (number < 0)
        return nullptr;
    Entry &entry = m_entries[size_t(number)];
    const int page = pageNumber(entry, it->page);
    if (page < 0)
        return nullptr;
    if (index) {
        const QModelIndex top = this->index(number, 0);
        *index = entry.isWalk ? this->index(page, 0, top) : top;
    }
    return &entry.pages[size_t(page)];
}

void ApiHistoryModel::rowChanged(const QModelIndex &index)
{
    emit dataChanged(index, index.siblingAtColumn(ColumnCount - 1));
    // A walk's row sums up its pages.
    const QModelIndex walk = index.parent();
    if (walk.isValid())
        emit dataChanged(walk, walk.siblingAtColumn(ColumnCount - 1));
}

} // namespace allium
