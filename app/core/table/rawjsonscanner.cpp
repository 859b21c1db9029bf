// SPDX-License-Identifier: MIT
#include "core/table/rawjsonscanner.h"

namespace allium {

namespace {

const char *skipSpace(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        ++p;
    return p;
}

// p is at the opening quote; returns the position after the closing one, or nullptr.
const char *skipString(const char *p, const char *end)
{
    ++p;
    while (p < end) {
        const char c = *p++;
        if (c == '\\')
            ++p;
        else if (c == '"')
            return p;
    }
    return nullptr;
}

// Returns the position after the value starting at p, or nullptr when the text is cut short.
const char *skipValue(const char *p, const char *end)
{
    if (p >= end)
        return nullptr;
    if (*p == '"')
        return skipString(p, end);
    if (*p == '{' || *p == '[') {
        int depth = 0;
        while (p < end) {
            const char c = *p;
            if (c == '"') {
                p = skipString(p, end);
                if (!p)
                    return nullptr;
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return p + 1;
            ++p;
        }
        return nullptr;
    }
    while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\n' &&
           *p != '\r' && *p != '\t')
        ++p;
    return p;
}

// Calls visit(name, value) for each member of an object's text until it returns false or the
// text ends or is malformed.
template <typename Visit>
void forEachMember(QByteArrayView object, Visit &&visit)
{
    const char *p = object.data();
    const char *end = p + object.size();
    p = skipSpace(p, end);
    if (p >= end || *p != '{')
        return;
    ++p;
    while (true) {
        p = skipSpace(p, end);
        if (p >= end || *p != '"')
            return;
        const char *keyStart = p + 1;
        p = skipString(p, end);
        if (!p)
            return;
        const QByteArrayView name(keyStart, p - 1 - keyStart);
        p = skipSpace(p, end);
        if (p >= end || *p != ':')
            return;
        p = skipSpace(p + 1, end);
        const char *valueStart = p;
        p = skipValue(p, end);
        if (!p)
            return;
        if (!visit(name, QByteArrayView(valueStart, p - valueStart)))
            return;
        p = skipSpace(p, end);
        if (p >= end || *p != ',')
            return;
        ++p;
    }
}

} // namespace

RawJsonScanner::RawJsonScanner(const QString &path)
    : m_whole(path.toUtf8())
    , m_steps(m_whole.split('.'))
{}

QByteArrayView RawJsonScanner::member(QByteArrayView object, QByteArrayView key)
{
    QByteArrayView found;
    forEachMember(object, [&](QByteArrayView name, QByteArrayView value) {
        if (name != key)
            return true;
        found = value;
        return false;
    });
    return found;
}

void RawJsonScanner::members(QByteArrayView object, const QByteArrayList &keys,
                             QByteArrayView *values)
{
    for (qsizetype i = 0; i < keys.size(); ++i)
        values[i] = {};
    forEachMember(object, [&](QByteArrayView name, QByteArrayView value) {
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (name == keys.at(i))
                values[i] = value; // the last of duplicate keys, as QJsonDocument keeps
        }
        return true;
    });
}

QByteArrayView RawJsonScanner::element(QByteArrayView array, int index)
{
    const char *p = array.data();
    const char *end = p + array.size();
    p = skipSpace(p, end);
    if (p >= end || *p != '[' || index < 0)
        return {};
    ++p;
    for (int at = 0;; ++at) {
        p = skipSpace(p, end);
        if (p >= end || *p == ']')
            return {};
        const char *valueStart = p;
        p = skipValue(p, end);
        if (!p)
            return {};
        if (at == index)
            return QByteArrayView(valueStart, p - valueStart);
        p = skipSpace(p, end);
        if (p >= end || *p != ',')
            return {};
        ++p;
    }
}

QByteArrayView RawJsonScanner::valueAt(QByteArrayView json) const
{
    if (m_whole.isEmpty())
        return {};
    if (m_steps.size() > 1) {
        const QByteArrayView whole = member(json, m_whole);
        if (!whole.isEmpty())
            return whole;
    }
    QByteArrayView current = json;
    for (const QByteArray &step : m_steps) {
        const char *p = skipSpace(current.data(), current.data() + current.size());
        if (p >= current.data() + current.size())
            return {};
        if (*p == '{') {
            current = member(current, step);
        } else if (*p == '[') {
            bool ok = false;
            const int index = step.toInt(&ok);
            current = ok ? element(current, index) : QByteArrayView();
        } else {
            return {};
        }
        if (current.isEmpty())
            return {};
    }
    return current;
}

} // namespace allium
