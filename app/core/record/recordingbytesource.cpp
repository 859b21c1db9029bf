// SPDX-License-Identifier: MIT
#include "core/record/recordingbytesource.h"

#include <zstd.h>

#include <cstring>

namespace allium {

namespace {

constexpr unsigned char ZstdMagic[] = {0x28, 0xb5, 0x2f, 0xfd};
constexpr qint64 InputChunkBytes = 256 * 1024;

} // namespace

struct RecordingByteSource::ZstdState
{
    ZSTD_DStream *stream = ZSTD_createDStream();
    ~ZstdState() { ZSTD_freeDStream(stream); }
};

RecordingByteSource::RecordingByteSource() = default;

RecordingByteSource::~RecordingByteSource()
{
    delete m_zstd;
}

bool RecordingByteSource::open(const QString &path, QString *error)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, m_file.errorString());
        return false;
    }
    char magic[sizeof(ZstdMagic)] = {};
    if (m_file.peek(magic, sizeof magic) == qint64(sizeof magic) &&
        std::memcmp(magic, ZstdMagic, sizeof magic) == 0) {
        m_zstd = new ZstdState;
    }
    return seek(0, error);
}

bool RecordingByteSource::seek(qint64 sourceOffset, QString *error)
{
    if (!m_file.seek(sourceOffset)) {
        *error =
            QStringLiteral("cannot seek in %1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_seekOffset = sourceOffset;
    m_streamPos = 0;
    m_input.clear();
    m_inputPos = 0;
    m_inputFileOffset = sourceOffset;
    m_boundaries.clear();
    if (m_zstd) {
        ZSTD_DCtx_reset(m_zstd->stream, ZSTD_reset_session_only);
        m_boundaries.push_back({0, sourceOffset});
    }
    return true;
}

qint64 RecordingByteSource::read(char *data, qint64 max, QString *error)
{
    if (!m_zstd) {
        const qint64 got = m_file.read(data, max);
        if (got < 0)
            *error =
                QStringLiteral("cannot read %1: %2").arg(m_file.fileName(), m_file.errorString());
        else
            m_streamPos += got;
        return got;
    }
    ZSTD_outBuffer output{data, std::size_t(max), 0};
    while (output.pos < output.size) {
        if (m_inputPos == m_input.size()) {
            m_inputFileOffset += m_input.size();
            m_input = m_file.read(InputChunkBytes);
            m_inputPos = 0;
            if (m_input.isEmpty())
                break; // the end; a frame cut off there gave what it could
        }
        ZSTD_inBuffer input{m_input.constData(), std::size_t(m_input.size()),
                            std::size_t(m_inputPos)};
        const std::size_t result = ZSTD_decompressStream(m_zstd->stream, &output, &input);
        m_inputPos = qsizetype(input.pos);
        if (ZSTD_isError(result)) {
            *error = QStringLiteral("the compressed data is damaged (%1)")
                         .arg(QString::fromLatin1(ZSTD_getErrorName(result)));
            return -1;
        }
        if (result == 0) {
            // A frame ended here: the next one starts at this input offset.
            m_boundaries.push_back(
                {m_streamPos + qint64(output.pos), m_inputFileOffset + m_inputPos});
        }
    }
    m_streamPos += qint64(output.pos);
    return qint64(output.pos);
}

bool RecordingByteSource::seekableAt(qint64 streamPos, qint64 *sourceOffset)
{
    if (!m_zstd) {
        *sourceOffset = m_seekOffset + streamPos;
        return true;
    }
    while (!m_boundaries.empty() && m_boundaries.front().streamPos < streamPos)
        m_boundaries.pop_front();
    if (m_boundaries.empty() || m_boundaries.front().streamPos != streamPos)
        return false;
    *sourceOffset = m_boundaries.front().sourceOffset;
    return true;
}

} // namespace allium
