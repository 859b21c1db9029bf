// SPDX-License-Identifier: MIT
#include "ui/connection/elidinglabel.h"

#include <QResizeEvent>

#include <algorithm>

namespace allium {

namespace {

// elidedText() measures with fractional widths: a pixel or two more keeps a text that fits whole.
constexpr int SlackPx = 3;

} // namespace

ElidingLabel::ElidingLabel(QWidget *parent)
    : PlainLabel(parent)
{
    setWordWrap(false);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ElidingLabel::setMinimumText(const QString &text)
{
    m_minimumText = text;
    updateGeometry();
}

void ElidingLabel::setPreferredChars(int chars)
{
    m_preferredChars = chars;
    updateGeometry();
}

void ElidingLabel::setFullText(const QString &text)
{
    if (text == m_fullText && !text.isEmpty())
        return;
    m_fullText = text;
    updateGeometry();
    elide();
}

void ElidingLabel::setDetail(const QString &detail)
{
    if (detail == m_detail)
        return; // a readout sets it with every report
    m_detail = detail;
    elide();
}

QSize ElidingLabel::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    const QMargins margins = contentsMargins();
    const int width = std::min(metrics.horizontalAdvance(m_fullText),
                               m_preferredChars * metrics.averageCharWidth());
    return {width + SlackPx + margins.left() + margins.right() + 2 * margin(),
            PlainLabel::sizeHint().height()};
}

QSize ElidingLabel::minimumSizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    // The usual states fit whole; only long texts (failure reasons) give way.
    const int width =
        std::min(metrics.horizontalAdvance(m_fullText), metrics.horizontalAdvance(m_minimumText));
    const QMargins margins = contentsMargins();
    return {width + SlackPx + margins.left() + margins.right() + 2 * margin(),
            PlainLabel::minimumSizeHint().height()};
}

void ElidingLabel::resizeEvent(QResizeEvent *event)
{
    PlainLabel::resizeEvent(event);
    elide();
}

void ElidingLabel::elide()
{
    const QString shown =
        fontMetrics().elidedText(m_fullText, Qt::ElideRight, contentsRect().width() - 2 * margin());
    // Through the base class: PlainLabel::setText() would cut the text again.
    QLabel::setText(shown);
    if (shown == m_fullText)
        setPlainToolTip(m_detail);
    else
        setPlainToolTip(m_detail.isEmpty() ? m_fullText
                                           : m_fullText + QStringLiteral("\n\n") + m_detail);
}

} // namespace allium
