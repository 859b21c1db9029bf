// SPDX-License-Identifier: MIT
#include "ui/workspace/livetabwidget.h"

#include "ui/workspace/livetabbar.h"

#include <QEvent>
#include <QStackedWidget>

namespace allium {

LiveTabWidget::LiveTabWidget(QWidget *parent)
    : QTabWidget(parent)
    , m_bar(new LiveTabBar(this))
{
    setTabBar(m_bar);
}

void LiveTabWidget::setLiveTabText(int index, const QString &text)
{
    m_bar->setTabText(index, text);
}

void LiveTabWidget::setLiveTabIcon(int index, const QIcon &icon)
{
    m_bar->setTabIcon(index, icon);
}

LiveTabWidget::Hints LiveTabWidget::currentHints() const
{
    const auto *pages = findChild<QStackedWidget *>(QString(), Qt::FindDirectChildrenOnly);
    return Hints{m_bar->sizeHint(), m_bar->minimumSizeHint(), pages ? pages->sizeHint() : QSize(),
                 pages ? pages->minimumSizeHint() : QSize(), size()};
}

bool LiveTabWidget::event(QEvent *event)
{
    if (event->type() == QEvent::LayoutRequest) {
        // The same hints lay the widget out as it is: skip the re-layout and its repaint.
        const Hints hints = currentHints();
        if (hints == m_laidOutFor)
            return QWidget::event(event);
        m_laidOutFor = hints;
        ++m_relayouts;
    }
    return QTabWidget::event(event);
}

} // namespace allium
