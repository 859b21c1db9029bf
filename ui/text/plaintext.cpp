// SPDX-License-Identifier: MIT
#include "ui/text/plaintext.h"

#include <QLocale>

namespace allium::PlainText {

QString bounded(const QString &text, int maxChars)
{
    if (text.size() <= maxChars)
        return text;
    const qsizetype more = text.size() - maxChars;
    QString cut = text.left(maxChars);
    // Never split a surrogate pair: half a character renders as a replacement box.
    if (!cut.isEmpty() && cut.back().isHighSurrogate())
        cut.chop(1);
    return cut + QStringLiteral("… (%1 more characters)").arg(QLocale().toString(more));
}

QString toolTip(const QString &text)
{
    if (text.isEmpty())
        return {};
    // pre-wrap keeps the text's own line breaks and spaces and still wraps long lines.
    return QStringLiteral("<p style='white-space:pre-wrap'>") +
           bounded(text, MaxToolTipChars).toHtmlEscaped() + QStringLiteral("</p>");
}

QMessageBox::StandardButton question(QWidget *parent, const QString &title, const QString &text,
                                     QMessageBox::StandardButtons buttons,
                                     QMessageBox::StandardButton defaultButton)
{
    QMessageBox box(QMessageBox::Question, bounded(title, 200), bounded(text), buttons, parent);
    box.setTextFormat(Qt::PlainText);
    box.setDefaultButton(defaultButton);
    return QMessageBox::StandardButton(box.exec());
}

void warning(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Warning, bounded(title, 200), bounded(text), QMessageBox::Ok,
                    parent);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

} // namespace allium::PlainText
