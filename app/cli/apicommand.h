// SPDX-License-Identifier: MIT
#pragma once

#include "cli/clicommand.h"
#include "core/api/apicosttally.h"
#include "core/api/apirequest.h"
#include "core/api/latencystats.h"
#include "core/connection/transporttraffic.h"

#include <QElapsedTimer>

namespace allium {

class ApiClient;
struct ApiEndpoint;
struct ApiResult;

/// `allium-cli api`: sends one request (or --repeat N of them, --concurrency C at a time, or its
/// pages one after the other with --all-pages), prints each response as one JSON line and a
/// summary on stderr with latencies and the Developer Units the session spent. Requests to a
/// catalogued endpoint are checked against its documentation first. --list and --describe
/// print the endpoint catalogue without connecting.
class ApiCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;

    static void addOptions(QCommandLineParser &parser);
    ExitCode configure(const QCommandLineParser &parser) override;
    void start(const ConnectionTarget &target) override;
    bool needsConnection() const override { return !m_catalogueOnly; }

private:
    void submitMore();
    void submit(const ApiRequest &request);
    /// Prints the catalogue (--list) or one entry (--describe); false when PATH is unknown.
    static bool printCatalogue(const QString &describePath);
    void handleFinished(const ApiResult &result);
    void handleStateChanged(ConnectionState state);
    void stop() override;
    void printSummary() override;

    ApiClient *m_client = nullptr;
    ApiRequest m_request;
    const ApiEndpoint *m_endpoint = nullptr; ///< of the path, when catalogued
    ApiCostTally m_cost;
    bool m_catalogueOnly = false;
    bool m_allPages = false;
    int m_maxPages = 100;
    int m_pages = 0;
    int m_repeat = 1;
    int m_concurrency = 1;
    int m_submitted = 0;
    int m_outstanding = 0;
    LatencyStats m_stats;
    QElapsedTimer m_elapsed;
    TransportTraffic m_traffic; ///< of the connection, taken before it is closed
};

} // namespace allium
