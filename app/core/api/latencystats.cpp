// SPDX-License-Identifier: MIT
#include "core/api/latencystats.h"

#include "core/api/apiresult.h"

#include <algorithm>
#include <cmath>

namespace allium {

LatencyStats::LatencyStats(int maxSamples)
    : m_maxSamples(std::max(1, maxSamples))
{}

void LatencyStats::add(const ApiResult &result)
{
    const bool answered =
        result.state == ApiRequestState::Succeeded || result.state == ApiRequestState::ServerError;
    add(result.state, answered ? result.latencyMs : -1);
}

void LatencyStats::add(ApiRequestState state, double latencyMs)
{
    ++m_count;
    ++m_stateCounts[state];
    if (latencyMs < 0 || !std::isfinite(latencyMs))
        return;
    if (m_latencyCount == 0) {
        m_min = m_max = latencyMs;
    } else {
        m_min = std::min(m_min, latencyMs);
        m_max = std::max(m_max, latencyMs);
    }
    m_sum += latencyMs;
    ++m_latencyCount;
    if (m_samples.size() < m_maxSamples) {
        m_samples.append(latencyMs);
        m_sorted = false;
        return;
    }
    // Reservoir sampling (algorithm R): every latency seen has the same chance to be kept.
    const quint64 slot = m_random.generate64() % quint64(m_latencyCount);
    if (slot < quint64(m_maxSamples)) {
        m_samples[qsizetype(slot)] = latencyMs;
        m_sorted = false;
    }
}

void LatencyStats::clear()
{
    m_count = 0;
    m_stateCounts.clear();
    m_latencyCount = 0;
    m_min = m_max = m_sum = 0;
    m_samples.clear();
    m_sorted = true;
}

double LatencyStats::percentile(double p) const
{
    if (m_samples.isEmpty() || !(p > 0))
        return -1;
    if (!m_sorted) {
        std::sort(m_samples.begin(), m_samples.end());
        m_sorted = true;
    }
    const double n = double(m_samples.size());
    const qsizetype rank = qsizetype(std::ceil(std::min(p, 100.0) / 100.0 * n));
    return m_samples.at(std::clamp<qsizetype>(rank - 1, 0, m_samples.size() - 1));
}

QString latencyText(double ms, const QString &none)
{
    if (ms < 0)
        return none;
    return QStringLiteral("%1 ms").arg(ms, 0, 'f', ms < 10 ? 1 : 0);
}

} // namespace allium
