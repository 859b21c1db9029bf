#include "ui/json/jsonhighlighter.h"

namespace allium {

namespace {

// A hue at a lightness that keeps contrast with the background: dark text on light bases,
// light text on dark ones.
QColor toneFor(int hue, int saturation, bool darkBase)
{
    return QColor::fromHsl(hue, saturation, darkBase ? 175 : 85);
}

bool isNumberChar(QChar c)
{
    return c.isDigit() || c == QLatin1Char('-') || c == QLatin1Char('+') || c == QLatin1Char('.') ||
           c == QLatin1Char('e') || c == QLatin1Char('E');
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document, const QPalette &palette)
    : QSyntaxHighlighter(document)
{
    setPalette(palette);
}

void JsonHighlighter::setPalette(const QPalette &palette)
{
    const bool darkBase = palette.color(QPalette::Base).lightness() < 128;
    m_key = QTextCharFormat();
    m_key.setForeground(toneFor(215, 160, darkBase));
    m_key.setFontWeight(QFont::DemiBold);
    m_string = QTextCharFormat();
    m_string.setForeground(toneFor(120, 130, darkBase));
    m_number = QTextCharFormat();
    m_number.setForeground(toneFor(28, 200, darkBase));
    m_keyword = QTextCharFormat();
    m_keyword.setForeground(toneFor(290, 140, darkBase));
    m_keyword.setFontWeight(QFont::DemiBold);
    // Punctuation recedes: halfway between text and background.
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    m_punctuation = QTextCharFormat();
    m_punctuation.setForeground(QColor((text.red() * 2 + base.red()) / 3,
                                       (text.green() * 2 + base.green()) / 3,
                                       (text.blue() * 2 + base.blue()) / 3));
    rehighlight();
}

QTextCharFormat JsonHighlighter::tokenFormat(Token token) const
{
    switch (token) {
    case Token::Key:
        return m_key;
    case Token::String:
        return m_string;
    case Token::Number:
        return m_number;
    case Token::Keyword:
        return m_keyword;
    case Token::Punctuation:
        break;
    }
    return m_punctuation;
}

// JSON strings cannot span lines, so each block is tokenised on its own.
void JsonHighlighter::highlightBlock(const QString &text)
{
    const int size = int(text.size());
    int i = 0;
    while (i < size) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            int end = i + 1;
            while (end < size && text.at(end) != QLatin1Char('"')) {
                if (text.at(end) == QLatin1Char('\\'))
                    ++end;
                ++end;
            }
            end = qMin(end + 1, size);
            int next = end;
            while (next < size && text.at(next).isSpace())
                ++next;
            const bool isKey = next < size && text.at(next) == QLatin1Char(':');
            setFormat(i, end - i, isKey ? m_key : m_string);
            i = end;
        } else if (c.isDigit() || c == QLatin1Char('-')) {
            int end = i + 1;
            while (end < size && isNumberChar(text.at(end)))
                ++end;
            setFormat(i, end - i, m_number);
            i = end;
        } else if (c.isLetter()) {
            int end = i + 1;
            while (end < size && text.at(end).isLetter())
                ++end;
            const QStringView word = QStringView(text).mid(i, end - i);
            if (word == QLatin1String("true") || word == QLatin1String("false") ||
                word == QLatin1String("null"))
                setFormat(i, end - i, m_keyword);
            i = end;
        } else {
            if (QStringView(u"{}[]:,").contains(c))
                setFormat(i, 1, m_punctuation);
            ++i;
        }
    }
}

} // namespace allium
