// SPDX-License-Identifier: MIT
#include "cli/streamingcommand.h"

#include "cli/connectiontarget.h"
#include "cli/console.h"
#include "core/base/boundedfile.h"
#include "core/connection/connectionprofile.h"
#include "core/stream/streamsession.h"

#include <QCommandLineParser>
#include <QJsonValue>

#include <limits>

namespace allium {

StreamingCommand::StreamingCommand(QObject *parent)
    : CliCommand(parent)
{
    m_durationTimer.setSingleShot(true);
    connect(&m_durationTimer, &QTimer::timeout, this, [this] { finish(ExitCode::Ok); });
}

void StreamingCommand::addStreamOptions(QCommandLineParser &parser, const QString &countHelp)
{
    parser.addOption({QStringLiteral("topic"),
                      QStringLiteral("Topic to stream, e.g. ethereum.blocks (see `allium-cli "
                                     "topics`)."),
                      QStringLiteral("T")});
    parser.addOption({QStringLiteral("filter"),
                      QStringLiteral("Filter as JSON text or a file holding it; checked before "
                                     "connecting."),
                      QStringLiteral("FILE|JSON")});
    parser.addOption({QStringLiteral("count"), countHelp, QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("duration"), QStringLiteral("Stop after S seconds."), QStringLiteral("S")});
    RecordOption::addOptions(parser);
}

ExitCode StreamingCommand::configureStream(const QCommandLineParser &parser)
{
    if (const ExitCode recordUsage = m_record.configure(parser); recordUsage != ExitCode::Ok)
        return recordUsage;
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

IngestOptions StreamingCommand::baseIngestOptions() const
{
    IngestOptions ingest;
    ingest.maxPendingBatches = 64; // a pipe may stall for a moment; wait (or drop) only when it
                                   // really lags
    ingest.catalogueSampleAllFirst = 0;
    ingest.catalogueSampleEvery = std::numeric_limits<int>::max(); // no field catalogue needed
    return ingest;
}

StreamSession *StreamingCommand::openSession(const ConnectionTarget &target, IngestOptions ingest)
{
    if (!m_record.start(m_topic, m_hasFilter ? QJsonValue(m_filter.toJson()) : QJsonValue(),
                        target)) {
        finish(ExitCode::Usage);
        return nullptr;
    }
    m_session = new StreamSession(this);
    m_session->setUrl(ConnectionProfile::streamUrl(target.baseUrl(), m_topic));
    m_session->setApiKey(target.apiKey());
    m_session->setConnectionOptions(target.options());
    m_session->setIngestOptions(ingest);
    // After the first connection, drops are the session's business: it reconnects.
    connect(m_session, &StreamSession::stateChanged, this, [this](ConnectionState state) {
        handleConnectionState(state, m_session->url(), m_session->failureReason());
    });
    connect(m_session, &StreamSession::connectionLost, this,
            &StreamingCommand::reportConnectionLost);
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
    return m_session;
}

void StreamingCommand::stop()
{
    m_durationTimer.stop();
    if (m_session)
        m_session->close();
    m_record.stop();
}

double StreamingCommand::elapsedSeconds() const
{
    return m_elapsed.isValid() ? double(m_elapsed.nsecsElapsed()) / 1e9 : 0;
}

} // namespace allium
