// SPDX-License-Identifier: MIT
#pragma once

#include "cli/streamingcommand.h"

namespace allium {

struct MessageBatch;

/// `allium-cli stream`: prints every message of a topic as one JSON line (the raw text, as
/// received) until --count or --duration, across reconnects, with a summary on stderr. Nothing
/// received is lost: a slow stdout slows the reading of the socket (--drop-when-behind drops
/// and counts instead).
class StreamCommand : public StreamingCommand
{
    Q_OBJECT
public:
    explicit StreamCommand(QObject *parent = nullptr);

    static void addOptions(QCommandLineParser &parser);
    /// Also validates the filter locally, before any connection.
    ExitCode configure(const QCommandLineParser &parser) override;
    void start(const ConnectionTarget &target) override;

private:
    void handleBatch(const MessageBatch &batch);
    void printSummary() override;

    bool m_dropWhenBehind = false; ///< --drop-when-behind: drop (counted) rather than wait
    qint64 m_printed = 0;
    quint64 m_reconnects = 0;
    quint64 m_parseErrors = 0;
    quint64 m_serverErrors = 0;
    quint64 m_drops = 0;
    quint64 m_binaryFrames = 0;
};

} // namespace allium
