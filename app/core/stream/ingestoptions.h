// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace allium {

/// How a stream session batches, bounds and samples what it receives.
struct IngestOptions
{
    int maxBatchMessages = 2000; ///< a batch is handed over when it holds this many messages
    /// … or this long after its first message: a person sees a new row within a tenth of a
    /// second, and a trickle of messages costs the GUI about ten updates a second, not one each
    int batchIntervalMs = 100;
    qint64 maxBatchBytes = 4 * 1024 * 1024; ///< … or once its messages hold this many bytes
    int maxPendingBatches = 8; ///< batches handed over but not yet taken by the consumer, …
    qint64 maxPendingBytes = 64 * 1024 * 1024; ///< … and their bytes: beyond either the worker
                                               ///< keeps one batch and then drops (counted)
    /// What the worker does once the consumer holds as much as it may and the next batch is
    /// full. true: drops (and counts) frames, so a display stays fluid and the socket keeps
    /// being read. false: waits for the consumer, so nothing the socket delivered is lost; the
    /// worker then reads no more and TCP flow control pushes back on the server (a recording,
    /// the CLI). StreamSession::close() and its destruction end such a wait.
    bool dropWhenBehind = true;
    int catalogueSampleAllFirst = 500;      ///< the field catalogue sees every one of the first N
    int catalogueSampleEvery = 20;          ///< … then one message in this many,
    int catalogueMaxSamplesPerSecond = 200; ///< … and never more than this (0: no cap); a
                                            ///< firehose would otherwise spend more on the
                                            ///< catalogue than on parsing
    int statsIntervalMs = 250; ///< counters are reported at least this often while they change
    /// The integrity check's thresholds; 0 uses the topic's habits (ChainHabits).
    qint64 stallAfterMs = 0;
    qint64 lagThresholdMs = 0;
};

} // namespace allium
