// SPDX-License-Identifier: MIT
#include "core/record/streamrecorder.h"

#include "core/record/recordingwriter.h"
#include "core/stream/streamsession.h"

#include <QCoreApplication>

namespace allium {

StreamRecorder::StreamRecorder(StreamSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_writer(new RecordingWriter(this))
{
    connect(m_writer, &RecordingWriter::failed, this, [this](const QString &message) {
        QObject::disconnect(m_batches);
        emit failed(message);
        emit recordingChanged(false);
    });
}

StreamRecorder::~StreamRecorder()
{
    stop();
}

bool StreamRecorder::start(const QString &path, const QString &profileName)
{
    stop();
    if (!m_session)
        return false;
    RecordingOptions options;
    options.path = path;
    options.header.topic = m_session->topic();
    const Filter filter = m_session->filter();
    options.header.filter = filter.isEmpty() ? QJsonValue() : QJsonValue(filter.toJson());
    options.header.profile = profileName;
    options.header.host = RecordingHeader::hostOf(m_session->url());
    options.header.app = QCoreApplication::applicationName() + QLatin1Char(' ') +
                         QCoreApplication::applicationVersion();
    if (!m_writer->start(options))
        return false;
    m_batches = connect(m_session, &StreamSession::messagesReceived, m_writer,
                        [this](const MessageBatch &batch) { m_writer->append(batch.messages); });
    emit recordingChanged(true);
    return true;
}

void StreamRecorder::stop()
{
    const bool wasRecording = isRecording();
    QObject::disconnect(m_batches);
    m_writer->stop();
    if (wasRecording)
        emit recordingChanged(false);
}

bool StreamRecorder::isRecording() const
{
    return m_writer->isRunning();
}

RecordingStats StreamRecorder::stats() const
{
    return m_writer->stats();
}

QString StreamRecorder::errorString() const
{
    return m_writer->errorString();
}

} // namespace allium
