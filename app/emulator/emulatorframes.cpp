// SPDX-License-Identifier: MIT
#include "emulator/emulatorframes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace allium::EmulatorFrames {

QString jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    // QJsonDocument holds only objects and arrays: wrap the value and drop the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString streamError(const QString &reason)
{
    return QStringLiteral("{\"status\":\"error\",\"data\":%1}").arg(jsonText(reason));
}

QString apiResponse(const QJsonValue &id, bool success, const QJsonValue &data)
{
    return apiResponseText(id, success,
                           jsonText(data.isUndefined() ? QJsonValue(QJsonValue::Null) : data));
}

QString apiResponseText(const QJsonValue &id, bool success, const QString &dataJson)
{
    const QJsonValue shownId = id.isUndefined() ? QJsonValue(QJsonValue::Null) : id;
    // Concatenated, not QString::arg(): the data may be hundreds of kilobytes.
    return QLatin1String("{\"id\":") + jsonText(shownId) + QLatin1String(",\"status\":\"") +
           (success ? QLatin1String("success") : QLatin1String("error")) +
           QLatin1String("\",\"data\":") + dataJson + QLatin1Char('}');
}

} // namespace allium::EmulatorFrames
