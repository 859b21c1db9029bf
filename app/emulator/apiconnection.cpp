// SPDX-License-Identifier: MIT
#include "emulator/apiconnection.h"

#include "emulator/connectionwatch.h"
#include "emulator/emulatorframes.h"

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

ApiConnection::ApiConnection(QWebSocket *socket, QTcpSocket *transport,
                             const EmulatorOptions &options, QObject *parent)
    : EmulatorConnection(socket, transport, options.limits, parent)
    , m_options(options)
    , m_responder(options.seed)
    , m_random(quint32(options.seed))
{
    connect(m_watch, &ConnectionWatch::dataWritten, this, &ApiConnection::handleWritten);
    connect(m_watch, &ConnectionWatch::closing, this, [this] {
        // Closed for not reading (or idle, or by the server): nothing more is answered.
        m_held.clear();
        setHeldBytes(0);
    });
}

ApiConnection::~ApiConnection() = default;

void ApiConnection::handleText(const QString &text)
{
    if (m_watch->isClosing())
        return;
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
        ++m_refused;
        sendError(id, QStringLiteral("max inflight requests reached, please wait for requests to "
                                     "finish"));
        return;
    }
    accept({id, method.toString(), path.toString(), body, utf8.size()});
}

void ApiConnection::handleBinary(const QByteArray &data)
{
    Q_UNUSED(data)
    sendError(QJsonValue::Null, QStringLiteral("binary frames are not supported: send JSON text"));
}

void ApiConnection::accept(const Request &request)
{
    ++m_accepted;
    if (m_options.faults.stallApi) {
        ++m_inFlight; // accepted and never answered: it stays in flight
        updateBusy();
        return;
    }
    // Until it is answered the request is memory the client makes the server hold.
    if (!m_watch->reserve(request.size))
        return;
    ++m_inFlight;
    setHeldBytes(m_heldBytes + request.size);
    updateBusy();

    const int delayMs =
        m_options.latencyMs > 0 ? int(m_random.bounded(m_options.latencyMs + 1)) : 0;
    if (delayMs == 0)
        answerOrHold(request);
    else
        QTimer::singleShot(delayMs, this, [this, request] { answerOrHold(request); });
}

void ApiConnection::answerOrHold(const Request &request)
{
    if (m_watch->isClosing())
        return;
    // A client that does not read gets no new responses, only requests held for it (each still
    // in flight, so the 1,001st is refused); they are answered in order as it reads.
    if (!m_held.isEmpty() || m_watch->isCongested()) {
        m_held.enqueue(request);
        return;
    }
    answer(request);
}

void ApiConnection::answer(const Request &request)
{
    setHeldBytes(m_heldBytes - request.size);
    // The responder also reads a query string in the path as parameters.
    const ApiResponder::TextResult result =
        m_responder.respondText(request.method, request.path, request.body);
    if (!send(EmulatorFrames::apiResponseText(request.id, result.ok, result.data)))
        return;
    // In flight until the network has taken everything up to the end of this response. Written
    // at once when the kernel takes it, so a client that reads is not refused for responses
    // that only waited for the event loop while a burst of its requests was answered.
    m_unwritten.enqueue(m_watch->endOfQueue());
    m_watch->flush();
    settle();
}

void ApiConnection::answerHeld()
{
    while (!m_held.isEmpty() && !m_watch->isClosing() && !m_watch->isCongested())
        answer(m_held.dequeue());
}

void ApiConnection::handleWritten()
{
    settle();
    answerHeld();
}

void ApiConnection::settle()
{
    const qint64 written = m_watch->writtenBytes();
    // An empty socket has written every response, whatever the counts say.
    const bool drained = m_watch->socketQueuedBytes() == 0;
    while (!m_unwritten.isEmpty() && (drained || m_unwritten.head() <= written)) {
        m_unwritten.dequeue();
        --m_inFlight;
    }
    updateBusy();
}

void ApiConnection::sendError(const QJsonValue &id, const QString &message)
{
    send(EmulatorFrames::apiResponse(id, false, message));
}

bool ApiConnection::send(const QString &frame)
{
    // Error and refusal frames count too: a client that never reads cannot make the server
    // queue them without limit either.
    if (!m_watch->reserveText(frame))
        return false;
    m_socket->sendTextMessage(frame);
    m_watch->noteQueued();
    return true;
}

void ApiConnection::setHeldBytes(qint64 bytes)
{
    m_heldBytes = bytes;
    m_watch->setHeldBytes(bytes);
}

void ApiConnection::updateBusy()
{
    m_watch->setBusy(m_inFlight > 0);
}

} // namespace allium
