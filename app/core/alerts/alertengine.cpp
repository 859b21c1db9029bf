// SPDX-License-Identifier: MIT
#include "core/alerts/alertengine.h"

#include "core/filter/filtermatcher.h"
#include "core/stream/streammessage.h"
#include "core/table/rawjsonscanner.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QTimer>

#include <array>

namespace allium {

namespace {

// Matches over the last minute in one-second buckets: fixed memory whatever the rate.
class MinuteWindow
{
public:
    quint64 add(qint64 nowMs)
    {
        advance(nowMs / 1000);
        ++m_buckets[std::size_t(m_second % Seconds)];
        quint64 total = 0;
        for (quint64 count : m_buckets)
            total += count;
        return total;
    }

private:
    static constexpr qint64 Seconds = 60;

    void advance(qint64 second)
    {
        if (second <= m_second)
            return; // the same second, or the clock went back: count it in the current one
        if (second - m_second >= Seconds) {
            m_buckets.fill(0);
        } else {
            for (qint64 s = m_second + 1; s <= second; ++s)
                m_buckets[std::size_t(s % Seconds)] = 0;
        }
        m_second = second;
    }

    std::array<quint64, Seconds> m_buckets{};
    qint64 m_second = 0;
};

// The JSON value of a member's raw text, as QJsonDocument would read it.
QJsonValue valueOfRawText(QByteArrayView raw)
{
    if (raw.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    switch (raw.front()) {
    case '"':
        if (!raw.contains('\\') && raw.size() >= 2)
            return QString::fromUtf8(raw.sliced(1, raw.size() - 2));
        break;
    case '{':
        return QJsonDocument::fromJson(raw.toByteArray()).object();
    case '[':
        return QJsonDocument::fromJson(raw.toByteArray()).array();
    case 't':
        return true;
    case 'f':
        return false;
    case 'n':
        return QJsonValue(QJsonValue::Null);
    default: {
        if (!raw.contains('.') && !raw.contains('e') && !raw.contains('E')) {
            bool ok = false;
            const qint64 integer = raw.toLongLong(&ok);
            if (ok)
                return integer;
        }
        break;
    }
    }
    const QByteArray wrapped = '[' + raw.toByteArray() + ']';
    return QJsonDocument::fromJson(wrapped).array().at(0);
}

} // namespace

struct AlertEngine::RuleState
{
    AlertRule rule;
    FilterMatcher matcher;
    bool matchesEverything = false;
    qint64 cooldownUntilMs = 0;
    bool cooling = false;
    quint64 held = 0;    // matches held back since the last report
    AlertEvent heldLast; // the last of them, unless it was a message:
    // a message held back costs a counter and these, not an event (it happens per message)
    bool heldIsMessage = false;
    QByteArray heldMessage;
    quint64 heldSequence = 0;
    qint64 heldMs = 0;
    quint64 heldMinute = 0; // rate: matches in the minute up to it
    MinuteWindow minute;
    qint64 lastMatchMs = -1; // silence: the last (matching) message, or when watching began
    bool silenceReported = false;
};

AlertEngine::AlertEngine(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<AlertEvent>();
}

AlertEngine::~AlertEngine() = default;

void AlertEngine::setTopic(const QString &topic)
{
    QMutexLocker lock(&m_mutex);
    if (topic == m_topic)
        return;
    m_topic = topic;
    m_states.clear(); // another topic's messages: no state carries over
    rebuild();
}

QString AlertEngine::topic() const
{
    QMutexLocker lock(&m_mutex);
    return m_topic;
}

void AlertEngine::setRules(const QList<AlertRule> &rules)
{
    QMutexLocker lock(&m_mutex);
    m_rules = rules;
    rebuild();
}

QList<AlertRule> AlertEngine::rules() const
{
    QMutexLocker lock(&m_mutex);
    return m_rules;
}

void AlertEngine::rebuild()
{
    std::vector<std::unique_ptr<RuleState>> states;
    QStringList keys;
    bool needsObject = false;
    bool hasMessageRules = false;
    for (const AlertRule &rule : std::as_const(m_rules)) {
        if (!rule.enabled || rule.topic != m_topic || !rule.validationError().isEmpty())
            continue;
        std::unique_ptr<RuleState> state;
        for (auto &old : m_states) {
            if (old && old->rule == rule) {
                state = std::move(old);
                break;
            }
        }
        if (!state) {
            state = std::make_unique<RuleState>();
            state->rule = rule;
            state->matcher = FilterMatcher(rule.when);
            state->matchesEverything = rule.when.isEmpty();
        }
        const bool looksAtMessages = rule.kind == AlertRuleKind::Match ||
                                     rule.kind == AlertRuleKind::Rate ||
                                     rule.kind == AlertRuleKind::Silence;
        hasMessageRules = hasMessageRules || looksAtMessages;
        if (looksAtMessages && !state->matchesEverything) {
            needsObject = true;
            // FilterMatcher starts every path at a top-level key: only those need reading.
            for (const QString &path : rule.when.fieldPaths()) {
                const QString first = path.section(u'.', 0, 0);
                if (!keys.contains(first))
                    keys.append(first);
            }
        }
        states.push_back(std::move(state));
    }
    m_states = std::move(states);
    m_firstKeys = keys;
    m_firstKeysUtf8.clear();
    for (const QString &key : std::as_const(keys))
        m_firstKeysUtf8.append(key.toUtf8());
    m_needsObject = needsObject;
    m_hasMessageRules.store(hasMessageRules, std::memory_order_relaxed);
}

void AlertEngine::noteMessage(const StreamMessage &message)
{
    noteMessage(message.json, message.receivedAtMs, message.sequence);
}

void AlertEngine::noteMessage(const QByteArray &json, qint64 receivedAtMs, quint64 sequence)
{
    if (!hasMessageRules())
        return;
    m_evaluated.fetch_add(1, std::memory_order_relaxed);
    std::vector<AlertEvent> fired;
    {
        QMutexLocker lock(&m_mutex);
        // Only the members the conditions read are turned into JSON values: a whole document
        // per message would cost several times more at 100,000 messages a second, and the
        // result is the same, as every path starts at a top-level key.
        QJsonObject object;
        if (m_needsObject) {
            const QByteArrayList &keys = m_firstKeysUtf8;
            QVarLengthArray<QByteArrayView, 16> values(keys.size());
            RawJsonScanner::members(json, keys, values.data());
            for (qsizetype i = 0; i < keys.size(); ++i) {
                if (!values[i].isEmpty())
                    object.insert(m_firstKeys.at(i), valueOfRawText(values[i]));
            }
        }
        for (auto &state : m_states) {
            const AlertRule &rule = state->rule;
            if (rule.kind != AlertRuleKind::Match && rule.kind != AlertRuleKind::Rate &&
                rule.kind != AlertRuleKind::Silence) {
                continue;
            }
            if (!state->matchesEverything && !state->matcher.matches(object))
                continue;
            if (rule.kind == AlertRuleKind::Silence) {
                state->lastMatchMs = receivedAtMs;
                state->silenceReported = false;
                continue;
            }
            quint64 lastMinute = 0;
            if (rule.kind == AlertRuleKind::Rate) {
                lastMinute = state->minute.add(receivedAtMs);
                if (lastMinute <= quint64(rule.perMinute))
                    continue;
            }
            if (holds(*state, receivedAtMs)) {
                ++state->held;
                state->heldIsMessage = true;
                state->heldMessage = json;
                state->heldSequence = sequence;
                state->heldMs = receivedAtMs;
                state->heldMinute = lastMinute;
                continue;
            }
            fire(*state, messageEvent(*state, json, sequence, receivedAtMs, lastMinute),
                 receivedAtMs, &fired);
        }
    }
    emitAll(fired);
}

void AlertEngine::noteIntegrityEvent(const IntegrityEvent &integrity)
{
    std::vector<AlertEvent> fired;
    {
        QMutexLocker lock(&m_mutex);
        if (!integrity.topic.isEmpty() && !m_topic.isEmpty() && integrity.topic != m_topic)
            return;
        for (auto &state : m_states) {
            const AlertRule &rule = state->rule;
            const bool fires =
                (rule.kind == AlertRuleKind::Integrity && rule.events.contains(integrity.kind)) ||
                (rule.kind == AlertRuleKind::Lag && integrity.kind == IntegrityEventKind::Lag &&
                 double(integrity.lagMs) >= rule.lagS * 1000.0);
            if (!fires)
                continue;
            AlertEvent event = newEvent(*state, integrity.timeMs);
            event.setMessage(integrity.message);
            event.sequence = integrity.sequence;
            event.detail = integrity.summary();
            event.integrity = integrity.toJson();
            fire(*state, std::move(event), integrity.timeMs, &fired);
        }
    }
    emitAll(fired);
}

void AlertEngine::setListening(bool listening)
{
    QMutexLocker lock(&m_mutex);
    if (listening == m_listening)
        return;
    m_listening = listening;
    for (auto &state : m_states) {
        state->lastMatchMs = -1; // counted again from the next tick that listens
        state->silenceReported = false;
    }
}

void AlertEngine::tick(qint64 nowMs)
{
    std::vector<AlertEvent> fired;
    {
        QMutexLocker lock(&m_mutex);
        for (auto &state : m_states) {
            if (state->held > 0 && nowMs >= state->cooldownUntilMs) {
                // The cooldown is over: what it held back is one report, and it starts the
                // next cooldown, so a burst that goes on gives one report per cooldown.
                AlertEvent event =
                    state->heldIsMessage
                        ? messageEvent(*state, state->heldMessage, state->heldSequence,
                                       state->heldMs, state->heldMinute)
                        : std::move(state->heldLast);
                event.count = state->held;
                event.heldBack = true;
                state->held = 0;
                state->heldLast = AlertEvent();
                state->heldMessage.clear();
                state->cooling = false;
                fire(*state, std::move(event), nowMs, &fired);
            } else if (state->cooling && nowMs >= state->cooldownUntilMs) {
                state->cooling = false;
            }
            const AlertRule &rule = state->rule;
            if (rule.kind != AlertRuleKind::Silence || !m_listening)
                continue;
            if (state->lastMatchMs < 0) {
                state->lastMatchMs = nowMs; // watching begins: silence is counted from here
                continue;
            }
            const qint64 silentMs = nowMs - state->lastMatchMs;
            if (state->silenceReported || silentMs < qint64(rule.silenceS) * 1000)
                continue;
            state->silenceReported = true;
            AlertEvent event = newEvent(*state, nowMs);
            event.detail = QStringLiteral("no %1 for %2 s")
                               .arg(state->matchesEverything ? QStringLiteral("message")
                                                             : QStringLiteral("matching message"))
                               .arg(silentMs / 1000);
            fire(*state, std::move(event), nowMs, &fired);
        }
    }
    emitAll(fired);
}

void AlertEngine::startTicking(int intervalMs)
{
    if (!m_ticker) {
        m_ticker = new QTimer(this);
        connect(m_ticker, &QTimer::timeout, this,
                [this] { tick(QDateTime::currentMSecsSinceEpoch()); });
    }
    m_ticker->start(intervalMs);
}

AlertEvent AlertEngine::newEvent(const RuleState &state, qint64 timeMs) const
{
    AlertEvent event;
    event.rule = state.rule.name;
    event.ruleKind = state.rule.kind;
    event.topic = m_topic;
    event.timeMs = timeMs;
    return event;
}

AlertEvent AlertEngine::messageEvent(const RuleState &state, const QByteArray &json,
                                     quint64 sequence, qint64 timeMs, quint64 lastMinute) const
{
    AlertEvent event = newEvent(state, timeMs);
    event.setMessage(json);
    event.sequence = sequence;
    if (state.rule.kind == AlertRuleKind::Rate)
        event.detail = QStringLiteral("%1 matches in the last minute").arg(lastMinute);
    return event;
}

bool AlertEngine::holds(const RuleState &state, qint64 nowMs)
{
    const qint64 second = nowMs / 1000;
    if (second != m_stormSecond) {
        m_stormSecond = second;
        m_stormCount = 0;
    }
    return (state.cooling && nowMs < state.cooldownUntilMs) || m_stormCount >= MaxAlertsPerSecond;
}

void AlertEngine::fire(RuleState &state, AlertEvent event, qint64 nowMs,
                       std::vector<AlertEvent> *out)
{
    if (holds(state, nowMs)) {
        state.held += event.count;
        state.heldLast = std::move(event);
        state.heldIsMessage = false;
        state.heldMessage.clear();
        return;
    }
    // Matches held back and not yet reported (no tick came before this match) travel with this
    // fire, which then continues their burst rather than starting one.
    if (state.held > 0)
        event.heldBack = true;
    event.count += state.held;
    state.held = 0;
    state.heldLast = AlertEvent();
    state.heldMessage.clear();
    ++m_stormCount;
    state.cooling = state.rule.cooldownMs > 0;
    state.cooldownUntilMs = nowMs + state.rule.cooldownMs;
    out->push_back(std::move(event));
}

void AlertEngine::emitAll(std::vector<AlertEvent> &events)
{
    for (const AlertEvent &event : events)
        emit alertFired(event);
}

} // namespace allium
