// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionevent.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <deque>

namespace allium {

class ConnectionStatusSource;

/// The connection events of every attached connection (opened, closed, retries, re-subscribes,
/// server errors, failures) as a bounded table model: the newest `capacity` events are kept.
/// Texts come from the connections' signals, which never carry the API key; registered secrets
/// are masked as well, as a second line of defence against a server that echoes one back.
class ConnectionEventLog : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, ConnectionColumn, KindColumn, TextColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, ///< ConnectionEventKind as int
        TimeMsRole,                  ///< qint64 ms since the epoch
    };

    static constexpr int DefaultCapacity = 5000;
    /// Longest text kept per event (characters): the log is bounded in bytes, not only in count.
    static constexpr int MaxTextLength = 2000;

    explicit ConnectionEventLog(QObject *parent = nullptr);

    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }

    /// Logs the signals of `source` (a StreamSession, a WebSocketConnection) under `name` until
    /// either is destroyed: opened, each lost link or attempt with its reason ("connection lost:
    /// …"), the user's disconnect, retries, failures and the source's own events.
    void attach(ConnectionStatusSource *source, const QString &name);
    /// Stops logging `source` (given to attach()).
    void detach(ConnectionStatusSource *source);

    /// Texts are searched for these strings (API keys) and have them masked. Register every
    /// key in use, whatever its source (keychain, ALLIUM_API_KEY, --url, the emulator's).
    void addSecret(const QString &secret);
    /// `text` with each secret (as is, and percent-encoded as in a URL) replaced by "••••",
    /// longest first so that a key containing another is masked whole.
    static QString redacted(QString text, QStringList secrets);

    void addEvent(const QString &connection, ConnectionEventKind kind, const QString &text);
    void addEvent(const ConnectionEvent &event);
    const ConnectionEvent &event(int row) const { return m_events[std::size_t(row)]; }
    int eventCount() const { return int(m_events.size()); }
    void clear();

    /// Rows as tab-separated lines (time, connection, kind, text), for the clipboard.
    QString toText(const QList<int> &rows) const;
    static QString formatTime(qint64 timeMs);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString redact(QString text) const;

    std::deque<ConnectionEvent> m_events;
    int m_capacity = DefaultCapacity;
    QStringList m_secrets;
};

} // namespace allium
