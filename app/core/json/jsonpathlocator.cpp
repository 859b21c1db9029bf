// SPDX-License-Identifier: MIT
#include "core/json/jsonpathlocator.h"

#include <QList>
#include <QString>

#include <utility>

namespace allium {

namespace {

struct Step
{
    bool isIndex = false;
    QString key;
    int index = 0;
};

// "conditions[1].operator" -> key conditions, index 1, key operator. False on malformed paths.
bool parsePath(QStringView path, QList<Step> *steps)
{
    qsizetype i = 0;
    const qsizetype n = path.size();
    while (i < n) {
        if (path[i] == QLatin1Char('[')) {
            const qsizetype close = path.indexOf(QLatin1Char(']'), i);
            if (close < 0)
                return false;
            bool ok = false;
            const int index = path.mid(i + 1, close - i - 1).toInt(&ok);
            if (!ok || index < 0)
                return false;
            steps->append({true, {}, index});
            i = close + 1;
        } else if (path[i] == QLatin1Char('.')) {
            ++i;
        } else {
            qsizetype end = i;
            while (end < n && path[end] != QLatin1Char('.') && path[end] != QLatin1Char('['))
                ++end;
            steps->append({false, path.mid(i, end - i).toString(), 0});
            i = end;
        }
    }
    return true;
}

// A forgiving scanner: it finds value boundaries in well-formed JSON and stops at the end of the
// text, never past it, on broken input.
class Scanner
{
public:
    explicit Scanner(QStringView text)
        : m_text(text)
    {}

    qsizetype skipSpace(qsizetype pos) const
    {
        while (pos < m_text.size() && m_text[pos].isSpace())
            ++pos;
        return pos;
    }

    bool at(qsizetype pos, char c) const
    {
        return pos < m_text.size() && m_text[pos] == QLatin1Char(c);
    }

    // End (one past the closing quote) of the string starting at pos.
    qsizetype stringEnd(qsizetype pos) const
    {
        ++pos;
        while (pos < m_text.size()) {
            const QChar c = m_text[pos];
            if (c == QLatin1Char('\\'))
                pos += 2;
            else if (c == QLatin1Char('"'))
                return pos + 1;
            else
                ++pos;
        }
        return m_text.size();
    }

    // End of the value starting at pos; containers are skipped with a depth counter.
    qsizetype valueEnd(qsizetype pos) const
    {
        if (pos >= m_text.size())
            return pos;
        const QChar first = m_text[pos];
        if (first == QLatin1Char('"'))
            return stringEnd(pos);
        if (first == QLatin1Char('{') || first == QLatin1Char('[')) {
            int depth = 0;
            while (pos < m_text.size()) {
                const QChar c = m_text[pos];
                if (c == QLatin1Char('"')) {
                    pos = stringEnd(pos);
                    continue;
                }
                if (c == QLatin1Char('{') || c == QLatin1Char('['))
                    ++depth;
                else if ((c == QLatin1Char('}') || c == QLatin1Char(']')) && --depth == 0)
                    return pos + 1;
                ++pos;
            }
            return m_text.size();
        }
        while (pos < m_text.size()) {
            const QChar c = m_text[pos];
            if (c.isSpace() || c == QLatin1Char(',') || c == QLatin1Char('}') ||
                c == QLatin1Char(']'))
                break;
            ++pos;
        }
        return pos;
    }

    // The decoded key of the string at [start, end).
    QString decodeString(qsizetype start, qsizetype end) const
    {
        const QStringView raw = m_text.mid(start + 1, qMax<qsizetype>(0, end - start - 2));
        if (!raw.contains(QLatin1Char('\\')))
            return raw.toString();
        QString out;
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw[i] != QLatin1Char('\\') || i + 1 >= raw.size()) {
                out += raw[i];
                continue;
            }
            const QChar e = raw[++i];
            switch (e.unicode()) {
            case 'n':
                out += QLatin1Char('\n');
                break;
            case 't':
                out += QLatin1Char('\t');
                break;
            case 'r':
                out += QLatin1Char('\r');
                break;
            case 'b':
                out += QLatin1Char('\b');
                break;
            case 'f':
                out += QLatin1Char('\f');
                break;
            case 'u': {
                bool ok = false;
                const ushort code = raw.mid(i + 1, 4).toUShort(&ok, 16);
                if (ok) {
                    out += QChar(code);
                    i += 4;
                }
                break;
            }
            default:
                out += e;
                break;
            }
        }
        return out;
    }

    // The member `key` of the object at pos (its last occurrence), as a value range.
    bool findMember(qsizetype objectStart, const QString &key, qsizetype *start,
                    qsizetype *end) const
    {
        bool found = false;
        qsizetype pos = objectStart + 1;
        for (;;) {
            pos = skipSpace(pos);
            if (!at(pos, '"'))
                return found;
            const qsizetype keyEnd = stringEnd(pos);
            const bool matches = decodeString(pos, keyEnd) == key;
            pos = skipSpace(keyEnd);
            if (!at(pos, ':'))
                return found;
            const qsizetype valueStart = skipSpace(pos + 1);
            pos = valueEnd(valueStart);
            if (matches && pos > valueStart) {
                *start = valueStart;
                *end = pos;
                found = true;
            }
            pos = skipSpace(pos);
            if (!at(pos, ','))
                return found;
            ++pos;
        }
    }

    bool findElement(qsizetype arrayStart, int index, qsizetype *start, qsizetype *end) const
    {
        qsizetype pos = arrayStart + 1;
        for (int i = 0;; ++i) {
            pos = skipSpace(pos);
            if (pos >= m_text.size() || at(pos, ']'))
                return false;
            const qsizetype elementStart = pos;
            pos = valueEnd(pos);
            if (pos == elementStart)
                return false;
            if (i == index) {
                *start = elementStart;
                *end = pos;
                return true;
            }
            pos = skipSpace(pos);
            if (!at(pos, ','))
                return false;
            ++pos;
        }
    }

private:
    QStringView m_text;
};

} // namespace

JsonPathLocator::Range JsonPathLocator::locate(QStringView jsonText, QStringView path)
{
    QList<Step> steps;
    if (!parsePath(path, &steps))
        return {};
    const Scanner scanner(jsonText);
    qsizetype start = scanner.skipSpace(0);
    qsizetype end = scanner.valueEnd(start);
    if (end <= start)
        return {};
    for (const Step &step : std::as_const(steps)) {
        qsizetype childStart = 0;
        qsizetype childEnd = 0;
        const bool found = step.isIndex
                               ? scanner.at(start, '[') &&
                                     scanner.findElement(start, step.index, &childStart, &childEnd)
                               : scanner.at(start, '{') &&
                                     scanner.findMember(start, step.key, &childStart, &childEnd);
        if (!found)
            break;
        start = childStart;
        end = childEnd;
    }
    return {int(start), int(end - start)};
}

} // namespace allium
