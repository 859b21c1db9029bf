// SPDX-License-Identifier: MIT
#pragma once

#include <QLabel>

namespace allium {

/// A QLabel for text that may come from a server, a file or the user: always Qt::PlainText
/// (QLabel's default auto-detects rich text, and rich text loads images from local paths), and
/// setText() bounds the length so a megabyte of text cannot stall the layout.
class PlainLabel : public QLabel
{
    Q_OBJECT
public:
    explicit PlainLabel(QWidget *parent = nullptr);
    explicit PlainLabel(const QString &text, QWidget *parent = nullptr);

    /// Shows `text` literally, cut to PlainText::MaxLabelChars. (Through a QLabel pointer the
    /// text is not cut, but it is still shown literally.)
    void setText(const QString &text);
    /// Sets a tooltip that shows `text` literally (see PlainText::toolTip).
    void setPlainToolTip(const QString &text);
};

} // namespace allium
