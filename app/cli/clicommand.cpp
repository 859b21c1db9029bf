// SPDX-License-Identifier: MIT
#include "cli/clicommand.h"

#include "cli/connectiontarget.h"
#include "cli/console.h"

#include <csignal>

namespace allium {

void CliCommand::interrupt(int signalNumber)
{
    if (m_done)
        return;
    Console::error(QStringLiteral("interrupted"));
    finish(signalNumber == SIGTERM ? ExitCode(128 + SIGTERM) : ExitCode::Interrupted);
}

void CliCommand::handleConnectionState(ConnectionState state, const QUrl &url,
                                       const QString &failureReason)
{
    if (m_done)
        return;
    if (state == ConnectionState::Connected) {
        m_connectedOnce = true;
        return;
    }
    const bool firstAttemptFailed = !m_connectedOnce && state == ConnectionState::Reconnecting;
    if (state != ConnectionState::Failed && !firstAttemptFailed)
        return;
    const QString reason = state == ConnectionState::Failed ? failureReason : QString();
    Console::error(ConnectionTarget::failureMessage(url, reason));
    finish(ConnectionTarget::classifyFailure(reason));
}

void CliCommand::reportConnectionLost(const QString &reason)
{
    if (!m_done && m_connectedOnce)
        Console::error(QStringLiteral("connection lost: %1; reconnecting").arg(reason));
}

void CliCommand::finish(ExitCode code)
{
    if (m_done)
        return;
    m_done = true;
    stop();
    printSummary();
    emit finished(int(code));
}

void CliCommand::printTraffic(const TransportTraffic &traffic)
{
    Console::error(QStringLiteral("traffic: %1 frames, %2 bytes on the wire, %3 decoded (ratio "
                                  "%4), compression: %5")
                       .arg(traffic.messagesIn)
                       .arg(traffic.wireBytesIn)
                       .arg(traffic.decodedBytesIn)
                       .arg(traffic.inboundRatio(), 0, 'f', 2)
                       .arg(traffic.compression ? QStringLiteral("on") : QStringLiteral("off")));
}

} // namespace allium
