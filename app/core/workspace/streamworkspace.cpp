// SPDX-License-Identifier: MIT
#include "core/workspace/streamworkspace.h"

#include "core/stream/streamsession.h"
#include "core/table/messagetablemodel.h"
#include "core/workspace/historybudget.h"
#include "core/workspace/topicfieldcatalogues.h"

namespace allium {

StreamWorkspace::StreamWorkspace(QObject *parent)
    : QObject(parent)
    , m_budget(new HistoryBudget(this))
    , m_catalogues(new TopicFieldCatalogues(this))
{
    connect(m_budget, &HistoryBudget::historyTrimmed, this,
            [this](MessageTableModel *model, quint64 messages) {
                for (const auto &[session, history] : std::as_const(m_histories)) {
                    if (history == model)
                        emit historyTrimmed(session, messages);
                }
            });
}

StreamWorkspace::~StreamWorkspace()
{
    for (StreamSession *session : std::as_const(m_streams))
        session->close();
}

StreamSession *StreamWorkspace::createStream()
{
    auto *session = new StreamSession(this);
    m_streams.append(session);
    connect(session, &StreamSession::fieldsChanged, this, [this, session] {
        m_catalogues->report(session, session->topic(), session->fields());
    });
    emit streamAdded(session);
    return session;
}

void StreamWorkspace::closeStream(StreamSession *session)
{
    if (!m_streams.contains(session))
        return;
    emit streamClosing(session);
    m_streams.removeOne(session);
    for (qsizetype i = m_histories.size() - 1; i >= 0; --i) {
        if (m_histories.at(i).first == session) {
            m_budget->removeHistory(m_histories.at(i).second);
            m_histories.removeAt(i);
        }
    }
    m_catalogues->forget(session);
    session->close();
    delete session;
}

void StreamWorkspace::setHistory(StreamSession *session, MessageTableModel *model)
{
    m_histories.append({session, model});
    m_budget->addHistory(model);
    // The history may go first (its view closes before the session).
    connect(model, &QObject::destroyed, this, [this, model] {
        for (qsizetype i = m_histories.size() - 1; i >= 0; --i) {
            if (m_histories.at(i).second == model)
                m_histories.removeAt(i);
        }
    });
}

MessageTableModel *StreamWorkspace::history(const StreamSession *session) const
{
    for (const auto &[owner, model] : m_histories) {
        if (owner == session)
            return model;
    }
    return nullptr;
}

} // namespace allium
