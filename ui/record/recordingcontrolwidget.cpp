// SPDX-License-Identifier: MIT
#include "ui/record/recordingcontrolwidget.h"

#include "core/base/clockduration.h"
#include "core/record/recordingstats.h"
#include "core/record/streamrecorder.h"
#include "core/stream/streamsession.h"
#include "ui/text/plainlabel.h"
#include "ui/theme/theme.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLocale>
#include <QStandardPaths>
#include <QTimer>
#include <QToolButton>

namespace allium {

namespace {

// Twice a second is enough for a size and a duration in seconds.
constexpr int RefreshMs = 500;

} // namespace

RecordingControlWidget::RecordingControlWidget(StreamSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_recorder(new StreamRecorder(session, this))
{
    m_button = new QToolButton(this);
    m_button->setObjectName(QStringLiteral("recordButton"));
    m_button->setAutoRaise(true);
    m_status = new PlainLabel(this);
    m_status->setObjectName(QStringLiteral("recordingStatus"));
    m_status->setAccessibleName(tr("Recording"));
    // The indicator reads as one: red, as a recording light.
    QPalette red = m_status->palette();
    red.setColor(QPalette::WindowText, Theme::color(Theme::Role::Failure, red));
    m_status->setPalette(red);
    m_status->hide();
    m_refresh = new QTimer(this);
    m_refresh->setInterval(RefreshMs);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_button);
    layout->addWidget(m_status);

    m_chooser = [this](const QString &suggested) {
        return QFileDialog::getSaveFileName(this, tr("Record stream to"), suggested,
                                            tr("Recordings (*.jsonl *.jsonl.zst);;All files (*)"));
    };

    connect(m_button, &QToolButton::clicked, this, &RecordingControlWidget::toggleRecording);
    connect(m_refresh, &QTimer::timeout, this, &RecordingControlWidget::updateStatus);
    connect(m_recorder, &StreamRecorder::failed, this, &RecordingControlWidget::recordingFailed);
    connect(m_recorder, &StreamRecorder::recordingChanged, this, [this](bool recording) {
        if (recording)
            m_refresh->start();
        else
            m_refresh->stop();
        updateStatus();
        emit recordingChanged(recording);
    });
    updateStatus();
}

RecordingControlWidget::~RecordingControlWidget() = default;

void RecordingControlWidget::setPathChooser(PathChooser chooser)
{
    m_chooser = std::move(chooser);
}

QString RecordingControlWidget::suggestedFileName(const QString &topic, const QDateTime &time)
{
    // Only characters every file system takes: a topic is letters, digits, '.' and '_'.
    QString name = topic.isEmpty() ? QStringLiteral("stream") : topic;
    for (QChar &c : name) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('.') && c != QLatin1Char('_'))
            c = QLatin1Char('-');
    }
    return name + time.toString(QStringLiteral("-yyyyMMdd-HHmmss")) + QStringLiteral(".jsonl");
}

bool RecordingControlWidget::isRecording() const
{
    return m_recorder->isRecording();
}

QString RecordingControlWidget::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

bool RecordingControlWidget::startRecording(const QString &path)
{
    if (!m_recorder->start(path)) {
        emit recordingFailed(tr("Recording could not start: %1").arg(m_recorder->errorString()));
        return false;
    }
    return true;
}

void RecordingControlWidget::stopRecording()
{
    m_recorder->stop();
}

void RecordingControlWidget::toggleRecording()
{
    if (isRecording()) {
        stopRecording();
        return;
    }
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QDir::homePath();
    const QString suggested =
        QDir(folder).filePath(suggestedFileName(m_session->topic(), QDateTime::currentDateTime()));
    const QString path = m_chooser ? m_chooser(suggested) : suggested;
    if (!path.isEmpty())
        startRecording(path);
}

void RecordingControlWidget::updateStatus()
{
    const bool recording = isRecording();
    // While recording the button is the stop square beside the red indicator: the header has
    // no room to spare at 800 px.
    m_button->setText(recording ? QStringLiteral("■") : tr("● Record"));
    m_button->setToolTip(recording ? tr("Stop recording; the stream goes on")
                                   : tr("Record what this stream receives to a file"));
    m_button->setAccessibleName(recording ? tr("Stop recording") : tr("Record stream"));
    if (!recording) {
        m_status->hide();
        m_status->clear();
        return;
    }
    const RecordingStats stats = m_recorder->stats();
    const QLocale locale;
    // Short enough for an 800 px window; the count and the file are in the tooltip.
    m_status->setText(
        tr("● REC %1 · %2")
            .arg(locale.formattedDataSize(stats.fileBytes, stats.fileBytes < 1000000 ? 0 : 1,
                                          QLocale::DataSizeSIFormat),
                 ClockDuration::text(stats.elapsedMs)));
    QString tip =
        tr("Recording to %1: %2 messages").arg(stats.currentPath, locale.toString(stats.messages));
    if (stats.drops > 0)
        tip += tr(", %1 dropped (the disk could not keep up)").arg(locale.toString(stats.drops));
    m_status->setPlainToolTip(tip);
    m_status->show();
}

} // namespace allium
