// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QWidget>

#include <functional>

class QTimer;
class QToolButton;

namespace allium {

class PlainLabel;
class StreamRecorder;
class StreamSession;

/// A stream's record button: records what the session delivers to a file the user chooses
/// (StreamRecorder, written on a thread of its own), shows the size and duration while it runs,
/// and reports a write error (a full disk) as recordingFailed() while the stream goes on.
class RecordingControlWidget : public QWidget
{
    Q_OBJECT
public:
    /// Asks where to record, offering `suggestedPath`; empty: the user cancelled.
    using PathChooser = std::function<QString(const QString &suggestedPath)>;

    explicit RecordingControlWidget(StreamSession *session, QWidget *parent = nullptr);
    ~RecordingControlWidget() override;

    /// Replaces the file dialog (tests, scripted demos).
    void setPathChooser(PathChooser chooser);
    /// The name offered for a recording of `topic` started at `time`, e.g.
    /// "ethereum.blocks-20261201-134502.jsonl".
    static QString suggestedFileName(const QString &topic, const QDateTime &time);

    bool isRecording() const;
    /// What the status label says while recording ("● REC 1.2 MB · 0:42"; the message count in its
    /// tooltip), else empty.
    QString statusText() const;
    StreamRecorder *recorder() const { return m_recorder; }

public slots:
    /// Starts recording to `path`; false (and recordingFailed()) when the file cannot be
    /// written.
    bool startRecording(const QString &path);
    void stopRecording();
    /// The button: asks for a file and starts, or stops.
    void toggleRecording();

signals:
    void recordingChanged(bool recording);
    /// The recording could not start or stopped on a write error; the stream goes on.
    void recordingFailed(const QString &message);

private:
    void updateStatus();

    StreamSession *m_session = nullptr;
    StreamRecorder *m_recorder = nullptr;
    QToolButton *m_button = nullptr;
    PlainLabel *m_status = nullptr;
    QTimer *m_refresh = nullptr;
    PathChooser m_chooser;
};

} // namespace allium
