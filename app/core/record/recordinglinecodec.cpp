// SPDX-License-Identifier: MIT
#include "core/record/recordinglinecodec.h"

#include <simdjson.h>

#include <cstring>

namespace allium {

namespace {

constexpr char TimePrefix[] = "{\"t\":";
constexpr qsizetype TimePrefixSize = sizeof(TimePrefix) - 1;
constexpr char VerbatimKey[] = ",\"m\":";
constexpr char EscapedKey[] = ",\"s\":";
constexpr qsizetype KeySize = sizeof(VerbatimKey) - 1;
constexpr int MaxTimeDigits = 18; // µs since the epoch stay far below 10^18

void appendEscaped(QByteArray *out, const QByteArray &text)
{
    static const char hex[] = "0123456789abcdef";
    out->append('"');
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out->append('\\');
            out->append(c);
        } else if (c == '\n') {
            out->append("\\n", 2);
        } else if (c == '\r') {
            out->append("\\r", 2);
        } else if (c == '\t') {
            out->append("\\t", 2);
        } else if (byte < 0x20) {
            out->append("\\u00", 4);
            out->append(hex[byte >> 4]);
            out->append(hex[byte & 0xf]);
        } else {
            out->append(c); // UTF-8 bytes as they are
        }
    }
    out->append('"');
}

} // namespace

struct RecordingLineCodec::Private
{
    simdjson::dom::parser parser;
};

RecordingLineCodec::RecordingLineCodec()
    : d(std::make_unique<Private>())
{}

RecordingLineCodec::~RecordingLineCodec() = default;

bool RecordingLineCodec::isValidJson(const char *text, qsizetype size)
{
    simdjson::dom::element element;
    return d->parser.parse(text, std::size_t(size), true).get(element) == simdjson::SUCCESS;
}

void RecordingLineCodec::appendLine(QByteArray *out, qint64 timeUs, const QByteArray &message)
{
    out->append(TimePrefix, TimePrefixSize);
    out->append(QByteArray::number(timeUs));
    const bool oneLine = !message.contains('\n') && !message.contains('\r');
    if (oneLine && isValidJson(message.constData(), message.size())) {
        out->append(VerbatimKey, KeySize);
        out->append(message);
    } else {
        out->append(EscapedKey, KeySize);
        appendEscaped(out, message);
    }
    out->append("}\n", 2);
}

bool RecordingLineCodec::parseLine(const char *line, qsizetype size, qint64 *timeUs,
                                   QByteArray *message, QString *reason)
{
    if (size > MaxLineBytes) {
        *reason = QStringLiteral("line longer than %1 bytes").arg(MaxLineBytes);
        return false;
    }
    if (size < TimePrefixSize || std::memcmp(line, TimePrefix, TimePrefixSize) != 0) {
        *reason = QStringLiteral("not a recording line (expected {\"t\":…,\"m\":…})");
        return false;
    }
    const char *p = line + TimePrefixSize;
    const char *const end = line + size;
    qint64 time = 0;
    int digits = 0;
    while (p < end && *p >= '0' && *p <= '9' && digits < MaxTimeDigits) {
        time = time * 10 + (*p++ - '0');
        ++digits;
    }
    if (digits == 0 || (p < end && *p >= '0' && *p <= '9')) {
        *reason = QStringLiteral("bad time: \"t\" must be microseconds since the epoch");
        return false;
    }
    if (end - p < KeySize + 2 || end[-1] != '}') {
        *reason = QStringLiteral("line cut short or not closed by }");
        return false;
    }
    const bool verbatim = std::memcmp(p, VerbatimKey, KeySize) == 0;
    if (!verbatim && std::memcmp(p, EscapedKey, KeySize) != 0) {
        *reason = QStringLiteral("expected \"m\" or \"s\" after \"t\"");
        return false;
    }
    const char *body = p + KeySize;
    const qsizetype bodySize = (end - 1) - body;
    if (verbatim) {
        if (!isValidJson(body, bodySize)) {
            *reason = QStringLiteral("the message is not valid JSON");
            return false;
        }
        *message = QByteArray(body, bodySize);
    } else {
        // simdjson unescapes the string (and checks it is one).
        std::string_view text;
        simdjson::dom::element element;
        if (d->parser.parse(body, std::size_t(bodySize), true).get(element) != simdjson::SUCCESS ||
            element.get_string().get(text) != simdjson::SUCCESS) {
            *reason = QStringLiteral("the message is not a valid JSON string");
            return false;
        }
        *message = QByteArray(text.data(), qsizetype(text.size()));
    }
    *timeUs = time;
    return true;
}

} // namespace allium
