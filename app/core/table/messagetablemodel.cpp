// SPDX-License-Identifier: MIT
#include "core/table/messagetablemodel.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <iterator>

namespace allium {

MessageTableModel::MessageTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_parsed(ParsedRowCacheSize)
{
    m_drainTimer.setInterval(0);
    m_drainTimer.setSingleShot(true);
    connect(&m_drainTimer, &QTimer::timeout, this, &MessageTableModel::drainPending);
}

MessageTableModel::~MessageTableModel() = default;

void MessageTableModel::setHistoryLimits(int maxCount, qint64 maxBytes)
{
    const int rowsBefore = m_rows;
    const quint64 evictionsBefore = m_store.evictions();
    m_store.setLimits(maxCount, maxBytes);
    announceEvictions(evictionsBefore, rowsBefore);

    const int pendingBefore = m_pending.size();
    m_pending.setLimits(maxCount, maxBytes);
    if (m_pending.size() != pendingBefore)
        emit pendingCountChanged(m_pending.size());
    emit fillChanged();
}

void MessageTableModel::setColumns(const QStringList &paths)
{
    if (paths == m_columns)
        return;
    // Columns are removed and inserted rather than reset, so views keep their rows, scroll
    // position and selection.
    if (!m_columns.isEmpty()) {
        beginRemoveColumns({}, 0, int(m_columns.size()) - 1);
        m_columns.clear();
        endRemoveColumns();
    }
    m_parsed.clear(); // cached rows hold one display string per column
    if (!paths.isEmpty()) {
        beginInsertColumns({}, 0, int(paths.size()) - 1);
        m_columns = paths;
        endInsertColumns();
    }
    emit columnsChanged(m_columns);
}

void MessageTableModel::setFormatter(const ValueFormatter &formatter)
{
    m_formatter = formatter;
    m_parsed.clear();
    if (m_rows > 0 && !m_columns.isEmpty())
        emit dataChanged(index(0, 0), index(m_rows - 1, int(m_columns.size()) - 1));
}

void MessageTableModel::appendBatch(const MessageBatch &batch)
{
    appendMessages(batch.messages);
}

void MessageTableModel::appendMessages(const QVector<StreamMessage> &messages)
{
    if (messages.isEmpty())
        return;
    if (m_paused || !m_pending.isEmpty()) { // paused, or behind a backlog still being appended
        m_pending.append(messages);
        emit pendingCountChanged(m_pending.size());
        return;
    }
    insertIntoHistory(messages);
}

int MessageTableModel::trimToBytes(qint64 maxBytes)
{
    const int rowsBefore = m_rows;
    const quint64 evictionsBefore = m_store.evictions();
    const int evicted = m_store.trimToBytes(maxBytes);
    if (evicted == 0)
        return 0;
    announceEvictions(evictionsBefore, rowsBefore);
    emit fillChanged();
    return evicted;
}

void MessageTableModel::insertIntoHistory(const QVector<StreamMessage> &messages,
                                          std::optional<quint64> markOffset)
{
    const int rowsBefore = m_rows;
    const quint64 evictionsBefore = m_store.evictions();
    if (m_markPending && markOffset) {
        m_marks.push_back({m_store.totalAppended() + *markOffset, m_pendingMark});
        m_markPending = false;
        m_pendingMark.clear();
    }
    m_store.append(messages);
    announceEvictions(evictionsBefore, rowsBefore);

    const int added = m_store.size() - m_rows;
    if (added > 0) {
        beginInsertRows({}, m_rows, m_rows + added - 1);
        m_rows += added;
        endInsertRows();
    }
    emit fillChanged();
}

// The store has already dropped its oldest messages; the views are told in one signal, with
// rows mapped to where they were until the signal is over.
void MessageTableModel::announceEvictions(quint64 evictionsBefore, int rowsBefore)
{
    // The store evicts oldest first, so all old rows go before any message of this batch.
    const int evicted =
        int(std::min<quint64>(quint64(rowsBefore), m_store.evictions() - evictionsBefore));
    if (evicted <= 0)
        return;
    m_evictedShift = evicted;
    beginRemoveRows({}, 0, evicted - 1);
    m_evictedShift = 0;
    m_rows = rowsBefore - evicted;
    endRemoveRows();
    // A mark stays while its segment has rows left: the oldest row still needs its number.
    const quint64 oldest = oldestRowId();
    auto firstKept = m_marks.begin();
    while (firstKept != m_marks.end() && std::next(firstKept) != m_marks.end() &&
           std::next(firstKept)->rowId <= oldest)
        ++firstKept;
    m_marksEvicted += int(firstKept - m_marks.begin());
    m_marks.erase(m_marks.begin(), firstKept);
}

void MessageTableModel::markFilterChange(const QString &summary)
{
    m_markPending = true;
    m_pendingMark = summary;
    // While paused the mark belongs to the first message after the backlog held now.
    m_markBacklogId = m_pending.totalAppended();
}

void MessageTableModel::markAlert(quint64 sequence, const QString &rule)
{
    QString &rules = m_alertMarks[sequence];
    if (rules.isEmpty()) {
        m_alertOrder.push_back(sequence);
        rules = rule;
    } else if (!rules.split(QStringLiteral(", ")).contains(rule)) {
        rules += QStringLiteral(", ") + rule;
    }
    if (m_alertOrder.size() > std::size_t(MaxAlertMarks)) {
        const std::size_t excess = m_alertOrder.size() - std::size_t(MaxAlertMarks);
        for (std::size_t i = 0; i < excess; ++i)
            m_alertMarks.remove(m_alertOrder[i]);
        m_alertOrder.erase(m_alertOrder.begin(), m_alertOrder.begin() + qsizetype(excess));
    }
    // The row may be on screen already (usually it is not: alerts outrun batches).
    for (int row = m_rows - 1; row >= m_evictedShift && row >= m_rows - 2000; --row) {
        if (message(row).sequence == sequence) {
            emit dataChanged(index(row, 0), index(row, columnCount() - 1));
            break;
        }
    }
}

QString MessageTableModel::filterChangeAt(int row) const
{
    if (row < m_evictedShift || row >= m_rows)
        return {};
    const quint64 id = rowId(row);
    const auto found =
        std::lower_bound(m_marks.begin(), m_marks.end(), id,
                         [](const FilterMark &mark, quint64 value) { return mark.rowId < value; });
    return found != m_marks.end() && found->rowId == id ? found->summary : QString();
}

int MessageTableModel::filterSegment(int row) const
{
    if (row < m_evictedShift || row >= m_rows)
        return 0;
    const quint64 id = rowId(row);
    const auto after =
        std::upper_bound(m_marks.begin(), m_marks.end(), id,
                         [](quint64 value, const FilterMark &mark) { return value < mark.rowId; });
    return m_marksEvicted + int(after - m_marks.begin());
}

void MessageTableModel::clear()
{
    beginResetModel();
    m_store.clear();
    m_parsed.clear();
    m_rows = 0;
    m_evictedShift = 0;
    m_marks.clear();
    m_marksEvicted = 0;
    m_markPending = false;
    m_pendingMark.clear();
    endResetModel();
    const bool hadPending = !m_pending.isEmpty();
    m_drainTimer.stop();
    m_pending.clear();
    if (hadPending)
        emit pendingCountChanged(0);
    emit fillChanged();
}

void MessageTableModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (paused)
        m_drainTimer.stop();
    else
        drainPending();
    emit pausedChanged(paused);
}

void MessageTableModel::drainPending()
{
    if (m_paused || m_pending.isEmpty())
        return;
    const quint64 oldestPending = m_pending.totalAppended() - quint64(m_pending.size());
    const QVector<StreamMessage> slice = m_pending.takeOldest(DrainSliceCount);
    // A mark made while paused goes on the backlog's message m_markBacklogId, in whichever
    // slice holds it.
    std::optional<quint64> markOffset;
    if (m_markBacklogId < oldestPending + quint64(slice.size()))
        markOffset = m_markBacklogId > oldestPending ? m_markBacklogId - oldestPending : 0;
    insertIntoHistory(slice, markOffset);
    emit pendingCountChanged(m_pending.size());
    if (!m_pending.isEmpty())
        m_drainTimer.start();
}

const StreamMessage &MessageTableModel::message(int row) const
{
    Q_ASSERT(row >= m_evictedShift && row < m_rows);
    return m_store.at(storeIndex(row));
}

quint64 MessageTableModel::rowId(int row) const
{
    // totalAppended() - size() is the id of the store's oldest message.
    return m_store.totalAppended() - quint64(m_store.size()) + quint64(storeIndex(row));
}

MessageTableModel::ParsedRow *MessageTableModel::parsedRow(int row) const
{
    const quint64 id = rowId(row);
    if (ParsedRow *cached = m_parsed.object(id))
        return cached;
    auto *parsed = new ParsedRow;
    parsed->object = QJsonDocument::fromJson(message(row).json).object();
    parsed->display.resize(m_columns.size());
    parsed->formatted.fill(false, m_columns.size());
    m_parsed.insert(id, parsed);
    return parsed;
}

QJsonObject MessageTableModel::object(int row) const
{
    if (row < m_evictedShift || row >= m_rows)
        return {};
    return parsedRow(row)->object;
}

QJsonValue MessageTableModel::rawValue(int row, int column) const
{
    if (row < m_evictedShift || row >= m_rows || column < 0 || column >= m_columns.size())
        return QJsonValue(QJsonValue::Undefined);
    return valueAt(parsedRow(row)->object, m_columns.at(column));
}

QJsonValue MessageTableModel::valueAt(const QJsonObject &object, QStringView path)
{
    if (path.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    // A key that itself contains dots is found before it is split into steps.
    const QJsonValue whole = object.value(path);
    if (!whole.isUndefined())
        return whole;
    QJsonValue current = object;
    for (QStringView step : path.split(QLatin1Char('.'))) {
        if (current.isObject()) {
            current = current.toObject().value(step);
        } else if (current.isArray()) {
            bool ok = false;
            const int at = step.toInt(&ok);
            const QJsonArray array = current.toArray();
            if (!ok || at < 0 || at >= array.size())
                return QJsonValue(QJsonValue::Undefined);
            current = array.at(at);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
        if (current.isUndefined())
            return current;
    }
    return current;
}

int MessageTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int MessageTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant MessageTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    // Rows already evicted but not yet announced have nothing left to show.
    if (row < m_evictedShift)
        return {};

    switch (role) {
    case Qt::DisplayRole: {
        ParsedRow *parsed = parsedRow(row);
        if (!parsed->formatted.at(column)) {
            parsed->display[column] = m_formatter.display(
                m_columns.at(column), valueAt(parsed->object, m_columns.at(column)));
            parsed->formatted[column] = true;
        }
        return parsed->display.at(column);
    }
    case Qt::ToolTipRole: {
        const QJsonValue value = rawValue(row, column);
        QString tip =
            value.isUndefined() ? QString() : m_formatter.toolTip(m_columns.at(column), value);
        const QString change = filterChangeAt(row);
        if (!change.isEmpty()) {
            tip = tr("The server filter changed before this message: %1").arg(change) +
                  (tip.isEmpty() ? QString() : QStringLiteral("\n\n") + tip);
        }
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::TextAlignmentRole: {
        const ValueFormatter::Kind kind = ValueFormatter::kindForPath(m_columns.at(column));
        const bool numeric =
            kind == ValueFormatter::Kind::Wei || kind == ValueFormatter::Kind::Gwei ||
            kind == ValueFormatter::Kind::Grouped ||
            (kind == ValueFormatter::Kind::Plain && rawValue(row, column).isDouble());
        return QVariant::fromValue(numeric ? Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter)
                                           : Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    }
    case RawJsonRole:
        return message(row).json;
    case SequenceRole:
        return message(row).sequence;
    case ReceivedAtRole:
        return message(row).receivedAtMs;
    case JsonValueRole:
        return QVariant::fromValue(rawValue(row, column));
    case PathRole:
        return m_columns.at(column);
    case RowIdRole:
        return rowId(row);
    case FilterChangeRole: {
        const QString change = filterChangeAt(row);
        return change.isNull() ? QVariant() : QVariant(change);
    }
    case FilterSegmentRole:
        return filterSegment(row);
    case AlertRole: {
        const auto mark = m_alertMarks.constFind(message(row).sequence);
        return mark == m_alertMarks.constEnd() ? QVariant() : QVariant(*mark);
    }
    default:
        return {};
    }
}

QVariant MessageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_columns.size())
            return {};
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == PathRole)
            return m_columns.at(section);
        return {};
    }
    if (role == Qt::DisplayRole && section >= m_evictedShift && section < m_rows)
        return message(section).sequence;
    return {};
}

} // namespace allium
