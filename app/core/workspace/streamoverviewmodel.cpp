// SPDX-License-Identifier: MIT
#include "core/workspace/streamoverviewmodel.h"

#include "core/base/gridtimer.h"
#include "core/stream/streamsession.h"
#include "core/table/messagetablemodel.h"
#include "core/workspace/historybudget.h"
#include "core/workspace/streamactivity.h"
#include "core/workspace/streamworkspace.h"

#include <QDateTime>
#include <QLocale>

namespace allium {

namespace {

QString count(quint64 value)
{
    return QLocale().toString(qulonglong(value));
}

QString bytesText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// The counter a column shows: dropped, server errors, parse errors, reconnects or the data
// faults the integrity check found.
quint64 counter(const StreamStats &stats, int column)
{
    switch (column) {
    case StreamOverviewModel::DroppedColumn:
        return stats.drops;
    case StreamOverviewModel::ServerErrorsColumn:
        return stats.serverErrors;
    case StreamOverviewModel::ParseErrorsColumn:
        return stats.parseErrors;
    case StreamOverviewModel::ReconnectsColumn:
        return stats.reconnects;
    case StreamOverviewModel::IntegrityColumn:
        return stats.integrity.dataFaults();
    default:
        return 0;
    }
}

QString ageText(qint64 ms)
{
    if (ms < 1000)
        return StreamOverviewModel::tr("just now");
    if (ms < 120000)
        return StreamOverviewModel::tr("%1 s ago").arg(ms / 1000);
    if (ms < 7200000)
        return StreamOverviewModel::tr("%1 min ago").arg(ms / 60000);
    return StreamOverviewModel::tr("%1 h ago").arg(ms / 3600000);
}

} // namespace

StreamOverviewModel::StreamOverviewModel(StreamWorkspace *workspace, QObject *parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
    , m_tick(new GridTimer(this))
{
    m_tick->setInterval(1000);
    connect(m_tick, &GridTimer::timeout, this, &StreamOverviewModel::refresh);
    connect(workspace, &StreamWorkspace::streamAdded, this, &StreamOverviewModel::addRow);
    connect(workspace, &StreamWorkspace::streamClosing, this, &StreamOverviewModel::removeRow);
    for (StreamSession *session : workspace->streams())
        addRow(session);
}

QString StreamOverviewModel::streamName(const StreamSession &session)
{
    const QString topic = session.topic();
    if (topic.isEmpty())
        return tr("New stream");
    return session.filter().isEmpty() ? topic : tr("%1 (filtered)").arg(topic);
}

QString StreamOverviewModel::rateText(double perSecond)
{
    return QLocale().toString(perSecond, 'f', perSecond < 10 ? 1 : 0);
}

int StreamOverviewModel::rowOf(const StreamSession *session) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).session == session)
            return row;
    }
    return -1;
}

StreamSession *StreamOverviewModel::sessionAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).session : nullptr;
}

ChainHead::Reading StreamOverviewModel::head(const StreamSession *session) const
{
    const int row = rowOf(session);
    return row < 0 ? ChainHead::Reading() : m_rows.at(row).head;
}

void StreamOverviewModel::addRow(StreamSession *session)
{
    const int newRow = int(m_rows.size());
    beginInsertRows({}, newRow, newRow);
    m_rows.append(Row{session, {}, {}, {}});
    endInsertRows();
    // The head: the newest message of each batch is enough (one scan per batch, not per
    // message), and a new topic starts over.
    connect(session, &StreamSession::messagesReceived, this,
            [this, session](const MessageBatch &batch) {
                if (batch.messages.isEmpty())
                    return;
                const int row = rowOf(session);
                if (row < 0)
                    return;
                Row &entry = m_rows[row];
                if (entry.headTopic != session->topic()) { // another topic: another chain
                    entry.head = {};
                    entry.headTopic = session->topic();
                }
                const ChainHead::Reading reading = ChainHead::read(batch.messages.constLast().json);
                if (reading.found)
                    entry.head = reading;
            });
    connect(session, &StreamSession::stateChanged, this, [this, session] {
        const int row = rowOf(session);
        if (row >= 0)
            refreshRow(row, StreamColumn, StateColumn);
    });
    if (!m_tick->isActive())
        m_tick->start();
}

void StreamOverviewModel::removeRow(StreamSession *session)
{
    const int row = rowOf(session);
    if (row < 0)
        return;
    disconnect(session, nullptr, this, nullptr);
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    if (m_rows.isEmpty())
        m_tick->stop();
}

void StreamOverviewModel::refresh()
{
    for (Row &row : m_rows) {
        row.rates.append(row.session->stats().messagesPerSecond);
        if (row.rates.size() > SparklineSeconds)
            row.rates.remove(0, row.rates.size() - SparklineSeconds);
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    emit refreshed();
}

void StreamOverviewModel::refreshRow(int row, int firstColumn, int lastColumn)
{
    emit dataChanged(index(row, firstColumn), index(row, lastColumn));
}

int StreamOverviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StreamOverviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StreamOverviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case SortRole:
        return sortData(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::TextAlignmentRole:
        return index.column() >= RateColumn && index.column() != LastMessageColumn
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case SparklineRole:
        return index.column() == RateColumn ? QVariant::fromValue(row.rates) : QVariant();
    case ActivityRole:
        return int(StreamActivityRules::of(*row.session, QDateTime::currentMSecsSinceEpoch()));
    case SessionRole:
        return QVariant::fromValue<QObject *>(row.session);
    default:
        return {};
    }
}

QVariant StreamOverviewModel::displayData(const Row &row, int column) const
{
    const StreamSession &session = *row.session;
    const StreamStats stats = session.stats();
    switch (column) {
    case StreamColumn:
        return streamName(session);
    case StateColumn:
        return StreamActivityRules::text(
            StreamActivityRules::of(session, QDateTime::currentMSecsSinceEpoch()));
    case RateColumn:
        return rateText(stats.messagesPerSecond);
    case LastMessageColumn:
        return stats.lastMessageAtMs <= 0
                   ? tr("—")
                   : ageText(QDateTime::currentMSecsSinceEpoch() - stats.lastMessageAtMs);
    case HeadColumn:
        return row.head.found ? QLocale().toString(row.head.value) : tr("—");
    case HistoryColumn: {
        const MessageTableModel *history = m_workspace->history(&session);
        return history
                   ? tr("%1 · %2").arg(count(quint64(history->size())), bytesText(history->bytes()))
                   : tr("—");
    }
    default:
        return column < ColumnCount ? QVariant(count(counter(stats, column))) : QVariant();
    }
}

QVariant StreamOverviewModel::sortData(const Row &row, int column) const
{
    const StreamSession &session = *row.session;
    const StreamStats stats = session.stats();
    switch (column) {
    case StreamColumn:
        return streamName(session);
    case StateColumn:
        return int(StreamActivityRules::of(session, QDateTime::currentMSecsSinceEpoch()));
    case RateColumn:
        return stats.messagesPerSecond;
    case LastMessageColumn: // the freshest first when ascending; never-heard-of last
        return stats.lastMessageAtMs <= 0
                   ? std::numeric_limits<qint64>::max()
                   : QDateTime::currentMSecsSinceEpoch() - stats.lastMessageAtMs;
    case HeadColumn:
        return row.head.found ? row.head.value : qint64(-1);
    case HistoryColumn: {
        const MessageTableModel *history = m_workspace->history(&session);
        return history ? history->bytes() : qint64(0);
    }
    default:
        return column < ColumnCount ? QVariant(counter(stats, column)) : QVariant();
    }
}

QString StreamOverviewModel::toolTip(const Row &row, int column) const
{
    const StreamSession &session = *row.session;
    switch (column) {
    case StateColumn:
        return session.state() == ConnectionState::Failed ? session.failureReason()
                                                          : session.lastError();
    case HeadColumn:
        return row.head.found ? tr("Newest %1 seen").arg(row.head.field)
                              : tr("This topic has no block number or slot");
    case HistoryColumn: {
        const MessageTableModel *history = m_workspace->history(&session);
        if (!history)
            return {};
        const HistoryBudget *budget = m_workspace->budget();
        QString text = tr("%1 messages, %2 of this stream's %3; all streams: %4 of the %5 "
                          "budget")
                           .arg(count(quint64(history->size())), bytesText(history->bytes()),
                                bytesText(history->byteCapacity()), bytesText(budget->usedBytes()),
                                bytesText(budget->budgetBytes()));
        if (const quint64 trimmed = budget->trimmedMessages(history))
            text += tr("\nThe memory budget removed its %1 oldest messages.").arg(count(trimmed));
        return text;
    }
    case IntegrityColumn: {
        const IntegritySnapshot integrity = session.stats().integrity;
        if (integrity.sequenceField.isEmpty())
            return tr("This topic has no block sequence: rate and staleness only");
        return tr("%1 gaps (%2 missing), %3 reorgs, %4 duplicates, %5 out of order; %6 outages "
                  "while disconnected, %7 stalls")
            .arg(count(integrity.gaps), count(integrity.missing), count(integrity.reorgs),
                 count(integrity.duplicates), count(integrity.outOfOrder), count(integrity.outages),
                 count(integrity.stalls));
    }
    default:
        return {};
    }
}

QVariant StreamOverviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StreamColumn:
        return tr("Stream");
    case StateColumn:
        return tr("State");
    case RateColumn:
        return tr("Msg/s");
    case LastMessageColumn:
        return tr("Last message");
    case HeadColumn:
        return tr("Head");
    case HistoryColumn:
        return tr("History");
    case DroppedColumn:
        return tr("Dropped");
    case ServerErrorsColumn:
        return tr("Server errors");
    case ParseErrorsColumn:
        return tr("Parse errors");
    case ReconnectsColumn:
        return tr("Reconnects");
    case IntegrityColumn:
        return tr("Integrity");
    default:
        return {};
    }
}

} // namespace allium
