// SPDX-License-Identifier: MIT
#include "cli/watchcommand.h"

#include "cli/console.h"
#include "core/base/boundedfile.h"
#include "core/monitor/integrityevent.h"
#include "core/stream/messagebatch.h"
#include "core/stream/streamsession.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include <cmath>
#include <limits>

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
    addStreamOptions(parser, QStringLiteral("Stop after N messages received (not events)."));
    parser.addOption({QStringLiteral("rules"),
                      QStringLiteral("Alert rules file (a JSON array of rules); their matches "
                                     "are printed as \"alert\" events."),
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
    QByteArray text;
    QString problem;
    if (!BoundedFile::read(path, MaxInputFileBytes, &text, &problem)) {
        Console::error(QStringLiteral("bad --rules file: %1").arg(problem));
        return ExitCode::Usage;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray()) {
        Console::error(QStringLiteral("bad --rules file: %1 is not a JSON array of rules%2")
                           .arg(path, error.error != QJsonParseError::NoError
                                          ? QStringLiteral(" (%1 at offset %2)")
                                                .arg(error.errorString())
                                                .arg(error.offset)
                                          : QString()));
        return ExitCode::Usage;
    }
    // The alert engine lands with the alert rules (issue 12): until then say so, rather than
    // watch silently without the rules asked for.
    Console::error(QStringLiteral("--rules is not yet supported by this build of allium-cli; "
                                  "watch without it for integrity events"));
    return ExitCode::Usage;
}

void WatchCommand::start(const ConnectionTarget &target)
{
    IngestOptions ingest = baseIngestOptions();
    // Nothing is printed per message, so the consumer keeps up; nothing received is dropped.
    ingest.dropWhenBehind = false;
    ingest.stallAfterMs = m_stallAfterMs;
    ingest.lagThresholdMs = m_lagThresholdMs;
    StreamSession *session = openSession(target, ingest);
    // The integrity events of a batch arrive before its messages: those within --count print.
    connect(session, &StreamSession::integrityEventOccurred, this,
            [this](const IntegrityEvent &event) { printEvent(event.toJson()); });
    connect(session, &StreamSession::messagesReceived, this, &WatchCommand::handleBatch);
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
    m_received += batch.messages.size();
    if (m_count > 0 && m_received >= m_count) {
        m_received = m_count; // the rest of the last batch is not watched
        finish(ExitCode::Ok);
    }
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
    printTraffic(stats.traffic);
}

} // namespace allium
