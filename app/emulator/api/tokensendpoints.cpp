// SPDX-License-Identifier: MIT
#include "emulator/api/tokensendpoints.h"

#include "emulator/api/apirequestreader.h"
#include "emulator/api/jsonlisttext.h"
#include "emulator/api/tokenlisting.h"

#include <QJsonArray>
#include <QStringList>

namespace allium {

QList<ApiRoute> TokensEndpoints::routes()
{
    return {{QStringLiteral("GET"), QStringLiteral("/api/v1/developer/tokens"), &list}};
}

ApiAnswer TokensEndpoints::list(const ApiRequest &request)
{
    const QJsonObject &params = request.parameters;
    QString chain;
    QString error;
    if (!ApiRequestReader::optionalChain(params, QStringLiteral("chain"), &chain, &error))
        return ApiAnswer::failure(error);
    const QString sort = params.value(QStringLiteral("sort")).toString(QStringLiteral("volume"));
    const QStringList sorts{QStringLiteral("volume"), QStringLiteral("trade_count"),
                            QStringLiteral("fully_diluted_valuation"), QStringLiteral("address"),
                            QStringLiteral("name")};
    if (!sorts.contains(sort)) {
        return ApiAnswer::failure(
            QStringLiteral("sort must be one of %1").arg(sorts.join(QStringLiteral(", "))));
    }
    const QString order = params.value(QStringLiteral("order")).toString(QStringLiteral("desc"));
    if (order != QLatin1String("asc") && order != QLatin1String("desc"))
        return ApiAnswer::failure(QStringLiteral("order must be asc or desc"));
    qint64 limit = 0;
    if (!ApiRequestReader::integer(params, QStringLiteral("limit"), 50, 1, 200, &limit))
        return ApiAnswer::failure(QStringLiteral("limit must be between 1 and 200"));
    qint64 offset = 0;
    if (!ApiRequestReader::integer(params, QStringLiteral("offset"), 0, 0, 1000000, &offset))
        return ApiAnswer::failure(QStringLiteral("offset must be a non-negative integer"));

    const std::shared_ptr<const TokenListing> listing = TokenListing::forSeed(request.seed);
    const auto sorted = listing->order(chain, sort, order == QLatin1String("asc"));
    QJsonArray result;
    JsonListText text;
    for (qint64 i = offset; i < qint64(sorted->size()) && i < offset + limit; ++i) {
        const TokenListing::Row &row = listing->row(sorted->at(size_t(i)));
        result.append(row.object);
        text.append(row.text);
    }
    return ApiAnswer::successText(text.finish(), result);
}

} // namespace allium
