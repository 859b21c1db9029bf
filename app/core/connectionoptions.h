#pragma once

#include <QList>
#include <QSslCertificate>

namespace allium {

/// Reconnection and heartbeat settings of one connection (part of a profile).
struct ConnectionOptions
{
    // Backoff: delay before attempt n (1-based) is min(base * 2^n, cap), with +-jitter.
    // With the defaults this is the spec's min(2^attempt, 30) seconds.
    int backoffBaseMs = 1000;
    int backoffCapMs = 30000;
    double backoffJitter = 0.2;     ///< fraction of the delay, spread uniformly both ways
    int maxAttempts = 0;            ///< 0: retry forever (a monitor should come back)
    int stableAfterMs = 30000;      ///< a connection held this long resets the attempt counter

    // Heartbeat: ping every pingIntervalMs; no pong and no message for deadAfterMs means the
    // connection is dead (half-open TCP) and is reconnected. 0 disables.
    int pingIntervalMs = 10000;
    int deadAfterMs = 30000;

    int handshakeTimeoutMs = 15000;
    /// Extra CA certificates to trust (the emulator's self-signed one in tests).
    QList<QSslCertificate> extraCaCertificates;
};

} // namespace allium
