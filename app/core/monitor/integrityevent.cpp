// SPDX-License-Identifier: MIT
#include "core/monitor/integrityevent.h"

#include <QDateTime>
#include <QJsonArray>

namespace allium {

QString IntegrityEvent::kindName(IntegrityEventKind kind)
{
    switch (kind) {
    case IntegrityEventKind::Gap:
        return QStringLiteral("gap");
    case IntegrityEventKind::Reorg:
        return QStringLiteral("reorg");
    case IntegrityEventKind::Duplicate:
        return QStringLiteral("duplicate");
    case IntegrityEventKind::OutOfOrder:
        return QStringLiteral("out_of_order");
    case IntegrityEventKind::Stall:
        return QStringLiteral("stall");
    case IntegrityEventKind::Lag:
        return QStringLiteral("lag");
    case IntegrityEventKind::Outage:
        return QStringLiteral("outage");
    }
    return QString();
}

static QString numberRange(qint64 from, qint64 to)
{
    return from == to ? QString::number(from) : QStringLiteral("%1–%2").arg(from).arg(to);
}

QString IntegrityEvent::summary() const
{
    const QString text = kindSummary();
    if (recordedAtMs < 0)
        return text;
    return QStringLiteral("%1 · recorded %2")
        .arg(text, QDateTime::fromMSecsSinceEpoch(recordedAtMs, Qt::UTC)
                       .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

QString IntegrityEvent::kindSummary() const
{
    switch (kind) {
    case IntegrityEventKind::Gap:
        return QStringLiteral("gap: %1 missing (%2)").arg(numberRange(from, to)).arg(missing);
    case IntegrityEventKind::Reorg:
        return QStringLiteral("reorg at %1, depth %2").arg(number).arg(depth);
    case IntegrityEventKind::Duplicate:
        return number >= 0 ? QStringLiteral("duplicate: %1").arg(number)
                           : QStringLiteral("duplicate message");
    case IntegrityEventKind::OutOfOrder:
        return QStringLiteral("out of order: %1").arg(number);
    case IntegrityEventKind::Stall:
        return QStringLiteral("no message for %1 s").arg(double(silentMs) / 1000.0, 0, 'f', 1);
    case IntegrityEventKind::Lag:
        return QStringLiteral("lag %1 s").arg(double(lagMs) / 1000.0, 0, 'f', 1);
    case IntegrityEventKind::Outage:
        return QStringLiteral("missed while disconnected: %1 (%2)")
            .arg(numberRange(from, to))
            .arg(missing);
    }
    return QString();
}

QJsonObject IntegrityEvent::toJson() const
{
    QJsonObject object{
        {QStringLiteral("kind"), kindName(kind)},
        {QStringLiteral("topic"), topic},
        {QStringLiteral("time"),
         QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC).toString(Qt::ISODateWithMs)},
    };
    if (recordedAtMs >= 0) {
        object.insert(
            QStringLiteral("recorded_at"),
            QDateTime::fromMSecsSinceEpoch(recordedAtMs, Qt::UTC).toString(Qt::ISODateWithMs));
    }
    switch (kind) {
    case IntegrityEventKind::Gap:
    case IntegrityEventKind::Outage:
        object.insert(QStringLiteral("from"), from);
        object.insert(QStringLiteral("to"), to);
        object.insert(QStringLiteral("missing"), missing);
        break;
    case IntegrityEventKind::Reorg:
        object.insert(QStringLiteral("number"), number);
        object.insert(QStringLiteral("depth"), depth);
        object.insert(QStringLiteral("replaced"), QJsonArray::fromStringList(replacedHashes));
        break;
    case IntegrityEventKind::Duplicate:
    case IntegrityEventKind::OutOfOrder:
        if (number >= 0) // a duplicate of a topic without numbers (fills) has none
            object.insert(QStringLiteral("number"), number);
        break;
    case IntegrityEventKind::Stall:
        object.insert(QStringLiteral("silent_ms"), silentMs);
        break;
    case IntegrityEventKind::Lag:
        object.insert(QStringLiteral("lag_ms"), lagMs);
        if (number >= 0)
            object.insert(QStringLiteral("number"), number);
        break;
    }
    return object;
}

} // namespace allium
