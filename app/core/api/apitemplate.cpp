// SPDX-License-Identifier: MIT
#include "core/api/apitemplate.h"

#include "core/json/jsonsyntaxcheck.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace allium {

namespace {

ApiTemplate makeBuiltIn(const char *name, const char *method, const char *path, const char *body)
{
    ApiTemplate t;
    t.name = QString::fromUtf8(name);
    t.method = QString::fromLatin1(method);
    t.path = QString::fromLatin1(path);
    t.bodyText = QString::fromUtf8(body);
    t.builtIn = true;
    return t;
}

} // namespace

ApiRequest ApiTemplate::toRequest(const QString &id) const
{
    ApiRequest request;
    request.method = method.trimmed().toUpper();
    request.path = path.trimmed();
    request.id = id;
    const JsonSyntaxCheck check = JsonSyntaxCheck::check(bodyText);
    // An undefined body is not sent; null would be sent as "body": null, which nobody wants.
    request.body = check.isValid() && !check.isEmpty() ? check.value() : QJsonValue();
    return request;
}

QString ApiTemplate::bodyError() const
{
    return JsonSyntaxCheck::check(bodyText).message();
}

ApiTemplate ApiTemplate::fromRequest(const QString &name, const ApiRequest &request)
{
    ApiTemplate t;
    t.name = name;
    t.method = request.method;
    t.path = request.path;
    t.bodyText = prettyJsonText(request.body);
    return t;
}

QJsonObject ApiTemplate::toJson() const
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("method"), method},
                       {QStringLiteral("path"), path},
                       {QStringLiteral("body"), bodyText}};
}

ApiTemplate ApiTemplate::fromJson(const QJsonObject &json, bool *ok)
{
    ApiTemplate t;
    t.name = json.value(QLatin1String("name")).toString().trimmed();
    t.method = json.value(QLatin1String("method")).toString(QStringLiteral("GET")).toUpper();
    t.path = json.value(QLatin1String("path")).toString().trimmed();
    t.bodyText = json.value(QLatin1String("body")).toString();
    if (ok)
        *ok = !t.name.isEmpty() && t.path.startsWith(QLatin1Char('/'));
    return t;
}

const QList<ApiTemplate> &ApiTemplate::builtIns()
{
    // The first two are the websocket spec's own examples, verbatim.
    static const QList<ApiTemplate> templates{
        makeBuiltIn("Hyperliquid fills (userFills)", "POST",
                    "/api/v1/developer/trading/hyperliquid/info/fills",
                    "{\n"
                    "  \"type\": \"userFills\",\n"
                    "  \"user\": \"0xD5994523d6B235862bE1790C06cFBE8547869449\"\n"
                    "}"),
        makeBuiltIn("Assets on Ethereum (limit 10)", "GET", "/api/v1/developer/assets",
                    "{\n"
                    "  \"blockchain\": \"ethereum\",\n"
                    "  \"limit\": \"10\"\n"
                    "}"),
        makeBuiltIn("Token prices (USDC, WETH)", "POST", "/api/v1/developer/prices",
                    "[\n"
                    "  {\n"
                    "    \"token_address\": \"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48\",\n"
                    "    \"chain\": \"ethereum\"\n"
                    "  },\n"
                    "  {\n"
                    "    \"token_address\": \"0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2\",\n"
                    "    \"chain\": \"ethereum\"\n"
                    "  }\n"
                    "]"),
        makeBuiltIn("Wallet balances", "POST", "/api/v1/developer/wallet/balances",
                    "[\n"
                    "  {\n"
                    "    \"chain\": \"ethereum\",\n"
                    "    \"address\": \"0xd8da6bf26964af9d7eed9e03e53415d37aa96045\"\n"
                    "  }\n"
                    "]"),
    };
    return templates;
}

bool operator==(const ApiTemplate &a, const ApiTemplate &b)
{
    return a.name == b.name && a.method == b.method && a.path == b.path &&
           a.bodyText == b.bodyText && a.builtIn == b.builtIn;
}

QString prettyJsonText(const QJsonValue &value)
{
    QJsonDocument document;
    if (value.isObject())
        document = QJsonDocument(value.toObject());
    else if (value.isArray())
        document = QJsonDocument(value.toArray());
    else if (value.isNull() || value.isUndefined())
        return {};
    else // a scalar: QJsonDocument cannot hold one, wrap and unwrap
        return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
            .mid(1)
            .chopped(1);
    return QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
}

} // namespace allium
