// SPDX-License-Identifier: MIT
#include "ui/text/layoutfence.h"

#include <QEvent>
#include <QLayout>
#include <QResizeEvent>

namespace allium {

LayoutFence::LayoutFence(QWidget *content, QWidget *parent)
    : QWidget(parent)
    , m_content(content)
{
    // No layout of its own: the content's updateGeometry() then posts a LayoutRequest here
    // instead of invalidating the layouts above (QWidgetPrivate::updateGeometry_helper).
    content->setParent(this);
    setSizePolicy(content->sizePolicy());
    setFocusProxy(content);
    takeHints();
}

QSize LayoutFence::sizeHint() const
{
    return m_hint;
}

QSize LayoutFence::minimumSizeHint() const
{
    return m_minimum;
}

bool LayoutFence::takeHints()
{
    // What a layout would take from the content itself: an explicit minimum wins over the hint.
    QSize minimum = m_content->minimumSizeHint();
    if (m_content->minimumWidth() > 0)
        minimum.setWidth(m_content->minimumWidth());
    if (m_content->minimumHeight() > 0)
        minimum.setHeight(m_content->minimumHeight());
    // The preferred size only grows: a readout that went from "9 ms" to "10 ms" and back keeps
    // its room rather than make the layouts around shuffle with every value.
    const QSize hint = m_content->sizeHint().expandedTo(m_hint);
    const bool changed =
        minimum != m_minimum || hint != m_hint || m_content->sizePolicy() != sizePolicy();
    m_minimum = minimum;
    m_hint = hint;
    // An explicit minimum holds even where the size policy ignores the hints (a label that may
    // be clipped, QSizePolicy::Ignored): the fence has it too.
    if (m_content->minimumSize() != minimumSize())
        setMinimumSize(m_content->minimumSize());
    if (m_content->sizePolicy() != sizePolicy())
        setSizePolicy(m_content->sizePolicy());
    return changed;
}

bool LayoutFence::event(QEvent *event)
{
    if (event->type() == QEvent::LayoutRequest) {
        // The content's layout runs first, so that its hints are current.
        if (QLayout *layout = m_content->layout())
            layout->activate();
        if (takeHints()) {
            ++m_forwarded;
            updateGeometry();
        }
        return true;
    }
    return QWidget::event(event);
}

void LayoutFence::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // While hidden the content's requests do not come here (only a visible parent gets them):
    // what changed meanwhile (a minimum width set before the first show) is taken now.
    if (takeHints())
        updateGeometry();
}

void LayoutFence::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_content->setGeometry(QRect(QPoint(0, 0), event->size()));
}

} // namespace allium
