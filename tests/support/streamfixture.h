// SPDX-License-Identifier: MIT
#pragma once

#include "core/stream/streammessage.h"
#include "core/stream/streamsession.h"
#include "emulator/emulatorserver.h"
#include "support/connectionstatusspies.h"

#include <QSignalSpy>
#include <QVector>

namespace allium {

/// The setup StreamSession tests share: an emulator on loopback, a session to aim at it, spies
/// on the session's signals that record from before its first open(), and every message it
/// delivers, in order.
class StreamFixture
{
public:
    explicit StreamFixture(const EmulatorOptions &serverOptions = {});

    /// Starts the emulator on a free port and points the session at its stream of `topic` (see
    /// pointAt()); false (with a warning naming the reason) when it cannot listen.
    bool listen(const QString &topic);
    /// Opens the session and waits up to timeoutMs for opened(); false when it did not come.
    bool openAndWait(int timeoutMs = 5000);
    /// Points the session at `streamUrl` (this emulator's or another server's) with the demo key
    /// and fastConnectionOptions() retrying after 40, 80, 160, 200, 200… ms.
    void pointAt(const QUrl &streamUrl);

    EmulatorServer server;
    StreamSession session;
    ConnectionStatusSpies spies;
    QSignalSpy pongs;         ///< pongReceived(latencyMs)
    QSignalSpy resubscribed;  ///< resubscribed()
    QSignalSpy batches;       ///< messagesReceived(batch)
    QSignalSpy errors;        ///< serverErrorsReceived(count, lastMessage)
    QSignalSpy fieldsChanged; ///< fieldsChanged()

    /// Every message of every batch, in the order received.
    QVector<StreamMessage> messages;
    int maxBatchSize = 0;
};

} // namespace allium
