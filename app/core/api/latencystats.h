// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apirequeststate.h"

#include <QHash>
#include <QRandomGenerator>
#include <QString>
#include <QVector>

namespace allium {

struct ApiResult;

/// Latency percentiles and terminal-state counts over API results. Latencies are sampled only
/// from requests that got a response (succeeded or server error); timeouts and local verdicts
/// would distort them. Memory is bounded: past maxSamples it keeps a uniform random sample,
/// while count, min, max and mean stay exact.
class LatencyStats
{
public:
    explicit LatencyStats(int maxSamples = 1000000);

    void add(const ApiResult &result);
    /// latencyMs < 0 means no response time to record.
    void add(ApiRequestState state, double latencyMs);
    void clear();

    int count() const { return m_count; } ///< results added
    int count(ApiRequestState state) const { return m_stateCounts.value(state); }
    qint64 latencyCount() const { return m_latencyCount; } ///< results that had a latency

    /// Nearest-rank percentile (0 < p <= 100) in ms; -1 without samples.
    double percentile(double p) const;
    double p50() const { return percentile(50); }
    double p95() const { return percentile(95); }
    double p99() const { return percentile(99); }
    double min() const { return m_latencyCount ? m_min : -1; }
    double max() const { return m_latencyCount ? m_max : -1; }
    double mean() const { return m_latencyCount ? m_sum / double(m_latencyCount) : -1; }

private:
    int m_maxSamples;
    int m_count = 0;
    QHash<ApiRequestState, int> m_stateCounts;
    qint64 m_latencyCount = 0;
    double m_min = 0;
    double m_max = 0;
    double m_sum = 0;
    mutable QVector<double> m_samples;
    mutable bool m_sorted = true;
    QRandomGenerator m_random{0x5eed};
};

/// A latency as the console and its history show it: one decimal below 10 ms ("3.5 ms"), none
/// above ("137 ms"); `none` when there is no latency (`ms` < 0).
QString latencyText(double ms, const QString &none = QString());

} // namespace allium
