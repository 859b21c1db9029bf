// SPDX-License-Identifier: MIT
#include "cli/streamcommand.h"

#include "cli/connectiontarget.h"
#include "cli/console.h"
#include "core/base/boundedfile.h"
#include "core/connection/connectionprofile.h"
#include "core/stream/messagebatch.h"
#include "core/stream/streamsession.h"

#include <QCommandLineParser>

#include <algorithm>
#include <limits>

namespace allium {

StreamCommand::StreamCommand(QObject *parent)
    : CliCommand(parent)
{
    m_durationTimer.setSingleShot(true);
    connect(&m_durationTimer, &QTimer::timeout, this, [this] { finish(ExitCode::Ok); });
}

void StreamCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("topic"),
                      QStringLiteral("Topic to stream, e.g. ethereum.blocks (see `allium-cli "
                                     "topics`)."),
                      QStringLiteral("T")});
    parser.addOption({QStringLiteral("filter"),
                      QStringLiteral("Filter as JSON text or a file holding it; checked before "
                                     "connecting."),
                      QStringLiteral("FILE|JSON")});
    parser.addOption({QStringLiteral("count"),
                      QStringLiteral("Stop after N messages (printed, or dropped with "
                                     "--drop-when-behind)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("drop-when-behind"),
                      QStringLiteral("When stdout is slower than the stream, drop messages (the "
                                     "summary counts them) instead of reading the socket more "
                                     "slowly, which lets TCP push back on the server.")});
    parser.addOption(
        {QStringLiteral("duration"), QStringLiteral("Stop after S seconds."), QStringLiteral("S")});
    RecordOption::addOptions(parser);
}

ExitCode StreamCommand::configure(const QCommandLineParser &parser)
{
    m_topic = parser.value(QStringLiteral("topic")).trimmed();
    if (m_topic.isEmpty()) {
        Console::error(QStringLiteral("--topic is required, e.g. --topic ethereum.blocks"));
        return ExitCode::Usage;
    }
    if (parser.isSet(QStringLiteral("count"))) {
        bool ok = false;
        m_count = parser.value(QStringLiteral("count")).toLongLong(&ok);
        if (!ok || m_count < 1) {
            Console::error(
                QStringLiteral("--count must be a whole number of at least 1, not \"%1\"")
                    .arg(parser.value(QStringLiteral("count"))));
            return ExitCode::Usage;
        }
    }
    if (parser.isSet(QStringLiteral("duration"))) {
        bool ok = false;
        m_durationS = parser.value(QStringLiteral("duration")).toDouble(&ok);
        if (!ok || !(m_durationS > 0) || m_durationS > std::numeric_limits<int>::max() / 1000.0) {
            Console::error(QStringLiteral("--duration must be a positive number of seconds, not "
                                          "\"%1\"")
                               .arg(parser.value(QStringLiteral("duration"))));
            return ExitCode::Usage;
        }
    }
    m_dropWhenBehind = parser.isSet(QStringLiteral("drop-when-behind"));
    if (const ExitCode recordUsage = m_record.configure(parser); recordUsage != ExitCode::Ok)
        return recordUsage;
    if (parser.isSet(QStringLiteral("filter"))) {
        const QString argument = parser.value(QStringLiteral("filter"));
        QByteArray text = argument.toUtf8();
        const QByteArray trimmed = text.trimmed();
        const bool looksInline =
            trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed == "null";
        QString problem;
        if (!looksInline && !BoundedFile::read(argument, MaxInputFileBytes, &text, &problem)) {
            Console::error(QStringLiteral("bad --filter file: %1").arg(problem));
            return ExitCode::Usage;
        }
        const FilterParseResult parsed = Filter::parse(text);
        if (!parsed.ok()) {
            Console::error(QStringLiteral("invalid filter: %1").arg(parsed.errorString()));
            return ExitCode::InvalidFilter;
        }
        m_filter = parsed.filter;
        m_hasFilter = !m_filter.isEmpty();
    }
    return ExitCode::Ok;
}

void StreamCommand::start(const ConnectionTarget &target)
{
    if (!m_record.start(m_topic, m_hasFilter ? QJsonValue(m_filter.toJson()) : QJsonValue(),
                        target)) {
        finish(ExitCode::Usage);
        return;
    }
    m_session = new StreamSession(this);
    m_session->setUrl(ConnectionProfile::streamUrl(target.baseUrl(), m_topic));
    m_session->setApiKey(target.apiKey());
    m_session->setConnectionOptions(target.options());
    IngestOptions ingest = m_session->ingestOptions();
    // Nothing the socket delivered is lost unless asked: when stdout is slower, the worker waits
    // and reads no more, and TCP pushes back on the server.
    ingest.dropWhenBehind = m_dropWhenBehind;
    ingest.maxPendingBatches = 64; // a pipe may stall for a moment; wait (or drop) only when it
                                   // really lags
    ingest.catalogueSampleAllFirst = 0;
    ingest.catalogueSampleEvery = std::numeric_limits<int>::max(); // no field catalogue needed
    m_session->setIngestOptions(ingest);
    connect(m_session, &StreamSession::messagesReceived, this, &StreamCommand::handleBatch);
    // Dropped messages count towards --count: they can never be printed, and a finite stream
    // would otherwise leave us waiting for messages that will not come.
    connect(m_session, &StreamSession::statsChanged, this, [this](const StreamStats &stats) {
        if (isDone())
            return;
        m_drops = std::max(m_drops, stats.drops);
        if (m_count > 0 && m_printed + qint64(m_drops) >= m_count)
            finish(ExitCode::Ok);
    });
    // After the first connection, drops are the session's business: it reconnects.
    connect(m_session, &StreamSession::stateChanged, this, [this](ConnectionState state) {
        handleConnectionState(state, m_session->url(), m_session->failureReason());
    });
    connect(m_session, &StreamSession::connectionLost, this, &StreamCommand::reportConnectionLost);
    connect(m_session, &StreamSession::serverErrorsReceived, this,
            [](quint64 count, const QString &lastMessage) {
                Console::error(count == 1
                                   ? QStringLiteral("server error: %1").arg(lastMessage.left(500))
                                   : QStringLiteral("%1 server errors, the last: %2")
                                         .arg(count)
                                         .arg(lastMessage.left(500)));
            });
    if (m_hasFilter)
        m_session->setFilter(m_filter);
    m_session->start();
    m_elapsed.start();
    if (m_durationS > 0)
        m_durationTimer.start(int(m_durationS * 1000));
    m_session->open();
}

void StreamCommand::handleBatch(const MessageBatch &batch)
{
    if (isDone())
        return;
    // Frames dropped before this batch was handed over are older than its messages only if
    // they were counted by an earlier batch.
    const quint64 dropsBefore = m_drops;
    m_reconnects = batch.stats.reconnects;
    m_parseErrors = batch.stats.parseErrors;
    m_serverErrors = batch.stats.serverErrors;
    m_drops = std::max(m_drops, batch.stats.drops);
    m_binaryFrames = batch.stats.binaryFrames;
    qsizetype printable = batch.messages.size();
    if (m_count > 0)
        printable = qsizetype(
            qBound<qint64>(0, m_count - m_printed - qint64(dropsBefore), qint64(printable)));
    // One write(2) for the whole batch, not one per message.
    for (qsizetype i = 0; i < printable; ++i)
        Console::appendLine(batch.messages.at(i).json);
    if (m_record.isSet())
        m_record.record(printable == batch.messages.size() ? batch.messages
                                                           : batch.messages.first(printable));
    m_printed += printable;
    if (!Console::flushLines()) {
        finish(ExitCode::Ok); // the reader went away (e.g. `| head`)
        return;
    }
    if (m_count > 0 && m_printed + qint64(m_drops) >= m_count)
        finish(ExitCode::Ok);
}

void StreamCommand::stop()
{
    m_durationTimer.stop();
    if (m_session)
        m_session->close();
    m_record.stop();
}

void StreamCommand::printSummary()
{
    const double seconds = m_elapsed.isValid() ? double(m_elapsed.nsecsElapsed()) / 1e9 : 0;
    TransportTraffic traffic;
    if (m_session) {
        // The last batch may be older than the last counters.
        const StreamStats stats = m_session->stats();
        traffic = stats.traffic;
        m_reconnects = std::max(m_reconnects, stats.reconnects);
        m_parseErrors = std::max(m_parseErrors, stats.parseErrors);
        m_serverErrors = std::max(m_serverErrors, stats.serverErrors);
        m_drops = std::max(m_drops, stats.drops);
        m_binaryFrames = std::max(m_binaryFrames, stats.binaryFrames);
    }
    Console::error(QStringLiteral("messages: %1, rate: %2/s, elapsed: %3 s, reconnects: %4, "
                                  "parse errors: %5, server errors: %6, dropped: %7, binary "
                                  "frames: %8")
                       .arg(m_printed)
                       .arg(seconds > 0 ? double(m_printed) / seconds : 0.0, 0, 'f', 1)
                       .arg(seconds, 0, 'f', 2)
                       .arg(m_reconnects)
                       .arg(m_parseErrors)
                       .arg(m_serverErrors)
                       .arg(m_drops)
                       .arg(m_binaryFrames));
    printTraffic(traffic);
    m_record.printSummary();
}

} // namespace allium
