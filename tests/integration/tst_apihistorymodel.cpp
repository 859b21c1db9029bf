// SPDX-License-Identifier: MIT
#include "core/api/apiclient.h"
#include "core/api/apihistorymodel.h"
#include "core/api/apiresult.h"
#include "emulator/emulatorserver.h"
#include "support/emulatortesting.h"
#include "support/scriptedapiserver.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using namespace allium;
using RowState = ApiHistoryModel::RowState;
using Tone = ApiHistoryModel::Tone;

namespace {

const QString assetsPath = QStringLiteral("/api/v1/developer/assets");

/// Answers by request path, for responses the emulator never gives: an answer under another id,
/// a second answer, a frame that is not a response.
void answerOddly(QWebSocket *socket, const QJsonObject &request)
{
    const QString id = request.value(QLatin1String("id")).toString();
    const QString path = request.value(QLatin1String("path")).toString();
    QJsonObject reply{{QStringLiteral("id"), id},
                      {QStringLiteral("status"), QStringLiteral("success")},
                      {QStringLiteral("data"), QJsonObject{{QStringLiteral("path"), path}}}};
    const auto send = [socket](const QJsonObject &frame) {
        ScriptedApiServer::send(socket, frame);
    };
    if (path == QLatin1String("/orphan")) {
        QJsonObject stranger = reply;
        stranger.insert(QStringLiteral("id"), QStringLiteral("stranger-") + id);
        send(stranger);
    } else if (path == QLatin1String("/twice")) {
        send(reply);
    } else if (path == QLatin1String("/garbage")) {
        socket->sendTextMessage(QStringLiteral("{not json"));
    } else if (path == QLatin1String("/error")) {
        reply.insert(QStringLiteral("status"), QStringLiteral("error"));
        reply.insert(QStringLiteral("data"), QStringLiteral("nope"));
    }
    send(reply);
}

/// Answers "/pages" with {"items": [n objects of `size` characters], "cursor"}, "/error" with an
/// error, and never answers "/never".
void answerPages(QWebSocket *socket, const QJsonObject &request)
{
    const QString path = request.value(QLatin1String("path")).toString();
    const QJsonObject body = request.value(QLatin1String("body")).toObject();
    if (path == QLatin1String("/never"))
        return;
    QJsonObject reply{{QStringLiteral("id"), request.value(QLatin1String("id"))},
                      {QStringLiteral("status"), QStringLiteral("success")}};
    if (path == QLatin1String("/error")) {
        reply.insert(QStringLiteral("status"), QStringLiteral("error"));
        reply.insert(QStringLiteral("data"), QStringLiteral("nope"));
    } else {
        QJsonArray items;
        for (int i = 0; i < body.value(QLatin1String("n")).toInt(); ++i)
            items.append(QJsonObject{
                {QStringLiteral("i"), i},
                {QStringLiteral("text"),
                 QString(body.value(QLatin1String("size")).toInt(), QLatin1Char('x'))}});
        reply.insert(QStringLiteral("data"),
                     QJsonObject{{QStringLiteral("items"), items},
                                 {QStringLiteral("cursor"), QStringLiteral("next")}});
    }
    ScriptedApiServer::send(socket, reply);
}

ApiRequest makeRequest(const QString &path, const QString &id, const QJsonValue &body = {})
{
    ApiRequest r;
    r.method = QStringLiteral("GET");
    r.path = path;
    r.id = id;
    r.body = body;
    r.timeoutMs = 10000;
    return r;
}

void connectTo(ApiClient &client, const QUrl &baseUrl)
{
    client.setBaseUrl(baseUrl);
    client.setApiKey(EmulatorDemoKey);
    client.open();
}

} // namespace

class TestApiHistoryModel : public QObject
{
    Q_OBJECT

private slots:
    // Requests answered out of order each end on their own row, in submission order, with
    // method, path, status, latency and the response frame; the stats count them.
    void outOfOrderResponsesLandOnTheirRows();
    // Each client state shows as its own text and tone.
    void statesHaveTextAndTone_data();
    void statesHaveTextAndTone();
    // Responses no request is waiting for get their own, flagged rows; they never take over
    // the request's row.
    void orphanLateAndMalformedResponses();
    // Past maxRows the oldest rows go (with remove signals) and ids still find their rows.
    void boundedHistoryEvictsOldest();
    // A duplicate id rejected by the client is a row of its own; the pending request keeps its.
    void rejectedDuplicateKeepsOriginalRow();
    // A request nobody announced still gets a row, completed when it ends.
    void unannouncedRequestIsCompletedOnFinish();
    // Server errors keep their message; sort values are typed; clear() empties rows and stats.
    void errorsSortingAndClear();
    // After detaching, the client's signals no longer reach the model.
    void detachStopsUpdates();
    // Many multi-megabyte responses keep the history under its byte bound: the oldest finished
    // rows go, a pending request keeps its row, the client's parsed data is kept (not parsed
    // again), and a response larger than a quarter of the bound keeps only its beginning.
    void byteBoundWithLargeResponses();
    // The pages of a walk (requests announced as continuing it) are one top-level row with the
    // pages as children: pending while a page is, failed if a page failed, latency and items
    // summed; responses still land on their page by id in any order.
    void walkIsOneRowWithPagesAsChildren();
    // The row bound counts pages: evicting a walk evicts all its pages, finished entries go
    // before a walk with a pending page, and a page whose walk left starts a new row.
    void walkRowBoundCountsPages();
    // The byte bound drops finished entries whole and then a walk's oldest finished pages,
    // never its pending page.
    void walkByteBoundKeepsPendingPage();

private:
    /// An emulator on loopback whose API responses take latencyMs.
    static std::unique_ptr<EmulatorServer> startEmulator(int latencyMs);
};

void TestApiHistoryModel::byteBoundWithLargeResponses()
{
    constexpr int Mib = 1024 * 1024;
    ScriptedApiServer server([](QWebSocket *socket, const QJsonObject &request) {
        const QString path = request.value(QLatin1String("path")).toString();
        if (path == QLatin1String("/never"))
            return;
        const int size = path == QLatin1String("/huge") ? 5 * Mib : 2 * Mib;
        ScriptedApiServer::send(socket,
                                {{QStringLiteral("id"), request.value(QLatin1String("id"))},
                                 {QStringLiteral("status"), QStringLiteral("success")},
                                 {QStringLiteral("data"), QString(size, QLatin1Char('d'))}});
    });
    QVERIFY(server.listen());
    ApiClient client;
    ApiHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.attach(&client);
    model.setMaxBytes(16 * Mib);
    QCOMPARE(model.maxBytes(), qint64(16 * Mib));
    connectTo(client, server.baseUrl());
    QTRY_COMPARE(client.state(), ConnectionState::Connected);
    qint64 highest = 0;
    connect(&model, &ApiHistoryModel::fillChanged, this,
            [&] { highest = std::max(highest, model.bytes()); });

    // Never answered, and never timed out while the test runs (slow under a sanitizer).
    ApiRequest pending = makeRequest(QStringLiteral("/never"), QStringLiteral("pending"));
    pending.timeoutMs = 600000;
    model.announce(pending);
    client.submit(pending);
    constexpr int Count = 24;
    for (int i = 0; i < Count; ++i) {
        ApiRequest request = makeRequest(assetsPath, QStringLiteral("big-%1").arg(i));
        request.timeoutMs = 120000; // 2 MiB answers are slow under a sanitizer
        model.announce(request);
        client.submit(request);
    }
    QTRY_COMPARE_WITH_TIMEOUT(model.stats().count(), Count, 120000);
    QVERIFY2(model.bytes() <= model.maxBytes(), qPrintable(QString::number(model.bytes())));
    // Between two events the bound may be passed by the one row being added, never more.
    QVERIFY(highest <= model.maxBytes() + 4 * Mib + 4096);
    QVERIFY(model.rowCount() < Count);
    QVERIFY(model.evictedCount() > 0);
    // The pending request is still first and still finds its row.
    QCOMPARE(model.rowOfId(QStringLiteral("pending")), 0);
    QVERIFY(model.isPendingAt(0));
    // The newest rows are whole, with the client's parsed data.
    const int last = model.rowOfId(QStringLiteral("big-%1").arg(Count - 1));
    QCOMPARE(last, model.rowCount() - 1);
    const QModelIndex index = model.index(last, 0);
    QVERIFY(index.data(ApiHistoryModel::ResponseJsonRole).toByteArray().size() > 2 * Mib);
    QCOMPARE(index.data(ApiHistoryModel::ResponseDataRole).value<QJsonValue>().toString().size(),
             2 * Mib);
    QCOMPARE(index.data(ApiHistoryModel::ResponseStatusRole).toString(), QStringLiteral("success"));
    QCOMPARE(index.data(ApiHistoryModel::ResponseIdRole).toString(),
             QStringLiteral("big-%1").arg(Count - 1));
    for (int i = 0; i < Count; ++i) {
        const int row = model.rowOfId(QStringLiteral("big-%1").arg(i));
        QVERIFY(row < 0 || model.idAt(row) == QStringLiteral("big-%1").arg(i));
    }

    // 5 MiB is more than a quarter of 16 MiB: the row keeps 4 MiB of it and no parsed tree.
    // A long timeout: under a sanitizer on a loaded machine 5 MiB can take over 10 s.
    ApiRequest huge = makeRequest(QStringLiteral("/huge"), QStringLiteral("huge"));
    huge.timeoutMs = 120000;
    model.announce(huge);
    client.submit(huge);
    QTRY_COMPARE_WITH_TIMEOUT(model.stats().count(), Count + 1, 120000);
    const QModelIndex hugeIndex = model.index(model.rowOfId(QStringLiteral("huge")), 0);
    QCOMPARE(hugeIndex.data(ApiHistoryModel::ResponseJsonRole).toByteArray().size(), 4 * Mib);
    QVERIFY(hugeIndex.data(ApiHistoryModel::ResponseSizeRole).toLongLong() > 5 * Mib);
    QVERIFY(hugeIndex.data(ApiHistoryModel::ResponseDataRole).value<QJsonValue>().isUndefined());
    QVERIFY(model.bytes() <= model.maxBytes());

    // Shrinking the bound evicts at once; clearing empties it.
    model.setMaxBytes(6 * Mib);
    QVERIFY(model.bytes() <= 6 * Mib);
    QCOMPARE(model.rowOfId(QStringLiteral("pending")), 0);
    model.clear();
    QCOMPARE(model.bytes(), 0);
}

void TestApiHistoryModel::walkIsOneRowWithPagesAsChildren()
{
    ScriptedApiServer server(answerPages);
    QVERIFY(server.listen());
    ApiClient client;
    ApiHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.attach(&client);
    connectTo(client, server.baseUrl());
    QTRY_COMPARE(client.state(), ConnectionState::Connected);
    const auto send = [&](const QString &path, const QString &id, int n,
                          const QString &continues = {}) {
        const ApiRequest request = makeRequest(path, id, QJsonObject{{QStringLiteral("n"), n}});
        model.announce(request, continues);
        return client.submit(request);
    };

    QCOMPARE(send(QStringLiteral("/pages"), QStringLiteral("w"), 3), QStringLiteral("w"));
    QTRY_COMPARE(model.stateAt(0), RowState::Succeeded);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    QVERIFY(!model.index(0, 0).data(ApiHistoryModel::IsWalkRole).toBool());
    QCOMPARE(model.index(0, 0).data(ApiHistoryModel::ItemCountRole).toInt(), 3);

    // The second page makes the row a walk: both pages become its children.
    send(QStringLiteral("/never"), QStringLiteral("w-page-2"), 0, QStringLiteral("w"));
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex walk = model.index(0, 0);
    QCOMPARE(model.rowCount(walk), 2);
    QVERIFY(walk.data(ApiHistoryModel::IsWalkRole).toBool());
    QCOMPARE(model.idAt(0), QStringLiteral("w"));
    QCOMPARE(model.index(0, 0, walk).data(ApiHistoryModel::IdRole).toString(), QStringLiteral("w"));
    QCOMPARE(model.index(1, 0, walk).data(ApiHistoryModel::IdRole).toString(),
             QStringLiteral("w-page-2"));
    QCOMPARE(model.rowOfId(QStringLiteral("w-page-2")), 0);
    QCOMPARE(model.indexOfId(QStringLiteral("w-page-2")), model.index(1, 0, walk));
    QCOMPARE(model.indexOfId(QStringLiteral("w")), model.index(0, 0, walk));
    QVERIFY(model.isPendingAt(0)); // pending while a page is
    QCOMPARE(model.requestAt(0).id, QStringLiteral("w"));
    QCOMPARE(model.requestOf(model.index(1, 0, walk)).path, QStringLiteral("/never"));
    QVERIFY(client.cancel(QStringLiteral("w-page-2")));
    QCOMPARE(model.stateAt(0), RowState::Cancelled);

    // A page that failed makes the walk fail, and says which page it was.
    send(QStringLiteral("/pages"), QStringLiteral("w-page-3"), 4, QStringLiteral("w-page-2"));
    send(QStringLiteral("/error"), QStringLiteral("w-page-4"), 0, QStringLiteral("w"));
    send(QStringLiteral("/pages"), QStringLiteral("other"), 1);
    QTRY_COMPARE(model.stats().count(), 5);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowCount(walk), 4);
    QCOMPARE(model.idAt(1), QStringLiteral("other"));
    QCOMPARE(model.index(2, ApiHistoryModel::StatusColumn, walk).data().toString(),
             QStringLiteral("Success"));
    QCOMPARE(model.stateAt(0), RowState::Cancelled);
    QCOMPARE(walk.data(ApiHistoryModel::ErrorMessageRole).toString(),
             QStringLiteral("page 2: cancelled"));
    QCOMPARE(walk.data(ApiHistoryModel::PageCountRole).toInt(), 4);
    QCOMPARE(walk.data(ApiHistoryModel::ItemCountRole).toInt(), 7);
    QCOMPARE(model.index(0, ApiHistoryModel::PathColumn).data().toString(),
             QStringLiteral("/pages · 4 pages · 7 items"));
    double latency = 0;
    for (int page = 0; page < 4; ++page)
        latency +=
            std::max(0.0, model.index(page, 0, walk).data(ApiHistoryModel::LatencyRole).toDouble());
    QCOMPARE(walk.data(ApiHistoryModel::LatencyRole).toDouble(), latency);
    QCOMPARE(model.index(3, 0, walk).data(ApiHistoryModel::ErrorMessageRole).toString(),
             QStringLiteral("nope"));
    QCOMPARE(model.stats().count(ApiRequestState::ServerError), 1);
}

void TestApiHistoryModel::walkRowBoundCountsPages()
{
    ApiClient client; // never connected: requests stay queued until cancelled
    ApiHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.attach(&client);
    model.setMaxRows(5);
    const auto send = [&](const QString &id, const QString &continues = {}) {
        const ApiRequest request = makeRequest(assetsPath, id);
        model.announce(request, continues);
        client.submit(request);
    };
    send(QStringLiteral("w"));
    QVERIFY(client.cancel(QStringLiteral("w")));
    send(QStringLiteral("w-page-2"), QStringLiteral("w"));
    QVERIFY(client.cancel(QStringLiteral("w-page-2")));
    send(QStringLiteral("w-page-3"), QStringLiteral("w-page-2")); // pending
    send(QStringLiteral("a"));
    QVERIFY(client.cancel(QStringLiteral("a")));
    send(QStringLiteral("b"));
    QVERIFY(client.cancel(QStringLiteral("b")));
    QCOMPARE(model.pageCount(), 5);
    QCOMPARE(model.rowCount(), 3);

    // Full: the finished "a" goes before the older walk, whose last page is pending.
    send(QStringLiteral("c"));
    QCOMPARE(model.evictedCount(), 1);
    QCOMPARE(model.rowOfId(QStringLiteral("a")), -1);
    QCOMPARE(model.rowOfId(QStringLiteral("w-page-3")), 0);
    // Once the walk ended, it goes whole: three pages for one row.
    QVERIFY(client.cancel(QStringLiteral("w-page-3")));
    QVERIFY(client.cancel(QStringLiteral("c")));
    send(QStringLiteral("d"));
    QCOMPARE(model.evictedCount(), 4);
    QCOMPARE(model.pageCount(), 3);
    QCOMPARE(model.rowOfId(QStringLiteral("w")), -1);
    QCOMPARE(model.rowOfId(QStringLiteral("w-page-2")), -1);
    QCOMPARE(model.idAt(0), QStringLiteral("b"));

    // A page whose walk left the history starts a row of its own.
    send(QStringLiteral("w-page-4"), QStringLiteral("w-page-3"));
    QCOMPARE(model.rowOfId(QStringLiteral("w-page-4")), 3);
    QVERIFY(!model.index(3, 0).data(ApiHistoryModel::IsWalkRole).toBool());

    // A walk longer than the bound keeps its newest pages.
    model.setMaxRows(3);
    for (int page = 5; page <= 8; ++page) {
        QVERIFY(client.cancel(QStringLiteral("w-page-%1").arg(page - 1)));
        send(QStringLiteral("w-page-%1").arg(page), QStringLiteral("w-page-%1").arg(page - 1));
    }
    QCOMPARE(model.pageCount(), 3);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex walk = model.index(0, 0);
    QCOMPARE(model.rowCount(walk), 3);
    QCOMPARE(model.index(2, 0, walk).data(ApiHistoryModel::IdRole).toString(),
             QStringLiteral("w-page-8"));
    QVERIFY(model.isPendingAt(0));
}

void TestApiHistoryModel::walkByteBoundKeepsPendingPage()
{
    ScriptedApiServer server(answerPages);
    QVERIFY(server.listen());
    ApiClient client;
    ApiHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.attach(&client);
    model.setMaxBytes(64 * 1024);
    connectTo(client, server.baseUrl());
    QTRY_COMPARE(client.state(), ConnectionState::Connected);
    const auto send = [&](const QString &path, const QString &id, const QString &continues = {}) {
        const ApiRequest request = makeRequest(
            path, id, QJsonObject{{QStringLiteral("n"), 2}, {QStringLiteral("size"), 4000}});
        model.announce(request, continues);
        client.submit(request);
        return id;
    };
    send(QStringLiteral("/pages"), QStringLiteral("single"));
    QTRY_COMPARE(model.stats().count(), 1);
    // Each page keeps ~8 KB of frame and its parsed data: ~16 KB.
    QString previous = send(QStringLiteral("/pages"), QStringLiteral("w"));
    for (int page = 2; page <= 6; ++page) {
        QTRY_COMPARE(model.stats().count(), page);
        previous = send(QStringLiteral("/pages"), QStringLiteral("w-page-%1").arg(page), previous);
    }
    QTRY_COMPARE(model.stats().count(), 7);
    send(QStringLiteral("/never"), QStringLiteral("w-page-7"), previous);
    QVERIFY2(model.bytes() <= model.maxBytes(), qPrintable(QString::number(model.bytes())));
    QCOMPARE(model.rowOfId(QStringLiteral("single")), -1); // the finished entry went first
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex walk = model.index(0, 0);
    QVERIFY(model.rowCount(walk) < 7);
    QCOMPARE(model.index(model.rowCount(walk) - 1, 0, walk).data(ApiHistoryModel::IdRole),
             QStringLiteral("w-page-7"));
    QVERIFY(model.isPendingAt(0));
    // Shrinking to nothing still keeps the pending page.
    model.setMaxBytes(0);
    QCOMPARE(model.rowOfId(QStringLiteral("w-page-7")), 0);
    QVERIFY(client.cancel(QStringLiteral("w-page-7")));
}

std::unique_ptr<EmulatorServer> TestApiHistoryModel::startEmulator(int latencyMs)
{
    EmulatorOptions options;
    options.latencyMs = latencyMs;
    return allium::startEmulator(options);
}

void TestApiHistoryModel::outOfOrderResponsesLandOnTheirRows()
{
    const auto server = startEmulator(100);
    ApiClient client;
    ApiHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.attach(&client);
    QSignalSpy statsChanged(&model, &ApiHistoryModel::statsChanged);
    QStringList finishOrder;
    connect(&client, &ApiClient::requestFinished, this,
            [&finishOrder](const ApiResult &result) { finishOrder.append(result.id); });
    connectTo(client, server->baseUrl());
    QTRY_COMPARE(client.state(), ConnectionState::Connected);

    QStringList ids;
    for (int i = 0; i < 20; ++i) {
        const ApiRequest request =
            makeRequest(assetsPath, QStringLiteral("req-%1").arg(i),
                        QJsonObject{{QStringLiteral("limit"), QString::number(i + 1)}});
        model.announce(request);
        ids.append(client.submit(request));
        QCOMPARE(model.rowCount(), i + 1);
        QCOMPARE(model.index(i, ApiHistoryModel::PathColumn).data().toString(), assetsPath);
        QVERIFY(model.isPendingAt(i));
    }
    QTRY_COMPARE_WITH_TIMEOUT(finishOrder.size(), 20, 10000);
    QVERIFY2(finishOrder != ids, "the emulator's latency should reorder the responses");
    QCOMPARE(model.rowCount(), 20);
    for (int i = 0; i < ids.size(); ++i) {
        QCOMPARE(model.rowOfId(ids.at(i)), i);
        const QModelIndex index = model.index(i, ApiHistoryModel::StatusColumn);
        QCOMPARE(index.data().toString(), QStringLiteral("Success"));
        QCOMPARE(RowState(index.data(ApiHistoryModel::RowStateRole).toInt()), RowState::Succeeded);
        QCOMPARE(Tone(index.data(ApiHistoryModel::ToneRole).toInt()), Tone::Success);
        QCOMPARE(index.data(ApiHistoryModel::ResponseIdRole).toString(), ids.at(i));
        QVERIFY(!index.data(ApiHistoryModel::PendingRole).toBool());
        QVERIFY(index.data(ApiHistoryModel::LatencyRole).toDouble() >= 0);
        QCOMPARE(model.index(i, ApiHistoryModel::MethodColumn).data().toString(),
                 QStringLiteral("GET"));
        QVERIFY(!model.index(i, ApiHistoryModel::TimeColumn).data().toString().isEmpty());
        const QJsonObject response =
            QJsonDocument::fromJson(index.data(ApiHistoryModel::ResponseJsonRole).toByteArray())
                .object();
        QCOMPARE(response.value(QLatin1String("data"))
                     .toObject()
                     .value(QLatin1String("items"))
                     .toArray()
                     .size(),
                 i + 1);
        const QJsonObject request =
            QJsonDocument::fromJson(index.data(ApiHistoryModel::RequestJsonRole).toByteArray())
                .object();
        QCOMPARE(request.value(QLatin1String("id")).toString(), ids.at(i));
    }
    QCOMPARE(model.stats().count(), 20);
    QCOMPARE(model.stats().count(ApiRequestState::Succeeded), 20);
    QVERIFY(model.stats().p50() >= 0);
    QCOMPARE(statsChanged.count(), 20);
}

void TestApiHistoryModel::statesHaveTextAndTone_data()
{
    QTest::addColumn<ApiRequestState>("clientState");
    QTest::addColumn<RowState>("rowState");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Tone>("tone");
    QTest::newRow("queued") << ApiRequestState::Queued << RowState::Queued
                            << QStringLiteral("Queued") << Tone::Pending;
    QTest::newRow("in flight") << ApiRequestState::InFlight << RowState::InFlight
                               << QStringLiteral("In flight") << Tone::Pending;
    QTest::newRow("succeeded") << ApiRequestState::Succeeded << RowState::Succeeded
                               << QStringLiteral("Success") << Tone::Success;
    QTest::newRow("server error") << ApiRequestState::ServerError << RowState::ServerError
                                  << QStringLiteral("Error") << Tone::Failure;
    QTest::newRow("timed out") << ApiRequestState::TimedOut << RowState::TimedOut
                               << QStringLiteral("Timed out") << Tone::Failure;
    QTest::newRow("connection lost") << ApiRequestState::ConnectionLost << RowState::ConnectionLost
                                     << QStringLiteral("Connection lost") << Tone::Failure;
    QTest::newRow("cancelled") << ApiRequestState::Cancelled << RowState::Cancelled
                               << QStringLiteral("Cancelled") << Tone::Muted;
    QTest::newRow("rejected") << ApiRequestState::Rejected << RowState::Rejected
                              << QStringLiteral("Rejected") << Tone::Failure;
}

void TestApiHistoryModel::statesHaveTextAndTone()
{
    QFETCH(ApiRequestState, clientState);
    QFETCH(RowState, rowState);
    QFETCH(QString, text);
    QFETCH(Tone, tone);
    QCOMPARE(ApiHistoryModel::rowStateOf(clientState), rowState);
    QCOMPARE(ApiHistoryModel::stateText(rowState), text);
    QCOMPARE(ApiHistoryModel::toneOf(rowState), tone);
}

void TestApiHistoryModel::orphanLateAndMalformedResponses()
{
    ScriptedApiServer server(answerOddly);
    QVERIFY(server.listen());
    ApiClient client;
    ApiHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.attach(&client);
    connectTo(client, server.baseUrl());
    QTRY_COMPARE(client.state(), ConnectionState::Connected);

    const auto send = [&](const QString &path, const QString &id) {
        const ApiRequest request = makeRequest(path, id);
        model.announce(request);
        QCOMPARE(client.submit(request), id);
    };
    send(QStringLiteral("/orphan"), QStringLiteral("o1"));
    QTRY_COMPARE(model.rowCount(), 2);
    QTRY_COMPARE(model.stateAt(0), RowState::Succeeded);
    // The stranger's answer came first: it is the second row, flagged, not findable by id.
    QCOMPARE(model.stateAt(1), RowState::UnknownId);
    QCOMPARE(model.idAt(1), QStringLiteral("stranger-o1"));
    QCOMPARE(model.rowOfId(QStringLiteral("stranger-o1")), -1);
    QCOMPARE(model.rowOfId(QStringLiteral("o1")), 0);
    QCOMPARE(Tone(model.index(1, 0).data(ApiHistoryModel::ToneRole).toInt()), Tone::Warning);
    QVERIFY(model.index(1, 0).data(ApiHistoryModel::RequestJsonRole).toByteArray().isEmpty());
    QVERIFY(model.index(1, 0)
                .data(ApiHistoryModel::ResponseJsonRole)
                .toByteArray()
                .contains("stranger-o1"));
    QCOMPARE(model.requestAt(1).path, QString());

    send(QStringLiteral("/twice"), QStringLiteral("t1"));
    QTRY_COMPARE(model.rowCount(), 4);
    QCOMPARE(model.stateAt(2), RowState::Succeeded);
    QCOMPARE(model.stateAt(3), RowState::LateResponse);
    QCOMPARE(model.idAt(3), QStringLiteral("t1"));
    QCOMPARE(model.rowOfId(QStringLiteral("t1")), 2);
    QVERIFY(model.index(3, 0)
                .data(ApiHistoryModel::ErrorMessageRole)
                .toString()
                .contains(QStringLiteral("already ended")));

    send(QStringLiteral("/garbage"), QStringLiteral("g1"));
    QTRY_COMPARE(model.rowCount(), 6);
    QTRY_COMPARE(model.stateAt(4), RowState::Succeeded);
    QCOMPARE(model.rowOfId(QStringLiteral("g1")), 4);
    QCOMPARE(model.stateAt(5), RowState::Malformed);
    QCOMPARE(Tone(model.index(5, 0).data(ApiHistoryModel::ToneRole).toInt()), Tone::Failure);
    QVERIFY(model.index(5, 0)
                .data(ApiHistoryModel::ErrorMessageRole)
                .toString()
                .startsWith(QStringLiteral("not a response")));
    // Only requests count in the latency statistics.
    QCOMPARE(model.stats().count(), 3);
}

void TestApiHistoryModel::boundedHistoryEvictsOldest()
{
    ApiClient client; // never connected: requests stay queued
    ApiHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.attach(&client);
    model.setMaxRows(5);
    QSignalSpy removed(&model, &ApiHistoryModel::rowsRemoved);
    for (int i = 0; i < 12; ++i) {
        const ApiRequest request = makeRequest(assetsPath, QStringLiteral("q%1").arg(i));
        model.announce(request);
        client.submit(request);
    }
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.evictedCount(), 7);
    QCOMPARE(removed.count(), 7);
    QCOMPARE(model.rowOfId(QStringLiteral("q6")), -1);
    for (int i = 7; i < 12; ++i) {
        QCOMPARE(model.rowOfId(QStringLiteral("q%1").arg(i)), i - 7);
        QCOMPARE(model.idAt(i - 7), QStringLiteral("q%1").arg(i));
        QCOMPARE(model.stateAt(i - 7), RowState::Queued);
    }
    // A kept request ends on its row.
    QVERIFY(client.cancel(QStringLiteral("q9")));
    QCOMPARE(model.stateAt(2), RowState::Cancelled);
    QCOMPARE(model.rowCount(), 5);

    // Shrinking evicts at once.
    model.setMaxRows(2);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.idAt(0), QStringLiteral("q10"));
    QCOMPARE(model.rowOfId(QStringLiteral("q11")), 1);
}

void TestApiHistoryModel::rejectedDuplicateKeepsOriginalRow()
{
    ApiClient client;
    ApiHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.attach(&client);
    const ApiRequest request = makeRequest(assetsPath, QStringLiteral("dup"));
    model.announce(request);
    QCOMPARE(client.submit(request), QStringLiteral("dup"));
    model.announce(request);
    QCOMPARE(client.submit(request), QString());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.stateAt(0), RowState::Queued);
    QCOMPARE(model.stateAt(1), RowState::Rejected);
    QVERIFY(model.index(1, 0)
                .data(ApiHistoryModel::ErrorMessageRole)
                .toString()
                .contains(QStringLiteral("still pending")));
    QCOMPARE(model.rowOfId(QStringLiteral("dup")), 0);

    // An invalid request is rejected with its own, findable row.
    ApiRequest invalid = makeRequest(QStringLiteral("no-slash"), QStringLiteral("bad"));
    model.announce(invalid);
    QCOMPARE(client.submit(invalid), QString());
    QCOMPARE(model.rowOfId(QStringLiteral("bad")), 2);
    QCOMPARE(model.stateAt(2), RowState::Rejected);
    QCOMPARE(model.requestAt(2).path, QStringLiteral("no-slash"));
}

void TestApiHistoryModel::unannouncedRequestIsCompletedOnFinish()
{
    ApiClient client;
    ApiHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.attach(&client);
    const QString id = client.submit(makeRequest(assetsPath, {}));
    QVERIFY(!id.isEmpty());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.idAt(0), id);
    QCOMPARE(model.index(0, ApiHistoryModel::PathColumn).data().toString(), QString());
    client.cancel(id);
    QCOMPARE(model.stateAt(0), RowState::Cancelled);
    QCOMPARE(model.index(0, ApiHistoryModel::PathColumn).data().toString(), assetsPath);
    QCOMPARE(model.index(0, ApiHistoryModel::MethodColumn).data().toString(),
             QStringLiteral("GET"));
}

void TestApiHistoryModel::errorsSortingAndClear()
{
    ScriptedApiServer server(answerOddly);
    QVERIFY(server.listen());
    ApiClient client;
    ApiHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.attach(&client);
    connectTo(client, server.baseUrl());
    QTRY_COMPARE(client.state(), ConnectionState::Connected);
    const ApiRequest request = makeRequest(QStringLiteral("/error"), QStringLiteral("e1"));
    model.announce(request);
    client.submit(request);
    QTRY_COMPARE(model.stateAt(0), RowState::ServerError);
    const QModelIndex status = model.index(0, ApiHistoryModel::StatusColumn);
    QCOMPARE(status.data().toString(), QStringLiteral("Error"));
    QCOMPARE(status.data(ApiHistoryModel::ErrorMessageRole).toString(), QStringLiteral("nope"));
    QCOMPARE(status.data(Qt::ToolTipRole).toString(), QStringLiteral("nope"));
    QCOMPARE(model.stats().count(ApiRequestState::ServerError), 1);

    QCOMPARE(
        model.index(0, ApiHistoryModel::LatencyColumn).data(ApiHistoryModel::SortRole).typeId(),
        QMetaType::Double);
    QCOMPARE(model.index(0, ApiHistoryModel::TimeColumn).data(ApiHistoryModel::SortRole).typeId(),
             QMetaType::LongLong);
    QCOMPARE(model.index(0, ApiHistoryModel::StatusColumn).data(ApiHistoryModel::SortRole).toInt(),
             int(RowState::ServerError));

    QSignalSpy statsChanged(&model, &ApiHistoryModel::statsChanged);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.rowOfId(QStringLiteral("e1")), -1);
    QCOMPARE(model.stats().count(), 0);
    QCOMPARE(statsChanged.count(), 1);
}

void TestApiHistoryModel::detachStopsUpdates()
{
    ApiClient client;
    ApiHistoryModel model;
    model.attach(&client);
    QCOMPARE(model.client(), &client);
    client.submit(makeRequest(assetsPath, QStringLiteral("a")));
    QCOMPARE(model.rowCount(), 1);
    model.attach(nullptr);
    QCOMPARE(model.client(), nullptr);
    client.submit(makeRequest(assetsPath, QStringLiteral("b")));
    client.cancel(QStringLiteral("a"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.stateAt(0), RowState::Queued);
}

QTEST_GUILESS_MAIN(TestApiHistoryModel)
#include "tst_apihistorymodel.moc"
