// SPDX-License-Identifier: MIT
#include "core/connection/backoffpolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace allium {

BackoffPolicy::BackoffPolicy(int baseMs, int capMs, double jitter, int maxAttempts)
    : m_baseMs(std::max(0, baseMs))
    , m_capMs(std::max(0, capMs))
    , m_jitter(std::clamp(jitter, 0.0, 1.0))
    , m_maxAttempts(std::max(0, maxAttempts))
{}

BackoffPolicy BackoffPolicy::fromOptions(const ConnectionOptions &options)
{
    return BackoffPolicy(options.backoffBaseMs, options.backoffCapMs, options.backoffJitter,
                         options.maxAttempts);
}

int BackoffPolicy::nominalDelayMs(int attempt) const
{
    // Computed in double so that a long outage (attempt 40, 1000) cannot overflow.
    const double exponent = std::clamp(attempt, 0, 62);
    const double delay = double(m_baseMs) * std::pow(2.0, exponent);
    return int(std::min(delay, double(m_capMs)));
}

int BackoffPolicy::delayMs(int attempt, double unitRandom) const
{
    const double nominal = nominalDelayMs(attempt);
    const double spread = std::clamp(unitRandom, 0.0, 1.0) * 2.0 - 1.0;
    return std::max(0, int(std::lround(nominal * (1.0 + m_jitter * spread))));
}

int BackoffPolicy::delayMs(int attempt, QRandomGenerator *random) const
{
    QRandomGenerator *generator = random ? random : QRandomGenerator::global();
    return delayMs(attempt, generator->generateDouble());
}

bool BackoffPolicy::isExhausted(int attempt) const
{
    return m_maxAttempts > 0 && attempt > m_maxAttempts;
}

} // namespace allium
