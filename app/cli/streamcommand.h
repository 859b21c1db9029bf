#pragma once

#include "connectionstate.h"
#include "exitcode.h"
#include "filter.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QCommandLineParser;

namespace allium {

class ConnectionTarget;
class StreamSession;
struct MessageBatch;

/// `allium-cli stream`: prints every message of a topic as one JSON line (the raw text, as
/// received) until --count or --duration, across reconnects, with a summary on stderr.
class StreamCommand : public QObject
{
    Q_OBJECT
public:
    explicit StreamCommand(QObject *parent = nullptr);

    static void addOptions(QCommandLineParser &parser);
    /// Reads the options and validates the filter locally; anything but Ok means a message was
    /// printed and we should exit.
    ExitCode configure(const QCommandLineParser &parser);
    void start(const ConnectionTarget &target);
    void interrupt(int signalNumber);

signals:
    void finished(int exitCode);

private:
    void handleBatch(const MessageBatch &batch);
    void handleStateChanged(ConnectionState state);
    void printSummary();
    void finish(ExitCode code);

    StreamSession *m_session = nullptr;
    QString m_topic;
    Filter m_filter;
    bool m_hasFilter = false;
    qint64 m_count = 0;     ///< 0: unlimited
    double m_durationS = 0; ///< 0: unlimited
    qint64 m_printed = 0;
    quint64 m_reconnects = 0;
    quint64 m_parseErrors = 0;
    quint64 m_serverErrors = 0;
    quint64 m_drops = 0;
    QElapsedTimer m_elapsed;
    QTimer m_durationTimer;
    bool m_connectedOnce = false;
    bool m_done = false;
};

} // namespace allium
