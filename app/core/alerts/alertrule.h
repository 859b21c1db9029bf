// SPDX-License-Identifier: MIT
#pragma once

#include "core/filter/filter.h"
#include "core/monitor/integrityevent.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace allium {

class AlertRuleParseResult;

/// What makes an alert rule fire.
enum class AlertRuleKind {
    Match,     ///< a message matches `when`
    Rate,      ///< more than `per_minute` messages matched `when` in the last 60 s
    Silence,   ///< no message (matching `when`, if given) for `silence_s` seconds
    Integrity, ///< the integrity check reported one of `events` (default gap and reorg)
    Lag,       ///< the integrity check reported a freshness lag of `lag_s` seconds or more
};

/// One alert rule as the rules file and the rules manager hold it: a name, the topic it watches,
/// a kind with its own parameters, a `when` condition in the stream filter language and a
/// cooldown, so that a burst is one alert with a count. See README "Alert rules" for the format.
struct AlertRule
{
    static constexpr int MaxNameLength = 200;
    static constexpr double MaxCooldownS = 7 * 24 * 3600;
    static constexpr int MaxPerMinute = 1000000;
    static constexpr int MaxSilenceS = 7 * 24 * 3600;
    static constexpr double DefaultCooldownS = 60;

    QString name;
    QString topic; ///< "<chain>.<kind>"
    AlertRuleKind kind = AlertRuleKind::Match;
    Filter when;                   ///< empty: every message (silence); required for match/rate
    qint64 cooldownMs = 60 * 1000; ///< 0: every match is an alert
    bool enabled = true;
    int perMinute = 0; ///< rate: fires above this many matches per minute
    int silenceS = 0;  ///< silence: fires after this long without a (matching) message
    QList<IntegrityEventKind> events; ///< integrity: the kinds that fire (default gap, reorg)
    double lagS = 0;                  ///< lag: fires when a lag event reports at least this

    /// The object of the rules file; keys that do not apply to the kind are left out.
    QJsonObject toJson() const;
    /// Reads one rule; refuses unknown keys, missing or ill-typed ones and invalid `when`
    /// filters, naming the place ("when.conditions[1].value", "per_minute").
    static AlertRuleParseResult fromJson(const QJsonValue &json);
    /// The first problem of a rule built in code (the editor), as fromJson() would report it.
    QString validationError() const;

    /// One line for people: "value > 1000000000000000000", "above 10 a minute: …", "silent 30 s".
    QString conditionSummary() const;

    static QString kindName(AlertRuleKind kind);
    static bool kindFromName(const QString &name, AlertRuleKind *kind);
    static QList<IntegrityEventKind> defaultIntegrityEvents();

    friend bool operator==(const AlertRule &a, const AlertRule &b);
    friend bool operator!=(const AlertRule &a, const AlertRule &b) { return !(a == b); }
};

/// What AlertRule::fromJson() found: a rule, or the first error and the key path where it is.
class AlertRuleParseResult
{
public:
    AlertRule rule;
    QString errorPath;    ///< e.g. "when.conditions[1].value"; empty for the rule itself
    QString errorMessage; ///< empty when ok

    bool ok() const { return errorMessage.isEmpty(); }
    /// "when.conditions[1].value: …", or the message alone.
    QString errorString() const;
};

} // namespace allium
