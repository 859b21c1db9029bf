// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QComboBox;
class QPushButton;
class QSlider;
class QSpinBox;
class QToolButton;

namespace allium {

class PlainLabel;
class ReplayController;

/// The controls of a recording opened as a stream: play and pause, the speed (1×, 2×, 10×, as
/// fast as possible), a position slider with the recorded time, jump to message N, and the bad
/// line the file stops at, if any.
class ReplayControlsWidget : public QWidget
{
    Q_OBJECT
public:
    /// `controller` must outlive the widget.
    explicit ReplayControlsWidget(ReplayController *controller, QWidget *parent = nullptr);
    ~ReplayControlsWidget() override;

    /// "13:45:02.123 · 0:42 / 5:00": the current message's time, then the position and length.
    QString timeText() const;
    /// "Message 1,234 of 5,678".
    QString positionText() const;
    /// "line 7: the message is not valid JSON", or empty.
    QString problemText() const;

private:
    void update();
    void seekToSlider();

    ReplayController *m_controller = nullptr;
    QToolButton *m_playButton = nullptr;
    QComboBox *m_speed = nullptr;
    QSlider *m_slider = nullptr;
    PlainLabel *m_time = nullptr;
    PlainLabel *m_position = nullptr;
    QSpinBox *m_jump = nullptr;
    QPushButton *m_jumpButton = nullptr;
    PlainLabel *m_problem = nullptr;
    bool m_updating = false; ///< the slider is moved by update(), not by the user
};

} // namespace allium
