// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apivalidationissue.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace allium {

/// An endpoint's answer as its handler makes it: a JSON value, its compact JSON text, or both
/// when both come cheaply (listings keep each item's text); large answers are text only.
/// An error is the HTTP answer the REST API would give, with its status inside:
/// {"status_code":422,"detail":[{"loc","msg","type"}]} or {"status_code":400,"detail":"…"}.
struct ApiAnswer
{
    bool ok = false;
    QJsonValue data; ///< undefined when only `text` is set; the error object when !ok
    QString text;    ///< null when only `data` is set

    static ApiAnswer success(const QJsonValue &data) { return {true, data, QString()}; }
    /// `json` is the compact JSON text of the answer; `data` the same value, when at hand.
    static ApiAnswer successText(const QString &json,
                                 const QJsonValue &data = QJsonValue(QJsonValue::Undefined))
    {
        return {true, data, json};
    }
    static ApiAnswer error(int status, const QJsonValue &detail)
    {
        return {false,
                QJsonObject{{QStringLiteral("status_code"), status},
                            {QStringLiteral("detail"), detail}},
                QString()};
    }
    /// 400 Bad request.
    static ApiAnswer failure(const QString &message) { return error(400, message); }
    /// 422 Validation failed, naming each field.
    static ApiAnswer invalid(const QList<ApiValidationIssue> &issues)
    {
        return error(422, ApiValidationIssue::detail(issues).value(QStringLiteral("detail")));
    }
    static ApiAnswer invalid(const QJsonArray &loc, const QString &msg, const QString &type)
    {
        return invalid({ApiValidationIssue{loc, msg, type}});
    }
};

} // namespace allium
