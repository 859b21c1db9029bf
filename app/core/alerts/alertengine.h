// SPDX-License-Identifier: MIT
#pragma once

#include "core/alerts/alertevent.h"
#include "core/alerts/alertrule.h"
#include "core/monitor/integrityevent.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

class QTimer;

namespace allium {

struct StreamMessage;

/// Evaluates the alert rules of one stream on everything it receives and on its integrity
/// events, and reports alerts with cooldown: the first match fires, matches during the cooldown
/// are held back and counted, and reported together when it ends (tick()) or with the next fire.
///
/// Thread-safe: StreamSession's ingest worker calls noteMessage() on its own thread for every
/// message (before batching, so a paused or locally filtered table changes nothing), the GUI
/// changes the rules, and `allium-cli watch` feeds it directly. alertFired() is emitted on the
/// thread that made the call, never while a lock is held; at most MaxAlertsPerSecond are
/// emitted, the rest are held back like cooldown matches, so a cooldown of 0 cannot flood a
/// queue. The engine is not reset by reconnects: its rules and their state survive them.
class AlertEngine : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxAlertsPerSecond = 50;

    explicit AlertEngine(QObject *parent = nullptr);
    ~AlertEngine() override;

    /// Only rules of this topic apply (a stream's topic; "<chain>.<kind>").
    void setTopic(const QString &topic);
    QString topic() const;
    /// Replaces the rules; a rule whose definition did not change keeps its state (cooldown,
    /// rate window, silence clock). Disabled rules and rules of other topics are kept but idle.
    void setRules(const QList<AlertRule> &rules);
    QList<AlertRule> rules() const;
    /// True when some enabled rule of the topic looks at messages.
    bool hasMessageRules() const { return m_hasMessageRules.load(std::memory_order_relaxed); }

    /// One message as received. Any thread.
    void noteMessage(const StreamMessage &message);
    void noteMessage(const QByteArray &json, qint64 receivedAtMs, quint64 sequence = 0);
    /// An event of the stream's integrity check (gap, reorg, lag, …). Any thread.
    void noteIntegrityEvent(const IntegrityEvent &event);
    /// Whether the stream is started (true unless told). Silences count only while it is: a
    /// stream its user stopped, or a paused replay, is quiet by choice; starting again starts
    /// the silence clocks over. Any thread.
    void setListening(bool listening);
    /// Ends cooldowns (reporting what they held back) and checks silences at `nowMs`. Any thread.
    void tick(qint64 nowMs);
    /// Calls tick() with the wall clock every `intervalMs` from a timer in this object's thread.
    void startTicking(int intervalMs = 1000);

    /// Messages looked at so far.
    quint64 evaluatedMessages() const { return m_evaluated.load(std::memory_order_relaxed); }

signals:
    void alertFired(const allium::AlertEvent &event);

private:
    struct RuleState;

    void rebuild();
    void fire(RuleState &state, AlertEvent event, qint64 nowMs, std::vector<AlertEvent> *out);
    void emitAll(std::vector<AlertEvent> &events);
    AlertEvent newEvent(const RuleState &state, qint64 timeMs) const;
    AlertEvent messageEvent(const RuleState &state, const QByteArray &json, quint64 sequence,
                            qint64 timeMs, quint64 lastMinute) const;
    /// True when a fire now would be held back: the rule cools down, or the storm guard's
    /// budget for this second is spent.
    bool holds(const RuleState &state, qint64 nowMs);

    mutable QMutex m_mutex;
    QString m_topic;
    QList<AlertRule> m_rules;
    std::vector<std::unique_ptr<RuleState>> m_states; // the enabled rules of m_topic
    QStringList m_firstKeys;                          // top-level keys the message rules read
    QByteArrayList m_firstKeysUtf8;                   // the same, as the scanner compares them
    bool m_needsObject = false;
    std::atomic<bool> m_hasMessageRules{false};
    std::atomic<quint64> m_evaluated{0};
    bool m_listening = true;
    qint64 m_stormSecond = -1;
    int m_stormCount = 0;
    QTimer *m_ticker = nullptr;
};

} // namespace allium
