// SPDX-License-Identifier: MIT
#pragma once

#include "cli/streamingcommand.h"

#include "core/alerts/alertrule.h"
#include "core/monitor/integrityevent.h"

#include <QJsonObject>
#include <QList>
#include <QMap>

#include <memory>
#include <optional>

namespace allium {

class AlertEngine;
struct AlertEvent;
struct MessageBatch;

/// `allium-cli watch`: streams a topic headless and prints one JSON object per event on
/// stdout, not the messages: the integrity check's gaps, reorgs, duplicates, out-of-order
/// arrivals, stalls, lag and outages (IntegrityEvent::toJson), and with --rules the alerts of
/// the rules for the topic (AlertEvent::toJson), evaluated on every message received as the
/// GUI evaluates them. --count counts messages received, as in `stream`: only the events those
/// messages revealed are printed. --record FILE records them. The summary on stderr counts
/// messages and events by kind.
class WatchCommand : public StreamingCommand
{
    Q_OBJECT
public:
    explicit WatchCommand(QObject *parent = nullptr);

    static void addOptions(QCommandLineParser &parser);
    ExitCode configure(const QCommandLineParser &parser) override;
    void start(const ConnectionTarget &target) override;

    /// Prints one event as a JSON line and counts it under its "kind"; every event source (the
    /// integrity check, alert rules) ends here. Ignored once the command is done.
    void printEvent(const QJsonObject &event);

protected:
    void stop() override;

private:
    /// What may wait for its batch (see m_held): far more than a batch reveals.
    static constexpr int MaxHeldEvents = 4096;
    static constexpr qint64 MaxHeldBytes = 32 * 1024 * 1024;

    void handleIntegrityEvent(const IntegrityEvent &event);
    void handleAlert(const AlertEvent &event);
    /// True when what the message of `sequence` (0: none) revealed may be printed now; false
    /// while --count may still leave that message out of the batch that holds it.
    bool isCounted(quint64 sequence) const;
    /// An integrity event is printed, then judged by the rules (which may print an alert).
    void printIntegrityEvent(const IntegrityEvent &event);
    void handleBatch(const MessageBatch &batch);
    void printSummary() override;
    /// --rules FILE: read and checked before connecting; Usage (message printed naming the
    /// place of the problem) when unusable.
    ExitCode loadRules(const QString &path);

    qint64 m_stallAfterMs = 0;   ///< --stall-after; 0: the topic's habit
    qint64 m_lagThresholdMs = 0; ///< --lag-above; 0: the topic's habit
    qint64 m_received = 0;
    QMap<QString, quint64> m_eventsByKind;
    QList<AlertRule> m_rules; ///< --rules: those of the topic
    std::shared_ptr<AlertEngine> m_alerts;
    /// With --count, events wait for the batch of the message that revealed them: printed if
    /// it was counted, dropped if not. Few in practice (what one batch reveals: at most
    /// MessageBatch::MaxIntegrityEvents, the engine's MaxAlertsPerSecond), bounded all the same.
    struct HeldEvent
    {
        quint64 sequence = 0;
        std::optional<IntegrityEvent> integrity; ///< else an alert, as printed:
        QJsonObject alert;
        qint64 bytes = 0; ///< about what it holds
    };
    void hold(HeldEvent event);
    QList<HeldEvent> m_held;
    qint64 m_heldBytes = 0;
    quint64 m_heldDropped = 0; ///< not held for lack of room (said in the summary)
    quint64 m_lastCountedSequence = 0;
};

} // namespace allium
