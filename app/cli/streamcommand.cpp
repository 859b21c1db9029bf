// SPDX-License-Identifier: MIT
#include "cli/streamcommand.h"

#include "cli/console.h"
#include "core/stream/messagebatch.h"
#include "core/stream/streamsession.h"

#include <QCommandLineParser>

#include <algorithm>

namespace allium {

StreamCommand::StreamCommand(QObject *parent)
    : StreamingCommand(parent)
{}

void StreamCommand::addOptions(QCommandLineParser &parser)
{
    addStreamOptions(parser, QStringLiteral("Stop after N messages (printed, or dropped with "
                                            "--drop-when-behind)."));
    parser.addOption({QStringLiteral("drop-when-behind"),
                      QStringLiteral("When stdout is slower than the stream, drop messages (the "
                                     "summary counts them) instead of reading the socket more "
                                     "slowly, which lets TCP push back on the server.")});
}

ExitCode StreamCommand::configure(const QCommandLineParser &parser)
{
    m_dropWhenBehind = parser.isSet(QStringLiteral("drop-when-behind"));
    return configureStream(parser);
}

void StreamCommand::start(const ConnectionTarget &target)
{
    IngestOptions ingest = baseIngestOptions();
    // Nothing the socket delivered is lost unless asked: when stdout is slower, the worker waits
    // and reads no more, and TCP pushes back on the server.
    ingest.dropWhenBehind = m_dropWhenBehind;
    StreamSession *session = openSession(target, ingest);
    if (!session)
        return;
    connect(session, &StreamSession::messagesReceived, this, &StreamCommand::handleBatch);
    // Dropped messages count towards --count: they can never be printed, and a finite stream
    // would otherwise leave us waiting for messages that will not come.
    connect(session, &StreamSession::statsChanged, this, [this](const StreamStats &stats) {
        if (isDone())
            return;
        m_drops = std::max(m_drops, stats.drops);
        if (m_count > 0 && m_printed + qint64(m_drops) >= m_count)
            finish(ExitCode::Ok);
    });
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

void StreamCommand::printSummary()
{
    const double seconds = elapsedSeconds();
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
