// SPDX-License-Identifier: MIT
#pragma once

#include "ui/text/plainlabel.h"

namespace allium {

/// A one-line plain-text label that fits any width: text longer than the room it gets ends in
/// "…", and then its tooltip shows the whole text. Asks for room for about 60 characters and
/// gives it up, so a long failure reason never pushes the rest of a status bar away.
class ElidingLabel : public PlainLabel
{
    Q_OBJECT
public:
    explicit ElidingLabel(QWidget *parent = nullptr);

    void setFullText(const QString &text);
    /// The label never gets narrower than this text needs (or the full text, if shorter).
    void setMinimumText(const QString &text);
    /// Room asked for, in average characters (60 unless set).
    void setPreferredChars(int chars);
    QString fullText() const { return m_fullText; }
    /// More than the text, for the tooltip (after the full text when that is elided).
    void setDetail(const QString &detail);
    /// True when the label shows a shortened text.
    bool isElided() const { return text() != m_fullText; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_fullText;
    QString m_minimumText;
    QString m_detail;
    int m_preferredChars = 60;
};

} // namespace allium
