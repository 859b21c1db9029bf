// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace allium {

/// What a raw HTTP exchange returned: the status code (0 when none arrived), headers, body.
struct RawHttpResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray raw;
};

/// Sends `request` (a complete HTTP request head) to 127.0.0.1:`port` over plain TCP and reads
/// until the server closes the connection or `timeoutMs` passes. For checking the HTTP answers
/// a websocket client library would hide (status codes, JSON bodies of refusals).
RawHttpResponse rawHttpExchange(quint16 port, const QByteArray &request, int timeoutMs = 5000);

/// A websocket upgrade request head for `target` ("/path?query"), with extra header lines.
QByteArray upgradeRequest(const QByteArray &target, const QList<QByteArray> &extraHeaders = {});

} // namespace allium
