// SPDX-License-Identifier: MIT
#include "core/api/apinextpage.h"

#include "core/api/apirequestvalidator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

namespace allium {

QString ApiNextPage::cursorOf(const QJsonValue &data)
{
    return data.toObject().value(QLatin1String("cursor")).toString();
}

std::optional<ApiRequest> ApiNextPage::after(const ApiEndpoint &endpoint, const ApiRequest &request,
                                             const QJsonValue &data)
{
    QString name;
    QString value;
    if (endpoint.paging == ApiPaging::Cursor) {
        name = QStringLiteral("cursor");
        value = cursorOf(data);
    } else if (endpoint.paging == ApiPaging::Offset) {
        const QJsonObject query =
            ApiRequestValidator::queryOf(request.method, request.path, request.body);
        const ApiParameter *limitParameter = endpoint.parameter(QStringLiteral("limit"));
        qint64 limit = limitParameter ? qint64(limitParameter->defaultValue.toDouble()) : 0;
        qint64 offset = 0;
        ApiRequestValidator::integerOf(query.value(QLatin1String("limit")), true, &limit);
        ApiRequestValidator::integerOf(query.value(QLatin1String("offset")), true, &offset);
        const QJsonArray rows = endpoint.itemsKey.isEmpty()
                                    ? data.toArray()
                                    : data.toObject().value(endpoint.itemsKey).toArray();
        // A short page is the last one.
        if (limit > 0 && rows.size() >= limit) {
            name = QStringLiteral("offset");
            value = QString::number(offset + limit);
        }
    }
    if (value.isEmpty())
        return std::nullopt;
    ApiRequest next = withQuery(request, name, value);
    next.id.clear();
    return next;
}

ApiRequest ApiNextPage::withQuery(const ApiRequest &request, const QString &name,
                                  const QString &value)
{
    ApiRequest next = request;
    if (request.method.toUpper() == QLatin1String("GET")) {
        QJsonObject body = request.body.toObject();
        // Offsets stay numbers when the user wrote numbers.
        bool number = false;
        const qint64 n = value.toLongLong(&number);
        body.insert(name, number && name != QLatin1String("cursor") ? QJsonValue(double(n))
                                                                    : QJsonValue(value));
        next.body = body;
        // A query string's item would lose to the body's member anyway: drop it.
        if (request.path.contains(QLatin1Char('?'))) {
            QUrlQuery query(request.path.section(QLatin1Char('?'), 1));
            query.removeAllQueryItems(name);
            const QString rest = query.toString(QUrl::FullyEncoded);
            next.path = request.path.section(QLatin1Char('?'), 0, 0) +
                        (rest.isEmpty() ? QString() : QLatin1Char('?') + rest);
        }
        return next;
    }
    const QString bare = request.path.section(QLatin1Char('?'), 0, 0);
    QUrlQuery query(request.path.section(QLatin1Char('?'), 1));
    query.removeAllQueryItems(name);
    query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    next.path = bare + QLatin1Char('?') + query.toString(QUrl::FullyEncoded);
    return next;
}

} // namespace allium
