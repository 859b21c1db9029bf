// SPDX-License-Identifier: MIT
#include "emulator/api/tokensendpoints.h"

#include "emulator/api/apirequestreader.h"
#include "emulator/api/apivalues.h"
#include "emulator/api/jsonlisttext.h"
#include "emulator/api/tokenlisting.h"

#include <QJsonArray>
#include <QStringList>

#include <algorithm>

namespace allium {

QList<ApiRoute> TokensEndpoints::routes()
{
    return {
        {QStringLiteral("GET"), QStringLiteral("/api/v1/developer/tokens"), &list},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/developer/tokens/search"), &search},
        {QStringLiteral("POST"), QStringLiteral("/api/v1/developer/tokens/chain-address"),
         &byChainAddress},
    };
}

ApiAnswer TokensEndpoints::list(const ApiCall &request)
{
    const QJsonObject &params = request.parameters;
    QString chain;
    if (auto refused = ApiRequestReader::optionalChain(params, QStringLiteral("chain"), &chain))
        return *refused;
    const QString sort = params.value(QStringLiteral("sort")).toString(QStringLiteral("volume"));
    const QString order = params.value(QStringLiteral("order")).toString(QStringLiteral("desc"));
    const qint64 limit = ApiRequestReader::integer(params, QStringLiteral("limit"), 50);
    const qint64 offset = ApiRequestReader::integer(params, QStringLiteral("offset"), 0);

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

ApiAnswer TokensEndpoints::search(const ApiCall &request)
{
    const QJsonObject &params = request.parameters;
    QString chain;
    if (auto refused = ApiRequestReader::optionalChain(params, QStringLiteral("chain"), &chain))
        return *refused;
    const QString q = params.value(QStringLiteral("q")).toString().trimmed();
    const qint64 limit = ApiRequestReader::integer(params, QStringLiteral("limit"), 20);
    const std::shared_ptr<const TokenListing> listing = TokenListing::forSeed(request.seed);
    // The most traded matches first, as a search box wants them.
    const auto sorted = listing->order(chain, QStringLiteral("volume"), false);
    QJsonArray result;
    JsonListText text;
    for (size_t i = 0; i < sorted->size() && result.size() < limit; ++i) {
        const TokenListing::Row &row = listing->row(sorted->at(i));
        const QJsonObject info = row.object.value(QLatin1String("info")).toObject();
        if (row.name.contains(q, Qt::CaseInsensitive) ||
            info.value(QLatin1String("symbol")).toString().contains(q, Qt::CaseInsensitive) ||
            row.address.compare(q, Qt::CaseInsensitive) == 0) {
            result.append(row.object);
            text.append(row.text);
        }
    }
    return ApiAnswer::successText(text.finish(), result);
}

ApiAnswer TokensEndpoints::byChainAddress(const ApiCall &request)
{
    QList<ApiRequestReader::Input> inputs;
    if (auto refused = ApiRequestReader::inputs(request.body, QJsonArray{QStringLiteral("body")},
                                                QStringLiteral("token_address"), &inputs))
        return *refused;
    const std::shared_ptr<const TokenListing> listing = TokenListing::forSeed(request.seed);
    QJsonArray result;
    for (const auto &input : std::as_const(inputs)) {
        const auto rows = listing->order(input.chain, QStringLiteral("address"), true);
        const auto it = std::lower_bound(rows->cbegin(), rows->cend(), input.address,
                                         [&listing](qsizetype index, const QString &address) {
                                             return listing->row(index).address < address;
                                         });
        if (it != rows->cend() && listing->row(*it).address == input.address) {
            result.append(listing->row(*it).object);
        } else {
            // Any well-formed address is some token: made up from the address.
            const SyntheticTokens::Token t =
                ApiValues::token(request.seed, input.chain, input.address);
            result.append(ApiValues::tokenObject(t, ApiValues::latestPrice(request.seed, t)));
        }
    }
    return ApiAnswer::success(result);
}

} // namespace allium
