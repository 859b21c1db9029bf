// SPDX-License-Identifier: MIT
#include "core/stream/frameparser.h"

#include "core/json/numerictext.h"
#include "core/stream/messagebatch.h"

#include <QScopeGuard>

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

namespace allium {

namespace {

// The conversion buffer is kept between frames up to this size, and given back beyond it.
constexpr std::size_t MaxRetainedBufferBytes = 4u * 1024 * 1024;

// A frame that needs more than an eighth of a slab gets a block of its own (so that a slab's
// unused tail stays small).
constexpr qsizetype SlabBytes = SlabPool::SlabBytes;
constexpr qsizetype MaxSlabbedBytes = SlabBytes / 8;

// Messages a new run has room for, and runs kept for reuse (a few are in flight at a time: one
// being staged, one being parsed, some waiting in the transport's inbox).
constexpr qsizetype RunMessages = 512;
constexpr std::size_t MaxRecycledRuns = 8;

// "payload.coin" -> {"payload", "coin"}: split once, not parsed again as a JSON pointer for
// every message (that showed up in the profile).
using KeyPath = std::vector<std::string>;

KeyPath keyPath(const QString &dotPath)
{
    KeyPath keys;
    for (const QByteArray &part : dotPath.toUtf8().split('.'))
        keys.emplace_back(part.constData(), std::size_t(part.size()));
    return keys;
}

// The value at path: object members by key, array elements by a decimal index ("logs.0.address").
bool lookUp(simdjson::dom::element element, const KeyPath &path, simdjson::dom::element *value)
{
    for (const std::string &key : path) {
        simdjson::dom::object object;
        simdjson::dom::array array;
        if (element.get_object().get(object) == simdjson::SUCCESS) {
            if (object.at_key(key).get(element) != simdjson::SUCCESS)
                return false;
        } else if (element.get_array().get(array) == simdjson::SUCCESS) {
            std::size_t index = 0;
            const auto result = std::from_chars(key.data(), key.data() + key.size(), index);
            if (key.empty() || result.ec != std::errc() || result.ptr != key.data() + key.size() ||
                array.at(index).get(element) != simdjson::SUCCESS) {
                return false;
            }
        } else {
            return false;
        }
    }
    *value = element;
    return true;
}

double numericValue(const simdjson::dom::element &value)
{
    switch (value.type()) {
    case simdjson::dom::element_type::INT64:
        return double(value.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
        return double(value.get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE:
        return value.get_double().value_unsafe();
    case simdjson::dom::element_type::BOOL:
        return value.get_bool().value_unsafe() ? 1.0 : 0.0;
    case simdjson::dom::element_type::STRING: {
        const std::string_view text = value.get_string().value_unsafe();
        double number = 0;
        if (parseDecimalText(text, &number))
            return number;
        // Block numbers and quantities in hex ("0x12a05f200") fit a double's range.
        if (text.size() > 2 && text.size() <= 18 && text[0] == '0' &&
            (text[1] == 'x' || text[1] == 'X')) {
            quint64 hex = 0;
            const auto result =
                std::from_chars(text.data() + 2, text.data() + text.size(), hex, 16);
            if (result.ec == std::errc() && result.ptr == text.data() + text.size())
                return double(hex);
        }
        return std::numeric_limits<double>::quiet_NaN();
    }
    default:
        return std::numeric_limits<double>::quiet_NaN();
    }
}

} // namespace

void ParsedFrames::clear()
{
    frames = 0;
    bytes = 0;
    messages.clear();
    parsed = 0;
    parseErrors = 0;
    serverErrors = 0;
    lastServerError.clear();
}

class FrameParser::Private
{
public:
    std::shared_ptr<const WatchedFields> watched;
    quint64 watchedVersion = 0;
    std::vector<KeyPath> watchedPaths;

    simdjson::dom::parser parser;
    QByteArray slab; // shared with the messages that refer to parts of it
    qsizetype slabUsed = 0;

    std::shared_ptr<SlabPool> slabs;

    // Runs the consumer handed back (recycle(), on its thread), for newRun() on the network
    // thread: a new run's room for RunMessages messages was a fresh allocation, page-faulted in,
    // for every run of a firehose.
    std::mutex recycledMutex;
    std::vector<std::unique_ptr<ParsedFrames>> recycled;

    void nextSlab()
    {
        slab = QByteArray(); // its messages hold it; the pool sees it free once they are gone
        slab = slabs->take();
        slabUsed = 0;
    }

    void refreshWatched()
    {
        const quint64 version = watched->version();
        if (version == watchedVersion)
            return;
        watchedVersion = version;
        watchedPaths.clear();
        for (const QString &path : watched->paths())
            watchedPaths.push_back(keyPath(path));
    }
};

FrameParser::FrameParser(std::shared_ptr<const WatchedFields> watched,
                         std::shared_ptr<SlabPool> slabs)
    : d(std::make_unique<Private>())
{
    d->watched = std::move(watched);
    d->slabs = std::move(slabs);
    d->refreshWatched();
}

FrameParser::~FrameParser() = default;

std::unique_ptr<ProcessedFrames> FrameParser::newRun()
{
    // The previous run's last frame may be parsed on the worker while this run is staged: its
    // padding (read by simdjson) is left alone rather than written with the next frame.
    d->slabUsed = std::min(SlabBytes, d->slabUsed + qsizetype(simdjson::SIMDJSON_PADDING));
    {
        const std::lock_guard lock(d->recycledMutex);
        if (!d->recycled.empty()) {
            std::unique_ptr<ParsedFrames> run = std::move(d->recycled.back());
            d->recycled.pop_back();
            return run;
        }
    }
    auto run = std::make_unique<ParsedFrames>();
    run->messages.reserve(RunMessages);
    return run;
}

void FrameParser::recycle(std::unique_ptr<ProcessedFrames> processed)
{
    auto *run = static_cast<ParsedFrames *>(processed.get());
    // Cleared here, on the consumer's thread: the messages' last references to their slabs go
    // where they were taken.
    run->clear();
    // A run that grew far beyond the usual room (many frames) is not kept at that size.
    if (run->messages.capacity() > 4 * RunMessages)
        return;
    const std::lock_guard lock(d->recycledMutex);
    if (d->recycled.size() < MaxRecycledRuns) {
        d->recycled.push_back(std::unique_ptr<ParsedFrames>(run));
        processed.release();
    }
}

void FrameParser::process(ProcessedFrames &run, const char *utf8, std::size_t size)
{
    stage(static_cast<ParsedFrames &>(run), utf8, size);
}

void FrameParser::stage(ParsedFrames &run, const char *frame, std::size_t length)
{
    ++run.frames;
    run.bytes += length;
    // Copied where it will be kept: a part of a slab, with a NUL (as QByteArray's own data has)
    // and at least simdjson's padding readable after it, so that it is parsed where it lies. A
    // slab that shares its data with messages is written only past their parts, never detached.
    const qsizetype needed = qsizetype(length) + 1 + qsizetype(simdjson::SIMDJSON_PADDING);
    QByteArray json;
    if (needed <= MaxSlabbedBytes) {
        if (d->slab.isEmpty() || SlabBytes - d->slabUsed < needed)
            d->nextSlab();
        char *const at = d->slab.data_ptr().data() + d->slabUsed;
        std::memcpy(at, frame, length);
        at[length] = '\0';
        d->slabUsed += qsizetype(length) + 1;
        QByteArray::DataPointer part(d->slab.data_ptr()); // holds the slab
        part.setBegin(at);
        part.size = qsizetype(length);
        json = QByteArray(std::move(part));
    } else {
        // A frame of its own size (it may be kept long), the padding as spare capacity.
        json.reserve(needed);
        json.append(frame, qsizetype(length));
    }
    run.messages.emplaceBack().json = std::move(json);
}

void FrameParser::parse(ParsedFrames &run, const char *utf8, std::size_t size)
{
    stage(run, utf8, size);
    parseStaged(run);
}

void FrameParser::parseStaged(ParsedFrames &run)
{
    d->refreshWatched();
    // One huge frame must not pin the parser's buffers for the rest of the session.
    const auto releaseLargeBuffers = qScopeGuard([this] {
        if (d->parser.capacity() > MaxRetainedBufferBytes)
            d->parser = simdjson::dom::parser();
    });
    qsizetype kept = run.parsed;
    for (qsizetype i = run.parsed; i < run.messages.size(); ++i) {
        StreamMessage &message = run.messages[i];
        if (parseOne(run, message)) {
            if (kept != i)
                run.messages[kept] = std::move(message);
            ++kept;
        }
    }
    run.messages.resize(kept);
    run.parsed = kept;
}

bool FrameParser::parseOne(ParsedFrames &run, StreamMessage &message)
{
    const char *const utf8 = message.json.constData();
    const auto length = std::size_t(message.json.size());
    simdjson::dom::element root;
    simdjson::dom::object object;
    if (d->parser.parse(utf8, length, false).get(root) != simdjson::SUCCESS ||
        root.get_object().get(object) != simdjson::SUCCESS) {
        ++run.parseErrors;
        return false;
    }

    // A server error or acknowledgement is a small envelope {"status":…,"data":…}; data
    // messages can have a "status" field too, so the envelope's shape is checked as well.
    std::string_view status;
    if (object.size() <= 3 && object["status"].get_string().get(status) == simdjson::SUCCESS &&
        object["data"].error() == simdjson::SUCCESS) {
        if (status == "error") {
            // Counted, with the last one's text: a flood of error frames costs a counter.
            ++run.serverErrors;
            const simdjson::dom::element data = object["data"].value_unsafe();
            std::string_view text;
            std::string minified;
            if (data.get_string().get(text) != simdjson::SUCCESS) {
                minified = simdjson::minify(data);
                text = minified;
            }
            // Characters take at most 4 bytes; QString::fromUtf8 marks a cut sequence with U+FFFD.
            text = text.substr(0, std::size_t(4 * MessageBatch::MaxServerErrorLength));
            run.lastServerError = QString::fromUtf8(text.data(), qsizetype(text.size()))
                                      .left(MessageBatch::MaxServerErrorLength);
            return false;
        }
        if (status == "success")
            return false;
    }

    message.extracted.clear();
    if (!d->watchedPaths.empty()) {
        message.extracted.resize(qsizetype(d->watchedPaths.size()));
        for (std::size_t i = 0; i < d->watchedPaths.size(); ++i) {
            simdjson::dom::element value;
            message.extracted[qsizetype(i)] = lookUp(root, d->watchedPaths[i], &value)
                                                  ? numericValue(value)
                                                  : std::numeric_limits<double>::quiet_NaN();
        }
    }
    // One JSON document per line downstream (NDJSON output and export): a frame that spreads
    // over several lines is kept compact (last: the document lives in the frame's bytes).
    if (std::memchr(utf8, '\n', length) || std::memchr(utf8, '\r', length))
        message.json = QByteArray::fromStdString(simdjson::minify(root));
    return true;
}

} // namespace allium
