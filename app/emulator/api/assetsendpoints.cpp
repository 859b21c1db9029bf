// SPDX-License-Identifier: MIT
#include "emulator/api/assetsendpoints.h"

#include "emulator/api/apirequestreader.h"
#include "emulator/api/assetlisting.h"
#include "emulator/api/jsonlisttext.h"
#include "emulator/emulatorframes.h"

#include <QByteArray>
#include <QJsonArray>

#include <algorithm>

namespace allium {

namespace {

QString encodeCursor(qint64 offset)
{
    return QString::fromLatin1(
        QByteArray("offset:" + QByteArray::number(offset))
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool decodeCursor(const QString &cursor, qint64 *offset)
{
    const QByteArray raw = QByteArray::fromBase64(cursor.toLatin1(), QByteArray::Base64UrlEncoding);
    if (!raw.startsWith("offset:"))
        return false;
    bool good = false;
    *offset = raw.mid(7).toLongLong(&good);
    return good && *offset >= 0;
}

} // namespace

QList<ApiRoute> AssetsEndpoints::routes()
{
    return {{QStringLiteral("GET"), QStringLiteral("/api/v1/developer/assets"), &list}};
}

ApiAnswer AssetsEndpoints::list(const ApiRequest &request)
{
    const QJsonObject &params = request.parameters;
    QString chain;
    QString error;
    if (!ApiRequestReader::optionalChain(params, QStringLiteral("blockchain"), &chain, &error))
        return ApiAnswer::failure(error);
    qint64 limit = 0;
    if (!ApiRequestReader::integer(params, QStringLiteral("limit"), 100, 1, 10000, &limit))
        return ApiAnswer::failure(QStringLiteral("limit must be between 1 and 10000"));
    qint64 offset = 0;
    const QString cursor = params.value(QStringLiteral("cursor")).toString();
    if (!cursor.isEmpty() && !decodeCursor(cursor, &offset))
        return ApiAnswer::failure(QStringLiteral("invalid cursor \"%1\"").arg(cursor));

    const std::shared_ptr<const AssetListing> listing = AssetListing::forSeed(request.seed);
    static const QList<qsizetype> none;
    const QList<qsizetype> *indexes = nullptr;
    if (!chain.isEmpty()) {
        const auto it = listing->byChain.constFind(chain);
        indexes = it == listing->byChain.cend() ? &none : &it.value();
    }
    const qint64 size = indexes ? indexes->size() : listing->items.size();
    QJsonArray items;
    JsonListText itemsText;
    const qint64 end = std::min<qint64>(offset + limit, size);
    for (qint64 i = offset; i < end; ++i) {
        const qsizetype index = indexes ? indexes->at(i) : i;
        items.append(listing->items.at(index));
        itemsText.append(listing->itemTexts.at(index));
    }
    const QJsonValue next = end < size ? QJsonValue(encodeCursor(end)) : QJsonValue();
    // Keys in ascending order, as QJsonDocument writes them.
    const QString text = QLatin1String("{\"cursor\":") + EmulatorFrames::jsonText(next) +
                         QLatin1String(",\"items\":") + itemsText.finish() + QLatin1Char('}');
    return ApiAnswer::successText(
        text, QJsonObject{{QStringLiteral("items"), items}, {QStringLiteral("cursor"), next}});
}

} // namespace allium
