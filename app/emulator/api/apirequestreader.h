// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

namespace allium {

/// Reads and checks the parts of API requests that several endpoint families share; each
/// refusal comes with the message the client is answered.
class ApiRequestReader
{
public:
    /// The integer `name` of `object` in [min, max], as a JSON number or as query-string text;
    /// `fallback` when absent, null or empty. False when it is anything else.
    static bool integer(const QJsonObject &object, const QString &name, qint64 fallback, qint64 min,
                        qint64 max, qint64 *out);

    /// A non-empty array of at most 500 {`addressKey`, "chain"} objects on known chains, as
    /// (chain, address) pairs with EVM addresses lower-cased. False with *error set otherwise.
    static bool addressList(const QJsonValue &body, const QString &addressKey, QString *error,
                            QList<QPair<QString, QString>> *out);

    /// The chain parameter `name` of `object` (e.g. "blockchain"): empty when absent, else one
    /// the emulator knows. False with *error set ("unknown blockchain \"x\" (known: …)") otherwise.
    static bool optionalChain(const QJsonObject &object, const QString &name, QString *chain,
                              QString *error);
};

} // namespace allium
