// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <QWebSocketServer>

#include <functional>

class QWebSocket;

namespace allium {

/// A bare API server on loopback for answers the emulator never gives (unknown ids, second
/// answers, malformed frames): the test's script decides what each request gets.
class ScriptedApiServer : public QObject
{
public:
    /// Called for every text frame with the socket and the frame parsed as an object (empty if
    /// the frame was not one).
    using Script = std::function<void(QWebSocket *socket, const QJsonObject &request)>;

    explicit ScriptedApiServer(Script script, QObject *parent = nullptr);

    bool listen();
    QUrl baseUrl() const;

    /// Sends one compact JSON frame.
    static void send(QWebSocket *socket, const QJsonObject &frame);

private:
    QWebSocketServer m_server;
    Script m_script;
};

} // namespace allium
