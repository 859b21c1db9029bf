// SPDX-License-Identifier: MIT
#include "cli/apicommand.h"

#include "cli/connectiontarget.h"
#include "cli/console.h"
#include "core/api/apiclient.h"
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apinextpage.h"
#include "core/api/apirequestvalidator.h"
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

QString parameterLine(const ApiParameter &p, const QString &prefix)
{
    QString line = QStringLiteral("  %1%2  %3").arg(prefix, p.name, apiParameterTypeName(p.type));
    if (!p.choices.isEmpty())
        line += QLatin1Char(' ') + p.choices.join(QLatin1Char('|'));
    if (p.required)
        line += QStringLiteral(", required");
    else if (!p.requiredWhenField.isEmpty())
        line += QStringLiteral(", required when %1 is %2")
                    .arg(p.requiredWhenField, p.requiredWhenValue);
    if (!p.defaultValue.isUndefined())
        line += QStringLiteral(", default %1").arg(QString::fromUtf8(jsonText(p.defaultValue)));
    if (p.hasMinimum() || p.hasMaximum())
        line += QStringLiteral(", %1..%2")
                    .arg(p.hasMinimum() ? QString::number(p.minimum, 'g', 15) : QString(),
                         p.hasMaximum() ? QString::number(p.maximum, 'g', 15) : QString());
    return line + QStringLiteral(" — ") + p.description;
}

QString costText(const ApiEndpoint &e)
{
    if (e.cost < 0)
        return QStringLiteral("not documented");
    return QStringLiteral("%1 DU%2").arg(e.cost).arg(e.costPerInput ? QStringLiteral(" per input")
                                                                    : QString());
}

QString describe(const ApiEndpoint &e)
{
    QStringList lines{e.method + QLatin1Char(' ') + e.path,
                      QStringLiteral("  %1 (%2)").arg(e.description, apiAreaName(e.area))};
    if (!e.details.isEmpty())
        lines.append(QStringLiteral("  ") + e.details);
    lines.append(QStringLiteral("cost: ") + costText(e));
    if (e.paging == ApiPaging::Cursor)
        lines.append(QStringLiteral("paging: cursor (--all-pages follows it)"));
    else if (e.paging == ApiPaging::Offset)
        lines.append(QStringLiteral("paging: limit/offset (--all-pages follows it)"));
    QStringList query;
    QStringList body;
    for (const ApiParameter &p : e.parameters) {
        const bool inQuery = p.place == ApiParameterPlace::Query;
        (inQuery ? query : body).append(parameterLine(p, QString()));
    }
    if (!query.isEmpty())
        lines << (e.method == QLatin1String("GET")
                      ? QStringLiteral("query (the body's members):")
                      : QStringLiteral("query (in the path, ?name=value):"))
              << query;
    if (e.body == ApiBodyKind::Array)
        lines.append(QStringLiteral("body: an array of up to %1 inputs:").arg(e.maxBatch));
    else if (e.body == ApiBodyKind::Object)
        lines.append(QStringLiteral("body: an object:"));
    lines << body;
    if (!e.batchField.isEmpty())
        lines.append(QStringLiteral("  %1  array of up to %2 inputs, required:")
                         .arg(e.batchField)
                         .arg(e.maxBatch));
    for (const ApiParameter &p : e.itemParameters)
        lines.append(parameterLine(p, e.batchField.isEmpty()
                                          ? QStringLiteral("[].")
                                          : e.batchField + QStringLiteral("[].")));
    lines.append(QStringLiteral("response: ") + e.responseShape);
    lines.append(
        QStringLiteral("example: --body '%1'").arg(QString::fromUtf8(jsonText(e.exampleBody))));
    return lines.join(QLatin1Char('\n'));
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
    parser.addOption({QStringLiteral("list"),
                      QStringLiteral("Print the documented endpoints (method, path, area, DU "
                                     "cost, paging) and exit.")});
    parser.addOption({QStringLiteral("describe"),
                      QStringLiteral("Print one endpoint's parameters, response and cost, and "
                                     "exit."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("all-pages"),
                      QStringLiteral("Follow the response's cursor (or offset) and fetch every "
                                     "page, one after the other.")});
    parser.addOption({QStringLiteral("max-pages"),
                      QStringLiteral("With --all-pages, stop after N pages (default 100)."),
                      QStringLiteral("N"), QStringLiteral("100")});
    parser.addOption({QStringLiteral("no-validate"),
                      QStringLiteral("Send a request to a documented endpoint even when it breaks "
                                     "the documentation (to see the server's error).")});
    parser.addOption({QStringLiteral("timeout-ms"),
                      QStringLiteral("Per-request timeout in milliseconds (default 30000)."),
                      QStringLiteral("T"), QString::number(ApiRequest::DefaultTimeoutMs)});
}

bool ApiCommand::printCatalogue(const QString &describePath)
{
    if (!describePath.isEmpty()) {
        const ApiEndpoint *e = ApiEndpointCatalogue::find(describePath);
        if (!e)
            return false;
        Console::writeLine(describe(*e).toUtf8());
        return true;
    }
    for (const ApiEndpoint &e : ApiEndpointCatalogue::endpoints()) {
        const QString paging = e.paging == ApiPaging::Cursor   ? QStringLiteral("  cursor")
                               : e.paging == ApiPaging::Offset ? QStringLiteral("  offset")
                                                               : QString();
        const QString line = QStringLiteral("%1 %2  %3  %4  %5%6")
                                 .arg(e.method.leftJustified(4), e.path.leftJustified(56),
                                      apiAreaName(e.area).leftJustified(11),
                                      costText(e).leftJustified(17), e.description, paging);
        if (!Console::writeLine(line.trimmed().toUtf8()))
            break;
    }
    return true;
}

ExitCode ApiCommand::configure(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("list")) || parser.isSet(QStringLiteral("describe"))) {
        m_catalogueOnly = true;
        const QString path = parser.value(QStringLiteral("describe"));
        if (!printCatalogue(path)) {
            Console::error(QStringLiteral("--describe: \"%1\" is not a documented endpoint "
                                          "(see --list)")
                               .arg(path));
            return ExitCode::Usage;
        }
        return ExitCode::Ok;
    }
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
        !positive(QStringLiteral("timeout-ms"), &m_request.timeoutMs, 1) ||
        !positive(QStringLiteral("max-pages"), &m_maxPages, 1))
        return ExitCode::Usage;
    m_allPages = parser.isSet(QStringLiteral("all-pages"));
    if (m_allPages && (m_repeat > 1 || m_concurrency > 1)) {
        Console::error(QStringLiteral("--all-pages fetches pages one after the other: it takes "
                                      "no --repeat or --concurrency"));
        return ExitCode::Usage;
    }

    m_request.path = parser.value(QStringLiteral("path"));
    m_endpoint = ApiEndpointCatalogue::find(m_request.path);
    // A documented endpoint's method is known: --method is only needed for other paths.
    m_request.method = parser.isSet(QStringLiteral("method")) || !m_endpoint
                           ? parser.value(QStringLiteral("method")).toUpper()
                           : m_endpoint->method;
    static const QStringList methods{QStringLiteral("GET"), QStringLiteral("POST"),
                                     QStringLiteral("PUT"), QStringLiteral("PATCH"),
                                     QStringLiteral("DELETE")};
    if (!methods.contains(m_request.method)) {
        Console::error(
            QStringLiteral("--method must be one of %1, not \"%2\"")
                .arg(methods.join(QStringLiteral(", ")), parser.value(QStringLiteral("method"))));
        return ExitCode::Usage;
    }
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
    if (m_endpoint && m_endpoint->method == m_request.method &&
        !parser.isSet(QStringLiteral("no-validate"))) {
        const QList<ApiValidationIssue> issues = ApiRequestValidator::validateRequest(
            *m_endpoint, m_request.method, m_request.path, m_request.body);
        if (!issues.isEmpty()) {
            Console::error(QStringLiteral("the request breaks the documentation of %1 (send it "
                                          "anyway with --no-validate):")
                               .arg(m_endpoint->path));
            for (const ApiValidationIssue &issue : issues)
                Console::error(QStringLiteral("  ") + issue.text());
            return ExitCode::Usage;
        }
    }
    if (m_allPages && (!m_endpoint || m_endpoint->paging == ApiPaging::None))
        Console::error(QStringLiteral("--all-pages: %1 has no documented paging; one page only")
                           .arg(m_request.path));
    Console::error(QStringLiteral("cost of the request as built: %1")
                       .arg(ApiCost::of(m_request.path, m_request.body).text()));
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
        submit(m_request);
    }
}

void ApiCommand::submit(const ApiRequest &request)
{
    ++m_outstanding;
    m_cost.add(ApiCost::of(request.path, request.body));
    m_client->submit(request);
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
        (m_allPages ? ",\"page\":" + QByteArray::number(++m_pages) : QByteArray()) +
        ",\"latency_ms\":" +
        (result.latencyMs < 0 ? QByteArray("null") : QByteArray::number(result.latencyMs, 'f', 3)) +
        ",\"data\":" + jsonText(result.data) + '}';
    if (!isDone() && !Console::writeLine(line)) {
        finish(ExitCode::Ok); // the reader went away (e.g. `| head`): nothing left to do
        return;
    }
    if (isDone())
        return;
    if (m_allPages && result.succeeded() && m_endpoint && m_pages < m_maxPages) {
        if (const auto next = ApiNextPage::after(*m_endpoint, result.request, result.data)) {
            submit(*next);
            return;
        }
    }
    if (m_allPages && result.succeeded() && m_endpoint && m_pages >= m_maxPages &&
        ApiNextPage::after(*m_endpoint, result.request, result.data))
        Console::error(
            QStringLiteral("stopped after %1 pages (--max-pages); more remain").arg(m_pages));
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
                       .arg(m_repeat + std::max(0, m_pages - 1)) // each further page a request
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
    Console::error(m_cost.text());
}

} // namespace allium
