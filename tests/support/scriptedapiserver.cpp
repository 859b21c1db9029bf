// SPDX-License-Identifier: MIT
#include "support/scriptedapiserver.h"

#include <QJsonDocument>
#include <QWebSocket>

namespace allium {

ScriptedApiServer::ScriptedApiServer(Script script, QObject *parent)
    : QObject(parent)
    , m_server(QStringLiteral("scripted"), QWebSocketServer::NonSecureMode)
    , m_script(std::move(script))
{
    connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QWebSocket::textMessageReceived, socket,
                    [this, socket](const QString &text) {
                        m_script(socket, QJsonDocument::fromJson(text.toUtf8()).object());
                    });
        }
    });
}

bool ScriptedApiServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl ScriptedApiServer::baseUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server.serverPort()));
}

void ScriptedApiServer::send(QWebSocket *socket, const QJsonObject &frame)
{
    socket->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

} // namespace allium
