// SPDX-License-Identifier: MIT
#pragma once

#include "cli/exitcode.h"
#include "core/record/recordingoptions.h"

#include <QJsonValue>
#include <QObject>
#include <QVector>

class QCommandLineParser;

namespace allium {

class ConnectionTarget;
class RecordingWriter;
struct StreamMessage;

/// `--record FILE` (and its rotation options) for the commands that stream: `stream`, `watch`.
/// Records every message the command receives, as received, next to what it prints; a write
/// error stops the recording with a message on stderr, never the command.
class RecordOption : public QObject
{
    Q_OBJECT
public:
    explicit RecordOption(QObject *parent = nullptr);
    ~RecordOption() override;

    static void addOptions(QCommandLineParser &parser);
    ExitCode configure(const QCommandLineParser &parser);
    bool isSet() const { return !m_options.path.isEmpty(); }
    /// Opens the file and writes its header (topic, filter, profile, the target's host, never
    /// its key). False after printing why.
    bool start(const QString &topic, const QJsonValue &filter, const ConnectionTarget &target);
    void record(const QVector<StreamMessage> &messages);
    /// Writes what is queued and closes the file.
    void stop();
    /// "recorded: N messages, B bytes in FILE…" for the summary on stderr; empty when not set.
    void printSummary() const;

private:
    RecordingOptions m_options;
    RecordingWriter *m_writer = nullptr;
};

} // namespace allium
