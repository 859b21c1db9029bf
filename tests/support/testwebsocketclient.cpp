// SPDX-License-Identifier: MIT
#include "support/testwebsocketclient.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>
#include <QWebSocket>

namespace allium {

TestWebSocketClient::TestWebSocketClient(QObject *parent)
    : QObject(parent)
    , m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
{
    connect(m_socket, &QWebSocket::connected, this, [this] {
        m_wasConnected = true;
        checkWait();
    });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        m_disconnected = true;
        m_closeCode = int(m_socket->closeCode());
        checkWait();
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_messages.append(text);
        checkWait();
    });
    // QWebSocket::errorOccurred only exists from Qt 6.5.
    connect(m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError error) {
                m_errors.append(error);
                m_lastErrorString = m_socket->errorString();
                checkWait();
            });
    connect(m_socket, &QWebSocket::pong, this, [this] {
        ++m_pongs;
        checkWait();
    });
}

TestWebSocketClient::~TestWebSocketClient() = default;

void TestWebSocketClient::open(const QUrl &url, const QString &apiKey,
                               const QSslCertificate &trusted)
{
    QNetworkRequest request(url);
    if (!apiKey.isEmpty())
        request.setRawHeader("X-API-KEY", apiKey.toUtf8());
    if (!trusted.isNull()) {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.addCaCertificate(trusted);
        m_socket->setSslConfiguration(configuration);
    }
    m_socket->open(request);
}

bool TestWebSocketClient::waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    m_loop = &loop;
    m_done = done;
    loop.exec();
    m_loop = nullptr;
    m_done = nullptr;
    return done();
}

void TestWebSocketClient::checkWait()
{
    if (m_loop && m_done && m_done())
        m_loop->quit();
}

bool TestWebSocketClient::connectTo(const QUrl &url, const QString &apiKey,
                                    const QSslCertificate &trusted)
{
    open(url, apiKey, trusted);
    return waitConnected();
}

bool TestWebSocketClient::waitConnected(int timeoutMs)
{
    return waitUntil([this] { return m_wasConnected || m_disconnected; }, timeoutMs) &&
           m_wasConnected;
}

bool TestWebSocketClient::waitDisconnected(int timeoutMs)
{
    return waitUntil([this] { return m_disconnected; }, timeoutMs);
}

bool TestWebSocketClient::waitForMessages(int count, int timeoutMs)
{
    return waitUntil([this, count] { return m_messages.size() >= count; }, timeoutMs);
}

bool TestWebSocketClient::waitForPongs(int count, int timeoutMs)
{
    return waitUntil([this, count] { return m_pongs >= count; }, timeoutMs);
}

QString TestWebSocketClient::sendAndWaitForError(const QString &text, int timeoutMs)
{
    const qsizetype before = m_messages.size();
    sendText(text);
    QString found;
    [[maybe_unused]] const bool arrived = waitUntil(
        [&] {
            for (qsizetype i = before; i < m_messages.size(); ++i) {
                if (isErrorFrame(m_messages.at(i))) {
                    found = QJsonDocument::fromJson(m_messages.at(i).toUtf8())
                                .object()
                                .value(QStringLiteral("data"))
                                .toString();
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

void TestWebSocketClient::sendText(const QString &text)
{
    m_socket->sendTextMessage(text);
}

void TestWebSocketClient::sendJson(const QJsonObject &object)
{
    sendText(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

bool TestWebSocketClient::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

QList<QJsonObject> TestWebSocketClient::jsonMessages(bool withoutErrors) const
{
    QList<QJsonObject> result;
    for (const QString &text : m_messages) {
        if (withoutErrors && isErrorFrame(text))
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
        if (document.isObject())
            result.append(document.object());
    }
    return result;
}

bool TestWebSocketClient::isErrorFrame(const QString &text)
{
    const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
    return object.size() == 2 &&
           object.value(QStringLiteral("status")) == QStringLiteral("error") &&
           object.contains(QStringLiteral("data"));
}

} // namespace allium
