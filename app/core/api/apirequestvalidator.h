// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apiendpoint.h"
#include "core/api/apivalidationissue.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>

namespace allium {

/// Checks a request against its endpoint's documented parameters before it is sent (console,
/// CLI) or answered (emulator): required fields, types, ranges, enum choices, lower-case chain
/// names, batch sizes. Each problem names its field as FastAPI's 422 answer does.
class ApiRequestValidator
{
public:
    /// Everything wrong with `body` and `query` for `endpoint`; empty when it may be sent.
    static QList<ApiValidationIssue> validate(const ApiEndpoint &endpoint, const QJsonValue &body,
                                              const QJsonObject &query);
    /// validate() of a request as the websocket carries it: for GET the body's members are the
    /// query, for other methods the path's query string is.
    static QList<ApiValidationIssue> validateRequest(const ApiEndpoint &endpoint,
                                                     const QString &method, const QString &path,
                                                     const QJsonValue &body);
    /// The query parameters of a request: a GET body's members, then the path's query items
    /// the body does not set (text).
    static QJsonObject queryOf(const QString &method, const QString &path, const QJsonValue &body);
    /// The problem with one value of `parameter` at `loc`, or nothing (an empty msg).
    /// `fromQuery`: numbers and booleans may come as text.
    static ApiValidationIssue checkValue(const ApiParameter &parameter, const QJsonValue &value,
                                         const QJsonArray &loc, bool fromQuery);
    /// The integer in `value` (a JSON number or, when `fromQuery`, decimal text), or false.
    static bool integerOf(const QJsonValue &value, bool fromQuery, qint64 *out);
};

} // namespace allium
