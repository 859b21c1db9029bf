// SPDX-License-Identifier: MIT
#include "emulator/messagewriter.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

namespace allium {

namespace {

constexpr char HexDigits[] = "0123456789abcdef";
// Integral doubles up to this magnitude are held as integers by QJsonValue (and printed so).
constexpr double MaxExactInteger = 9007199254740992.0;

// JSON's two-character escapes: the character, and the letter that follows the backslash.
constexpr std::pair<char16_t, char> ShortEscapes[] = {{u'"', '"'},  {u'\\', '\\'}, {u'\b', 'b'},
                                                      {u'\f', 'f'}, {u'\n', 'n'},  {u'\r', 'r'},
                                                      {u'\t', 't'}};

// The letter of `c`'s two-character escape, or 0 when it has none (and is written as \uXXXX).
char shortEscape(char16_t c)
{
    for (const auto &[character, letter] : ShortEscapes) {
        if (character == c)
            return letter;
    }
    return 0;
}

bool needsEscape(char16_t c)
{
    return c < 0x20 || c == u'"' || c == u'\\' || (c >= 0xd800 && c <= 0xdfff);
}

// The length of the prefix of `in` that JSON copies as is. Four characters at a time: a lane at
// or above 0x8000 (surrogates among them), below 0x20, '"' or '\\' stops the fast loop (a lane
// after a hit may be flagged too: the exact loop then takes over).
qsizetype plainPrefix(const char16_t *in, qsizetype size)
{
    constexpr quint64 Ones = 0x0001000100010001ULL;
    constexpr quint64 Highs = 0x8000800080008000ULL;
    const auto anyBelow = [](quint64 x, quint64 n) { return ((x - n * Ones) & ~x & Highs) != 0; };
    qsizetype plain = 0;
    for (; plain + 4 <= size; plain += 4) {
        quint64 x;
        std::memcpy(&x, in + plain, sizeof(x));
        if ((x & Highs) || anyBelow(x, 0x20) || anyBelow(x ^ (0x22 * Ones), 1) ||
            anyBelow(x ^ (0x5c * Ones), 1))
            break;
    }
    while (plain < size && !needsEscape(in[plain]))
        ++plain;
    return plain;
}

} // namespace

MessageWriter::MessageWriter()
{
    m_frames.reserve(8);
}

void MessageWriter::reset(ObjectMode mode)
{
    m_mode = mode;
    m_length = 0;
    m_frames.clear();
    m_object = QJsonObject();
}

void MessageWriter::setSelectedPaths(const QStringList &fieldPaths)
{
    m_selected.clear();
    for (const QString &path : fieldPaths)
        m_selected.push_back(path.split(QLatin1Char('.')));
}

char16_t *MessageWriter::reserve(qsizetype count)
{
    if (m_length + count > m_text.size())
        m_text.resize(std::max<qsizetype>(m_text.size() * 2, m_length + count + 512));
    // data() detaches only when a caller still shares the buffer (never after takeText()).
    return reinterpret_cast<char16_t *>(m_text.data()) + m_length;
}

void MessageWriter::putLatin1(const char *text, qsizetype size)
{
    char16_t *out = reserve(size);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char16_t(uchar(text[i]));
    m_length += size;
}

void MessageWriter::separate()
{
    if (m_frames.empty())
        return;
    Frame &frame = m_frames.back();
    if (frame.isArray && !frame.first)
        putChar(u',');
    frame.first = false;
}

void MessageWriter::addValue(const QJsonValue &value)
{
    Frame &frame = m_frames.back();
    if (frame.isArray)
        frame.array.append(value);
    else
        frame.object.insert(frame.memberKey, value);
}

bool MessageWriter::capturingFully() const
{
    if (m_frames.empty())
        return m_mode == ObjectMode::All;
    const Frame &frame = m_frames.back();
    return frame.isArray ? frame.capture : frame.memberFull;
}

void MessageWriter::selectMember(Frame &frame, QLatin1String name) const
{
    frame.memberCapture = frame.memberFull = frame.full;
    if (frame.full || !frame.capture)
        return;
    // This member's path is the current member of every enclosing frame, then `name`.
    const size_t depth = m_frames.size() - 1;
    for (const QStringList &path : m_selected) {
        if (size_t(path.size()) <= depth || path.at(qsizetype(depth)) != name)
            continue;
        bool prefix = true;
        for (size_t i = 0; i < depth && prefix; ++i)
            prefix = path.at(qsizetype(i)) == m_frames[i].memberKey;
        if (!prefix)
            continue;
        frame.memberCapture = true;
        if (size_t(path.size()) == depth + 1) {
            frame.memberFull = true;
            return;
        }
    }
}

MessageWriter &MessageWriter::beginObject()
{
    separate();
    Frame frame;
    frame.capture = capturing();
    frame.full = capturingFully();
    putChar(u'{');
    m_frames.push_back(std::move(frame));
    return *this;
}

MessageWriter &MessageWriter::endObject()
{
    putChar(u'}');
    Frame frame = std::move(m_frames.back());
    m_frames.pop_back();
    if (m_frames.empty()) {
        if (frame.capture)
            m_object = frame.object;
    } else if (capturing()) {
        addValue(frame.object);
    }
    return *this;
}

MessageWriter &MessageWriter::beginArray()
{
    separate();
    Frame frame;
    frame.isArray = true;
    // A path into an array (topics.0) builds the whole array: simpler, and arrays are short.
    frame.capture = frame.full = capturing();
    putChar(u'[');
    m_frames.push_back(std::move(frame));
    return *this;
}

MessageWriter &MessageWriter::endArray()
{
    putChar(u']');
    Frame frame = std::move(m_frames.back());
    m_frames.pop_back();
    if (!m_frames.empty() && capturing())
        addValue(frame.array);
    return *this;
}

MessageWriter &MessageWriter::key(QLatin1String name)
{
    Frame &frame = m_frames.back();
    const qsizetype size = name.size();
    char16_t *out = reserve(size + 4);
    if (!frame.first)
        *out++ = u',', ++m_length;
    frame.first = false;
    *out++ = u'"';
    for (qsizetype i = 0; i < size; ++i)
        *out++ = char16_t(uchar(name.data()[i]));
    *out++ = u'"';
    *out = u':';
    m_length += size + 3;
    frame.memberKey = name;
    if (m_mode != ObjectMode::None)
        selectMember(frame, name);
    return *this;
}

MessageWriter &MessageWriter::string(QStringView text)
{
    separate();
    const qsizetype size = text.size();
    const char16_t *in = text.utf16();
    qsizetype plain = plainPrefix(in, size);
    char16_t *out = reserve(size + 2);
    *out++ = u'"';
    if (plain > 0) // a null view's utf16() is nullptr, which memcpy may not take even for 0
        std::memcpy(out, in, size_t(plain) * sizeof(char16_t));
    m_length += plain + 1;
    // The rest (rare): escape as QJsonDocument does; a lone surrogate becomes \uXXXX.
    for (qsizetype i = plain; i < size; ++i) {
        const char16_t c = in[i];
        if (!needsEscape(c)) {
            putChar(c);
            continue;
        }
        if (c >= 0xd800 && c <= 0xdfff) {
            const bool pair =
                c < 0xdc00 && i + 1 < size && in[i + 1] >= 0xdc00 && in[i + 1] <= 0xdfff;
            if (pair) {
                putChar(c);
                putChar(in[++i]);
                continue;
            }
        }
        const char letter = shortEscape(c);
        if (letter != 0) {
            const char escaped[2] = {'\\', letter};
            putLatin1(escaped, 2);
            continue;
        }
        const char escaped[6] = {'\\',
                                 'u',
                                 HexDigits[(c >> 12) & 0xf],
                                 HexDigits[(c >> 8) & 0xf],
                                 HexDigits[(c >> 4) & 0xf],
                                 HexDigits[c & 0xf]};
        putLatin1(escaped, 6);
    }
    putChar(u'"');
    if (capturing())
        addValue(text.toString());
    return *this;
}

MessageWriter &MessageWriter::string(QLatin1String text)
{
    separate();
    // Only constants come here: ASCII with nothing to escape.
    char16_t *out = reserve(text.size() + 2);
    *out++ = u'"';
    for (qsizetype i = 0; i < text.size(); ++i)
        *out++ = char16_t(uchar(text.data()[i]));
    *out = u'"';
    m_length += text.size() + 2;
    if (capturing())
        addValue(QString(text));
    return *this;
}

MessageWriter &MessageWriter::stringOrNull(const QString &text)
{
    return text.isEmpty() ? null() : string(text);
}

void MessageWriter::writeInteger(qint64 value)
{
    char digits[24];
    char *end = digits + sizeof(digits);
    char *p = end;
    // Negate in unsigned arithmetic so the most negative value works too.
    quint64 magnitude = value < 0 ? 0 - quint64(value) : quint64(value);
    do {
        *--p = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0)
        *--p = '-';
    putLatin1(p, end - p);
}

MessageWriter &MessageWriter::number(double value)
{
    separate();
    if (!std::isfinite(value)) {
        putLatin1("null", 4);
    } else if (std::floor(value) == value && std::abs(value) <= MaxExactInteger) {
        writeInteger(qint64(value));
    } else {
        const QByteArray text = QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
        putLatin1(text.constData(), text.size());
    }
    if (capturing())
        addValue(value);
    return *this;
}

MessageWriter &MessageWriter::integer(qint64 value)
{
    separate();
    writeInteger(value);
    if (capturing())
        addValue(value);
    return *this;
}

MessageWriter &MessageWriter::boolean(bool value)
{
    separate();
    if (value)
        putLatin1("true", 4);
    else
        putLatin1("false", 5);
    if (capturing())
        addValue(value);
    return *this;
}

MessageWriter &MessageWriter::null()
{
    separate();
    putLatin1("null", 4);
    if (capturing())
        addValue(QJsonValue());
    return *this;
}

QString MessageWriter::takeText()
{
    const qsizetype capacity = m_text.size();
    m_text.truncate(m_length);
    QString text = std::move(m_text);
    // The next message is about as long: one allocation of the right size, never a regrowth.
    m_text = QString(std::max<qsizetype>(capacity, 256), Qt::Uninitialized);
    m_length = 0;
    return text;
}

} // namespace allium
