// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <cstddef>
#include <functional>
#include <memory>

namespace allium {

/// What a FrameProcessor made of a run of consecutive text frames; the processor's subclass
/// holds the results.
class ProcessedFrames
{
public:
    virtual ~ProcessedFrames() = default;

    quint64 frames = 0; ///< text frames processed into this run
    quint64 bytes = 0;  ///< their bytes, as decoded (UTF-8)
};

/// Work a transport with a reading thread of its own (Boost.Beast) does on each text frame in
/// that thread, so that frames cross to the consumer's thread already processed and in runs:
/// one WebSocketTransport::framesProcessed() per run instead of a QByteArray and a
/// textReceived() per frame. One processor serves one connection attempt and is used from one
/// thread at a time; it is created (by a FrameProcessorFactory) in the consumer's thread.
class FrameProcessor
{
public:
    virtual ~FrameProcessor() = default;

    /// An empty run to process frames into.
    virtual std::unique_ptr<ProcessedFrames> newRun() = 0;
    /// Processes one text frame into `run` (which counts it). `utf8` is valid during the call
    /// only.
    virtual void process(ProcessedFrames &run, const char *utf8, std::size_t size) = 0;
    /// A run the consumer is done with, handed back from the consumer's thread (so callable
    /// from another thread than the others) for newRun() to reuse its room.
    virtual void recycle(std::unique_ptr<ProcessedFrames> run) { Q_UNUSED(run) }
};

/// Makes the processor of one connection attempt; empty: frames arrive one by one as
/// textReceived().
using FrameProcessorFactory = std::function<std::unique_ptr<FrameProcessor>()>;

} // namespace allium
