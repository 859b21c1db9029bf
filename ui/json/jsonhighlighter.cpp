// SPDX-License-Identifier: MIT
#include "ui/json/jsonhighlighter.h"

#include "ui/theme/theme.h"

namespace allium {

namespace {

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
    const auto format = [&palette](Theme::Role role, bool bold) {
        QTextCharFormat f;
        f.setForeground(Theme::color(role, palette));
        if (bold)
            f.setFontWeight(QFont::DemiBold);
        return f;
    };
    m_key = format(Theme::Role::JsonKey, true);
    m_string = format(Theme::Role::JsonString, false);
    m_number = format(Theme::Role::JsonNumber, false);
    m_keyword = format(Theme::Role::JsonKeyword, true);
    m_punctuation = format(Theme::Role::JsonPunctuation, false);
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
