// SPDX-License-Identifier: MIT
#include "core/record/recordingwriter.h"

#include "core/record/recordinglinecodec.h"
#include "core/stream/streammessage.h"

#include <QFile>
#include <QFileInfo>

#include <zstd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <unistd.h>

namespace allium {

namespace {

// Lines are gathered into writes of about this size.
constexpr qsizetype WriteChunkBytes = 1024 * 1024;
// A zstd frame is ended at least every this many input bytes, as well as at every sync.
constexpr qint64 MaxFrameInputBytes = 8 * 1024 * 1024;

using Clock = std::chrono::steady_clock;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// One file of the recording: plain, or a sequence of zstd frames that each end on a line.
class OutputFile
{
public:
    ~OutputFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        ZSTD_freeCCtx(m_zstd);
    }

    bool open(const QString &path, int zstdLevel, QString *error)
    {
        m_path = path;
        m_fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                      0644);
        if (m_fd < 0) {
            *error = QStringLiteral("cannot create %1: %2").arg(path, systemError(errno));
            return false;
        }
        if (path.endsWith(QLatin1String(".zst"))) {
            m_zstd = ZSTD_createCCtx();
            ZSTD_CCtx_setParameter(m_zstd, ZSTD_c_compressionLevel, zstdLevel);
            ZSTD_CCtx_setParameter(m_zstd, ZSTD_c_checksumFlag, 1);
            m_compressed.resize(qsizetype(ZSTD_CStreamOutSize()));
        }
        return true;
    }

    bool write(const char *data, qsizetype size, QString *error)
    {
        m_inputBytes += size;
        if (!m_zstd)
            return writeAll(data, size, error);
        m_frameInputBytes += size;
        ZSTD_inBuffer input{data, std::size_t(size), 0};
        while (input.pos < input.size) {
            if (!compress(&input, ZSTD_e_continue, error))
                return false;
        }
        return m_frameInputBytes < MaxFrameInputBytes || endFrame(error);
    }

    // Ends the current zstd frame, so that everything written so far decodes on its own.
    bool endFrame(QString *error)
    {
        if (!m_zstd || m_frameInputBytes == 0)
            return true;
        ZSTD_inBuffer input{nullptr, 0, 0};
        m_frameInputBytes = 0;
        return compress(&input, ZSTD_e_end, error);
    }

    bool sync(QString *error)
    {
        if (!endFrame(error))
            return false;
        if (::fdatasync(m_fd) != 0 && errno != EINVAL && errno != EROFS) {
            *error = QStringLiteral("writing %1 failed: %2").arg(m_path, systemError(errno));
            return false;
        }
        return true;
    }

    bool close(QString *error)
    {
        const bool synced = sync(error);
        const int fd = m_fd;
        m_fd = -1;
        if (::close(fd) != 0 && synced) {
            *error = QStringLiteral("writing %1 failed: %2").arg(m_path, systemError(errno));
            return false;
        }
        return synced;
    }

    qint64 inputBytes() const { return m_inputBytes; }
    qint64 fileBytes() const { return m_fileBytes; }

private:
    // One step of the compressor; writes what it produced. With ZSTD_e_end, until the frame ends.
    bool compress(ZSTD_inBuffer *input, ZSTD_EndDirective mode, QString *error)
    {
        std::size_t remaining = 0;
        do {
            ZSTD_outBuffer output{m_compressed.data(), std::size_t(m_compressed.size()), 0};
            remaining = ZSTD_compressStream2(m_zstd, &output, input, mode);
            if (ZSTD_isError(remaining)) {
                *error = QStringLiteral("compressing %1 failed: %2")
                             .arg(m_path, QString::fromLatin1(ZSTD_getErrorName(remaining)));
                return false;
            }
            if (!writeAll(m_compressed.constData(), qsizetype(output.pos), error))
                return false;
        } while (mode == ZSTD_e_end ? remaining != 0 : false);
        return true;
    }

    bool writeAll(const char *data, qsizetype size, QString *error)
    {
        while (size > 0) {
            const ssize_t written = ::write(m_fd, data, std::size_t(size));
            if (written < 0) {
                if (errno == EINTR)
                    continue;
                *error = QStringLiteral("writing %1 failed: %2").arg(m_path, systemError(errno));
                return false;
            }
            data += written;
            size -= written;
            m_fileBytes += written;
        }
        return true;
    }

    QString m_path;
    int m_fd = -1;
    ZSTD_CCtx *m_zstd = nullptr;
    QByteArray m_compressed;
    qint64 m_inputBytes = 0;
    qint64 m_frameInputBytes = 0;
    qint64 m_fileBytes = 0;
};

struct QueuedMessage
{
    qint64 timeUs;
    QByteArray text;
};

} // namespace

struct RecordingWriter::Private
{
    RecordingWriter *q = nullptr;
    RecordingOptions options;
    std::thread thread;
    std::unique_ptr<OutputFile> output;
    Clock::time_point partStarted;
    qint64 startedUs = 0;
    Clock::time_point started;
    Clock::time_point stopped; // set by stop(): the duration stays what it was
    RecordingLineCodec codec;  // the writer thread's only

    mutable std::mutex mutex;
    std::condition_variable wake;
    std::deque<QueuedMessage> queue;
    qint64 queuedBytes = 0;
    bool stopping = false;
    bool running = false;
    QString error;
    QString currentPath;
    int files = 0;

    std::atomic<qint64> messages{0};
    std::atomic<qint64> drops{0};
    std::atomic<qint64> messageBytes{0};
    std::atomic<qint64> fileBytesDone{0}; // of the files already closed
    std::atomic<qint64> fileBytesCurrent{0};

    bool openPart(int part, QString *problem)
    {
        auto file = std::make_unique<OutputFile>();
        const QString path = partPath(options.path, part);
        if (!file->open(path, options.zstdLevel, problem))
            return false;
        RecordingHeader header = options.header;
        header.startedUs = part == 1 ? startedUs : currentTimeUs();
        header.part = part;
        const QByteArray line = header.toLine() + '\n';
        if (!file->write(line.constData(), line.size(), problem) || !file->sync(problem))
            return false;
        output = std::move(file);
        partStarted = Clock::now();
        fileBytesCurrent = output->fileBytes();
        std::lock_guard<std::mutex> lock(mutex);
        currentPath = path;
        files = part;
        return true;
    }

    bool rotationDue() const
    {
        if (options.rotateBytes > 0 && output->inputBytes() >= options.rotateBytes)
            return true;
        return options.rotateSeconds > 0 &&
               Clock::now() - partStarted >= std::chrono::seconds(options.rotateSeconds);
    }

    bool rotate(QString *problem)
    {
        if (!output->close(problem))
            return false;
        fileBytesDone += output->fileBytes();
        fileBytesCurrent = 0;
        int next = 0;
        {
            std::lock_guard<std::mutex> lock(mutex);
            next = files + 1;
        }
        if (!openPart(next, problem))
            return false;
        const QString path = partPath(options.path, next);
        QMetaObject::invokeMethod(
            q, [this, path] { emit q->rotated(path); }, Qt::QueuedConnection);
        return true;
    }

    bool writeBuffer(QByteArray *buffer, QString *problem)
    {
        const bool ok = output->write(buffer->constData(), buffer->size(), problem);
        buffer->clear();
        fileBytesCurrent = output->fileBytes();
        return ok;
    }

    // Writes a batch taken off the queue; false (with `problem`) on a write error.
    bool writeBatch(std::deque<QueuedMessage> *batch, QByteArray *buffer, QString *problem)
    {
        while (!batch->empty()) {
            const QueuedMessage &message = batch->front();
            codec.appendLine(buffer, message.timeUs, message.text);
            messages.fetch_add(1, std::memory_order_relaxed);
            messageBytes.fetch_add(message.text.size(), std::memory_order_relaxed);
            batch->pop_front();
            const bool rotating = options.rotateBytes > 0 &&
                                  output->inputBytes() + buffer->size() >= options.rotateBytes;
            if ((buffer->size() >= WriteChunkBytes || rotating) && !writeBuffer(buffer, problem))
                return false;
            if (rotating && !rotate(problem))
                return false;
        }
        return buffer->isEmpty() || writeBuffer(buffer, problem);
    }

    void fail(const QString &problem)
    {
        QString message;
        {
            std::lock_guard<std::mutex> lock(mutex);
            error = QStringLiteral("%1; the recording stopped after %2 messages")
                        .arg(problem)
                        .arg(messages.load());
            message = error;
            running = false;
            queue.clear();
            queuedBytes = 0;
        }
        QMetaObject::invokeMethod(
            q, [this, message] { emit q->failed(message); }, Qt::QueuedConnection);
    }

    void run()
    {
        pthread_setname_np(pthread_self(), "allium-record"); // named for top and the benchmark
        const auto interval = std::chrono::milliseconds(qMax(1, options.syncIntervalMs));
        Clock::time_point nextSync = Clock::now() + interval;
        QByteArray buffer;
        buffer.reserve(WriteChunkBytes + 64 * 1024);
        std::deque<QueuedMessage> batch;
        QString problem;
        bool failedAlready = false;
        for (;;) {
            bool stop = false;
            {
                std::unique_lock<std::mutex> lock(mutex);
                wake.wait_until(lock, nextSync, [this] { return !queue.empty() || stopping; });
                batch.swap(queue);
                queuedBytes = 0;
                stop = stopping;
            }
            if (failedAlready) {
                batch.clear();
            } else if (!writeBatch(&batch, &buffer, &problem) ||
                       (rotationDue() && !rotate(&problem))) {
                failedAlready = true;
            } else if (Clock::now() >= nextSync) {
                nextSync = Clock::now() + interval;
                failedAlready = !output->sync(&problem);
            }
            if (failedAlready && !problem.isEmpty()) {
                fail(problem);
                problem.clear();
            }
            if (stop)
                break;
        }
        if (!failedAlready && !output->close(&problem))
            fail(problem);
        fileBytesDone += output->fileBytes();
        fileBytesCurrent = 0;
        output.reset();
    }
};

RecordingWriter::RecordingWriter(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
}

RecordingWriter::~RecordingWriter()
{
    stop();
}

qint64 RecordingWriter::currentTimeUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

QString RecordingWriter::partPath(const QString &path, int part)
{
    if (part <= 1)
        return path;
    const QFileInfo info(path);
    const QString name = info.fileName();
    // "rec.jsonl.zst" → "rec-2.jsonl.zst"; a leading dot is part of the name.
    const qsizetype dot = name.indexOf(QLatin1Char('.'), 1);
    const QString numbered = dot < 0
                                 ? name + QStringLiteral("-%1").arg(part)
                                 : name.left(dot) + QStringLiteral("-%1").arg(part) + name.mid(dot);
    const QString folder = path.left(path.size() - name.size());
    return folder + numbered;
}

bool RecordingWriter::start(const RecordingOptions &options)
{
    stop();
    d->options = options;
    d->error.clear();
    d->messages = 0;
    d->drops = 0;
    d->messageBytes = 0;
    d->fileBytesDone = 0;
    d->fileBytesCurrent = 0;
    d->startedUs = currentTimeUs();
    d->started = Clock::now();
    d->stopped = {};
    QString problem;
    if (!d->openPart(1, &problem)) {
        d->output.reset();
        d->error = problem;
        return false;
    }
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->stopping = false;
        d->running = true;
    }
    d->thread = std::thread([this] { d->run(); });
    return true;
}

bool RecordingWriter::append(qint64 receivedAtUs, const QByteArray &message)
{
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        if (!d->running || d->stopping)
            return false;
        if (d->queuedBytes + message.size() > d->options.maxQueueBytes && !d->queue.empty()) {
            d->drops.fetch_add(1, std::memory_order_relaxed);
            return false;
        }
        d->queue.push_back({receivedAtUs, message});
        d->queuedBytes += message.size();
    }
    d->wake.notify_one();
    return true;
}

void RecordingWriter::append(const QVector<StreamMessage> &messages)
{
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        if (!d->running || d->stopping)
            return;
        for (const StreamMessage &message : messages) {
            if (d->queuedBytes + message.json.size() > d->options.maxQueueBytes &&
                !d->queue.empty()) {
                d->drops.fetch_add(1, std::memory_order_relaxed);
                continue;
            }
            d->queue.push_back({message.receivedAtUs, message.json});
            d->queuedBytes += message.json.size();
        }
    }
    d->wake.notify_one();
}

void RecordingWriter::stop()
{
    if (!d->thread.joinable())
        return;
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->stopping = true;
    }
    d->wake.notify_one();
    d->thread.join();
    d->stopped = Clock::now();
    std::lock_guard<std::mutex> lock(d->mutex);
    d->running = false;
}

bool RecordingWriter::isRunning() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->running && !d->stopping;
}

QString RecordingWriter::errorString() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->error;
}

RecordingStats RecordingWriter::stats() const
{
    RecordingStats stats;
    stats.messages = d->messages.load();
    stats.drops = d->drops.load();
    stats.messageBytes = d->messageBytes.load();
    stats.fileBytes = d->fileBytesDone.load() + d->fileBytesCurrent.load();
    if (d->started != Clock::time_point()) {
        const Clock::time_point end = d->stopped != Clock::time_point() ? d->stopped : Clock::now();
        stats.elapsedMs =
            std::chrono::duration_cast<std::chrono::milliseconds>(end - d->started).count();
    }
    std::lock_guard<std::mutex> lock(d->mutex);
    stats.queuedBytes = d->queuedBytes;
    stats.files = d->files;
    stats.currentPath = d->currentPath;
    return stats;
}

} // namespace allium
