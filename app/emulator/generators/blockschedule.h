// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/emulatoroptions.h"

#include <QtGlobal>

#include <deque>

namespace allium {

/// The order in which a chain's blocks reach a stream under the integrity faults, as a pure
/// function of the block numbers (EVM and Bitcoin `number`, Solana `block_height`), so every
/// topic of a chain and every client agree on which blocks are skipped, replaced or repeated:
/// - gap: a number n with n % gapEvery == 0 is never sent (nor anything of its block);
/// - reorg: when the chain reaches a number R with R % reorgEvery == 0 (sent or skipped), the
///   blocks R-D+1 … R (D = reorgDepth, gaps left out) are sent again right after it as version 1:
///   same numbers, new hashes; version 1 of R-D+1 has the unchanged R-D as parent, and R+1's
///   parent is version 1 of R;
/// - duplicate: every message of a block n with n % duplicateEvery == 0 is sent twice in a row,
///   each time the block is sent (a replacement too).
class BlockSchedule
{
public:
    /// One block as a stream sends it: its number, 0 for the first version or 1 for a reorg's
    /// replacement, and the number whose time it is sent at (itself, or the reorg point R).
    struct Emission
    {
        qint64 number = 0;
        int version = 0;
        qint64 dueNumber = 0;
    };

    BlockSchedule() = default;
    explicit BlockSchedule(const EmulatorFaults &faults);

    bool isSkipped(qint64 number) const;
    bool isDuplicated(qint64 number) const;
    /// The version of the block a child of (number, version) sent next has as its parent.
    int parentVersion(qint64 number, int version) const;

    /// The next emission is the first of block `number` (or the first sent after it).
    void seek(qint64 number);
    Emission next();

private:
    bool isReorgPoint(qint64 number) const;
    /// Whether `number` is one of the D blocks a reorg replaces.
    bool isReplaced(qint64 number) const;

    int m_gapEvery = 0;
    int m_reorgEvery = 0;
    int m_reorgDepth = 0;
    int m_duplicateEvery = 0;
    qint64 m_next = 0;
    std::deque<Emission> m_queue;
};

} // namespace allium
