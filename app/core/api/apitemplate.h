// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apirequest.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace allium {

/// A named API request to start from: method, path and the body as the user wrote it (text, so
/// their formatting and key order survive). Built-in templates are the spec's examples; the
/// user's saved requests are the same thing with builtIn false. Holds no id and never a key.
struct ApiTemplate
{
    QString name;
    QString method = QStringLiteral("GET");
    QString path;
    QString bodyText; ///< JSON text; empty: no body
    bool builtIn = false;

    /// The request this template sends with `id` (the body parsed; an invalid body is dropped,
    /// so check bodyError() first).
    ApiRequest toRequest(const QString &id) const;
    /// Why the body is not sendable ("Line 1, column 3: …"), or empty.
    QString bodyError() const;
    /// A template holding `request` (body pretty-printed), named `name`.
    static ApiTemplate fromRequest(const QString &name, const ApiRequest &request);

    QJsonObject toJson() const;
    /// The template stored in `json`; name and path are required, builtIn is always false.
    static ApiTemplate fromJson(const QJsonObject &json, bool *ok = nullptr);

    /// The examples of Allium's websocket spec (hyperliquid fills, assets) and of the Developer
    /// API reference (prices, wallet balances).
    static const QList<ApiTemplate> &builtIns();

    friend bool operator==(const ApiTemplate &a, const ApiTemplate &b);
    friend bool operator!=(const ApiTemplate &a, const ApiTemplate &b) { return !(a == b); }
};

/// Indented JSON text (no trailing newline) of a body; a scalar compact; empty for none.
QString prettyJsonText(const QJsonValue &value);

} // namespace allium
