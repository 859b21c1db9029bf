// SPDX-License-Identifier: MIT
#include "core/alerts/alertevent.h"

#include <QDateTime>
#include <QJsonDocument>

namespace allium {

void AlertEvent::setMessage(const QByteArray &json)
{
    messageBytes = json.size();
    message = json.size() <= MaxMessageBytes ? json : QByteArray();
}

QJsonObject AlertEvent::toJson() const
{
    QJsonObject object{
        {QStringLiteral("kind"), QStringLiteral("alert")},
        {QStringLiteral("topic"), topic},
        {QStringLiteral("time"),
         QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC).toString(Qt::ISODateWithMs)},
        {QStringLiteral("rule"), rule},
        {QStringLiteral("rule_kind"), AlertRule::kindName(ruleKind)},
        {QStringLiteral("count"), qint64(count)},
    };
    if (heldBack)
        object.insert(QStringLiteral("held_back"), true);
    if (!detail.isEmpty())
        object.insert(QStringLiteral("detail"), detail);
    if (!integrity.isEmpty())
        object.insert(QStringLiteral("integrity"), integrity);
    const QJsonDocument document = QJsonDocument::fromJson(message);
    if (document.isObject())
        object.insert(QStringLiteral("message"), document.object());
    else if (messageBytes > 0)
        object.insert(QStringLiteral("message_bytes"), messageBytes);
    return object;
}

QString AlertEvent::summary() const
{
    QString text = count == 1 ? QStringLiteral("%1: 1 match").arg(rule)
                              : QStringLiteral("%1: %2 matches").arg(rule).arg(count);
    if (heldBack)
        text += QStringLiteral(" during the cooldown");
    if (!detail.isEmpty())
        text += QStringLiteral(" (%1)").arg(detail);
    return text;
}

qint64 AlertEvent::footprintBytes() const
{
    return qint64(sizeof(AlertEvent)) + message.size() +
           (rule.size() + topic.size() + detail.size()) * 2 + (integrity.isEmpty() ? 0 : 512);
}

} // namespace allium
