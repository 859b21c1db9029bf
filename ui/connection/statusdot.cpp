// SPDX-License-Identifier: MIT
#include "ui/connection/statusdot.h"

#include <QPainter>

namespace allium {

StatusDot::StatusDot(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void StatusDot::setColor(const QColor &color)
{
    if (color == m_color)
        return;
    m_color = color;
    update();
}

QSize StatusDot::sizeHint() const
{
    const int side = fontMetrics().height() * 2 / 3;
    return QSize(side, side);
}

void StatusDot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const int side = std::min(width(), height()) - 2;
    const QRectF circle((width() - side) / 2.0, (height() - side) / 2.0, side, side);
    painter.setPen(QPen(m_color.darker(140), 1));
    painter.setBrush(m_color);
    painter.drawEllipse(circle);
}

} // namespace allium
