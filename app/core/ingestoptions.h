#pragma once

namespace allium {

/// How a stream session batches, bounds and samples what it receives.
struct IngestOptions
{
    int maxBatchMessages = 2000;   ///< a batch is handed over when it holds this many messages
    int batchIntervalMs = 33;      ///< … or this long after its first message (~30 per second)
    int maxPendingBatches = 8;     ///< batches handed over but not yet taken by the GUI thread;
                                   ///< beyond this the worker drops messages (counted as drops)
    int catalogueSampleAllFirst = 500; ///< the field catalogue sees every one of the first N
    int catalogueSampleEvery = 20;     ///< … then one message in this many,
    int catalogueMaxSamplesPerSecond = 200; ///< … and never more than this (0: no cap); a
                                            ///< firehose would otherwise spend more on the
                                            ///< catalogue than on parsing
    int statsIntervalMs = 250;     ///< counters are reported at least this often while they change
};

} // namespace allium
