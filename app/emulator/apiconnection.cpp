#include "apiconnection.h"

#include "emulatorframes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QWebSocket>

namespace allium {

namespace {

const QStringList &httpMethods()
{
    static const QStringList methods{QStringLiteral("GET"), QStringLiteral("POST"),
                                     QStringLiteral("PUT"), QStringLiteral("PATCH"),
                                     QStringLiteral("DELETE")};
    return methods;
}

} // namespace

ApiConnection::ApiConnection(QWebSocket *socket, const EmulatorOptions &options, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_options(options)
    , m_responder(options.seed)
    , m_random(quint32(options.seed))
{
    m_socket->setParent(this);
    m_socket->setMaxAllowedIncomingMessageSize(MaxIncomingMessageSize);
    m_socket->setMaxAllowedIncomingFrameSize(MaxIncomingMessageSize);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ApiConnection::handleText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &ApiConnection::handleBinary);
    connect(m_socket, &QWebSocket::disconnected, this, &ApiConnection::disconnected);
}

ApiConnection::~ApiConnection() = default;

void ApiConnection::abort()
{
    m_socket->abort();
}

void ApiConnection::close(int closeCode, const QString &reason)
{
    m_socket->close(QWebSocketProtocol::CloseCode(closeCode), reason);
}

void ApiConnection::handleText(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    if (utf8.size() > MaxRequestSize) {
        sendError(QJsonValue::Null, QStringLiteral("request too large: %1 bytes, the limit is %2 "
                                                   "bytes")
                                        .arg(utf8.size())
                                        .arg(MaxRequestSize));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        sendError(QJsonValue::Null, QStringLiteral("malformed JSON: %1 at offset %2")
                                        .arg(parseError.errorString())
                                        .arg(parseError.offset));
        return;
    }
    if (!document.isObject()) {
        sendError(QJsonValue::Null,
                  QStringLiteral("expected a JSON object with \"method\", \"id\" and \"path\""));
        return;
    }
    const QJsonObject request = document.object();
    const QJsonValue id = request.value(QStringLiteral("id"));
    if (id.isUndefined() || id.isNull()) {
        sendError(QJsonValue::Null, QStringLiteral("missing \"id\": every request needs a unique "
                                                   "string id"));
        return;
    }
    if (!id.isString()) {
        sendError(id, QStringLiteral("\"id\" must be a string"));
        return;
    }
    const QJsonValue method = request.value(QStringLiteral("method"));
    if (!method.isString()) {
        sendError(id, QStringLiteral("missing \"method\": expected GET, POST, PUT, PATCH or "
                                     "DELETE"));
        return;
    }
    if (!httpMethods().contains(method.toString())) {
        sendError(id, QStringLiteral("unsupported method \"%1\": expected GET, POST, PUT, PATCH "
                                     "or DELETE")
                          .arg(method.toString().left(20)));
        return;
    }
    const QJsonValue path = request.value(QStringLiteral("path"));
    if (!path.isString() || !path.toString().startsWith(QLatin1Char('/'))) {
        sendError(id, QStringLiteral("missing \"path\": expected an API path such as "
                                     "/api/v1/developer/assets"));
        return;
    }
    const QJsonValue body = request.value(QStringLiteral("body"));
    // Objects as the service documents; arrays too, for endpoints that take a list (prices).
    if (!body.isUndefined() && !body.isNull() && !body.isObject() && !body.isArray()) {
        sendError(id, QStringLiteral("\"body\" must be an object (or an array for endpoints "
                                     "that take a list)"));
        return;
    }
    if (m_inFlight >= MaxInFlight) {
        sendError(id, QStringLiteral("max inflight requests reached, please wait for requests to "
                                     "finish"));
        return;
    }
    respond(id, method.toString(), path.toString(), body);
}

void ApiConnection::handleBinary(const QByteArray &data)
{
    Q_UNUSED(data)
    sendError(QJsonValue::Null, QStringLiteral("binary frames are not supported: send JSON text"));
}

void ApiConnection::respond(const QJsonValue &id, const QString &method, const QString &path,
                            const QJsonValue &body)
{
    ++m_inFlight;
    if (m_options.faults.stallApi)
        return; // accepted and never answered: it stays in flight

    // The responder also reads a query string in the path as parameters.
    const ApiResponder::Result result = m_responder.respond(method, path, body);
    const QString frame = EmulatorFrames::apiResponse(id, result.ok, result.data);

    const int delayMs =
        m_options.latencyMs > 0 ? int(m_random.bounded(m_options.latencyMs + 1)) : 0;
    if (delayMs == 0) {
        --m_inFlight;
        m_socket->sendTextMessage(frame);
        return;
    }
    QTimer::singleShot(delayMs, this, [this, frame] {
        --m_inFlight;
        m_socket->sendTextMessage(frame);
    });
}

void ApiConnection::sendError(const QJsonValue &id, const QString &message)
{
    m_socket->sendTextMessage(EmulatorFrames::apiResponse(id, false, message));
}

} // namespace allium
