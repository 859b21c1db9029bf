// SPDX-License-Identifier: MIT
#pragma once

#include "cli/clicommand.h"
#include "core/filter/filter.h"
#include "core/stream/ingestoptions.h"

#include <QElapsedTimer>
#include <QTimer>

namespace allium {

class StreamSession;

/// What `stream` and `watch` share: --topic, --filter, --count and --duration, one
/// StreamSession that reconnects on its own, the first-connection rule and server errors on
/// stderr.
class StreamingCommand : public CliCommand
{
    Q_OBJECT
public:
    explicit StreamingCommand(QObject *parent = nullptr);

protected:
    /// --topic, --filter, --count (its help names what is counted) and --duration.
    static void addStreamOptions(QCommandLineParser &parser, const QString &countHelp);
    /// Reads them; also validates the filter locally, before any connection.
    ExitCode configureStream(const QCommandLineParser &parser);
    /// Creates the session with `ingest`, wires its connection state and errors to the
    /// command, starts the --duration clock and opens it.
    StreamSession *openSession(const ConnectionTarget &target, IngestOptions ingest);
    /// Closes the session (after the duration timer).
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

private:
    QElapsedTimer m_elapsed;
    QTimer m_durationTimer;
};

} // namespace allium
