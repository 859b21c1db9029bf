// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apianswer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace allium {

/// Reads the parts of API requests that several endpoint families share, once the route table
/// has checked them against the catalogue (types, ranges, required fields): what is left to
/// check is what the emulator knows and the docs cannot say (its chains, address formats,
/// cursors), each refusal a 422 that names the field.
class ApiRequestReader
{
public:
    /// One batch input: its chain, its address (EVM lower-cased) and the whole object.
    struct Input
    {
        QString chain;
        QString address;
        QJsonObject object;
    };

    /// The integer `name` of `object` (a number or text), `fallback` when absent or empty.
    static qint64 integer(const QJsonObject &object, const QString &name, qint64 fallback);
    /// The ISO-8601 time `name` of `object` in ms since the epoch, `fallback` when absent.
    static qint64 isoTimeMs(const QJsonObject &object, const QString &name, qint64 fallback);

    /// The inputs of the batch array `batch` at `loc`, reading the address from `addressKey`;
    /// a 422 answer when a chain is not one the emulator serves or an address is not in its
    /// chain's format.
    static std::optional<ApiAnswer> inputs(const QJsonValue &batch, const QJsonArray &loc,
                                           const QString &addressKey, QList<Input> *out);
    /// The chain query parameter `name`: empty when absent, else one the emulator serves (or a
    /// 422 answer).
    static std::optional<ApiAnswer> optionalChain(const QJsonObject &query, const QString &name,
                                                  QString *chain);
    /// The 0x address `name` of `body` lower-cased (a Hyperliquid user), or a 422 answer when it
    /// is absent or not 0x + 40 hex digits.
    static std::optional<ApiAnswer> evmAddress(const QJsonObject &body, const QString &name,
                                               QString *address);
    /// The body's start_timestamp and end_timestamp in ms, the end no later than
    /// ApiValues::nowMs(); a 422 answer when the end is before the start.
    static std::optional<ApiAnswer> isoWindow(const QJsonObject &body, qint64 *start, qint64 *end);
    /// A time step ("15s", "1m", "5m", "15m", "1h", "1d", "4h" …) in ms.
    static qint64 stepMs(const QString &step);
    /// The buckets of `step` ms in [start, end]: the first starts on a whole step (as a time
    /// series database returns them), `count` is 0 for an empty window.
    struct TimeGrid
    {
        qint64 first = 0;
        qint64 count = 0;
        qint64 step = 0;
    };
    static TimeGrid timeGrid(qint64 start, qint64 end, qint64 step);
    /// The time series a history endpoint asks for: isoWindow() on a timeGrid() of the step
    /// in the body's `granularityKey`; a 422 answer for a bad window.
    static std::optional<ApiAnswer> windowGrid(const QJsonObject &body,
                                               const QString &granularityKey, TimeGrid *grid);
    /// A 422 answer when `start` (ms) is after `end`, naming `endName` at `loc`.
    static std::optional<ApiAnswer> checkWindow(qint64 start, qint64 end, const QJsonArray &loc,
                                                const QString &endName);

    /// An opaque cursor for the page starting at `offset` of a listing named `kind`.
    static QString cursor(const QString &kind, qint64 offset);
    /// The offset in the query's "cursor" (0 without one), or a 422 answer for a cursor this
    /// listing did not make.
    static std::optional<ApiAnswer> cursorOffset(const QJsonObject &query, const QString &kind,
                                                 qint64 *offset);
    /// `next` as a cursor when it is before `size`, else null (the last page).
    static QJsonValue nextCursor(const QString &kind, qint64 next, qint64 size);
};

} // namespace allium
