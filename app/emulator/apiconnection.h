#pragma once

#include "apiresponder.h"
#include "emulatoroptions.h"

#include <QObject>
#include <QRandomGenerator>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace allium {

/// One client of the websocket API: answers `{method,id,path,body}` requests with
/// `{id,status,data}` through ApiResponder, each after a random delay up to latencyMs (so they
/// complete out of order), with at most MaxInFlight unanswered requests per connection.
class ApiConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxInFlight = 1000;
    /// Requests above this size get an error response; the connection stays.
    static constexpr qint64 MaxRequestSize = 1024 * 1024;
    /// Frames above this are refused by the websocket layer itself, which closes with 1009.
    static constexpr qint64 MaxIncomingMessageSize = 16 * 1024 * 1024;

    /// Takes ownership of `socket`.
    ApiConnection(QWebSocket *socket, const EmulatorOptions &options, QObject *parent = nullptr);
    ~ApiConnection() override;

    int inFlight() const { return m_inFlight; }
    void abort();
    void close(int closeCode, const QString &reason);

signals:
    void disconnected();

private:
    void handleText(const QString &text);
    void handleBinary(const QByteArray &data);
    void respond(const QJsonValue &id, const QString &method, const QString &path,
                 const QJsonValue &body);
    void sendError(const QJsonValue &id, const QString &message);

    QWebSocket *m_socket;
    EmulatorOptions m_options;
    ApiResponder m_responder;
    QRandomGenerator m_random;
    int m_inFlight = 0;
};

} // namespace allium
