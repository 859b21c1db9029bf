// SPDX-License-Identifier: MIT
#include "core/alerts/alertrule.h"

#include "core/stream/topiccatalogue.h"

#include <QJsonArray>

#include <cmath>

namespace allium {

namespace {

const QString nameKey = QStringLiteral("name");
const QString topicKey = QStringLiteral("topic");
const QString kindKey = QStringLiteral("kind");
const QString whenKey = QStringLiteral("when");
const QString cooldownKey = QStringLiteral("cooldown_s");
const QString enabledKey = QStringLiteral("enabled");
const QString perMinuteKey = QStringLiteral("per_minute");
const QString silenceKey = QStringLiteral("silence_s");
const QString eventsKey = QStringLiteral("events");
const QString lagKey = QStringLiteral("lag_s");

// The keys each kind reads besides the common ones; any other key is refused, so that a typo
// ("cooldown": 0) is an error and not a rule that silently keeps its default.
QStringList kindKeys(AlertRuleKind kind)
{
    switch (kind) {
    case AlertRuleKind::Match:
        return {};
    case AlertRuleKind::Rate:
        return {perMinuteKey};
    case AlertRuleKind::Silence:
        return {silenceKey};
    case AlertRuleKind::Integrity:
        return {eventsKey};
    case AlertRuleKind::Lag:
        return {lagKey};
    }
    return {};
}

bool needsWhen(AlertRuleKind kind)
{
    return kind == AlertRuleKind::Match || kind == AlertRuleKind::Rate;
}

bool usesWhen(AlertRuleKind kind)
{
    return needsWhen(kind) || kind == AlertRuleKind::Silence;
}

// A whole number within [minimum, maximum], or an error text.
QString readCount(const QJsonValue &value, int minimum, int maximum, int *out)
{
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::isnan(number) || number != std::floor(number))
        return QStringLiteral("must be a whole number");
    if (number < minimum || number > maximum)
        return QStringLiteral("must be between %1 and %2").arg(minimum).arg(maximum);
    *out = int(number);
    return {};
}

// Seconds as a JSON number: whole numbers are written without a fraction.
QJsonValue secondsValue(double seconds)
{
    return seconds == std::floor(seconds) ? QJsonValue(qint64(seconds)) : QJsonValue(seconds);
}

} // namespace

QString AlertRule::kindName(AlertRuleKind kind)
{
    switch (kind) {
    case AlertRuleKind::Match:
        return QStringLiteral("match");
    case AlertRuleKind::Rate:
        return QStringLiteral("rate");
    case AlertRuleKind::Silence:
        return QStringLiteral("silence");
    case AlertRuleKind::Integrity:
        return QStringLiteral("integrity");
    case AlertRuleKind::Lag:
        return QStringLiteral("lag");
    }
    return {};
}

bool AlertRule::kindFromName(const QString &name, AlertRuleKind *kind)
{
    for (AlertRuleKind candidate :
         {AlertRuleKind::Match, AlertRuleKind::Rate, AlertRuleKind::Silence,
          AlertRuleKind::Integrity, AlertRuleKind::Lag}) {
        if (kindName(candidate) == name) {
            *kind = candidate;
            return true;
        }
    }
    return false;
}

QList<IntegrityEventKind> AlertRule::defaultIntegrityEvents()
{
    return {IntegrityEventKind::Gap, IntegrityEventKind::Reorg};
}

QJsonObject AlertRule::toJson() const
{
    QJsonObject object{{nameKey, name}, {topicKey, topic}, {kindKey, kindName(kind)}};
    if (usesWhen(kind))
        object.insert(whenKey, when.toJson());
    object.insert(cooldownKey, secondsValue(double(cooldownMs) / 1000.0));
    if (!enabled)
        object.insert(enabledKey, false);
    switch (kind) {
    case AlertRuleKind::Match:
        break;
    case AlertRuleKind::Rate:
        object.insert(perMinuteKey, perMinute);
        break;
    case AlertRuleKind::Silence:
        object.insert(silenceKey, silenceS);
        break;
    case AlertRuleKind::Integrity: {
        QJsonArray names;
        for (IntegrityEventKind event : events)
            names.append(IntegrityEvent::kindName(event));
        object.insert(eventsKey, names);
        break;
    }
    case AlertRuleKind::Lag:
        object.insert(lagKey, secondsValue(lagS));
        break;
    }
    return object;
}

AlertRuleParseResult AlertRule::fromJson(const QJsonValue &json)
{
    AlertRuleParseResult result;
    const auto fail = [&result](const QString &path, const QString &message) {
        result.rule = AlertRule();
        result.errorPath = path;
        result.errorMessage = message;
        return result;
    };
    if (!json.isObject())
        return fail({}, QStringLiteral("a rule must be a JSON object"));
    const QJsonObject object = json.toObject();
    AlertRule &rule = result.rule;

    const QJsonValue name = object.value(nameKey);
    if (!name.isString())
        return fail(nameKey, name.isUndefined() ? QStringLiteral("missing")
                                                : QStringLiteral("must be a string"));
    rule.name = name.toString();

    const QJsonValue topic = object.value(topicKey);
    if (!topic.isString())
        return fail(topicKey, topic.isUndefined() ? QStringLiteral("missing")
                                                  : QStringLiteral("must be a string"));
    rule.topic = topic.toString();

    const QJsonValue kind = object.value(kindKey);
    if (!kind.isUndefined() && (!kind.isString() || !kindFromName(kind.toString(), &rule.kind))) {
        return fail(kindKey, QStringLiteral("must be \"match\", \"rate\", \"silence\", "
                                            "\"integrity\" or \"lag\""));
    }

    const QStringList common{nameKey, topicKey, kindKey, whenKey, cooldownKey, enabledKey};
    const QStringList own = kindKeys(rule.kind);
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (common.contains(it.key()) || own.contains(it.key()))
            continue;
        const bool otherKind =
            QStringList{perMinuteKey, silenceKey, eventsKey, lagKey}.contains(it.key());
        return fail(it.key(),
                    otherKind ? QStringLiteral("not used by kind \"%1\"").arg(kindName(rule.kind))
                              : QStringLiteral("unknown key"));
    }

    const QJsonValue when = object.value(whenKey);
    if (when.isUndefined()) {
        if (needsWhen(rule.kind))
            return fail(whenKey, QStringLiteral("missing"));
    } else {
        const FilterParseResult filter = Filter::parse(when);
        if (!filter.ok()) {
            return fail(filter.errorPath.isEmpty() ? whenKey : whenKey + u'.' + filter.errorPath,
                        filter.errorMessage);
        }
        if (!usesWhen(rule.kind) && !filter.filter.isEmpty())
            return fail(whenKey,
                        QStringLiteral("not used by kind \"%1\"").arg(kindName(rule.kind)));
        rule.when = filter.filter;
    }

    const QJsonValue cooldown = object.value(cooldownKey);
    if (!cooldown.isUndefined()) {
        const double seconds = cooldown.toDouble(-1);
        if (!cooldown.isDouble() || !(seconds >= 0 && seconds <= MaxCooldownS))
            return fail(cooldownKey, QStringLiteral("must be a number of seconds from 0 to %1")
                                         .arg(qint64(MaxCooldownS)));
        rule.cooldownMs = qRound64(seconds * 1000.0);
    }

    const QJsonValue enabled = object.value(enabledKey);
    if (!enabled.isUndefined()) {
        if (!enabled.isBool())
            return fail(enabledKey, QStringLiteral("must be true or false"));
        rule.enabled = enabled.toBool();
    }

    switch (rule.kind) {
    case AlertRuleKind::Match:
        break;
    case AlertRuleKind::Rate:
    case AlertRuleKind::Silence: {
        const bool rate = rule.kind == AlertRuleKind::Rate;
        const QString &key = rate ? perMinuteKey : silenceKey;
        const QJsonValue value = object.value(key);
        const QString error = value.isUndefined()
                                  ? QStringLiteral("missing")
                                  : readCount(value, 1, rate ? MaxPerMinute : MaxSilenceS,
                                              rate ? &rule.perMinute : &rule.silenceS);
        if (!error.isEmpty())
            return fail(key, error);
        break;
    }
    case AlertRuleKind::Integrity: {
        const QJsonValue value = object.value(eventsKey);
        if (value.isUndefined()) {
            rule.events = defaultIntegrityEvents();
            break;
        }
        if (!value.isArray() || value.toArray().isEmpty())
            return fail(eventsKey, QStringLiteral("must be a non-empty array of event kinds"));
        const QJsonArray names = value.toArray();
        for (int i = 0; i < names.size(); ++i) {
            const QString path = QStringLiteral("%1[%2]").arg(eventsKey).arg(i);
            bool known = false;
            for (IntegrityEventKind candidate :
                 {IntegrityEventKind::Gap, IntegrityEventKind::Reorg, IntegrityEventKind::Duplicate,
                  IntegrityEventKind::OutOfOrder, IntegrityEventKind::Stall,
                  IntegrityEventKind::Lag, IntegrityEventKind::Outage}) {
                if (names.at(i).toString() == IntegrityEvent::kindName(candidate)) {
                    known = true;
                    if (!rule.events.contains(candidate))
                        rule.events.append(candidate);
                }
            }
            if (!known) {
                return fail(path, QStringLiteral("must be \"gap\", \"reorg\", \"duplicate\", "
                                                 "\"out_of_order\", \"stall\", \"lag\" or "
                                                 "\"outage\""));
            }
        }
        break;
    }
    case AlertRuleKind::Lag: {
        const QJsonValue value = object.value(lagKey);
        const double seconds = value.toDouble(-1);
        if (value.isUndefined())
            return fail(lagKey, QStringLiteral("missing"));
        if (!value.isDouble() || !(seconds > 0 && seconds <= MaxSilenceS))
            return fail(lagKey, QStringLiteral("must be a number of seconds above 0"));
        rule.lagS = seconds;
        break;
    }
    }

    // Name and topic last: their checks are shared with validationError().
    const QString problem = rule.validationError();
    if (!problem.isEmpty()) {
        const int colon = problem.indexOf(QStringLiteral(": "));
        return fail(problem.left(colon), problem.mid(colon + 2));
    }
    return result;
}

QString AlertRule::validationError() const
{
    if (name.trimmed().isEmpty())
        return nameKey + QStringLiteral(": must not be empty");
    if (name.size() > MaxNameLength)
        return nameKey + QStringLiteral(": longer than %1 characters").arg(MaxNameLength);
    QString topicError;
    if (!TopicCatalogue::isValidTopicName(topic, &topicError))
        return topicKey + QStringLiteral(": ") + topicError;
    if (needsWhen(kind) && when.isEmpty())
        return whenKey +
               QStringLiteral(": a condition is needed for kind \"%1\"").arg(kindName(kind));
    const QString whenError = when.validationError();
    if (!whenError.isEmpty())
        return whenKey + QStringLiteral(": ") + whenError;
    if (cooldownMs < 0 || double(cooldownMs) > MaxCooldownS * 1000)
        return cooldownKey + QStringLiteral(": out of range");
    if (kind == AlertRuleKind::Rate && (perMinute < 1 || perMinute > MaxPerMinute))
        return perMinuteKey + QStringLiteral(": must be between 1 and %1").arg(MaxPerMinute);
    if (kind == AlertRuleKind::Silence && (silenceS < 1 || silenceS > MaxSilenceS))
        return silenceKey + QStringLiteral(": must be between 1 and %1").arg(MaxSilenceS);
    if (kind == AlertRuleKind::Integrity && events.isEmpty())
        return eventsKey + QStringLiteral(": must name at least one event kind");
    if (kind == AlertRuleKind::Lag && !(lagS > 0))
        return lagKey + QStringLiteral(": must be above 0");
    return {};
}

QString AlertRule::conditionSummary() const
{
    const QString condition =
        when.isEmpty() ? QStringLiteral("any message") : QString::fromUtf8(when.toJsonText());
    switch (kind) {
    case AlertRuleKind::Match:
        return condition;
    case AlertRuleKind::Rate:
        return QStringLiteral("above %1 a minute: %2").arg(perMinute).arg(condition);
    case AlertRuleKind::Silence:
        return QStringLiteral("nothing for %1 s: %2").arg(silenceS).arg(condition);
    case AlertRuleKind::Integrity: {
        QStringList names;
        for (IntegrityEventKind event : events)
            names.append(IntegrityEvent::kindName(event));
        return names.join(QStringLiteral(" or "));
    }
    case AlertRuleKind::Lag:
        return QStringLiteral("lag ≥ %1 s").arg(lagS);
    }
    return {};
}

bool operator==(const AlertRule &a, const AlertRule &b)
{
    return a.name == b.name && a.topic == b.topic && a.kind == b.kind && a.when == b.when &&
           a.cooldownMs == b.cooldownMs && a.enabled == b.enabled && a.perMinute == b.perMinute &&
           a.silenceS == b.silenceS && a.events == b.events && a.lagS == b.lagS;
}

QString AlertRuleParseResult::errorString() const
{
    return errorPath.isEmpty() ? errorMessage : errorPath + QStringLiteral(": ") + errorMessage;
}

} // namespace allium
