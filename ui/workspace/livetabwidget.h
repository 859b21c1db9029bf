// SPDX-License-Identifier: MIT
#pragma once

#include <QSize>
#include <QTabWidget>

namespace allium {

class LiveTabBar;

/// A QTabWidget for tabs whose titles and icons change while they run (a stream's rate and
/// state). QTabWidget::setTabText() and every layout request of its tab bar re-lay it out and
/// repaint all it holds, the page in view included, whether or not anything moved; here a
/// title or icon changes on the tab bar alone, and a layout request whose sizes did not change
/// is let go. Use setLiveTabText() and setLiveTabIcon() for changes that happen while running.
class LiveTabWidget : public QTabWidget
{
    Q_OBJECT

public:
    explicit LiveTabWidget(QWidget *parent = nullptr);

    LiveTabBar *liveTabBar() const { return m_bar; }
    /// Changes a title on the tab bar only (the bar repaints; the page does not).
    void setLiveTabText(int index, const QString &text);
    void setLiveTabIcon(int index, const QIcon &icon);
    /// Layout requests that re-laid the widget out (for tests).
    int relayouts() const { return m_relayouts; }

protected:
    bool event(QEvent *event) override;

private:
    struct Hints
    {
        QSize bar;
        QSize barMinimum;
        QSize pages;
        QSize pagesMinimum;
        QSize size;
        bool operator==(const Hints &other) const
        {
            return bar == other.bar && barMinimum == other.barMinimum && pages == other.pages &&
                   pagesMinimum == other.pagesMinimum && size == other.size;
        }
    };
    Hints currentHints() const;

    LiveTabBar *m_bar;
    Hints m_laidOutFor;
    int m_relayouts = 0;
};

} // namespace allium
