// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace allium {

/// How a stream session batches, bounds and samples what it receives.
struct IngestOptions
{
    int maxBatchMessages = 2000; ///< a batch is handed over when it holds this many messages
    int batchIntervalMs = 33;    ///< … or this long after its first message (~30 per second)
    qint64 maxBatchBytes = 4 * 1024 * 1024; ///< … or once its messages hold this many bytes
    int maxPendingBatches = 8; ///< batches handed over but not yet taken by the consumer, …
    qint64 maxPendingBytes = 64 * 1024 * 1024; ///< … and their bytes: beyond either the worker
                                               ///< keeps one batch and then drops (counted)
    int catalogueSampleAllFirst = 500;      ///< the field catalogue sees every one of the first N
    int catalogueSampleEvery = 20;          ///< … then one message in this many,
    int catalogueMaxSamplesPerSecond = 200; ///< … and never more than this (0: no cap); a
                                            ///< firehose would otherwise spend more on the
                                            ///< catalogue than on parsing
    int statsIntervalMs = 250; ///< counters are reported at least this often while they change
};

} // namespace allium
