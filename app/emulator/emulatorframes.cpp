#include "emulatorframes.h"

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
    const QJsonValue shownId = id.isUndefined() ? QJsonValue(QJsonValue::Null) : id;
    return QStringLiteral("{\"id\":%1,\"status\":\"%2\",\"data\":%3}")
        .arg(jsonText(shownId), success ? QStringLiteral("success") : QStringLiteral("error"),
             jsonText(data.isUndefined() ? QJsonValue(QJsonValue::Null) : data));
}

} // namespace allium::EmulatorFrames
