// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <QString>

namespace allium {

/// Reads the `data` of an error response for people: a plain message as it is, an HTTP-style
/// error object ({"status_code":422,"detail":[{"loc","msg","type"}]} or {"detail":"…"}) as
/// "HTTP 422: body[0].chain: field required".
class ApiErrorText
{
public:
    static QString describe(const QJsonValue &data);
};

} // namespace allium
