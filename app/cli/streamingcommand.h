// SPDX-License-Identifier: MIT
#pragma once

#include "cli/clicommand.h"
#include "cli/recordoption.h"
#include "core/filter/filter.h"
#include "core/stream/ingestoptions.h"

#include <QElapsedTimer>
#include <QTimer>

namespace allium {

class StreamSession;

/// What `stream` and `watch` share: --topic, --filter, --count, --duration and --record, one
/// StreamSession that reconnects on its own, the first-connection rule and server errors on
/// stderr.
class StreamingCommand : public CliCommand
{
    Q_OBJECT
public:
    explicit StreamingCommand(QObject *parent = nullptr);

protected:
    /// --topic, --filter, --count (its help names what is counted), --duration and --record.
    static void addStreamOptions(QCommandLineParser &parser, const QString &countHelp);
    /// Reads them; also validates the filter locally, before any connection.
    ExitCode configureStream(const QCommandLineParser &parser);
    /// Opens the --record file, creates the session with `ingest`, wires its connection state
    /// and errors to the command, starts the --duration clock and opens it. Null (the command
    /// finished with a usage error, said why) when the recording cannot start.
    StreamSession *openSession(const ConnectionTarget &target, IngestOptions ingest);
    /// Closes the session (after the duration timer) and the recording.
    void stop() override;
    double elapsedSeconds() const;
    /// The options shared by every streaming command: no field catalogue.
    IngestOptions baseIngestOptions() const;

    QString m_topic;
    Filter m_filter;
    bool m_hasFilter = false;
    qint64 m_count = 0;     ///< 0: unlimited
    double m_durationS = 0; ///< 0: unlimited
    StreamSession *m_session = nullptr;
    RecordOption m_record; ///< --record FILE: what the command counts is also recorded

private:
    QElapsedTimer m_elapsed;
    QTimer m_durationTimer;
};

} // namespace allium
