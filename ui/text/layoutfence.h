// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace allium {

/// Holds one widget whose contents change often (a readout of live values) and passes its
/// layout requests on to the layouts around it only when that changes their outcome: when the
/// content's minimum size changes or it asks for more room than it ever did. Without it, every
/// QLabel::setText() re-lays out each ancestor up to the window, and a QTabWidget or QSplitter
/// among them repaints everything it holds, some fifteen times a second at a stream's rate.
class LayoutFence : public QWidget
{
    Q_OBJECT
public:
    /// Takes `content` as its child; it fills the fence and shares its size policy.
    explicit LayoutFence(QWidget *content, QWidget *parent = nullptr);

    QWidget *content() const { return m_content; }
    /// Layout requests of the content that reached the layouts around (for tests).
    int forwardedRequests() const { return m_forwarded; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    /// Takes the content's hints; true when the layouts around must hear of them.
    bool takeHints();

    QWidget *m_content;
    QSize m_hint;
    QSize m_minimum;
    int m_forwarded = 0;
};

} // namespace allium
