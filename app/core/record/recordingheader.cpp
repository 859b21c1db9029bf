// SPDX-License-Identifier: MIT
#include "core/record/recordingheader.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace allium {

QString RecordingHeader::hostOf(const QUrl &url)
{
    if (url.host().isEmpty())
        return {};
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

QByteArray RecordingHeader::toLine() const
{
    // Written member by member so that "format" comes first: `head -1` shows what the file is.
    const auto json = [](const QJsonValue &value) {
        const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return array.mid(1, array.size() - 2);
    };
    QByteArray line = "{\"format\":\"";
    line += FormatName;
    line += "\",\"version\":" + QByteArray::number(version);
    line += ",\"topic\":" + json(topic);
    line += ",\"filter\":" + json(filter.isUndefined() ? QJsonValue() : filter);
    line += ",\"profile\":" + json(profile);
    line += ",\"host\":" + json(host);
    line += ",\"app\":" + json(app);
    line +=
        ",\"started\":" +
        json(QDateTime::fromMSecsSinceEpoch(startedUs / 1000, Qt::UTC).toString(Qt::ISODateWithMs));
    line += ",\"startedUs\":" + QByteArray::number(startedUs);
    line += ",\"part\":" + QByteArray::number(part) + '}';
    return line;
}

RecordingHeader::ParseResult RecordingHeader::parse(const QByteArray &line)
{
    ParseResult result;
    const auto foreign = [&result](const QString &why) {
        result.status = Status::Foreign;
        result.error = QStringLiteral("not an Allium recording: %1").arg(why);
        return result;
    };
    if (line.isEmpty())
        return foreign(QStringLiteral("the first line is empty"));
    if (line.size() > MaxLineBytes)
        return foreign(QStringLiteral("the first line is longer than %1 bytes").arg(MaxLineBytes));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return foreign(QStringLiteral("the first line is not a JSON object"));
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("format")).toString() != QLatin1String(FormatName))
        return foreign(QStringLiteral("the first line has no \"format\":\"%1\"")
                           .arg(QLatin1String(FormatName)));
    const QJsonValue version = object.value(QStringLiteral("version"));
    const double number = version.toDouble(-1);
    if (!version.isDouble() || number < 1 || number != double(qint64(number)) || number > 1e9) {
        result.error = QStringLiteral("bad recording header: \"version\" must be a whole number "
                                      "of at least 1");
        return result;
    }
    if (number > CurrentVersion) {
        result.status = Status::NewerVersion;
        result.error = QStringLiteral("this recording has format version %1, made by a newer "
                                      "version of Allium Monitor; this one reads up to version %2")
                           .arg(qint64(number))
                           .arg(CurrentVersion);
        return result;
    }
    RecordingHeader &header = result.header;
    header.version = int(number);
    header.topic = object.value(QStringLiteral("topic")).toString();
    if (header.topic.isEmpty()) {
        result.error = QStringLiteral("bad recording header: no \"topic\"");
        return result;
    }
    header.filter = object.value(QStringLiteral("filter"));
    if (header.filter.isUndefined())
        header.filter = QJsonValue::Null;
    header.profile = object.value(QStringLiteral("profile")).toString();
    header.host = object.value(QStringLiteral("host")).toString();
    header.app = object.value(QStringLiteral("app")).toString();
    header.startedUs = object.value(QStringLiteral("startedUs")).toInteger();
    header.part = qMax(1, object.value(QStringLiteral("part")).toInt(1));
    result.status = Status::Ok;
    return result;
}

bool RecordingHeader::operator==(const RecordingHeader &other) const
{
    return version == other.version && topic == other.topic && filter == other.filter &&
           profile == other.profile && host == other.host && app == other.app &&
           startedUs == other.startedUs && part == other.part;
}

} // namespace allium
