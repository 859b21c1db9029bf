// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/frameprocessor.h"
#include "core/stream/slabpool.h"
#include "core/stream/streammessage.h"
#include "core/stream/watchedfields.h"

#include <QString>
#include <QVector>

#include <memory>

namespace allium {

/// Text frames of a stream as a FrameParser left them: the data messages (JSON and watched
/// values; the receipt time and sequence are the ingest worker's to give) and a count of the
/// frames that were not data.
struct ParsedFrames final : ProcessedFrames
{
    QVector<StreamMessage> messages;
    qsizetype parsed = 0;     ///< messages[0, parsed) are parsed, the rest only staged
    quint64 parseErrors = 0;  ///< frames that are not a JSON object
    quint64 serverErrors = 0; ///< `{"status":"error"}` envelopes
    QString lastServerError;  ///< the last one's `data`, shortened

    /// Empty again, keeping the room of messages.
    void clear();
};

/// The parsing half of ingest, in two steps. stage() (the FrameProcessor's process(), on the
/// Beast transport's network thread) copies a frame to where it will be kept: into a 32 KiB
/// slab of a SlabPool that each message's QByteArray refers a part of (no allocation per
/// message; the slab is used again once its last message is gone), with simdjson's padding
/// readable after it.
/// parseStaged() (on the ingest worker's thread, so that reading and parsing overlap on two
/// cores) validates each staged frame with simdjson where it lies, tells data from the
/// server's envelopes and extracts the watched numbers.
class FrameParser final : public FrameProcessor
{
public:
    FrameParser(std::shared_ptr<const WatchedFields> watched, std::shared_ptr<SlabPool> slabs);
    ~FrameParser() override;

    std::unique_ptr<ProcessedFrames> newRun() override;
    void process(ProcessedFrames &run, const char *utf8, std::size_t size) override;
    void recycle(std::unique_ptr<ProcessedFrames> run) override;
    /// process() with the run's own type: adds the frame to run.messages, unparsed.
    void stage(ParsedFrames &run, const char *utf8, std::size_t size);
    /// Parses the staged messages of `run`: the data ones stay (with their watched values), the
    /// others are counted and removed.
    void parseStaged(ParsedFrames &run);
    /// stage() and parseStaged() of one frame.
    void parse(ParsedFrames &run, const char *utf8, std::size_t size);

private:
    bool parseOne(ParsedFrames &run, StreamMessage &message);

    class Private;
    std::unique_ptr<Private> d;
};

} // namespace allium
