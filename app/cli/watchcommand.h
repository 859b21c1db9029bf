// SPDX-License-Identifier: MIT
#pragma once

#include "cli/streamingcommand.h"

#include <QJsonObject>
#include <QMap>

namespace allium {

struct IntegrityEvent;
struct MessageBatch;

/// `allium-cli watch`: streams a topic headless and prints one JSON object per event on
/// stdout, not the messages: the integrity check's gaps, reorgs, duplicates, out-of-order
/// arrivals, stalls, lag and outages (IntegrityEvent::toJson), and whatever other event source
/// is plugged into printEvent() (alert rules). --count counts messages received, as in
/// `stream`. The summary on stderr counts messages and events by kind.
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

private:
    void handleBatch(const MessageBatch &batch);
    void printSummary() override;
    /// --rules FILE: read and checked before connecting; false (message printed) when unusable.
    ExitCode loadRules(const QString &path);

    qint64 m_stallAfterMs = 0;   ///< --stall-after; 0: the topic's habit
    qint64 m_lagThresholdMs = 0; ///< --lag-above; 0: the topic's habit
    qint64 m_received = 0;
    QMap<QString, quint64> m_eventsByKind;
};

} // namespace allium
