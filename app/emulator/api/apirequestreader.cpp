// SPDX-License-Identifier: MIT
#include "emulator/api/apirequestreader.h"

#include "emulator/generators/syntheticdatatokens.h"

#include <QJsonArray>

#include <cmath>

namespace allium {

namespace {

// The chains requests may name, for error messages: "base, ethereum, solana".
QString knownChains()
{
    return SyntheticTokens::chains().join(QStringLiteral(", "));
}

} // namespace

bool ApiRequestReader::integer(const QJsonObject &object, const QString &name, qint64 fallback,
                               qint64 min, qint64 max, qint64 *out)
{
    const QJsonValue v = object.value(name);
    if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())) {
        *out = fallback;
        return true;
    }
    bool good = false;
    qint64 value = 0;
    if (v.isDouble()) {
        const double d = v.toDouble();
        good = std::floor(d) == d && std::abs(d) < 9e15;
        // Converted only when in range: a double beyond qint64 is undefined behaviour to cast.
        value = good ? qint64(d) : 0;
    } else if (v.isString()) {
        value = v.toString().trimmed().toLongLong(&good);
    }
    if (!good || value < min || value > max)
        return false;
    *out = value;
    return true;
}

bool ApiRequestReader::addressList(const QJsonValue &body, const QString &addressKey,
                                   QString *error, QList<QPair<QString, QString>> *out)
{
    const QString shape =
        QStringLiteral("body must be an array of {\"%1\",\"chain\"}").arg(addressKey);
    if (!body.isArray() || body.toArray().isEmpty()) {
        *error = shape;
        return false;
    }
    const QJsonArray items = body.toArray();
    if (items.size() > 500) {
        *error = QStringLiteral("at most 500 items per request, got %1").arg(items.size());
        return false;
    }
    for (int i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const QJsonValue chainValue = item.value(QStringLiteral("chain"));
        const QJsonValue addressValue = item.value(addressKey);
        if (!items.at(i).isObject() || !chainValue.isString() || !addressValue.isString()) {
            *error = shape + QStringLiteral(" (item %1 is not)").arg(i);
            return false;
        }
        const QString chain = chainValue.toString();
        if (!SyntheticTokens::chains().contains(chain)) {
            *error = QStringLiteral("item %1: unknown chain \"%2\" (known: %3)")
                         .arg(i)
                         .arg(chain, knownChains());
            return false;
        }
        const QString address = addressValue.toString();
        if (!SyntheticTokens::isValidAddress(chain, address)) {
            *error = QStringLiteral("item %1: \"%2\" is not a valid %3 address")
                         .arg(i)
                         .arg(address, chain);
            return false;
        }
        out->append({chain, SyntheticTokens::isEvmChain(chain) ? address.toLower() : address});
    }
    return true;
}

bool ApiRequestReader::optionalChain(const QJsonObject &object, const QString &name, QString *chain,
                                     QString *error)
{
    *chain = object.value(name).toString();
    if (chain->isEmpty() || SyntheticTokens::chains().contains(*chain))
        return true;
    *error = QStringLiteral("unknown %1 \"%2\" (known: %3)").arg(name, *chain, knownChains());
    return false;
}

} // namespace allium
