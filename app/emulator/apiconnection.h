// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/apiresponder.h"
#include "emulator/emulatorconnection.h"
#include "emulator/emulatoroptions.h"

#include <QJsonValue>
#include <QQueue>
#include <QRandomGenerator>

namespace allium {

/// One client of the websocket API: answers `{method,id,path,body}` requests with
/// `{id,status,data}` through ApiResponder, each after a random delay up to latencyMs (so they
/// complete out of order), with at most MaxInFlight requests per connection whose response has
/// not been written to the network yet. Responses wait while the client is not reading.
class ApiConnection : public EmulatorConnection
{
    Q_OBJECT
public:
    static constexpr int MaxInFlight = 1000;
    /// Requests above this size get an error response; the connection stays.
    static constexpr qint64 MaxRequestSize = 1024 * 1024;

    /// Takes ownership of `socket`; `transport` is the TCP socket underneath, or nullptr.
    ApiConnection(QWebSocket *socket, QTcpSocket *transport, const EmulatorOptions &options,
                  QObject *parent = nullptr);
    ~ApiConnection() override;

    /// Requests accepted whose response has not been written to the network yet.
    int inFlight() const { return m_inFlight; }
    /// Requests accepted so far, and refused because MaxInFlight were in flight.
    int acceptedCount() const { return m_accepted; }
    int refusedCount() const { return m_refused; }

private:
    struct Request
    {
        QJsonValue id;
        QString method;
        QString path;
        QJsonValue body;
        qint64 size = 0; ///< of the request text: what holding it costs
    };

    void handleText(const QString &text) override;
    void handleBinary(const QByteArray &data) override;
    void accept(const Request &request);
    void answerOrHold(const Request &request);
    void answer(const Request &request);
    void answerHeld();
    void handleWritten();
    /// Ends the in-flight life of every response the network has taken.
    void settle();
    void sendError(const QJsonValue &id, const QString &message);
    /// Queues a frame unless it would take the backlog over the limit (which closes instead).
    bool send(const QString &frame);
    void setHeldBytes(qint64 bytes);
    void updateBusy();

    EmulatorOptions m_options;
    ApiResponder m_responder;
    QRandomGenerator m_random;
    int m_inFlight = 0;
    int m_accepted = 0;
    int m_refused = 0;
    QQueue<Request> m_held;     ///< accepted, waiting for the client to read what it was sent
    qint64 m_heldBytes = 0;     ///< requests accepted and not answered (delayed or held)
    QQueue<qint64> m_unwritten; ///< ConnectionWatch::endOfQueue() after each queued response
};

} // namespace allium
