// SPDX-License-Identifier: MIT
#include "ui/text/plainlabel.h"

#include "ui/text/plaintext.h"

namespace allium {

PlainLabel::PlainLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
}

PlainLabel::PlainLabel(const QString &text, QWidget *parent)
    : PlainLabel(parent)
{
    setText(text);
}

void PlainLabel::setText(const QString &text)
{
    QLabel::setText(PlainText::bounded(text));
}

void PlainLabel::setPlainToolTip(const QString &text)
{
    setToolTip(PlainText::toolTip(text));
}

} // namespace allium
