// SPDX-License-Identifier: MIT
#pragma once

#include <QMessageBox>
#include <QString>

class QWidget;

namespace allium {

/// The one place that turns text from a server, a file or the user into something a widget can
/// show without interpreting it: Qt auto-detects rich text in labels, tooltips and message boxes,
/// and rich text loads images from any local path (<img src="/dev/zero"> reads until it dies).
namespace PlainText {

/// Longest outside text a label, a status line or a message box shows.
constexpr int MaxLabelChars = 2000;
/// Longest outside text a tooltip shows.
constexpr int MaxToolTipChars = 4000;

/// `text` cut to at most `maxChars` characters, ending with "… (N more characters)" when cut.
QString bounded(const QString &text, int maxChars = MaxLabelChars);

/// A tooltip that shows `text` literally: QToolTip always auto-detects rich text, so the text is
/// escaped into rich text that keeps its line breaks, and bounded. Empty stays empty (no tip).
QString toolTip(const QString &text);

/// Like QMessageBox::question / warning, with the text (and title) shown as plain text.
QMessageBox::StandardButton question(QWidget *parent, const QString &title, const QString &text,
                                     QMessageBox::StandardButtons buttons,
                                     QMessageBox::StandardButton defaultButton);
void warning(QWidget *parent, const QString &title, const QString &text);

} // namespace PlainText

} // namespace allium
