// SPDX-License-Identifier: MIT
#include "ui/workspace/livetabbar.h"

#include <QFontMetrics>

#include <algorithm>

namespace allium {

LiveTabBar::LiveTabBar(QWidget *parent)
    : QTabBar(parent)
{}

int LiveTabBar::widthStep() const
{
    return 4 * fontMetrics().horizontalAdvance(QLatin1Char('0'));
}

QSize LiveTabBar::tabSizeHint(int index) const
{
    QSize hint = QTabBar::tabSizeHint(index);
    const int step = std::max(1, widthStep());
    hint.setWidth((hint.width() + step - 1) / step * step);
    return hint;
}

} // namespace allium
