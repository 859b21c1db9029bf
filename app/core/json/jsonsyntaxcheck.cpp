// SPDX-License-Identifier: MIT
#include "core/json/jsonsyntaxcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace allium {

JsonSyntaxCheck JsonSyntaxCheck::check(const QString &text)
{
    JsonSyntaxCheck result;
    if (text.trimmed().isEmpty())
        return result;
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
    if (error.error == QJsonParseError::NoError) {
        result.m_value =
            document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
        return result;
    }
    result.m_valid = false;
    result.m_reason = error.errorString();
    // Qt reports the byte after the offending one (except for garbage at the end); people want
    // the offending character, counted as the editor counts (UTF-16 units).
    int byteOffset = error.offset;
    if (error.error != QJsonParseError::GarbageAtEnd)
        --byteOffset;
    byteOffset = qBound(0, byteOffset, int(utf8.size()));
    result.m_offset = int(QString::fromUtf8(utf8.left(byteOffset)).size());
    // Some errors ("illegal number") are reported at the offending byte itself, so the step back
    // lands on the whitespace before it; an error is never whitespace, so step over it.
    while (result.m_offset < text.size() && text.at(result.m_offset).isSpace())
        ++result.m_offset;
    // lastIndexOf(…, -1) would search from the end, so offset 0 is handled apart.
    const int lineStart = result.m_offset == 0
                              ? 0
                              : int(text.lastIndexOf(QLatin1Char('\n'), result.m_offset - 1)) + 1;
    result.m_line = int(text.left(result.m_offset).count(QLatin1Char('\n'))) + 1;
    result.m_column = result.m_offset - lineStart + 1;
    return result;
}

QString JsonSyntaxCheck::message() const
{
    if (m_valid)
        return {};
    return QStringLiteral("Line %1, column %2: %3").arg(m_line).arg(m_column).arg(m_reason);
}

} // namespace allium
