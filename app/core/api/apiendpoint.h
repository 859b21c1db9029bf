// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apiparameter.h"

#include <QJsonValue>
#include <QList>
#include <QString>

namespace allium {

/// The documentation's grouping of the Developer API, for the console's endpoint list.
enum class ApiArea { Assets, Prices, Tokens, Wallet, Hyperliquid, Chains };

/// How a request body is shaped: none (GET: its members are the query), one object, or a
/// batch array of input objects.
enum class ApiBodyKind { None, Object, Array };

/// How an endpoint's results continue: not at all, with an opaque `cursor` in the response
/// that the next request sends back, or with limit/offset query parameters.
enum class ApiPaging { None, Cursor, Offset };

/// One Developer API endpoint as Allium's documentation describes it: method, path, request
/// parameters, response shape and Developer Unit cost. One entry of ApiEndpointCatalogue.
struct ApiEndpoint
{
    QString method;
    QString path;
    QString description; ///< one line
    ApiArea area = ApiArea::Assets;
    QString details; ///< what the documentation says beyond the one line, plain text
    /// Query parameters, and the members of an object body.
    QList<ApiParameter> parameters;
    ApiBodyKind body = ApiBodyKind::None;
    /// The member of an object body that holds the batch array ("addresses"); empty when the
    /// body is the batch array itself or there is no batch.
    QString batchField;
    QList<ApiParameter> itemParameters; ///< the members of each batch input
    int maxBatch = 0;                   ///< most inputs in one request; 0: no batch
    QString responseShape;              ///< the documented response, as JSON-like text
    int cost = -1;                      ///< Developer Units per request (or input); -1 unknown
    bool costPerInput = false;          ///< "multiplied by the number of inputs"
    ApiPaging paging = ApiPaging::None;
    QString itemsKey;       ///< "items" when rows are there; empty for a top-level array
    QJsonValue exampleBody; ///< a valid body to start from (query members for GET)

    bool isBatch() const { return maxBatch > 0; }
    const ApiParameter *parameter(const QString &name) const;
    const ApiParameter *itemParameter(const QString &name) const;
};

/// "Assets", "Prices", … as the documentation names the areas.
QString apiAreaName(ApiArea area);

} // namespace allium
