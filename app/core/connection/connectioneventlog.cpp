// SPDX-License-Identifier: MIT
#include "core/connection/connectioneventlog.h"

#include "core/connection/connectionstatussource.h"

#include <QDateTime>
#include <QUrl>

#include <algorithm>
#include <memory>
#include <utility>

namespace allium {

namespace {

constexpr int MinimumCapacity = 1;
/// Server text (close reasons, error frames) is kept up to this many characters per event, so
/// a flood of megabyte errors cannot fill memory or stall the view's layout.
QString boundedText(const QString &text)
{
    constexpr int max = ConnectionEventLog::MaxTextLength;
    if (text.size() <= max)
        return text;
    return text.left(max) + QStringLiteral("… (%1 more characters)").arg(text.size() - max);
}

ConnectionEventKind failureKind(const QString &reason)
{
    // WebSocketConnection reports TLS failures as "TLS certificate not trusted: …" or
    // "TLS handshake failed: …"; there is no separate signal, so the text decides.
    return reason.contains(QLatin1String("TLS")) ? ConnectionEventKind::TlsError
                                                 : ConnectionEventKind::Failed;
}

QString retryText(int attempt, int delayMs)
{
    if (delayMs < 1000)
        return ConnectionEventLog::tr("attempt %1 in %2 ms").arg(attempt).arg(delayMs);
    return ConnectionEventLog::tr("attempt %1 in %2 s")
        .arg(attempt)
        .arg(double(delayMs) / 1000.0, 0, 'f', 1);
}

QString openedText(const QUrl &url, bool compressed)
{
    return compressed ? ConnectionEventLog::tr("connected to %1, compressed (permessage-deflate)")
                            .arg(url.toDisplayString(QUrl::RemoveUserInfo))
                      : ConnectionEventLog::tr("connected to %1, not compressed")
                            .arg(url.toDisplayString(QUrl::RemoveUserInfo));
}

} // namespace

ConnectionEventLog::ConnectionEventLog(QObject *parent)
    : QAbstractTableModel(parent)
{
    qRegisterMetaType<allium::ConnectionState>();
}

void ConnectionEventLog::setCapacity(int capacity)
{
    m_capacity = std::max(MinimumCapacity, capacity);
    const int excess = eventCount() - m_capacity;
    if (excess > 0) {
        beginRemoveRows(QModelIndex(), 0, excess - 1);
        m_events.erase(m_events.begin(), m_events.begin() + excess);
        endRemoveRows();
    }
}

void ConnectionEventLog::attach(ConnectionStatusSource *source, const QString &name)
{
    // A loss carries its reason (close code, network error, dead heartbeat), so closed() would
    // only repeat it; the user's own disconnect is only visible as Connected → Disconnected.
    auto previous = std::make_shared<ConnectionState>(source->state());
    connect(source, &ConnectionStatusSource::stateChanged, this,
            [this, name, previous](ConnectionState state) {
                if (*previous == ConnectionState::Connected &&
                    state == ConnectionState::Disconnected)
                    addEvent(name, ConnectionEventKind::Closed, tr("closed by the user"));
                *previous = state;
            });
    connect(source, &ConnectionStatusSource::connectionLost, this,
            [this, name](const QString &reason) {
                addEvent(name, ConnectionEventKind::Closed,
                         reason.isEmpty() ? tr("connection lost")
                                          : tr("connection lost: %1").arg(reason));
            });
    connect(source, &ConnectionStatusSource::opened, this, [this, source, name] {
        addEvent(name, ConnectionEventKind::Opened,
                 openedText(source->url(), source->traffic().compression));
    });
    connect(source, &ConnectionStatusSource::reconnectScheduled, this,
            [this, name](int attempt, int delayMs) {
                addEvent(name, ConnectionEventKind::RetryScheduled, retryText(attempt, delayMs));
            });
    connect(source, &ConnectionStatusSource::failed, this,
            [this, name](const QString &reason) { addEvent(name, failureKind(reason), reason); });
    connect(source, &ConnectionStatusSource::eventOccurred, this,
            [this, name](ConnectionEventKind kind, const QString &text) {
                addEvent(name, kind, text);
            });
}

void ConnectionEventLog::detach(ConnectionStatusSource *source)
{
    disconnect(source, nullptr, this, nullptr);
}

void ConnectionEventLog::addSecret(const QString &secret)
{
    if (!secret.isEmpty() && !m_secrets.contains(secret))
        m_secrets.append(secret);
}

QString ConnectionEventLog::redacted(QString text, QStringList secrets)
{
    // A server may echo a key percent-encoded (from a URL) as well as verbatim.
    const qsizetype count = secrets.size();
    for (qsizetype i = 0; i < count; ++i) {
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secrets.at(i)));
        if (encoded != secrets.at(i))
            secrets.append(encoded);
    }
    secrets.removeAll(QString());
    std::sort(secrets.begin(), secrets.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &secret : std::as_const(secrets))
        text.replace(secret, QStringLiteral("••••"));
    return text;
}

QString ConnectionEventLog::redact(QString text) const
{
    return redacted(std::move(text), m_secrets);
}

void ConnectionEventLog::addEvent(const QString &connection, ConnectionEventKind kind,
                                  const QString &text)
{
    addEvent(ConnectionEvent{QDateTime::currentMSecsSinceEpoch(), connection, kind, text});
}

void ConnectionEventLog::addEvent(const ConnectionEvent &event)
{
    if (eventCount() >= m_capacity) {
        beginRemoveRows(QModelIndex(), 0, 0);
        m_events.pop_front();
        endRemoveRows();
    }
    const int row = eventCount();
    beginInsertRows(QModelIndex(), row, row);
    ConnectionEvent stored = event;
    // Redacted before cutting, so a key cut in half cannot show its first part.
    stored.connection = boundedText(redact(stored.connection));
    stored.text = boundedText(redact(stored.text));
    m_events.push_back(std::move(stored));
    endInsertRows();
}

void ConnectionEventLog::clear()
{
    if (m_events.empty())
        return;
    beginResetModel();
    m_events.clear();
    endResetModel();
}

QString ConnectionEventLog::formatTime(qint64 timeMs)
{
    return QDateTime::fromMSecsSinceEpoch(timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString ConnectionEventLog::toText(const QList<int> &rows) const
{
    QStringList lines;
    for (int row : rows) {
        if (row < 0 || row >= eventCount())
            continue;
        const ConnectionEvent &e = event(row);
        lines << QStringList{formatTime(e.timeMs), e.connection, connectionEventKindText(e.kind),
                             e.text}
                     .join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

int ConnectionEventLog::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : eventCount();
}

int ConnectionEventLog::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionEventLog::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const ConnectionEvent &e = event(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return role == Qt::ToolTipRole
                       ? QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(Qt::ISODateWithMs)
                       : formatTime(e.timeMs);
        case ConnectionColumn:
            return e.connection;
        case KindColumn:
            return connectionEventKindText(e.kind);
        case TextColumn:
            return e.text;
        }
        break;
    case KindRole:
        return int(e.kind);
    case TimeMsRole:
        return e.timeMs;
    }
    return QVariant();
}

QVariant ConnectionEventLog::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ConnectionColumn:
        return tr("Connection");
    case KindColumn:
        return tr("Event");
    case TextColumn:
        return tr("Details");
    }
    return QVariant();
}

} // namespace allium
