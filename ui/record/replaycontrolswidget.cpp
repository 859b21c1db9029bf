// SPDX-License-Identifier: MIT
#include "ui/record/replaycontrolswidget.h"

#include "core/base/clockduration.h"
#include "core/replay/replaycontroller.h"
#include "core/replay/replaypacer.h"
#include "core/stream/streamsession.h"
#include "ui/text/plainlabel.h"
#include "ui/theme/theme.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace allium {

namespace {

// The slider counts messages; past int's range it counts steps of several.
int sliderScale(qint64 count)
{
    constexpr qint64 MaxSteps = std::numeric_limits<int>::max() / 2;
    return count > MaxSteps ? int((count + MaxSteps - 1) / MaxSteps) : 1;
}

} // namespace

ReplayControlsWidget::ReplayControlsWidget(ReplayController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("replayControls"));
    m_playButton = new QToolButton(this);
    m_playButton->setObjectName(QStringLiteral("replayPlayButton"));
    m_playButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_speed = new QComboBox(this);
    m_speed->setObjectName(QStringLiteral("replaySpeed"));
    m_speed->setAccessibleName(tr("Replay speed"));
    m_speed->setToolTip(tr("Replay speed: the recorded pacing, faster, or no pacing at all"));
    m_speed->addItem(tr("1×"), 1.0);
    m_speed->addItem(tr("2×"), 2.0);
    m_speed->addItem(tr("10×"), 10.0);
    m_speed->addItem(tr("As fast as possible"), ReplayPacer::AsFastAsPossible);
    // As wide as "10×": the list still shows "As fast as possible" whole.
    m_speed->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_speed->setMinimumContentsLength(4);

    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("replayPosition"));
    m_slider->setAccessibleName(tr("Replay position"));
    m_slider->setMinimumWidth(120);
    m_time = new PlainLabel(this);
    m_time->setObjectName(QStringLiteral("replayTime"));
    m_time->setAccessibleName(tr("Replay time"));
    m_position = new PlainLabel(this);
    m_position->setObjectName(QStringLiteral("replayPositionText"));
    m_position->setAccessibleName(tr("Replay message"));

    m_jump = new QSpinBox(this);
    m_jump->setObjectName(QStringLiteral("replayJumpTo"));
    m_jump->setAccessibleName(tr("Message to jump to"));
    m_jump->setToolTip(tr("The message to go on from (1 is the first of the file)"));
    m_jump->setRange(1, 1);
    m_jump->setGroupSeparatorShown(true);
    m_jump->setKeyboardTracking(false);
    m_jumpButton = new QPushButton(tr("Jump"), this);
    m_jumpButton->setObjectName(QStringLiteral("replayJumpButton"));
    m_jumpButton->setToolTip(tr("Go on from this message; the table starts over there"));

    m_problem = new PlainLabel(this);
    m_problem->setObjectName(QStringLiteral("replayProblem"));
    m_problem->setAccessibleName(tr("Recording problem"));
    m_problem->setWordWrap(true);
    QPalette warning = m_problem->palette();
    warning.setColor(QPalette::Window, Theme::noticeBackground(warning));
    m_problem->setPalette(warning);
    m_problem->setAutoFillBackground(true);
    m_problem->hide();

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_playButton);
    row->addWidget(m_speed);
    row->addWidget(m_slider, 1);
    row->addWidget(m_time);
    row->addSpacing(6);
    row->addWidget(m_position);
    row->addSpacing(6);
    row->addWidget(m_jump);
    row->addWidget(m_jumpButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_problem);

    connect(m_playButton, &QToolButton::clicked, this, [this] {
        if (m_controller->isPlaying())
            m_controller->pause();
        else
            m_controller->play();
        update();
    });
    connect(m_speed, &QComboBox::activated, this,
            [this](int index) { m_controller->setSpeed(m_speed->itemData(index).toDouble()); });
    connect(m_slider, &QSlider::valueChanged, this, [this] {
        // A drag seeks once, when released; a click or a key at once.
        if (!m_updating && !m_slider->isSliderDown())
            seekToSlider();
    });
    connect(m_slider, &QSlider::sliderReleased, this, &ReplayControlsWidget::seekToSlider);
    const auto jump = [this] { m_controller->seekToMessage(m_jump->value() - 1); };
    connect(m_jumpButton, &QPushButton::clicked, this, jump);
    connect(m_jump, &QSpinBox::editingFinished, this, [this, jump] {
        if (m_jump->hasFocus())
            jump();
    });
    connect(m_controller, &ReplayController::progressChanged, this, &ReplayControlsWidget::update);
    connect(m_controller, &ReplayController::playingChanged, this, &ReplayControlsWidget::update);
    if (StreamSession *session = m_controller->session())
        connect(session, &StreamSession::stateChanged, this, &ReplayControlsWidget::update);
    update();
}

ReplayControlsWidget::~ReplayControlsWidget() = default;

void ReplayControlsWidget::seekToSlider()
{
    const qint64 scale = sliderScale(m_controller->messageCount());
    m_controller->seekToMessage(qint64(m_slider->value()) * scale);
}

QString ReplayControlsWidget::timeText() const
{
    return m_time->text();
}

QString ReplayControlsWidget::positionText() const
{
    return m_position->text();
}

QString ReplayControlsWidget::problemText() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void ReplayControlsWidget::update()
{
    const bool playing = m_controller->isPlaying();
    m_playButton->setText(playing ? tr("‖ Pause") : tr("▶ Play"));
    m_playButton->setAccessibleName(playing ? tr("Pause replay") : tr("Play replay"));
    m_playButton->setToolTip(playing ? tr("Pause the replay where it is")
                                     : tr("Play the recording from where it is"));
    const double speed = m_controller->speed();
    int speedIndex = m_speed->findData(speed);
    if (speedIndex < 0) {
        // A speed the list does not offer (allium-monitor --speed 5): listed in its place.
        speedIndex = 0;
        while (speedIndex < m_speed->count() &&
               m_speed->itemData(speedIndex).toDouble() != ReplayPacer::AsFastAsPossible &&
               m_speed->itemData(speedIndex).toDouble() < speed)
            ++speedIndex;
        m_speed->insertItem(speedIndex, tr("%1×").arg(QLocale().toString(speed)), speed);
    }
    m_speed->setCurrentIndex(speedIndex);

    const QLocale locale;
    const qint64 count = m_controller->messageCount();
    const qint64 current = m_controller->currentIndex();
    const qint64 scale = sliderScale(count);
    m_updating = true;
    m_slider->setRange(0, int(std::max<qint64>(0, count - 1) / scale));
    m_slider->setPageStep(std::max(1, m_slider->maximum() / 20));
    if (!m_slider->isSliderDown())
        m_slider->setValue(int(std::max<qint64>(0, m_controller->nextIndex() - 1) / scale));
    m_updating = false;
    m_jump->setMaximum(int(std::clamp<qint64>(count, 1, std::numeric_limits<int>::max())));

    const qint64 first = m_controller->firstTimeUs();
    const qint64 last = m_controller->lastTimeUs();
    const qint64 at = current >= 0 ? m_controller->currentTimeUs() : first;
    // The time of day in the row (room for it at 800 px), the date with it in the tooltip.
    const QDateTime received = QDateTime::fromMSecsSinceEpoch(at / 1000, Qt::UTC);
    const QString clock =
        first > 0 ? received.toString(QStringLiteral("HH:mm:ss.zzz 'UTC'")) : tr("no messages");
    m_time->setText(tr("%1 · %2 / %3")
                        .arg(clock, ClockDuration::text((at - first) / 1000),
                             ClockDuration::text((last - first) / 1000)));
    m_time->setPlainToolTip(
        first > 0 ? tr("Received %1; %2 into the recording, which lasts %3")
                        .arg(received.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'")),
                             ClockDuration::text((at - first) / 1000),
                             ClockDuration::text((last - first) / 1000))
                  : QString());
    const QString of = m_controller->isIndexComplete()
                           ? locale.toString(count)
                           : tr("%1+ (counting)").arg(locale.toString(count));
    m_position->setText(current >= 0 ? tr("Message %1 of %2").arg(locale.toString(current + 1), of)
                                     : tr("%1 messages").arg(of));
    const RecordingProblem problem = m_controller->problem();
    if (problem.isNull()) {
        m_problem->hide();
    } else {
        m_problem->setText(
            tr("The recording is read up to the line before: %1").arg(problem.message()));
        m_problem->show();
    }
}

} // namespace allium
