// SPDX-License-Identifier: MIT
#include "core/api/apiclient.h"
#include "core/api/apierrortext.h"
#include "core/api/latencystats.h"
#include "core/connection/websocketconnection.h"
#include "emulator/emulatorserver.h"
#include "support/emulatortesting.h"
#include "support/scriptedapiserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using namespace allium;

namespace {

/// Every requestFinished of one client, by id: "exactly one terminal state" is checkable.
class Recorder : public QObject
{
public:
    explicit Recorder(ApiClient *client)
    {
        connect(client, &ApiClient::requestFinished, this, [this](const ApiResult &result) {
            results.append(result);
            ++finishedById[result.id];
            stats.add(result);
        });
        connect(client, &ApiClient::inFlightChanged, this,
                [this](int inFlight, int) { maxInFlight = std::max(maxInFlight, inFlight); });
    }
    ApiResult result(const QString &id) const
    {
        for (const ApiResult &r : results) {
            if (r.id == id)
                return r;
        }
        return {};
    }
    bool finished(const QString &id) const { return finishedById.contains(id); }

    QList<ApiResult> results;
    QHash<QString, int> finishedById;
    LatencyStats stats;
    int maxInFlight = 0;
};

/// Answers for the scripted server, by request path.
void answerOddly(QWebSocket *socket, const QJsonObject &request)
{
    const QString id = request.value(QLatin1String("id")).toString();
    const QString path = request.value(QLatin1String("path")).toString();
    const auto send = [socket](const QJsonObject &frame) {
        ScriptedApiServer::send(socket, frame);
    };
    const QJsonObject ok{{QStringLiteral("id"), id},
                         {QStringLiteral("status"), QStringLiteral("success")},
                         {QStringLiteral("data"), path}};
    if (path == QLatin1String("/unknown-id")) {
        QJsonObject other = ok;
        other.insert(QStringLiteral("id"), QStringLiteral("nobody-asked-") + id);
        send(other);
        send(ok);
    } else if (path == QLatin1String("/twice")) {
        send(ok);
        send(ok); // the second answers a finished request
    } else if (path == QLatin1String("/malformed")) {
        socket->sendTextMessage(QStringLiteral("{\"id\": \"") + id + QStringLiteral("\", oops"));
        socket->sendTextMessage(QStringLiteral("[1, 2, 3]"));
        socket->sendTextMessage(QStringLiteral("{\"id\": 42, \"status\": \"success\"}"));
        send(ok);
    } else if (path == QLatin1String("/odd-status")) {
        QJsonObject odd = ok;
        odd.insert(QStringLiteral("status"), QStringLiteral("maybe"));
        send(odd);
    } else {
        send(ok);
    }
}

ApiRequest request(const QString &path, const QString &id = {}, int timeoutMs = 10000)
{
    ApiRequest r;
    r.method = QStringLiteral("GET");
    r.path = path;
    r.id = id;
    r.timeoutMs = timeoutMs;
    return r;
}

const QString assetsPath = QStringLiteral("/api/v1/developer/assets");

/// A request the emulator answers cheaply (bulk tests measure the client, not the responder).
ApiRequest cheapRequest(int timeoutMs = 60000)
{
    ApiRequest r =
        request(QStringLiteral("/api/v1/developer/trading/hyperliquid/info"), {}, timeoutMs);
    r.method = QStringLiteral("POST");
    r.body = QJsonObject{{QStringLiteral("type"), QStringLiteral("allMids")}};
    return r;
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

private slots:
    void succeedsAgainstEmulator();
    void requestsSubmittedBeforeConnectingAreSent();
    void serverErrorStatus();
    void invalidRequestsAreRejected_data();
    void invalidRequestsAreRejected();
    void generatedIdsAreUnique();
    void duplicateIdInFlightIsRefused();
    void thousandsOfRequestsEndExactlyOnce_data();
    void thousandsOfRequestsEndExactlyOnce();
    void inFlightRefusalsAreRetriedWithBackoffAndBounded();
    void pendingRequestsAreBoundedInBytes();
    void outOfOrderResponsesLandOnTheirIds();
    void timeoutWhenServerStalls();
    void cancelQueuedAndInFlight();
    void connectionLossEndsInFlightKeepsQueued();
    void refusedKeyEndsPendingRequests();
    void closeCancelsPending();
    void unknownResponseIdsAreReported();
    void malformedFramesAreCountedAndReported();

private:
    /// An emulator that accepts API requests and never answers them.
    std::unique_ptr<EmulatorServer> startStalledEmulator();
    static QStringList submitMany(ApiClient &client, int count);
    static void connectTo(ApiClient &client, const QUrl &baseUrl,
                          const QString &key = EmulatorDemoKey);
};

std::unique_ptr<EmulatorServer> TestApiClient::startStalledEmulator()
{
    EmulatorOptions options;
    options.faults.stallApi = true;
    return startEmulator(options);
}

QStringList TestApiClient::submitMany(ApiClient &client, int count)
{
    QStringList ids;
    for (int i = 0; i < count; ++i)
        ids.append(client.submit(request(assetsPath)));
    return ids;
}

void TestApiClient::connectTo(ApiClient &client, const QUrl &baseUrl, const QString &key)
{
    ConnectionOptions options;
    options.backoffBaseMs = 20; // reconnect quickly in tests
    options.backoffCapMs = 200;
    client.setOptions(options);
    client.setBaseUrl(baseUrl);
    client.setApiKey(key);
    client.open();
}

// A request to a known endpoint succeeds with the server's data, status and a latency.
void TestApiClient::succeedsAgainstEmulator()
{
    const auto server = startEmulator();
    ApiClient client;
    Recorder recorder(&client);
    connectTo(client, server->baseUrl());
    QCOMPARE(client.apiUrl(), server->apiUrl());
    QTRY_COMPARE(client.state(), ConnectionState::Connected);

    QSignalSpy sent(&client, &ApiClient::requestSent);
    const QString id = client.submit(request(assetsPath));
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY(recorder.finished(id));
    const ApiResult result = recorder.result(id);
    QCOMPARE(result.state, ApiRequestState::Succeeded);
    QCOMPARE(result.status, QStringLiteral("success"));
    QVERIFY(!result.data.isUndefined() && !result.data.isNull());
    QVERIFY(result.rawResponse.contains(id.toUtf8()));
    QVERIFY(result.latencyMs >= 0);
    QVERIFY(result.sentAt.isValid());
    QVERIFY(result.finishedAt >= result.sentAt);
    QCOMPARE(result.attempts, 1);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(client.inFlightCount(), 0);
    QCOMPARE(client.queuedCount(), 0);
}

// Requests wait in the queue while disconnected and go out once the connection opens.
void TestApiClient::requestsSubmittedBeforeConnectingAreSent()
{
    const auto server = startEmulator();
    ApiClient client;
    Recorder recorder(&client);
    QSignalSpy queued(&client, &ApiClient::requestQueued);
    const QString a = client.submit(request(assetsPath));
    const QString b = client.submit(request(assetsPath));
    QCOMPARE(queued.count(), 2);
    QCOMPARE(client.queuedCount(), 2);
    QCOMPARE(client.requestState(a), ApiRequestState::Queued);
    connectTo(client, server->baseUrl());
    QTRY_COMPARE(recorder.results.size(), 2);
    QCOMPARE(recorder.result(a).state, ApiRequestState::Succeeded);
    QCOMPARE(recorder.result(b).state, ApiRequestState::Succeeded);
}

// `"status":"error"` ends the request as ServerError with the server's message.
void TestApiClient::serverErrorStatus()
{
    const auto server = startEmulator();
    ApiClient client;
    Recorder recorder(&client);
    connectTo(client, server->baseUrl());
    const QString id = client.submit(request(QStringLiteral("/api/v1/no-such-endpoint")));
    QTRY_VERIFY(recorder.finished(id));
    const ApiResult result = recorder.result(id);
    QCOMPARE(result.state, ApiRequestState::ServerError);
    QCOMPARE(result.status, QStringLiteral("error"));
    QVERIFY2(
        ApiErrorText::describe(result.data).contains(QStringLiteral("/api/v1/no-such-endpoint")),
        result.rawResponse.constData());
    // The server's error object read for people: its status and detail.
    QCOMPARE(result.errorMessage,
             QStringLiteral("HTTP 404: unknown path /api/v1/no-such-endpoint"));
    QVERIFY(result.latencyMs >= 0);
}

void TestApiClient::invalidRequestsAreRejected_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("unknown method") << "FETCH" << assetsPath << ""
                                    << "method";
    QTest::newRow("relative path") << "GET"
                                   << "api/v1/x"
                                   << ""
                                   << "path";
    QTest::newRow("empty path") << "GET"
                                << ""
                                << ""
                                << "path";
    QTest::newRow("huge id") << "GET" << assetsPath << QString(300, QLatin1Char('x')) << "id";
}

// Invalid requests are refused at once, reported as Rejected, and never sent.
void TestApiClient::invalidRequestsAreRejected()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QString, id);
    QFETCH(QString, errorPart);
    ApiClient client;
    Recorder recorder(&client);
    ApiRequest r = request(path, id);
    r.method = method;
    QString error;
    QVERIFY(client.submit(r, &error).isEmpty());
    QVERIFY2(error.contains(errorPart), qPrintable(error));
    QCOMPARE(recorder.results.size(), 1);
    QCOMPARE(recorder.results.at(0).state, ApiRequestState::Rejected);
    QCOMPARE(recorder.results.at(0).errorMessage, error);
    QCOMPARE(client.queuedCount(), 0);
}

// Generated ids look like req-<n>-<random hex> and never repeat; lower-case methods are accepted.
void TestApiClient::generatedIdsAreUnique()
{
    ApiClient client;
    QSet<QString> ids;
    const QRegularExpression shape(QStringLiteral("^req-\\d+-[0-9a-f]{8}$"));
    for (int i = 0; i < 500; ++i) {
        ApiRequest r = request(assetsPath);
        r.method = QStringLiteral("post");
        const QString id = client.submit(r);
        QVERIFY2(shape.match(id).hasMatch(), qPrintable(id));
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 500);
    QCOMPARE(client.queuedCount(), 500);
    client.cancelAll();
    QCOMPARE(client.queuedCount(), 0);
}

// An id still pending cannot be reused; once the first request ended, it can.
void TestApiClient::duplicateIdInFlightIsRefused()
{
    const auto server = startStalledEmulator();
    ApiClient client;
    Recorder recorder(&client);
    connectTo(client, server->baseUrl());
    QCOMPARE(client.submit(request(assetsPath, QStringLiteral("dup"))), QStringLiteral("dup"));
    QTRY_COMPARE(client.requestState(QStringLiteral("dup")), ApiRequestState::InFlight);

    QString error;
    QVERIFY(client.submit(request(assetsPath, QStringLiteral("dup")), &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("dup")));
    QCOMPARE(recorder.results.size(), 1);
    QCOMPARE(recorder.results.at(0).state, ApiRequestState::Rejected);
    QCOMPARE(client.requestState(QStringLiteral("dup")), ApiRequestState::InFlight);
    QCOMPARE(client.inFlightCount(), 1);

    QVERIFY(client.cancel(QStringLiteral("dup")));
    QCOMPARE(client.submit(request(assetsPath, QStringLiteral("dup"))), QStringLiteral("dup"));
}

void TestApiClient::thousandsOfRequestsEndExactlyOnce_data()
{
    QTest::addColumn<int>("maxInFlight");
    QTest::addColumn<int>("latencyMs");
    QTest::newRow("default limit of 1000") << 1000 << 300;
    // Long server delays keep well over 1,000 requests on the server even if it parses slowly.
    // Long server delays keep well over 1,000 requests on the server if the client let them.
    QTest::newRow("asked for 2000: held to the server's 1000") << 2000 << 2500;
}

// 3,000 requests at once all end exactly once as Succeeded, and the server is never over its
// 1,000 (no refusal), even when more than 1,000 are asked for.
void TestApiClient::thousandsOfRequestsEndExactlyOnce()
{
    QFETCH(int, maxInFlight);
    QFETCH(int, latencyMs);
    EmulatorOptions options;
    options.latencyMs = latencyMs; // responses wait, so the server really holds requests
    const auto server = startEmulator(options);
    ApiClient client;
    QCOMPARE(client.maxInFlight(), ApiClient::DefaultMaxInFlight);
    client.setMaxInFlight(maxInFlight);
    QCOMPARE(client.maxInFlight(), std::min(maxInFlight, ApiClient::DefaultMaxInFlight));
    maxInFlight = client.maxInFlight();
    Recorder recorder(&client);
    QSignalSpy requeued(&client, &ApiClient::requestRequeued);
    connectTo(client, server->baseUrl());
    QTRY_COMPARE(client.state(), ConnectionState::Connected);

    constexpr int total = 3000;
    QSet<QString> ids;
    for (int i = 0; i < total; ++i)
        ids.insert(client.submit(cheapRequest()));
    QCOMPARE(ids.size(), total);
    QVERIFY(client.inFlightCount() <= maxInFlight);
    QCOMPARE(client.inFlightCount() + client.queuedCount(), total);

    QTRY_COMPARE_WITH_TIMEOUT(recorder.results.size(), total, 30000);
    qInfo("refusals %lld, effective limit %d, p50 %.1f ms, p99 %.1f ms", client.limitRefusalCount(),
          client.effectiveMaxInFlight(), recorder.stats.p50(), recorder.stats.p99());
    QCOMPARE(recorder.finishedById.size(), total);
    for (auto it = recorder.finishedById.cbegin(); it != recorder.finishedById.cend(); ++it) {
        QVERIFY2(ids.contains(it.key()), qPrintable(it.key()));
        QCOMPARE(it.value(), 1);
    }
    QCOMPARE(recorder.stats.count(ApiRequestState::Succeeded), total);
    for (const ApiResult &result : std::as_const(recorder.results))
        QVERIFY(!result.data.toString().contains(QStringLiteral("max inflight")));
    QCOMPARE(client.inFlightCount(), 0);
    QCOMPARE(client.queuedCount(), 0);
    QCOMPARE(client.maxInFlightObserved(), maxInFlight);
    QVERIFY(recorder.maxInFlight <= maxInFlight);
    QCOMPARE(client.unknownResponseCount(), 0);
    QCOMPARE(client.malformedResponseCount(), 0);
    QCOMPARE(client.limitRefusalCount(), 0);
    QCOMPARE(requeued.count(), 0);
}

// The in-flight refusal is recognised by its exact text only; such a request is sent again after
// a pause, its latency counts from the first send, and a server that keeps refusing sees at
// most MaxLimitRefusals sends before the request ends in Error with the server's text.
void TestApiClient::inFlightRefusalsAreRetriedWithBackoffAndBounded()
{
    QHash<QString, int> sends;
    ScriptedApiServer server([&sends](QWebSocket *socket, const QJsonObject &request) {
        const QString id = request.value(QLatin1String("id")).toString();
        const QString path = request.value(QLatin1String("path")).toString();
        const int sent = ++sends[id];
        const bool refuse = path == QLatin1String("/always-refused") ||
                            (path == QLatin1String("/refused-twice") && sent <= 2);
        QString error = ApiClient::inFlightLimitError();
        if (path == QLatin1String("/mentions-it"))
            error = QStringLiteral("upstream said: ") + error;
        const bool fail = refuse || path == QLatin1String("/mentions-it");
        ScriptedApiServer::send(
            socket,
            {{QStringLiteral("id"), id},
             {QStringLiteral("status"), fail ? QStringLiteral("error") : QStringLiteral("success")},
             {QStringLiteral("data"), fail ? error : path}});
    });
    QVERIFY(server.listen());
    ApiClient client;
    Recorder recorder(&client);
    QSignalSpy requeued(&client, &ApiClient::requestRequeued);
    connectTo(client, server.baseUrl());
    QTRY_COMPARE(client.state(), ConnectionState::Connected);

    const auto request = [](const QString &path) {
        ApiRequest r;
        r.path = path;
        return r;
    };
    const QString twice = client.submit(request(QStringLiteral("/refused-twice")));
    const QString always = client.submit(request(QStringLiteral("/always-refused")));
    const QString mentions = client.submit(request(QStringLiteral("/mentions-it")));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.finished(twice) && recorder.finished(always) &&
                                 recorder.finished(mentions),
                             20000);

    const ApiResult retried = recorder.result(twice);
    QCOMPARE(retried.state, ApiRequestState::Succeeded);
    QCOMPARE(retried.attempts, 3);
    QCOMPARE(sends.value(twice), 3);
    // The two pauses (at least 25 ms and 50 ms) are part of the latency.
    QVERIFY2(retried.latencyMs >= 75, qPrintable(QString::number(retried.latencyMs)));

    const ApiResult refused = recorder.result(always);
    QCOMPARE(refused.state, ApiRequestState::ServerError);
    QCOMPARE(refused.errorMessage, ApiClient::inFlightLimitError());
    QCOMPARE(refused.attempts, ApiClient::MaxLimitRefusals);
    QCOMPARE(sends.value(always), ApiClient::MaxLimitRefusals);

    const ApiResult mentioned = recorder.result(mentions);
    QCOMPARE(mentioned.state, ApiRequestState::ServerError);
    QCOMPARE(mentioned.attempts, 1);
    QCOMPARE(sends.value(mentions), 1);

    QCOMPARE(client.limitRefusalCount(), 2 + ApiClient::MaxLimitRefusals);
    QCOMPARE(requeued.count(), 2 + ApiClient::MaxLimitRefusals - 1);
    for (const QList<QVariant> &arguments : std::as_const(requeued))
        QVERIFY(arguments.at(1).toInt() >= ApiClient::FirstRetryMs / 2);
    QCOMPARE(recorder.finishedById.value(always), 1);
    QCOMPARE(client.inFlightCount(), 0);
    QCOMPARE(client.queuedCount(), 0);
    QCOMPARE(client.pendingBytes(), 0);
}

// Requests beyond the byte bound of pending frames are rejected, not queued.
void TestApiClient::pendingRequestsAreBoundedInBytes()
{
    ApiClient client; // never connected: everything stays queued
    client.setMaxPendingBytes(10 * 1024);
    Recorder recorder(&client);
    ApiRequest big;
    big.method = QStringLiteral("POST");
    big.path = QStringLiteral("/api/v1/developer/prices");
    big.body = QJsonObject{{QStringLiteral("blob"), QString(4000, QLatin1Char('x'))}};
    QVERIFY(!client.submit(big).isEmpty());
    QVERIFY(!client.submit(big).isEmpty());
    QString error;
    QVERIFY(client.submit(big, &error).isEmpty());
    QVERIFY2(error.contains(QLatin1String("bytes")), qPrintable(error));
    QCOMPARE(client.queuedCount(), 2);
    QVERIFY(client.pendingBytes() <= 10 * 1024);
    QCOMPARE(recorder.results.size(), 1);
    QCOMPARE(recorder.results.at(0).state, ApiRequestState::Rejected);
    client.cancelAll();
    QCOMPARE(client.pendingBytes(), 0);
}

// With random server delays, responses arrive out of order and each lands on its own request.
void TestApiClient::outOfOrderResponsesLandOnTheirIds()
{
    EmulatorOptions options;
    options.latencyMs = 150;
    const auto server = startEmulator(options);
    ApiClient client;
    Recorder recorder(&client);
    connectTo(client, server->baseUrl());
    QStringList submitted;
    QHash<QString, QString> pathById;
    for (int i = 0; i < 60; ++i) {
        // Odd ones name a path only they use; its echo in the error proves the match.
        ApiRequest r = cheapRequest();
        if (i % 2)
            r.path = QStringLiteral("/api/v1/nope-%1").arg(i);
        const QString path = r.path;
        const QString id = client.submit(r);
        submitted.append(id);
        pathById.insert(id, path);
    }
    QTRY_COMPARE_WITH_TIMEOUT(recorder.results.size(), 60, 10000);
    QStringList finishedOrder;
    for (const ApiResult &result : std::as_const(recorder.results)) {
        finishedOrder.append(result.id);
        const QJsonObject raw = QJsonDocument::fromJson(result.rawResponse).object();
        QCOMPARE(raw.value(QLatin1String("id")).toString(), result.id);
        const QString path = pathById.value(result.id);
        QCOMPARE(result.request.path, path);
        if (!path.contains(QStringLiteral("nope"))) {
            QCOMPARE(result.state, ApiRequestState::Succeeded);
        } else {
            QCOMPARE(result.state, ApiRequestState::ServerError);
            QVERIFY2(ApiErrorText::describe(result.data).contains(path),
                     result.rawResponse.constData());
        }
    }
    QVERIFY(finishedOrder != submitted);
    QCOMPARE(recorder.finishedById.size(), 60);
}

// A server that never answers gives TimedOut after the request's timeout, and the slot frees.
void TestApiClient::timeoutWhenServerStalls()
{
    const auto server = startStalledEmulator();
    ApiClient client;
    Recorder recorder(&client);
    connectTo(client, server->baseUrl());
    QTRY_COMPARE(client.state(), ConnectionState::Connected);
    QElapsedTimer timer;
    timer.start();
    const QString slow = client.submit(request(assetsPath, {}, 300));
    const QString slower = client.submit(request(assetsPath, {}, 600));
    QTRY_VERIFY(recorder.finished(slow));
    QVERIFY(timer.elapsed() >= 280);
    QVERIFY(!recorder.finished(slower));
    QTRY_VERIFY(recorder.finished(slower));
    QVERIFY(timer.elapsed() >= 580);
    const ApiResult result = recorder.result(slow);
    QCOMPARE(result.state, ApiRequestState::TimedOut);
    QVERIFY(result.errorMessage.contains(QStringLiteral("300 ms")));
    QVERIFY(result.latencyMs > 200);
    QVERIFY(result.rawResponse.isEmpty());
    QCOMPARE(client.inFlightCount(), 0);
    QCOMPARE(recorder.results.size(), 2);
}

// cancel() ends a queued request (never sent) and an in-flight one; a freed slot is reused.
void TestApiClient::cancelQueuedAndInFlight()
{
    const auto server = startStalledEmulator();
    ApiClient client;
    client.setMaxInFlight(2);
    Recorder recorder(&client);
    QSignalSpy sent(&client, &ApiClient::requestSent);
    connectTo(client, server->baseUrl());
    const QStringList ids = submitMany(client, 4);
    QTRY_COMPARE(client.inFlightCount(), 2);
    QCOMPARE(client.queuedCount(), 2);

    QVERIFY(client.cancel(ids.at(2)));
    QCOMPARE(recorder.result(ids.at(2)).state, ApiRequestState::Cancelled);
    QCOMPARE(recorder.result(ids.at(2)).latencyMs, -1.0);
    QVERIFY(!recorder.result(ids.at(2)).sentAt.isValid());
    QCOMPARE(client.queuedCount(), 1);

    QVERIFY(client.cancel(ids.at(0)));
    QCOMPARE(recorder.result(ids.at(0)).state, ApiRequestState::Cancelled);
    QVERIFY(recorder.result(ids.at(0)).latencyMs >= 0);
    QCOMPARE(client.requestState(ids.at(3)), ApiRequestState::InFlight);
    QCOMPARE(client.inFlightCount(), 2);
    QCOMPARE(client.queuedCount(), 0);

    QStringList sentIds;
    for (const QList<QVariant> &args : std::as_const(sent))
        sentIds.append(args.at(0).toString());
    QCOMPARE(sentIds, (QStringList{ids.at(0), ids.at(1), ids.at(3)}));
    QVERIFY(!client.cancel(ids.at(0)));
    QVERIFY(!client.cancel(QStringLiteral("never-submitted")));
    QCOMPARE(recorder.results.size(), 2);
}

// A dropped connection ends in-flight requests as ConnectionLost; queued ones were never sent,
// so they wait and go out on the next connection.
void TestApiClient::connectionLossEndsInFlightKeepsQueued()
{
    const auto server = startStalledEmulator();
    ApiClient client;
    client.setMaxInFlight(2);
    Recorder recorder(&client);
    connectTo(client, server->baseUrl());
    const QStringList ids = submitMany(client, 3);
    QTRY_COMPARE(client.inFlightCount(), 2);

    server->dropAllConnections();
    QTRY_COMPARE(recorder.results.size(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(recorder.result(ids.at(i)).state, ApiRequestState::ConnectionLost);
        QVERIFY(recorder.result(ids.at(i)).latencyMs >= 0);
    }
    QVERIFY(!recorder.finished(ids.at(2)));

    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ConnectionState::Connected, 5000);
    QTRY_COMPARE(client.requestState(ids.at(2)), ApiRequestState::InFlight);
    QCOMPARE(recorder.results.size(), 2);
}

// When the connection gives up (refused key), every pending request ends as ConnectionLost.
void TestApiClient::refusedKeyEndsPendingRequests()
{
    const auto server = startEmulator();
    ApiClient client;
    Recorder recorder(&client);
    const QString id = client.submit(request(assetsPath));
    connectTo(client, server->baseUrl(), QStringLiteral("wrong-key"));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ConnectionState::Failed, 5000);
    QTRY_VERIFY(recorder.finished(id));
    QCOMPARE(recorder.result(id).state, ApiRequestState::ConnectionLost);
    QVERIFY(!recorder.result(id).errorMessage.contains(QStringLiteral("wrong-key")));
    QCOMPARE(client.queuedCount(), 0);
}

// close() ends queued and in-flight requests as Cancelled.
void TestApiClient::closeCancelsPending()
{
    const auto server = startStalledEmulator();
    ApiClient client;
    client.setMaxInFlight(1);
    Recorder recorder(&client);
    QSignalSpy counts(&client, &ApiClient::inFlightChanged);
    connectTo(client, server->baseUrl());
    client.submit(request(assetsPath));
    client.submit(request(assetsPath));
    QTRY_COMPARE(client.inFlightCount(), 1);
    client.close();
    QCOMPARE(recorder.results.size(), 2);
    for (const ApiResult &result : std::as_const(recorder.results))
        QCOMPARE(result.state, ApiRequestState::Cancelled);
    QCOMPARE(counts.last(), (QList<QVariant>{0, 0}));
}

// Responses naming no pending request are counted and reported with their raw text.
void TestApiClient::unknownResponseIdsAreReported()
{
    ScriptedApiServer server(answerOddly);
    QVERIFY(server.listen());
    ApiClient client;
    Recorder recorder(&client);
    QSignalSpy unknown(&client, &ApiClient::unknownResponseReceived);
    connectTo(client, server.baseUrl());
    const QString a = client.submit(request(QStringLiteral("/unknown-id")));
    const QString b = client.submit(request(QStringLiteral("/twice")));
    QTRY_COMPARE(recorder.results.size(), 2);
    QTRY_COMPARE(unknown.count(), 2);
    QCOMPARE(client.unknownResponseCount(), 2);
    QCOMPARE(recorder.result(a).state, ApiRequestState::Succeeded);
    QCOMPARE(recorder.result(b).state, ApiRequestState::Succeeded);
    QVERIFY(unknown.at(0).at(0).toByteArray().contains("nobody-asked-" + a.toUtf8()));
    QVERIFY(unknown.at(1).at(0).toByteArray().contains(b.toUtf8()));
}

// Frames that are not responses are counted and reported; a bad status still ends its request.
void TestApiClient::malformedFramesAreCountedAndReported()
{
    ScriptedApiServer server(answerOddly);
    QVERIFY(server.listen());
    ApiClient client;
    Recorder recorder(&client);
    QSignalSpy malformed(&client, &ApiClient::malformedResponseReceived);
    connectTo(client, server.baseUrl());
    const QString a = client.submit(request(QStringLiteral("/malformed")));
    QTRY_VERIFY(recorder.finished(a));
    QCOMPARE(recorder.result(a).state, ApiRequestState::Succeeded);
    QCOMPARE(malformed.count(), 3);
    QCOMPARE(client.malformedResponseCount(), 3);
    QVERIFY(malformed.at(0).at(1).toString().contains(QStringLiteral("not JSON")));
    QVERIFY(malformed.at(1).at(1).toString().contains(QStringLiteral("object")));
    QVERIFY(malformed.at(2).at(1).toString().contains(QStringLiteral("id")));
    QCOMPARE(malformed.at(1).at(0).toByteArray(), QByteArray("[1, 2, 3]"));

    const QString b = client.submit(request(QStringLiteral("/odd-status")));
    QTRY_VERIFY(recorder.finished(b));
    QCOMPARE(recorder.result(b).state, ApiRequestState::ServerError);
    QCOMPARE(recorder.result(b).status, QStringLiteral("maybe"));
    QCOMPARE(malformed.count(), 4);
    QCOMPARE(client.unknownResponseCount(), 0);
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
