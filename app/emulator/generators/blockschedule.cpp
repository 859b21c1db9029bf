// SPDX-License-Identifier: MIT
#include "emulator/generators/blockschedule.h"

#include <algorithm>

namespace allium {

namespace {

// n mod m in [0, m), also for negative n.
qint64 floorMod(qint64 n, qint64 m)
{
    const qint64 r = n % m;
    return r < 0 ? r + m : r;
}

} // namespace

BlockSchedule::BlockSchedule(const EmulatorFaults &faults)
    // Every block skipped would leave nothing to send: the command line refuses 1.
    : m_gapEvery(faults.gapEvery > 1 ? faults.gapEvery : 0)
    , m_reorgEvery(faults.reorgEvery > 0 && faults.reorgDepth > 0 ? faults.reorgEvery : 0)
    // Depth below every: two reorgs never replace the same block.
    , m_reorgDepth(m_reorgEvery > 0 ? std::min(faults.reorgDepth, m_reorgEvery - 1) : 0)
    , m_duplicateEvery(std::max(0, faults.duplicateEvery))
{}

bool BlockSchedule::isSkipped(qint64 number) const
{
    return m_gapEvery > 0 && floorMod(number, m_gapEvery) == 0;
}

bool BlockSchedule::isDuplicated(qint64 number) const
{
    return m_duplicateEvery > 0 && floorMod(number, m_duplicateEvery) == 0;
}

bool BlockSchedule::isReorgPoint(qint64 number) const
{
    return m_reorgEvery > 0 && m_reorgDepth > 0 && floorMod(number, m_reorgEvery) == 0;
}

bool BlockSchedule::isReplaced(qint64 number) const
{
    if (m_reorgEvery <= 0 || m_reorgDepth <= 0)
        return false;
    // The distance to the next reorg point at or above `number`.
    const qint64 toReorg = floorMod(-number, m_reorgEvery);
    return toReorg < m_reorgDepth;
}

int BlockSchedule::parentVersion(qint64 number, int version) const
{
    const qint64 parent = number - 1;
    if (version == 1)
        return isReplaced(parent) ? 1 : 0; // inside the new branch, or its fork point
    // The first branch, until the reorg point is passed: then the new branch is the chain.
    return isReorgPoint(parent) ? 1 : 0;
}

void BlockSchedule::seek(qint64 number)
{
    m_next = number;
    m_queue.clear();
}

BlockSchedule::Emission BlockSchedule::next()
{
    while (m_queue.empty()) {
        const qint64 number = m_next++;
        if (!isSkipped(number))
            m_queue.push_back(Emission{number, 0, number});
        if (isReorgPoint(number)) {
            for (qint64 replaced = number - m_reorgDepth + 1; replaced <= number; ++replaced) {
                if (!isSkipped(replaced))
                    m_queue.push_back(Emission{replaced, 1, number});
            }
        }
    }
    const Emission emission = m_queue.front();
    m_queue.pop_front();
    return emission;
}

} // namespace allium
