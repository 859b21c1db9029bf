// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <limits>

namespace allium {

/// What a request parameter holds, as the documentation types it.
enum class ApiParameterType {
    String,
    Integer,
    Number,
    Boolean,
    Enum,    ///< a string out of `choices`
    Chain,   ///< a lower-case chain name ("ethereum")
    Address, ///< a wallet, token or mint address (0x hex on EVM chains, base58 on Solana)
    IsoTime, ///< ISO-8601 UTC text ("2026-11-27T20:00:00Z")
    EpochMs, ///< ms since the epoch, as Hyperliquid takes it
    OrderId, ///< a Hyperliquid order id (integer) or client order id ("0x" + 32 hex)
};

/// Where a parameter travels: in the query (for GET the websocket body's members, for POST the
/// path's query string) or in the request body.
enum class ApiParameterPlace { Query, Body };

/// One documented request parameter of an endpoint, enough to build a form field for it and to
/// validate what the user wrote.
struct ApiParameter
{
    static constexpr double NoLimit = std::numeric_limits<double>::quiet_NaN();

    QString name;
    ApiParameterType type = ApiParameterType::String;
    ApiParameterPlace place = ApiParameterPlace::Body;
    bool required = false;
    QJsonValue defaultValue = QJsonValue(QJsonValue::Undefined); ///< assumed when absent
    double minimum = NoLimit;
    double maximum = NoLimit;
    QStringList choices; ///< the allowed values of an Enum
    QString description;
    /// Required only when the parameter `requiredWhenField` of the same object equals
    /// `requiredWhenValue` (fills' startTime with type userFillsByTime).
    QString requiredWhenField;
    QString requiredWhenValue;

    bool hasMinimum() const { return minimum == minimum; } // NaN is unequal to itself
    bool hasMaximum() const { return maximum == maximum; }
};

/// "integer", "ISO-8601 time", … for forms and the CLI's descriptions.
QString apiParameterTypeName(ApiParameterType type);

} // namespace allium
