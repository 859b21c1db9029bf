// SPDX-License-Identifier: MIT
#include "support/rawhttp.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

namespace allium {

RawHttpResponse rawHttpExchange(quint16 port, const QByteArray &request, int timeoutMs)
{
    RawHttpResponse response;
    QTcpSocket socket;
    bool closed = false;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                     [&] { response.raw += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [&] { closed = true; });
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return response;
    socket.write(request);
    // Done when the server closes, or the head says 101 (the socket then stays open), or the
    // body announced by Content-Length is complete.
    [[maybe_unused]] const bool done = QTest::qWaitFor(
        [&] {
            const qsizetype end = response.raw.indexOf("\r\n\r\n");
            if (closed || (end >= 0 && response.raw.startsWith("HTTP/1.1 101")))
                return true;
            const qsizetype length = response.raw.toLower().indexOf("content-length:");
            if (end < 0 || length < 0 || length > end)
                return false;
            const qsizetype lineEnd = response.raw.indexOf('\r', length);
            const int expected =
                response.raw.mid(length + 15, lineEnd - length - 15).trimmed().toInt();
            return response.raw.size() - end - 4 >= expected;
        },
        timeoutMs);
    response.raw += socket.readAll();

    const qsizetype headEnd = response.raw.indexOf("\r\n\r\n");
    const QByteArray head = headEnd >= 0 ? response.raw.left(headEnd) : response.raw;
    const QList<QByteArray> lines = head.split('\n');
    if (!lines.isEmpty()) {
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        if (statusLine.size() >= 2 && statusLine.first().startsWith("HTTP/1."))
            response.status = statusLine.at(1).toInt();
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0) {
            response.headers.append({lines.at(i).left(colon).trimmed().toLower(),
                                     lines.at(i).mid(colon + 1).trimmed()});
        }
    }
    if (headEnd >= 0)
        response.body = response.raw.mid(headEnd + 4);
    return response;
}

QByteArray upgradeRequest(const QByteArray &target, const QList<QByteArray> &extraHeaders)
{
    QByteArray request = "GET " + target +
                         " HTTP/1.1\r\n"
                         "Host: 127.0.0.1\r\n"
                         "Upgrade: websocket\r\n"
                         "Connection: Upgrade\r\n"
                         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                         "Sec-WebSocket-Version: 13\r\n";
    for (const QByteArray &line : extraHeaders)
        request += line + "\r\n";
    return request + "\r\n";
}

} // namespace allium
