// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/transportkind.h"

#include <QList>
#include <QSslCertificate>

#include <algorithm>
#include <memory>

namespace allium {

class ReplayControl;

/// Reconnection and heartbeat settings of one connection (part of a profile).
struct ConnectionOptions
{
    /// The shortest first retry delay a profile may ask for: a 0 ms delay would hammer the
    /// server in a tight loop.
    static constexpr int MinBackoffBaseMs = 100;
    static constexpr double MaxBackoffJitter = 0.5;

    // Backoff: delay before attempt n (1-based) is min(base * 2^n, cap), with +-jitter.
    // With the defaults this is the spec's min(2^attempt, 30) seconds.
    int backoffBaseMs = 1000;
    int backoffCapMs = 30000;
    double backoffJitter = 0.2; ///< fraction of the delay, spread uniformly both ways
    int maxAttempts = 0;        ///< 0: retry forever (a monitor should come back)
    int stableAfterMs = 30000;  ///< a connection held this long resets the attempt counter

    // Heartbeat: ping every pingIntervalMs; no pong and no message for deadAfterMs means the
    // connection is dead (half-open TCP) and is reconnected. 0 disables.
    int pingIntervalMs = 10000;
    int deadAfterMs = 30000;

    int handshakeTimeoutMs = 15000;
    /// Offer permessage-deflate on the handshake (used when the server accepts).
    bool compression = true;
    /// The websocket implementation; Beast unless ALLIUM_TRANSPORT says otherwise.
    TransportKind transport = defaultTransportKind();
    /// Extra CA certificates to trust (the emulator's self-signed one in tests).
    QList<QSslCertificate> extraCaCertificates;
    /// Set for a recording opened as a stream: the connection is a ReplayTransport playing the
    /// file under this control, not a socket (the rest of the session is the live one).
    std::shared_ptr<ReplayControl> replay;

    /// These options with the retry schedule brought within bounds: base at least
    /// MinBackoffBaseMs, cap at least base, jitter in [0, MaxBackoffJitter] (so no retry comes
    /// sooner than half the base), no negative counts. Applied wherever options are set or
    /// loaded (profile store, profile dialog).
    ConnectionOptions withinLimits() const
    {
        ConnectionOptions options = *this;
        options.backoffBaseMs = std::max(options.backoffBaseMs, MinBackoffBaseMs);
        options.backoffCapMs = std::max(options.backoffCapMs, options.backoffBaseMs);
        // Written so that a NaN read from a hand-edited file becomes 0.
        options.backoffJitter =
            options.backoffJitter >= 0.0 ? std::min(options.backoffJitter, MaxBackoffJitter) : 0.0;
        options.maxAttempts = std::max(options.maxAttempts, 0);
        options.stableAfterMs = std::max(options.stableAfterMs, 0);
        options.pingIntervalMs = std::max(options.pingIntervalMs, 0);
        options.deadAfterMs = std::max(options.deadAfterMs, 0);
        options.handshakeTimeoutMs = std::max(options.handshakeTimeoutMs, 0);
        return options;
    }
};

} // namespace allium
