// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>

namespace allium {

class HistoryBudget;
class MessageTableModel;
class StreamSession;
class TopicFieldCatalogues;

/// The open streams: each one its own StreamSession (its own websocket, as the service
/// requires: one topic per connection), created and closed here, sharing a field catalogue
/// per topic and one memory budget over their histories.
class StreamWorkspace : public QObject
{
    Q_OBJECT
public:
    explicit StreamWorkspace(QObject *parent = nullptr);
    ~StreamWorkspace() override;

    /// A new stream, not connected yet (its view sets the URL and the topic).
    StreamSession *createStream();
    /// Closes the stream's connection and deletes it (after streamClosing()).
    void closeStream(StreamSession *session);
    /// In the order they were opened.
    QList<StreamSession *> streams() const { return m_streams; }
    int count() const { return int(m_streams.size()); }

    /// Counts `model` as `session`'s history against the memory budget.
    void setHistory(StreamSession *session, MessageTableModel *model);
    MessageTableModel *history(const StreamSession *session) const;

    HistoryBudget *budget() const { return m_budget; }
    TopicFieldCatalogues *fieldCatalogues() const { return m_catalogues; }

signals:
    void streamAdded(allium::StreamSession *session);
    /// Before the session is closed and deleted.
    void streamClosing(allium::StreamSession *session);
    /// The memory budget took the oldest `messages` of the stream's history (told once until
    /// the histories fall back below the budget).
    void historyTrimmed(allium::StreamSession *session, quint64 messages);

private:
    QList<StreamSession *> m_streams;
    QList<QPair<StreamSession *, MessageTableModel *>> m_histories;
    HistoryBudget *m_budget = nullptr;
    TopicFieldCatalogues *m_catalogues = nullptr;
};

} // namespace allium
