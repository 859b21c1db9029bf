// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apiendpoint.h"
#include "core/api/apirequest.h"

#include <QJsonValue>
#include <QString>

#include <optional>

namespace allium {

/// Follows an endpoint's paging: the request for the page after a response, with the
/// response's opaque `cursor` (or the next offset) put where the endpoint takes it.
class ApiNextPage
{
public:
    /// The non-empty string `cursor` of a response's data, or empty (the last page).
    static QString cursorOf(const QJsonValue &data);
    /// The request for the page after `data`, the answer to `request`; nothing on the last page
    /// or for an endpoint without paging. The new request has no id.
    static std::optional<ApiRequest> after(const ApiEndpoint &endpoint, const ApiRequest &request,
                                           const QJsonValue &data);
    /// `request` with the query parameter `name` set: a GET body's member, else an item of the
    /// path's query string.
    static ApiRequest withQuery(const ApiRequest &request, const QString &name,
                                const QString &value);
};

} // namespace allium
