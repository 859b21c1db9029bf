// SPDX-License-Identifier: MIT
#pragma once

#include "cli/exitcode.h"
#include "core/connection/connectionstate.h"
#include "core/connection/transporttraffic.h"

#include <QObject>
#include <QUrl>

class QCommandLineParser;

namespace allium {

class ConnectionTarget;

/// What allium-cli's connecting commands share: the first-connection rule, interrupts, and a
/// single finish that prints the summary and reports the exit code.
class CliCommand : public QObject
{
    Q_OBJECT
public:
    explicit CliCommand(QObject *parent = nullptr)
        : QObject(parent)
    {}

    /// Reads the options; anything but Ok means a message was printed and we should exit.
    virtual ExitCode configure(const QCommandLineParser &parser) = 0;
    virtual void start(const ConnectionTarget &target) = 0;
    /// False when configure() already did all there was to do (api --list): no connection.
    virtual bool needsConnection() const { return true; }
    /// SIGINT/SIGTERM: stop, print the summary, finish with 130 (143 for SIGTERM).
    void interrupt(int signalNumber);

signals:
    void finished(int exitCode);

protected:
    /// Largest --filter or --body file read; a larger one (or a device) is a usage error.
    static constexpr qint64 MaxInputFileBytes = 16 * 1024 * 1024;

    /// Before the first connection any failure ends the command (a mistyped URL should not
    /// retry forever); after it only a connection that gave up does, reconnects are fine.
    void handleConnectionState(ConnectionState state, const QUrl &url,
                               const QString &failureReason);
    void finish(ExitCode code);
    bool isDone() const { return m_done; }
    /// An established connection ended and is retried: said on stderr, never silent (a 1007
    /// for invalid UTF-8, a dead link). Before the first connection, the failure rule applies.
    void reportConnectionLost(const QString &reason);

    /// The summary's traffic line: frames, bytes on the wire against decoded (what compression
    /// saved), and whether compression was on.
    static void printTraffic(const TransportTraffic &traffic);

    /// Cancels and closes whatever is running; called once by finish().
    virtual void stop() = 0;
    virtual void printSummary() = 0;

private:
    bool m_connectedOnce = false;
    bool m_done = false;
};

} // namespace allium
