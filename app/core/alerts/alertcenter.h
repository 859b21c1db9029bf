// SPDX-License-Identifier: MIT
#pragma once

#include "core/alerts/alertevent.h"
#include "core/alerts/alertrule.h"
#include "core/monitor/integrityevent.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <memory>

namespace allium {

class AlertEngine;
class AlertLogModel;
class AppSettings;
class StreamSession;
class StreamWorkspace;

/// The monitor's alert rules and what they fired: the rules (saved in AppSettings as the rules
/// file's JSON), an AlertEngine on every stream of the workspace (on its worker thread, ticking
/// from this thread), and the alert log. The GUI's notifier, sound and table highlight listen to
/// alertFired().
class AlertCenter : public QObject
{
    Q_OBJECT
public:
    /// settings may be null (tests): then nothing is saved.
    explicit AlertCenter(AppSettings *settings, QObject *parent = nullptr);
    ~AlertCenter() override;

    QList<AlertRule> rules() const { return m_rules; }
    /// Applies to every stream at once and saves. Refused (false, `error` says why) when
    /// AlertRuleSet::validationError() finds a problem.
    bool setRules(const QList<AlertRule> &rules, QString *error = nullptr);
    bool soundEnabled() const { return m_sound; }
    void setSoundEnabled(bool enabled);

    /// Every stream the workspace has and will have gets an engine.
    void watch(StreamWorkspace *workspace);
    void attach(StreamSession *session);
    void detach(StreamSession *session);
    /// An integrity event of `session`'s checker (the integrity and lag rules).
    void noteIntegrityEvent(StreamSession *session, const IntegrityEvent &event);

    AlertLogModel *log() const { return m_log; }

signals:
    void rulesChanged();
    /// On this object's thread; `session` is null when the stream has gone meanwhile.
    void alertFired(const allium::AlertEvent &event, allium::StreamSession *session);

private:
    AppSettings *m_settings = nullptr;
    QList<AlertRule> m_rules;
    bool m_sound = false;
    QHash<StreamSession *, std::shared_ptr<AlertEngine>> m_engines;
    AlertLogModel *m_log = nullptr;
};

} // namespace allium
