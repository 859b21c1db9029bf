// SPDX-License-Identifier: MIT
#pragma once

#include "core/alerts/alertevent.h"

#include <QAbstractTableModel>
#include <QList>

namespace allium {

/// The alert log: one row per alert, newest last, bounded in bytes (the oldest go first). A
/// report of matches a cooldown held back adds its count to the rule's latest row instead of
/// making a new one, so a burst is one row with its count.
class AlertLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, RuleColumn, TopicColumn, CountColumn, DetailColumn, ColumnCount };
    enum Role {
        MessageRole = Qt::UserRole + 1, ///< QByteArray: the triggering message's JSON
        SequenceRole,                   ///< quint64: its StreamMessage::sequence
        TopicRole,                      ///< QString
    };
    static constexpr qint64 DefaultMaxBytes = 4 * 1024 * 1024;

    explicit AlertLogModel(QObject *parent = nullptr);

    void setMaxBytes(qint64 bytes);
    qint64 bytes() const { return m_bytes; }
    void add(const AlertEvent &event);
    void clear();
    const AlertEvent &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void trim();

    QList<AlertEvent> m_entries;
    qint64 m_bytes = 0;
    qint64 m_maxBytes = DefaultMaxBytes;
};

} // namespace allium
