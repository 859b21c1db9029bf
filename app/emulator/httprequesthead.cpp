// SPDX-License-Identifier: MIT
#include "emulator/httprequesthead.h"

namespace allium {

std::optional<HttpRequestHead> HttpRequestHead::parse(const QByteArray &head)
{
    if (head.size() > MaxSize)
        return std::nullopt;
    const QList<QByteArray> lines = head.split('\n');
    if (lines.isEmpty())
        return std::nullopt;

    HttpRequestHead result;
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return std::nullopt;
    result.m_method = requestLine.at(0);
    // Only origin-form targets ("/path?query") are meaningful for a websocket endpoint.
    if (!requestLine.at(1).startsWith('/'))
        return std::nullopt;
    result.m_target = QUrl::fromEncoded(requestLine.at(1), QUrl::StrictMode);
    if (!result.m_target.isValid())
        return std::nullopt;

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || result.m_headers.size() >= MaxHeaders)
            return std::nullopt;
        result.m_headers.append(
            {line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    return result;
}

QByteArray HttpRequestHead::header(const QByteArray &name) const
{
    const QByteArray wanted = name.toLower();
    for (const auto &header : m_headers) {
        if (header.first == wanted)
            return header.second;
    }
    return {};
}

bool HttpRequestHead::hasHeader(const QByteArray &name) const
{
    const QByteArray wanted = name.toLower();
    for (const auto &header : m_headers) {
        if (header.first == wanted)
            return true;
    }
    return false;
}

bool HttpRequestHead::isWebSocketUpgrade() const
{
    return header("upgrade").toLower() == "websocket";
}

bool HttpRequestHead::offersWebSocketExtension(const QByteArray &name) const
{
    const QByteArray wanted = name.toLower();
    // The header may repeat; each holds offers separated by commas, parameters after a ';'.
    for (const auto &header : m_headers) {
        if (header.first != "sec-websocket-extensions")
            continue;
        const QList<QByteArray> offers = header.second.split(',');
        for (const QByteArray &offer : offers) {
            if (offer.split(';').constFirst().trimmed().toLower() == wanted)
                return true;
        }
    }
    return false;
}

} // namespace allium
