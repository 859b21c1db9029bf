// SPDX-License-Identifier: MIT
#include "ui/json/jsonindenter.h"

namespace allium {

namespace {

/// Deeper levels are not indented further: a thousand nested arrays must not make lines of
/// thousands of spaces.
constexpr int MaxIndentDepth = 32;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

QByteArray JsonIndenter::indent(const QByteArray &json, bool isPrefix)
{
    qsizetype start = 0;
    while (start < json.size() && isSpace(json.at(start)))
        ++start;
    if (start == json.size() || (json.at(start) != '{' && json.at(start) != '['))
        return json;

    // Indentation at most multiplies the size by a small factor for sane JSON; beyond this
    // bound the text is nested or shaped to blow up, and is shown as received.
    const qsizetype maxOutput = json.size() * 4 + 64 * 1024;
    QByteArray out;
    out.reserve(json.size() + json.size() / 2);
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    const auto newline = [&out](int level) {
        out.append('\n');
        out.append(qsizetype(std::min(level, MaxIndentDepth)) * 4, ' ');
    };
    for (qsizetype i = start; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            out.append(c);
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (isSpace(c))
            continue;
        switch (c) {
        case '"':
            inString = true;
            out.append(c);
            break;
        case '{':
        case '[': {
            out.append(c);
            ++depth;
            // An empty container stays on one line: "[]", "{}".
            qsizetype next = i + 1;
            while (next < json.size() && isSpace(json.at(next)))
                ++next;
            if (next < json.size() && (json.at(next) == '}' || json.at(next) == ']'))
                break;
            if (depth <= MaxIndentDepth + 1)
                newline(depth);
            break;
        }
        case '}':
        case ']':
            if (depth == 0)
                return json; // more closed than opened: not JSON
            --depth;
            if (!out.endsWith('{') && !out.endsWith('[') && depth < MaxIndentDepth + 1)
                newline(depth);
            out.append(c);
            break;
        case ',':
            out.append(c);
            if (depth <= MaxIndentDepth + 1)
                newline(depth);
            break;
        case ':':
            out.append(": ");
            break;
        default:
            out.append(c);
        }
        if (out.size() > maxOutput)
            return json;
    }
    if (!isPrefix && (depth != 0 || inString))
        return json;
    return out;
}

QByteArray JsonIndenter::utf8Prefix(const QByteArray &utf8, qsizetype maxBytes)
{
    if (utf8.size() <= maxBytes)
        return utf8;
    qsizetype end = std::max<qsizetype>(0, maxBytes);
    // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
    while (end > 0 && (uchar(utf8.at(end)) & 0xC0) == 0x80)
        --end;
    return utf8.left(end);
}

} // namespace allium
