// SPDX-License-Identifier: MIT
#include "core/alerts/alertlogmodel.h"

#include <QDateTime>

namespace allium {

namespace {

// How far back a held-back report looks for its rule's row: a burst's row is recent.
constexpr int MergeLookback = 200;

} // namespace

AlertLogModel::AlertLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AlertLogModel::setMaxBytes(qint64 bytes)
{
    m_maxBytes = qMax<qint64>(1, bytes);
    trim();
}

void AlertLogModel::add(const AlertEvent &event)
{
    if (event.heldBack) {
        const int last = int(m_entries.size()) - 1;
        for (int row = last; row >= 0 && row > last - MergeLookback; --row) {
            AlertEvent &entry = m_entries[row];
            if (entry.rule != event.rule || entry.topic != event.topic)
                continue;
            // The row keeps the message that fired; the burst's count grows.
            entry.count += event.count;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            return;
        }
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(event);
    m_bytes += event.footprintBytes();
    endInsertRows();
    trim();
}

void AlertLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_bytes = 0;
    endResetModel();
}

void AlertLogModel::trim()
{
    int excess = 0;
    qint64 bytes = m_bytes;
    // The newest entry stays whatever its size (its message is bounded by AlertEvent).
    while (bytes > m_maxBytes && excess < m_entries.size() - 1)
        bytes -= m_entries.at(excess++).footprintBytes();
    if (excess == 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_entries.remove(0, excess);
    m_bytes = bytes;
    endRemoveRows();
}

int AlertLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AlertLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlertEvent &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(entry.timeMs)
                .toString(QStringLiteral("HH:mm:ss"));
        case RuleColumn:
            return entry.rule;
        case TopicColumn:
            return entry.topic;
        case CountColumn:
            return entry.count;
        case DetailColumn:
            return entry.detail;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return entry.summary();
    case MessageRole:
        return entry.message;
    case SequenceRole:
        return entry.sequence;
    case TopicRole:
        return entry.topic;
    default:
        return {};
    }
}

QVariant AlertLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case RuleColumn:
        return tr("Rule");
    case TopicColumn:
        return tr("Topic");
    case CountColumn:
        return tr("Count");
    case DetailColumn:
        return tr("Detail");
    default:
        return {};
    }
}

} // namespace allium
