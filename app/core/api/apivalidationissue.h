// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace allium {

/// One thing wrong with a request, as FastAPI's 422 answer names it: where (`loc`, e.g.
/// ["body", 0, "chain"]), what (`msg`) and a machine-readable `type` ("value_error.missing").
struct ApiValidationIssue
{
    QJsonArray loc;
    QString msg;
    QString type;

    /// The place as people read it: "body[0].chain", "query.limit", "body".
    QString place() const;
    /// "body[0].chain: field required".
    QString text() const;
    QJsonObject toJson() const;
    static ApiValidationIssue fromJson(const QJsonObject &json);

    /// {"detail":[…]}, the body of a 422 answer.
    static QJsonObject detail(const QList<ApiValidationIssue> &issues);
    /// Each issue's text() on its own line.
    static QString texts(const QList<ApiValidationIssue> &issues);

    friend bool operator==(const ApiValidationIssue &a, const ApiValidationIssue &b)
    {
        return a.loc == b.loc && a.msg == b.msg && a.type == b.type;
    }
};

} // namespace allium
