// SPDX-License-Identifier: MIT
#include "cli/watchcommand.h"

#include "cli/console.h"
#include "core/alerts/alertengine.h"
#include "core/alerts/alertevent.h"
#include "core/alerts/alertruleset.h"
#include "core/stream/messagebatch.h"
#include "core/stream/streamsession.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include <cmath>
#include <limits>
#include <utility>

namespace allium {

namespace {

// A positive number of seconds as milliseconds; -1 when it is not one.
qint64 secondsOption(const QCommandLineParser &parser, const QString &name)
{
    bool ok = false;
    const double seconds = parser.value(name).toDouble(&ok);
    if (!ok || !(seconds > 0) || seconds > double(std::numeric_limits<int>::max()) / 1000.0)
        return -1;
    return qint64(std::llround(seconds * 1000.0));
}

} // namespace

WatchCommand::WatchCommand(QObject *parent)
    : StreamingCommand(parent)
{}

void WatchCommand::addOptions(QCommandLineParser &parser)
{
    addStreamOptions(parser, QStringLiteral("Stop after N messages received (not events); "
                                            "only the events they revealed are printed."));
    parser.addOption({QStringLiteral("rules"),
                      QStringLiteral("Alert rules file (a JSON array of rules, as the GUI "
                                     "exports them); the alerts of the topic's rules are "
                                     "printed as \"alert\" events."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("stall-after"),
                      QStringLiteral("Report a stall after S seconds without a message (default: "
                                     "three of the topic's usual intervals, six for Bitcoin)."),
                      QStringLiteral("S")});
    parser.addOption({QStringLiteral("lag-above"),
                      QStringLiteral("Report lag (receive time minus block time) above S "
                                     "seconds (default: the chain's, e.g. 30 for Ethereum)."),
                      QStringLiteral("S")});
}

ExitCode WatchCommand::configure(const QCommandLineParser &parser)
{
    const ExitCode stream = configureStream(parser);
    if (stream != ExitCode::Ok)
        return stream;
    const std::pair<const char *, qint64 *> thresholds[] = {{"stall-after", &m_stallAfterMs},
                                                            {"lag-above", &m_lagThresholdMs}};
    for (const auto &[name, target] : thresholds) {
        const QString option = QLatin1String(name);
        if (!parser.isSet(option))
            continue;
        *target = secondsOption(parser, option);
        if (*target < 0) {
            Console::error(QStringLiteral("--%1 must be a positive number of seconds, not \"%2\"")
                               .arg(option, parser.value(option)));
            return ExitCode::Usage;
        }
    }
    if (parser.isSet(QStringLiteral("rules")))
        return loadRules(parser.value(QStringLiteral("rules")));
    return ExitCode::Ok;
}

ExitCode WatchCommand::loadRules(const QString &path)
{
    QString problem;
    const AlertRuleSet set = AlertRuleSet::readFile(path, &problem);
    if (!problem.isEmpty()) {
        // The place inside the file ("rule 2 (\"whales\"): when.conditions[0].value: …").
        Console::error(QStringLiteral("bad --rules file %1: %2").arg(path, problem));
        return ExitCode::Usage;
    }
    m_rules = set.rulesForTopic(m_topic);
    int enabled = 0;
    for (const AlertRule &rule : std::as_const(m_rules))
        enabled += rule.enabled ? 1 : 0;
    // Watching goes on (integrity events are still worth it), but a mistyped topic is said.
    if (enabled == 0) {
        Console::error(QStringLiteral("note: no enabled rule of %1 is for %2 (of %3 rules); "
                                      "only integrity events will be printed")
                           .arg(path, m_topic)
                           .arg(set.rules().size()));
    }
    return ExitCode::Ok;
}

void WatchCommand::start(const ConnectionTarget &target)
{
    IngestOptions ingest = baseIngestOptions();
    // Nothing is printed per message, so the consumer keeps up; nothing received is dropped.
    ingest.dropWhenBehind = false;
    ingest.stallAfterMs = m_stallAfterMs;
    ingest.lagThresholdMs = m_lagThresholdMs;
    StreamSession *session = openSession(target, ingest);
    if (!session)
        return;
    if (!m_rules.isEmpty()) {
        // As the GUI's AlertCenter does: the engine sees every message on the ingest thread
        // (its alerts are queued here), the integrity events from here, and ticks for the
        // silence and rate rules and the end of cooldowns. The worker may hold the last
        // reference: the engine and its timer are deleted in this thread all the same.
        m_alerts.reset(new AlertEngine, [](AlertEngine *engine) { engine->deleteLater(); });
        m_alerts->setTopic(m_topic);
        m_alerts->setRules(m_rules);
        connect(m_alerts.get(), &AlertEngine::alertFired, this, &WatchCommand::handleAlert);
        m_alerts->startTicking();
        session->setAlertEngine(m_alerts);
    }
    // The integrity events of a batch arrive before its messages.
    connect(session, &StreamSession::integrityEventOccurred, this,
            &WatchCommand::handleIntegrityEvent);
    connect(session, &StreamSession::messagesReceived, this, &WatchCommand::handleBatch);
}

void WatchCommand::stop()
{
    if (m_alerts && m_session)
        m_session->setAlertEngine(nullptr);
    if (m_alerts)
        disconnect(m_alerts.get(), nullptr, this, nullptr);
    StreamingCommand::stop();
}

bool WatchCommand::isCounted(quint64 sequence) const
{
    return m_count == 0 || sequence == 0 || sequence <= m_lastCountedSequence;
}

void WatchCommand::handleIntegrityEvent(const IntegrityEvent &event)
{
    if (isDone())
        return;
    if (isCounted(event.sequence))
        printIntegrityEvent(event);
    else
        hold({event.sequence, event, {}, event.message.size() + 512});
}

void WatchCommand::handleAlert(const AlertEvent &event)
{
    if (isDone())
        return;
    if (isCounted(event.sequence))
        printEvent(event.toJson());
    else
        hold({event.sequence, std::nullopt, event.toJson(), event.footprintBytes()});
}

void WatchCommand::hold(HeldEvent event)
{
    if (m_held.size() >= MaxHeldEvents || m_heldBytes + event.bytes > MaxHeldBytes) {
        ++m_heldDropped;
        return;
    }
    m_heldBytes += event.bytes;
    m_held.append(std::move(event));
}

void WatchCommand::printIntegrityEvent(const IntegrityEvent &event)
{
    printEvent(event.toJson());
    // The "gap or reorg" and "lag" rules judge what was reported, nothing more.
    if (m_alerts)
        m_alerts->noteIntegrityEvent(event);
}

void WatchCommand::printEvent(const QJsonObject &event)
{
    if (isDone())
        return;
    ++m_eventsByKind[event.value(QStringLiteral("kind")).toString()];
    if (!Console::writeLine(QJsonDocument(event).toJson(QJsonDocument::Compact)))
        finish(ExitCode::Ok); // the reader went away (e.g. `| head`)
}

void WatchCommand::handleBatch(const MessageBatch &batch)
{
    if (isDone())
        return;
    qsizetype counted = batch.messages.size();
    if (m_count > 0)
        counted = qsizetype(qMin<qint64>(counted, m_count - m_received));
    m_received += counted;
    if (counted > 0)
        m_lastCountedSequence = batch.messages.at(counted - 1).sequence;
    if (m_record.isSet() && counted > 0)
        m_record.record(counted == batch.messages.size() ? batch.messages
                                                         : batch.messages.first(counted));
    // What the counted messages revealed, in the order it came; what the rest revealed waits
    // (or, once --count is reached, is not printed).
    const QList<HeldEvent> held = std::exchange(m_held, {});
    m_heldBytes = 0;
    for (const HeldEvent &event : held) {
        if (!isCounted(event.sequence))
            hold(event);
        else if (event.integrity)
            printIntegrityEvent(*event.integrity);
        else
            printEvent(event.alert);
    }
    if (m_count > 0 && m_received >= m_count)
        finish(ExitCode::Ok);
}

void WatchCommand::printSummary()
{
    const double seconds = elapsedSeconds();
    const StreamStats stats = m_session ? m_session->stats() : StreamStats();
    const IntegritySnapshot &integrity = stats.integrity;
    QStringList kinds;
    quint64 events = 0;
    for (auto it = m_eventsByKind.cbegin(); it != m_eventsByKind.cend(); ++it) {
        kinds.append(QStringLiteral("%1: %2").arg(it.key()).arg(it.value()));
        events += it.value();
    }
    const auto seconds1 = [](qint64 ms) {
        return ms < 0 ? QStringLiteral("-") : QString::number(double(ms) / 1000.0, 'f', 1);
    };
    Console::error(
        QStringLiteral("messages: %1, elapsed: %2 s, events: %3%4, reconnects: %5, "
                       "head: %6, lag s last/p50/p95: %7/%8/%9")
            .arg(m_received)
            .arg(seconds, 0, 'f', 2)
            .arg(events)
            .arg(kinds.isEmpty() ? QString()
                                 : QStringLiteral(" (%1)").arg(kinds.join(QStringLiteral(", "))))
            .arg(stats.reconnects)
            .arg(integrity.head >= 0 ? QString::number(integrity.head) : QStringLiteral("-"))
            .arg(seconds1(integrity.lastLagMs), seconds1(integrity.p50LagMs),
                 seconds1(integrity.p95LagMs)));
    if (m_alerts) {
        Console::error(QStringLiteral("rules: %1, messages evaluated: %2, alerts: %3")
                           .arg(m_rules.size())
                           .arg(m_alerts->evaluatedMessages())
                           .arg(m_eventsByKind.value(QStringLiteral("alert"))));
    }
    if (m_heldDropped > 0)
        Console::error(
            QStringLiteral("events not printed for lack of room: %1").arg(m_heldDropped));
    printTraffic(stats.traffic);
    m_record.printSummary();
}

} // namespace allium
