// SPDX-License-Identifier: MIT
#pragma once

#include <QRect>
#include <QScrollBar>

namespace allium {

/// The live table's scroll bar: it repaints only when what it shows changes. The range grows with
/// every batch, but among thousands of rows a few more move the handle by less than a pixel, and
/// each repaint of a Fusion scroll bar costs gradient fills through the raster engine's threads.
class LiveScrollBar : public QScrollBar
{
    Q_OBJECT
public:
    explicit LiveScrollBar(Qt::Orientation orientation, QWidget *parent = nullptr);

protected:
    void sliderChange(SliderChange change) override;
    void paintEvent(QPaintEvent *event) override;

private:
    /// What a paint of the bar depends on, as far as its range and value go.
    struct Look
    {
        QRect handle;
        bool atMinimum = false;
        bool atMaximum = false;
        bool operator==(const Look &other) const
        {
            return handle == other.handle && atMinimum == other.atMinimum &&
                   atMaximum == other.atMaximum;
        }
    };
    Look currentLook() const;

    Look m_painted; ///< as last painted; an empty handle until the first paint
};

} // namespace allium
