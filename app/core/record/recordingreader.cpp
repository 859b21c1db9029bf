// SPDX-License-Identifier: MIT
#include "core/record/recordingreader.h"

#include "core/record/recordinglinecodec.h"
#include "core/record/recordinglinecursor.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <pthread.h>
#include <thread>
#include <vector>

namespace allium {

namespace {

// Where to restart to reach a message: the seekable point at or before its line.
struct IndexPoint
{
    qint64 message = 0;
    qint64 timeUs = 0;
    qint64 sourceOffset = 0;
    qint64 line = 1; ///< the line that starts at sourceOffset
};

constexpr qint64 FirstMessageLine = 2;

// Reads message lines with their numbers; shared by the reader's cursor and the scan.
class MessageCursor
{
public:
    bool open(const QString &path, QString *error) { return m_lines.open(path, error); }
    RecordingLineCursor &lines() { return m_lines; }

    bool seek(const IndexPoint &point, QString *error)
    {
        m_problem = {};
        return m_lines.seek(point.sourceOffset, point.line, error);
    }

    // The next message; at a bad line sets problem() and returns false for good.
    bool next(qint64 *timeUs, QByteArray *json)
    {
        if (!m_problem.isNull())
            return false;
        const char *line = nullptr;
        qsizetype size = 0;
        QString reason;
        for (;;) {
            const auto result =
                m_lines.next(RecordingLineCodec::MaxLineBytes, &line, &size, &reason);
            if (result == RecordingLineCursor::Result::End)
                return false;
            if (result == RecordingLineCursor::Result::Problem) {
                m_problem = {m_lines.lineNumber(), reason};
                return false;
            }
            if (m_lines.lineNumber() < FirstMessageLine)
                continue; // the header, when reading from the file's start
            if (!m_codec.parseLine(line, size, timeUs, json, &reason)) {
                m_problem = {m_lines.lineNumber(), reason};
                return false;
            }
            return true;
        }
    }

    qint64 nextMessageIndex() const
    {
        return std::max(m_lines.lineNumber() + 1, FirstMessageLine) - FirstMessageLine;
    }
    RecordingProblem problem() const { return m_problem; }

private:
    RecordingLineCursor m_lines;
    RecordingLineCodec m_codec;
    RecordingProblem m_problem;
};

} // namespace

struct RecordingReader::Private
{
    QString path;
    bool open = false;
    QString error;
    RecordingHeader header;
    bool compressed = false;
    qint64 fileSize = 0;

    std::unique_ptr<MessageCursor> cursor = std::make_unique<MessageCursor>();
    std::optional<RecordedMessage> peeked; // read ahead by seekToTime()

    // The scan's results, shared with its thread.
    mutable std::mutex mutex;
    std::vector<IndexPoint> index;
    qint64 indexed = 0;
    qint64 firstTimeUs = 0;
    qint64 lastTimeUs = 0;
    bool complete = false;
    RecordingProblem indexProblem;
    std::atomic<bool> cancel{false};
    std::thread scanThread;

    IndexPoint startPoint() const { return {0, 0, 0, 1}; }

    // The last indexed point at or before message `message`.
    IndexPoint pointBefore(qint64 message) const
    {
        std::lock_guard<std::mutex> lock(mutex);
        const auto after = std::upper_bound(
            index.begin(), index.end(), message,
            [](qint64 value, const IndexPoint &point) { return value < point.message; });
        return after == index.begin() ? startPoint() : *std::prev(after);
    }

    // The last indexed point whose message came before `timeUs`.
    IndexPoint pointBeforeTime(qint64 timeUs) const
    {
        std::lock_guard<std::mutex> lock(mutex);
        const auto after = std::lower_bound(
            index.begin(), index.end(), timeUs,
            [](const IndexPoint &point, qint64 value) { return point.timeUs < value; });
        return after == index.begin() ? startPoint() : *std::prev(after);
    }

    void scan(RecordingReader *q)
    {
        pthread_setname_np(pthread_self(), "allium-index");
        MessageCursor scanner;
        QString problem;
        if (!scanner.open(path, &problem)) {
            std::lock_guard<std::mutex> lock(mutex);
            indexProblem = {1, problem};
            complete = true;
            return;
        }
        // Queued to the reader's thread; dropped if the reader is gone by then.
        const auto report = [q](void (RecordingReader::*signal)(qint64), qint64 count) {
            QMetaObject::invokeMethod(
                q, [q, signal, count] { emit(q->*signal)(count); }, Qt::QueuedConnection);
        };
        IndexPoint lastSeekable = startPoint();
        qint64 timeUs = 0;
        QByteArray json;
        qint64 count = 0;
        auto lastReport = std::chrono::steady_clock::now();
        while (!cancel.load(std::memory_order_relaxed)) {
            if (!scanner.next(&timeUs, &json))
                break;
            qint64 offset = 0;
            if (scanner.lines().lineSeekable(&offset))
                lastSeekable = {count, timeUs, offset, scanner.lines().lineNumber()};
            std::lock_guard<std::mutex> lock(mutex);
            if (count % IndexEvery == 0)
                index.push_back({count, timeUs, lastSeekable.sourceOffset, lastSeekable.line});
            if (count == 0)
                firstTimeUs = timeUs;
            lastTimeUs = timeUs;
            indexed = ++count;
            if (count % 4096 == 0) {
                const auto now = std::chrono::steady_clock::now();
                if (now - lastReport > std::chrono::milliseconds(200)) {
                    lastReport = now;
                    report(&RecordingReader::indexProgressed, count);
                }
            }
        }
        {
            std::lock_guard<std::mutex> lock(mutex);
            indexProblem = scanner.problem();
            complete = !cancel.load();
        }
        report(&RecordingReader::indexCompleted, count);
    }

    void stopScan()
    {
        cancel = true;
        if (scanThread.joinable())
            scanThread.join();
        cancel = false;
    }
};

RecordingReader::RecordingReader(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{}

RecordingReader::~RecordingReader()
{
    d->stopScan();
}

bool RecordingReader::open(const QString &path, Indexing indexing)
{
    close();
    d->cursor = std::make_unique<MessageCursor>();
    d->path = path;
    QString problem;
    if (!d->cursor->open(path, &problem)) {
        d->error = problem;
        return false;
    }
    d->compressed = d->cursor->lines().source().isCompressed();
    d->fileSize = d->cursor->lines().source().fileSize();
    const char *line = nullptr;
    qsizetype size = 0;
    const auto result =
        d->cursor->lines().next(RecordingHeader::MaxLineBytes, &line, &size, &problem);
    if (result != RecordingLineCursor::Result::Line) {
        d->error = result == RecordingLineCursor::Result::End
                       ? QStringLiteral("not an Allium recording: the file is empty")
                       : QStringLiteral("not an Allium recording: %1").arg(problem);
        return false;
    }
    const RecordingHeader::ParseResult parsed = RecordingHeader::parse(QByteArray(line, size));
    if (!parsed.ok()) {
        d->error = parsed.error;
        return false;
    }
    d->header = parsed.header;
    d->open = true;
    if (indexing == Indexing::Background)
        d->scanThread = std::thread([this] { d->scan(this); });
    return true;
}

void RecordingReader::close()
{
    d->stopScan();
    d->open = false;
    d->error.clear();
    d->header = {};
    d->peeked.reset();
    std::lock_guard<std::mutex> lock(d->mutex);
    d->index.clear();
    d->indexed = 0;
    d->firstTimeUs = 0;
    d->lastTimeUs = 0;
    d->complete = false;
    d->indexProblem = {};
}

bool RecordingReader::isOpen() const
{
    return d->open;
}

QString RecordingReader::errorString() const
{
    return d->error;
}

RecordingHeader RecordingReader::header() const
{
    return d->header;
}

bool RecordingReader::isCompressed() const
{
    return d->compressed;
}

qint64 RecordingReader::fileSize() const
{
    return d->fileSize;
}

bool RecordingReader::readNext(RecordedMessage *message)
{
    if (!d->open)
        return false;
    if (d->peeked) {
        *message = std::move(*d->peeked);
        d->peeked.reset();
        return true;
    }
    const qint64 index = d->cursor->nextMessageIndex();
    if (!d->cursor->next(&message->timeUs, &message->json))
        return false;
    message->index = index;
    return true;
}

qint64 RecordingReader::position() const
{
    return d->peeked ? d->peeked->index : d->cursor->nextMessageIndex();
}

RecordingProblem RecordingReader::problem() const
{
    return d->cursor->problem();
}

bool RecordingReader::seekToMessage(qint64 index)
{
    if (!d->open)
        return false;
    if (index < 0)
        index = 0;
    const IndexPoint point = d->pointBefore(index);
    // Going on from here is cheaper than restarting when the target lies ahead.
    const qint64 here = position();
    if (!(here <= index && here >= point.message && d->cursor->problem().isNull())) {
        d->peeked.reset();
        QString problem;
        if (!d->cursor->seek(point, &problem))
            return false;
    }
    RecordedMessage message;
    while (position() < index) {
        if (!readNext(&message))
            return false;
    }
    // There must be a message at `index`: read it ahead.
    if (!d->peeked) {
        if (!readNext(&message))
            return false;
        d->peeked = std::move(message);
    }
    return true;
}

bool RecordingReader::seekToTime(qint64 timeUs)
{
    if (!d->open)
        return false;
    const IndexPoint point = d->pointBeforeTime(timeUs);
    d->peeked.reset();
    QString problem;
    if (!d->cursor->seek(point, &problem))
        return false;
    RecordedMessage message;
    while (readNext(&message)) {
        if (message.timeUs >= timeUs) {
            d->peeked = std::move(message);
            return true;
        }
    }
    return false;
}

bool RecordingReader::isIndexComplete() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->complete;
}

qint64 RecordingReader::indexedMessages() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->indexed;
}

qint64 RecordingReader::firstTimeUs() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->firstTimeUs;
}

qint64 RecordingReader::lastTimeUs() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->lastTimeUs;
}

RecordingProblem RecordingReader::indexProblem() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->indexProblem;
}

void RecordingReader::waitForIndex()
{
    if (d->scanThread.joinable())
        d->scanThread.join();
}

} // namespace allium
