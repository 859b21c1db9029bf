// SPDX-License-Identifier: MIT
#include "emulator/apiresponder.h"

#include "emulator/api/apiroutetable.h"
#include "emulator/api/assetsendpoints.h"
#include "emulator/api/chainsendpoints.h"
#include "emulator/api/hyperliquidendpoints.h"
#include "emulator/api/hyperliquidmarketendpoints.h"
#include "emulator/api/hyperliquidorderendpoints.h"
#include "emulator/api/pricesendpoints.h"
#include "emulator/api/tokensendpoints.h"
#include "emulator/api/walletendpoints.h"
#include "emulator/api/walletpnlendpoints.h"
#include "emulator/api/wallettransactions.h"
#include "emulator/emulatorframes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <utility>

namespace allium {

namespace {

// Every endpoint the emulator answers, one family after the other. A new endpoint is an entry of
// the core's ApiEndpointCatalogue (its parameters are checked from there) and a route of a
// family class under api/ whose routes() are added here.
const ApiRouteTable &routeTable()
{
    static const ApiRouteTable table(
        AssetsEndpoints::routes() + PricesEndpoints::routes() + TokensEndpoints::routes() +
        WalletEndpoints::routes() + WalletTransactions::routes() + WalletPnlEndpoints::routes() +
        HyperliquidEndpoints::routes() + HyperliquidOrderEndpoints::routes() +
        HyperliquidMarketEndpoints::routes() + ChainsEndpoints::routes());
    return table;
}

} // namespace

ApiResponder::ApiResponder(quint64 seed)
    : m_seed(seed)
{}

QList<QPair<QString, QString>> ApiResponder::endpoints()
{
    QList<QPair<QString, QString>> list;
    for (const ApiRoute &route : routeTable().routes())
        list.append({route.method, route.path});
    return list;
}

ApiResponder::Result ApiResponder::respond(const QString &method, const QString &path,
                                           const QJsonValue &body) const
{
    const ApiAnswer a = routeTable().answer(m_seed, method, path, body);
    if (!a.data.isUndefined())
        return {a.ok, a.data};
    const QJsonDocument document = QJsonDocument::fromJson(a.text.toUtf8());
    return {a.ok,
            document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object())};
}

ApiResponder::TextResult ApiResponder::respondText(const QString &method, const QString &path,
                                                   const QJsonValue &body) const
{
    ApiAnswer a = routeTable().answer(m_seed, method, path, body);
    if (a.text.isNull())
        return {a.ok, EmulatorFrames::jsonText(a.data)};
    return {a.ok, std::move(a.text)};
}

} // namespace allium
