// SPDX-License-Identifier: MIT
#pragma once

#include <QTabBar>

namespace allium {

/// A tab bar whose tabs show live text (a stream's rate): each tab's width is rounded up to a
/// step, so that "16.7/s" becoming "191/s" does not change the bar's size and re-lay out the
/// tab widget (which repaints every page it holds) once a second per stream.
class LiveTabBar : public QTabBar
{
    Q_OBJECT

public:
    explicit LiveTabBar(QWidget *parent = nullptr);

    /// The step tab widths are rounded up to, in pixels: about four characters.
    int widthStep() const;

protected:
    QSize tabSizeHint(int index) const override;
};

} // namespace allium
