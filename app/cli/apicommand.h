#pragma once

#include "apirequest.h"
#include "connectionstate.h"
#include "exitcode.h"
#include "latencystats.h"

#include <QElapsedTimer>
#include <QObject>

class QCommandLineParser;

namespace allium {

class ApiClient;
class ConnectionTarget;
struct ApiResult;

/// `allium-cli api`: sends one request (or --repeat N of them, --concurrency C at a time),
/// prints each response as one JSON line and a latency summary on stderr.
class ApiCommand : public QObject
{
    Q_OBJECT
public:
    explicit ApiCommand(QObject *parent = nullptr);

    static void addOptions(QCommandLineParser &parser);
    /// Reads the options; anything but Ok means a message was printed and we should exit.
    ExitCode configure(const QCommandLineParser &parser);
    void start(const ConnectionTarget &target);
    /// SIGINT/SIGTERM: cancel what is pending, print the summary, finish.
    void interrupt(int signalNumber);

signals:
    void finished(int exitCode);

private:
    void submitMore();
    void handleFinished(const ApiResult &result);
    void handleStateChanged(ConnectionState state);
    void printSummary();
    void finish(ExitCode code);

    ApiClient *m_client = nullptr;
    ApiRequest m_request;
    int m_repeat = 1;
    int m_concurrency = 1;
    int m_submitted = 0;
    int m_outstanding = 0;
    LatencyStats m_stats;
    QElapsedTimer m_elapsed;
    bool m_connectedOnce = false;
    bool m_done = false;
};

} // namespace allium
