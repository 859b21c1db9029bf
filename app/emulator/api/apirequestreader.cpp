// SPDX-License-Identifier: MIT
#include "emulator/api/apirequestreader.h"

#include "core/api/apirequestvalidator.h"
#include "emulator/api/apivalues.h"
#include "emulator/generators/syntheticdatatokens.h"

#include <QDateTime>

namespace allium {

namespace {

QJsonArray at(QJsonArray loc, const QJsonValue &step)
{
    loc.append(step);
    return loc;
}

ApiAnswer unsupportedChain(const QJsonArray &loc, const QString &chain)
{
    return ApiAnswer::invalid(loc,
                              QStringLiteral("unsupported chain \"%1\" (supported: %2)")
                                  .arg(chain, SyntheticTokens::chains().join(QStringLiteral(", "))),
                              QStringLiteral("value_error.chain.unsupported"));
}

} // namespace

qint64 ApiRequestReader::integer(const QJsonObject &object, const QString &name, qint64 fallback)
{
    qint64 value = fallback;
    const QJsonValue v = object.value(name);
    if (v.isUndefined() || v.isNull() || !ApiRequestValidator::integerOf(v, true, &value))
        return fallback;
    return value;
}

qint64 ApiRequestReader::isoTimeMs(const QJsonObject &object, const QString &name, qint64 fallback)
{
    const QDateTime t = QDateTime::fromString(object.value(name).toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : fallback;
}

std::optional<ApiAnswer> ApiRequestReader::inputs(const QJsonValue &batch, const QJsonArray &loc,
                                                  const QString &addressKey, QList<Input> *out)
{
    const QJsonArray items = batch.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const QString chain = item.value(QLatin1String("chain")).toString();
        if (!SyntheticTokens::chains().contains(chain))
            return unsupportedChain(at(at(loc, double(i)), QStringLiteral("chain")), chain);
        const QString address = item.value(addressKey).toString();
        if (!SyntheticTokens::isValidAddress(chain, address)) {
            return ApiAnswer::invalid(at(at(loc, double(i)), addressKey),
                                      QStringLiteral("not a valid %1 address").arg(chain),
                                      QStringLiteral("value_error.address"));
        }
        out->append(
            {chain, SyntheticTokens::isEvmChain(chain) ? address.toLower() : address, item});
    }
    return std::nullopt;
}

std::optional<ApiAnswer> ApiRequestReader::optionalChain(const QJsonObject &query,
                                                         const QString &name, QString *chain)
{
    *chain = query.value(name).toString();
    if (chain->isEmpty() || SyntheticTokens::chains().contains(*chain))
        return std::nullopt;
    return unsupportedChain(QJsonArray{QStringLiteral("query"), name}, *chain);
}

std::optional<ApiAnswer> ApiRequestReader::evmAddress(const QJsonObject &body, const QString &name,
                                                      QString *address)
{
    const QJsonArray loc{QStringLiteral("body"), name};
    const QJsonValue value = body.value(name);
    if (value.isUndefined() || value.isNull())
        return ApiAnswer::invalid(loc, QStringLiteral("field required"),
                                  QStringLiteral("value_error.missing"));
    if (!SyntheticTokens::isValidAddress(QStringLiteral("ethereum"), value.toString()))
        return ApiAnswer::invalid(loc, QStringLiteral("an address is 0x followed by 40 hex digits"),
                                  QStringLiteral("value_error.address"));
    *address = value.toString().toLower();
    return std::nullopt;
}

std::optional<ApiAnswer> ApiRequestReader::isoWindow(const QJsonObject &body, qint64 *start,
                                                     qint64 *end)
{
    *start = isoTimeMs(body, QStringLiteral("start_timestamp"), 0);
    *end = std::min(isoTimeMs(body, QStringLiteral("end_timestamp"), 0), ApiValues::nowMs());
    return checkWindow(*start, *end, QJsonArray{QStringLiteral("body")},
                       QStringLiteral("end_timestamp"));
}

ApiRequestReader::TimeGrid ApiRequestReader::timeGrid(qint64 start, qint64 end, qint64 step)
{
    const qint64 first = (start + step - 1) / step * step;
    return {first, end >= first ? (end - first) / step + 1 : 0, step};
}

std::optional<ApiAnswer> ApiRequestReader::windowGrid(const QJsonObject &body,
                                                      const QString &granularityKey, TimeGrid *grid)
{
    qint64 start = 0;
    qint64 end = 0;
    if (auto refused = isoWindow(body, &start, &end))
        return refused;
    *grid = timeGrid(start, end, stepMs(body.value(granularityKey).toString()));
    return std::nullopt;
}

qint64 ApiRequestReader::stepMs(const QString &step)
{
    const qint64 n = step.chopped(1).toLongLong();
    switch (step.isEmpty() ? u'd' : step.back().unicode()) {
    case 's':
        return n * 1000;
    case 'm':
        return n * 60000;
    case 'h':
        return n * ApiValues::HourMs;
    default:
        return n * 24 * ApiValues::HourMs;
    }
}

std::optional<ApiAnswer> ApiRequestReader::checkWindow(qint64 start, qint64 end,
                                                       const QJsonArray &loc,
                                                       const QString &endName)
{
    if (end >= start)
        return std::nullopt;
    return ApiAnswer::invalid(at(loc, endName), QStringLiteral("must not be before the start"),
                              QStringLiteral("value_error.time_window"));
}

QString ApiRequestReader::cursor(const QString &kind, qint64 offset)
{
    return QString::fromLatin1(
        (kind.toLatin1() + ':' + QByteArray::number(offset))
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<ApiAnswer> ApiRequestReader::cursorOffset(const QJsonObject &query,
                                                        const QString &kind, qint64 *offset)
{
    *offset = 0;
    const QString text = query.value(QLatin1String("cursor")).toString();
    if (text.isEmpty())
        return std::nullopt;
    const QByteArray raw = QByteArray::fromBase64(text.toLatin1(), QByteArray::Base64UrlEncoding);
    const QByteArray prefix = kind.toLatin1() + ':';
    bool good = false;
    if (raw.startsWith(prefix))
        *offset = raw.mid(prefix.size()).toLongLong(&good);
    if (good && *offset >= 0)
        return std::nullopt;
    return ApiAnswer::invalid(QJsonArray{QStringLiteral("query"), QStringLiteral("cursor")},
                              QStringLiteral("invalid cursor \"%1\"").arg(text.left(80)),
                              QStringLiteral("value_error.cursor"));
}

QJsonValue ApiRequestReader::nextCursor(const QString &kind, qint64 next, qint64 size)
{
    return next < size ? QJsonValue(cursor(kind, next)) : QJsonValue();
}

} // namespace allium
