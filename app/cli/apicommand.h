// SPDX-License-Identifier: MIT
#pragma once

#include "cli/clicommand.h"
#include "core/api/apirequest.h"
#include "core/api/latencystats.h"
#include "core/connection/transporttraffic.h"

#include <QElapsedTimer>

namespace allium {

class ApiClient;
struct ApiResult;

/// `allium-cli api`: sends one request (or --repeat N of them, --concurrency C at a time),
/// prints each response as one JSON line and a latency summary on stderr.
class ApiCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;

    static void addOptions(QCommandLineParser &parser);
    ExitCode configure(const QCommandLineParser &parser) override;
    void start(const ConnectionTarget &target) override;

private:
    void submitMore();
    void handleFinished(const ApiResult &result);
    void handleStateChanged(ConnectionState state);
    void stop() override;
    void printSummary() override;

    ApiClient *m_client = nullptr;
    ApiRequest m_request;
    int m_repeat = 1;
    int m_concurrency = 1;
    int m_submitted = 0;
    int m_outstanding = 0;
    LatencyStats m_stats;
    QElapsedTimer m_elapsed;
    TransportTraffic m_traffic; ///< of the connection, taken before it is closed
};

} // namespace allium
