// SPDX-License-Identifier: MIT
// Fuzzes the emulator's handshake gate on what a client sends before the websocket upgrade:
// HttpRequestHead::parse, the header look-ups, HandshakeGate::check and the refusal it writes.
#include "emulator/handshakegate.h"
#include "emulator/httprequesthead.h"
#include "fuzzsupport.h"

#include <QByteArray>
#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

using namespace allium;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static HandshakeGate *gate = [] {
        auto *g = new HandshakeGate(QCoreApplication::instance());
        g->setKeys({QStringLiteral("test-key")});
        g->setTopics({QStringLiteral("ethereum.blocks"), QStringLiteral("hyperliquid.trades")});
        return g;
    }();

    const QByteArray bytes = fuzz::bytesOf(data, size);
    const std::optional<HttpRequestHead> head = HttpRequestHead::parse(bytes);
    if (!head)
        return 0;
    (void)head->method();
    (void)head->target().path();
    (void)head->header("x-api-key");
    (void)head->hasHeader("sec-websocket-key");
    (void)head->isWebSocketUpgrade();
    const HttpRefusal refusal = gate->check(*head);
    if (refusal.refuses()) {
        const QByteArray http = refusal.toHttp();
        fuzz::require(http.startsWith("HTTP/1.1 "), "a refusal is an HTTP/1.1 response");
        fuzz::require(QJsonDocument::fromJson(refusal.body).isObject(), "a refusal body is JSON");
    }
    return 0;
}
