// SPDX-License-Identifier: MIT
#include "core/alerts/alertcenter.h"

#include "core/alerts/alertengine.h"
#include "core/alerts/alertlogmodel.h"
#include "core/alerts/alertruleset.h"
#include "core/settings/appsettings.h"
#include "core/stream/streamsession.h"
#include "core/workspace/streamworkspace.h"

#include <QPointer>

namespace allium {

AlertCenter::AlertCenter(AppSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_log(new AlertLogModel(this))
{
    if (!m_settings)
        return;
    m_sound = m_settings->alertSound();
    const QByteArray saved = m_settings->alertRules();
    if (saved.isEmpty())
        return;
    QString error;
    m_rules = AlertRuleSet::parse(saved, &error).rules();
    if (!error.isEmpty())
        qWarning() << "saved alert rules ignored:" << error;
}

AlertCenter::~AlertCenter() = default;

bool AlertCenter::setRules(const QList<AlertRule> &rules, QString *error)
{
    const QString problem = AlertRuleSet::validationError(rules);
    if (error)
        *error = problem;
    if (!problem.isEmpty())
        return false;
    m_rules = rules;
    for (const auto &engine : std::as_const(m_engines))
        engine->setRules(m_rules);
    if (m_settings)
        m_settings->setAlertRules(AlertRuleSet(m_rules).toJsonText());
    emit rulesChanged();
    return true;
}

void AlertCenter::setSoundEnabled(bool enabled)
{
    m_sound = enabled;
    if (m_settings)
        m_settings->setAlertSound(enabled);
}

void AlertCenter::watch(StreamWorkspace *workspace)
{
    for (StreamSession *session : workspace->streams())
        attach(session);
    connect(workspace, &StreamWorkspace::streamAdded, this, &AlertCenter::attach);
    connect(workspace, &StreamWorkspace::streamClosing, this, &AlertCenter::detach);
}

void AlertCenter::attach(StreamSession *session)
{
    if (m_engines.contains(session))
        return;
    // The worker thread may drop the last reference: the engine (and its timer) is deleted in
    // this thread all the same.
    std::shared_ptr<AlertEngine> engine(new AlertEngine, [](AlertEngine *e) { e->deleteLater(); });
    engine->setTopic(session->topic());
    engine->setRules(m_rules);
    engine->startTicking();
    QPointer<StreamSession> guard(session);
    // Emitted on the stream's worker thread: queued to this one.
    connect(engine.get(), &AlertEngine::alertFired, this, [this, guard](const AlertEvent &event) {
        m_log->add(event);
        emit alertFired(event, guard.data());
    });
    m_engines.insert(session, engine);
    session->setAlertEngine(engine);
}

void AlertCenter::detach(StreamSession *session)
{
    const std::shared_ptr<AlertEngine> engine = m_engines.take(session);
    if (engine)
        disconnect(engine.get(), nullptr, this, nullptr);
    if (session && engine)
        session->setAlertEngine(nullptr);
}

void AlertCenter::noteIntegrityEvent(StreamSession *session, const IntegrityEvent &event)
{
    if (const std::shared_ptr<AlertEngine> engine = m_engines.value(session))
        engine->noteIntegrityEvent(event);
}

} // namespace allium
