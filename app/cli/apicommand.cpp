// SPDX-License-Identifier: MIT
#include "cli/apicommand.h"

#include "cli/connectiontarget.h"
#include "cli/console.h"
#include "core/api/apiclient.h"
#include "core/api/apiresult.h"
#include "core/base/boundedfile.h"
#include "core/connection/websocketconnection.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace allium {

namespace {

/// A JSON value as compact text (QJsonDocument only serialises arrays and objects).
QByteArray jsonText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QString milliseconds(double value)
{
    return value < 0 ? QStringLiteral("-") : QString::number(value, 'f', 3);
}

} // namespace

void ApiCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("method"),
                      QStringLiteral("HTTP method: GET, POST, PUT, PATCH or DELETE (default GET)."),
                      QStringLiteral("M"), QStringLiteral("GET")});
    parser.addOption({QStringLiteral("path"),
                      QStringLiteral("API path, e.g. /api/v1/developer/assets."),
                      QStringLiteral("P")});
    parser.addOption({QStringLiteral("body"),
                      QStringLiteral("Request body as JSON (query parameters for GET), or "
                                     "@FILE to read it from a file."),
                      QStringLiteral("JSON")});
    parser.addOption({QStringLiteral("repeat"),
                      QStringLiteral("Send the request N times (default 1)."), QStringLiteral("N"),
                      QStringLiteral("1")});
    parser.addOption({QStringLiteral("concurrency"),
                      QStringLiteral("Keep C requests going at once (default 1). At most "
                                     "1,000 (the server's limit) are in flight on the "
                                     "connection; the rest wait in the client's queue."),
                      QStringLiteral("C"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("timeout-ms"),
                      QStringLiteral("Per-request timeout in milliseconds (default 30000)."),
                      QStringLiteral("T"), QString::number(ApiRequest::DefaultTimeoutMs)});
}

ExitCode ApiCommand::configure(const QCommandLineParser &parser)
{
    const auto positive = [&parser](const QString &name, int *out, int minimum) {
        bool ok = false;
        const int value = parser.value(name).toInt(&ok);
        if (!ok || value < minimum) {
            Console::error(QStringLiteral("--%1 must be a whole number of at least %2, not \"%3\"")
                               .arg(name)
                               .arg(minimum)
                               .arg(parser.value(name)));
            return false;
        }
        *out = value;
        return true;
    };
    if (!positive(QStringLiteral("repeat"), &m_repeat, 1) ||
        !positive(QStringLiteral("concurrency"), &m_concurrency, 1) ||
        !positive(QStringLiteral("timeout-ms"), &m_request.timeoutMs, 1))
        return ExitCode::Usage;

    m_request.method = parser.value(QStringLiteral("method")).toUpper();
    static const QStringList methods{QStringLiteral("GET"), QStringLiteral("POST"),
                                     QStringLiteral("PUT"), QStringLiteral("PATCH"),
                                     QStringLiteral("DELETE")};
    if (!methods.contains(m_request.method)) {
        Console::error(
            QStringLiteral("--method must be one of %1, not \"%2\"")
                .arg(methods.join(QStringLiteral(", ")), parser.value(QStringLiteral("method"))));
        return ExitCode::Usage;
    }
    m_request.path = parser.value(QStringLiteral("path"));
    if (!m_request.path.startsWith(QLatin1Char('/'))) {
        Console::error(
            m_request.path.isEmpty()
                ? QStringLiteral("--path is required, e.g. --path /api/v1/developer/assets")
                : QStringLiteral("--path must start with \"/\", not \"%1\"").arg(m_request.path));
        return ExitCode::Usage;
    }
    if (parser.isSet(QStringLiteral("body"))) {
        QByteArray text = parser.value(QStringLiteral("body")).toUtf8();
        QString problem;
        if (text.startsWith('@') && !BoundedFile::read(QString::fromUtf8(text.mid(1)),
                                                       MaxInputFileBytes, &text, &problem)) {
            Console::error(QStringLiteral("bad --body file: %1").arg(problem));
            return ExitCode::Usage;
        }
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError) {
            Console::error(QStringLiteral("--body is not valid JSON: %1 at offset %2")
                               .arg(error.errorString())
                               .arg(error.offset));
            return ExitCode::Usage;
        }
        m_request.body =
            document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    }
    return ExitCode::Ok;
}

void ApiCommand::start(const ConnectionTarget &target)
{
    m_client = new ApiClient(this);
    m_client->setMaxInFlight(m_concurrency);
    m_client->setOptions(target.options());
    m_client->setBaseUrl(target.baseUrl());
    m_client->setApiKey(target.apiKey());
    connect(m_client, &ApiClient::requestFinished, this, &ApiCommand::handleFinished);
    connect(m_client->connection(), &WebSocketConnection::stateChanged, this,
            &ApiCommand::handleStateChanged);
    connect(m_client->connection(), &WebSocketConnection::connectionLost, this,
            &ApiCommand::reportConnectionLost);
    // The first one is said; the summary counts them all (a flood would bury the output).
    connect(m_client, &ApiClient::malformedResponseReceived, this,
            [this](const QByteArray &, const QString &reason) {
                if (m_client->malformedResponseCount() == 1)
                    Console::error(
                        QStringLiteral("ignored a frame that is not a response: %1").arg(reason));
            });
    m_elapsed.start();
    m_client->open();
    submitMore();
}

void ApiCommand::submitMore()
{
    // Submit lazily, so a request's timeout is not spent waiting behind the others.
    while (!isDone() && m_submitted < m_repeat && m_outstanding < m_concurrency) {
        ++m_submitted;
        ++m_outstanding;
        m_client->submit(m_request);
    }
}

void ApiCommand::handleFinished(const ApiResult &result)
{
    --m_outstanding;
    m_stats.add(result);
    if (!isDone() && m_client->state() == ConnectionState::Failed) {
        // The connection gave up (refused key…): one message for all, not a line per request.
        handleStateChanged(ConnectionState::Failed);
        return;
    }
    const bool answered = !result.rawResponse.isEmpty();
    const QByteArray line =
        "{\"id\":" + jsonText(result.id) +
        ",\"status\":" + jsonText(answered ? result.status : apiRequestStateName(result.state)) +
        ",\"latency_ms\":" +
        (result.latencyMs < 0 ? QByteArray("null") : QByteArray::number(result.latencyMs, 'f', 3)) +
        ",\"data\":" + jsonText(result.data) + '}';
    if (!isDone() && !Console::writeLine(line)) {
        finish(ExitCode::Ok); // the reader went away (e.g. `| head`): nothing left to do
        return;
    }
    if (isDone())
        return;
    submitMore();
    if (m_outstanding == 0 && m_submitted == m_repeat) {
        const bool allSucceeded = m_stats.count(ApiRequestState::Succeeded) == m_stats.count();
        finish(allSucceeded ? ExitCode::Ok : ExitCode::RequestsFailed);
    }
}

void ApiCommand::handleStateChanged(ConnectionState state)
{
    handleConnectionState(state, m_client->apiUrl(), m_client->connection()->failureReason());
}

void ApiCommand::stop()
{
    if (!m_client)
        return;
    m_client->cancelAll();                         // counted in the summary as cancelled
    m_traffic = m_client->connection()->traffic(); // before the close: compression is then off
    m_client->connection()->close();
}

void ApiCommand::printSummary()
{
    const double seconds = m_elapsed.isValid() ? double(m_elapsed.nsecsElapsed()) / 1e9 : 0;
    const int errors = m_stats.count(ApiRequestState::ServerError);
    const int timeouts = m_stats.count(ApiRequestState::TimedOut);
    const int lost = m_stats.count(ApiRequestState::ConnectionLost);
    const int cancelled =
        m_stats.count(ApiRequestState::Cancelled) + m_stats.count(ApiRequestState::Rejected);
    Console::error(QStringLiteral("requests: %1 of %2, succeeded: %3, errors: %4, timeouts: %5, "
                                  "connection lost: %6, cancelled: %7")
                       .arg(m_stats.count())
                       .arg(m_repeat)
                       .arg(m_stats.count(ApiRequestState::Succeeded))
                       .arg(errors)
                       .arg(timeouts)
                       .arg(lost)
                       .arg(cancelled));
    Console::error(QStringLiteral("latency ms: p50 %1, p95 %2, p99 %3, min %4, max %5, mean %6")
                       .arg(milliseconds(m_stats.p50()), milliseconds(m_stats.p95()),
                            milliseconds(m_stats.p99()), milliseconds(m_stats.min()),
                            milliseconds(m_stats.max()), milliseconds(m_stats.mean())));
    // The rate counts answered requests only: cancelled ones would inflate it.
    const double answered = double(m_stats.latencyCount());
    Console::error(QStringLiteral("elapsed: %1 s, %2 responses/s")
                       .arg(seconds, 0, 'f', 2)
                       .arg(seconds > 0 ? answered / seconds : 0.0, 0, 'f', 1));
    if (m_client) {
        Console::error(QStringLiteral("in-flight limit refusals: %1, unknown responses: %2, "
                                      "malformed responses: %3, most in flight: %4")
                           .arg(m_client->limitRefusalCount())
                           .arg(m_client->unknownResponseCount())
                           .arg(m_client->malformedResponseCount())
                           .arg(m_client->maxInFlightObserved()));
        printTraffic(m_traffic);
    }
}

} // namespace allium
