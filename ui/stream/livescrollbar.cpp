// SPDX-License-Identifier: MIT
#include "ui/stream/livescrollbar.h"

#include <QStyle>
#include <QStyleOptionSlider>

namespace allium {

LiveScrollBar::LiveScrollBar(Qt::Orientation orientation, QWidget *parent)
    : QScrollBar(orientation, parent)
{}

LiveScrollBar::Look LiveScrollBar::currentLook() const
{
    QStyleOptionSlider option;
    initStyleOption(&option);
    return {
        style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarSlider, this),
        value() <= minimum(), value() >= maximum()};
}

void LiveScrollBar::sliderChange(SliderChange change)
{
    // A change of orientation (or one before the first paint) repaints as QScrollBar does; a
    // new range, value or step only when the handle or an end's state would look different.
    if (change != SliderOrientationChange && m_painted.handle.isValid() &&
        currentLook() == m_painted)
        return;
    QScrollBar::sliderChange(change);
}

void LiveScrollBar::paintEvent(QPaintEvent *event)
{
    m_painted = currentLook();
    QScrollBar::paintEvent(event);
}

} // namespace allium
