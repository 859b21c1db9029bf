// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionoptions.h"

class QRandomGenerator;

namespace allium {

/// The reconnect delay schedule: min(base * 2^attempt, cap) milliseconds, spread by +-jitter.
/// A value type with no clock and no hidden randomness, so tests can pin every delay.
class BackoffPolicy
{
public:
    BackoffPolicy() = default;
    BackoffPolicy(int baseMs, int capMs, double jitter, int maxAttempts);
    static BackoffPolicy fromOptions(const ConnectionOptions &options);

    int baseMs() const { return m_baseMs; }
    int capMs() const { return m_capMs; }
    double jitter() const { return m_jitter; }
    int maxAttempts() const { return m_maxAttempts; }

    /// min(base * 2^attempt, cap) for attempt >= 1 (the spec's min(2^attempt, 30) s by default).
    int nominalDelayMs(int attempt) const;
    /// The nominal delay moved by jitter: unitRandom in [0, 1) maps linearly onto
    /// [nominal * (1 - jitter), nominal * (1 + jitter)]. The jitter is applied after the cap,
    /// so at the cap clients still spread out instead of all retrying at once.
    int delayMs(int attempt, double unitRandom) const;
    /// delayMs() with a uniform draw from random (the global generator when null).
    int delayMs(int attempt, QRandomGenerator *random = nullptr) const;
    /// True when attempt is past the limit (never when maxAttempts is 0).
    bool isExhausted(int attempt) const;

private:
    int m_baseMs = 1000;
    int m_capMs = 30000;
    double m_jitter = 0.2;
    int m_maxAttempts = 0;
};

} // namespace allium
