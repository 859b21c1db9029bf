// SPDX-License-Identifier: MIT
#pragma once

#include <QPalette>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace allium {

/// Colours JSON text: keys, strings, numbers, true/false/null and punctuation, in the theme's
/// JSON colours for the palette (ui/theme), so they read well on light and dark palettes.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    enum class Token { Key, String, Number, Keyword, Punctuation };

    JsonHighlighter(QTextDocument *document, const QPalette &palette);

    /// Recomputes the colours (call on QEvent::PaletteChange) and rehighlights.
    void setPalette(const QPalette &palette);
    QTextCharFormat tokenFormat(Token token) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_keyword;
    QTextCharFormat m_punctuation;
};

} // namespace allium
