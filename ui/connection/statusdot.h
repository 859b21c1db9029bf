// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QWidget>

namespace allium {

/// A small filled circle in a state's colour (status bars, lists).
class StatusDot : public QWidget
{
    Q_OBJECT
public:
    explicit StatusDot(QWidget *parent = nullptr);

    void setColor(const QColor &color);
    QColor color() const { return m_color; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QColor m_color = Qt::gray;
};

} // namespace allium
