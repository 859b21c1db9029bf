// SPDX-License-Identifier: MIT
#include "core/api/apiclient.h"
#include "core/api/apihistorymodel.h"
#include "core/api/apitemplate.h"
#include "core/api/savedrequeststore.h"
#include "core/json/jsontreemodel.h"
#include "emulator/emulatorserver.h"
#include "support/scriptedapiserver.h"
#include "ui/console/apicomposerwidget.h"
#include "ui/console/apiconsolepanel.h"
#include "ui/console/apiexchangeview.h"
#include "uitestsupport.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDataStream>
#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QWebSocket>

#include <memory>

using namespace allium;

namespace {

const QString assetsPath = QStringLiteral("/api/v1/developer/assets");

std::unique_ptr<EmulatorServer> startEmulator(const EmulatorOptions &options)
{
    auto server = std::make_unique<EmulatorServer>(options);
    if (!server->listen())
        qFatal("emulator did not listen: %s", qPrintable(server->errorString()));
    return server;
}

QAction *findAction(QMenu *menu, const QString &text)
{
    for (QAction *action : menu->actions()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

} // namespace

class TestApiConsole : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    // Typing a path and a body and pressing Ctrl+Enter adds a row that ends as Success with a
    // latency, and the id field gets a fresh id.
    void ctrlEnterSendsAndRowSucceeds();
    // The composer only asks for a send; the console submits it into the one history, and a
    // request typed while no client is set asks for nothing.
    void composerAsksConsoleSubmits();
    // Requests sent quickly are answered out of order; each response lands on its own row.
    void quickRequestsLandOnTheirRows();
    // Invalid JSON disables Send and names the line and column; Ctrl+Enter sends nothing.
    void invalidBodyDisablesSend_data();
    void invalidBodyDisablesSend();
    // Other composer problems (path, GET with an array, pending id) disable Send too.
    void composerProblemsDisableSend();
    // Selecting a row shows its request and matched response, as tree and as text.
    void selectingRowShowsResponse();
    // A multi-megabyte response shows its first 256 KiB and a Show all button that shows the
    // rest; the tree comes from the client's parse; Copy copies all of it; the history says
    // how full it is.
    void largeResponseShowsAllOnRequest();
    // Resend submits the selected request again under a new id, as a new row.
    void resendAddsRow();
    // A pending request (the server never answers) can be cancelled from the table; the
    // in-flight count shows it meanwhile.
    void cancelPendingRequest();
    // The Templates menu fills the composer with the spec's examples, which the emulator answers.
    void templatesFillEditor();
    // Saving the composed request by name puts it in the menu and in the settings, without a key.
    void saveRequestByName();
    // Tab goes in visual order: method → path → Endpoints → Templates → Copy as code → body →
    // id → New id → Send.
    void tabOrder();
    // saveState/restoreState bring back the composed request.
    void stateRoundTrip();
    // A state saved before the panel was split in two (same bytes, written by hand) restores.
    void formerStateRestores();
    // The latency summary counts what ended.
    void latencySummary();
    // Copy as code puts a snippet with the composed frame and the key placeholder on the clipboard.
    void copyAsCode();
    // With ALLIUM_SCREENSHOT_DIR set, saves the panel after a few requests at two sizes (for
    // looking at the layout; not an assertion).
    void screenshots();

private:
    /// (Re)starts the emulator with `options` and a client connected to it, used by the panel.
    bool startServerAndClient(const EmulatorOptions &options);
    void typePathAndBody(const QString &method, const QString &path, const QString &body);
    int rowOf(const QString &id) const;
    QString statusOf(const QString &id) const;
    void selectRow(int sourceRow);
    QString sendCurrent();

    std::unique_ptr<EmulatorServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<SavedRequestStore> m_store;
    std::unique_ptr<ApiConsolePanel> m_panel;
    QComboBox *m_method = nullptr;
    QLineEdit *m_path = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QLineEdit *m_id = nullptr;
    QPushButton *m_send = nullptr;
    QLabel *m_error = nullptr;
    QTreeView *m_table = nullptr;
    ApiHistoryModel *m_history = nullptr;
};

void TestApiConsole::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestApiConsole::init()
{
    // Start from no saved requests.
    m_panel.reset();
    m_store = std::make_unique<SavedRequestStore>();
    for (const QString &name : m_store->names())
        m_store->remove(name);

    m_panel = std::make_unique<ApiConsolePanel>(m_store.get());
    EmulatorOptions options;
    options.latencyMs = 100; // responses come back out of order
    QVERIFY(startServerAndClient(options));
    m_panel->resize(1024, 700);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QApplication::setActiveWindow(m_panel.get());

    m_method = m_panel->findChild<QComboBox *>(QStringLiteral("methodCombo"));
    m_path = m_panel->findChild<QLineEdit *>(QStringLiteral("pathEdit"));
    m_body = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("bodyEdit"));
    m_id = m_panel->findChild<QLineEdit *>(QStringLiteral("idEdit"));
    m_send = m_panel->findChild<QPushButton *>(QStringLiteral("sendButton"));
    m_error = m_panel->findChild<QLabel *>(QStringLiteral("bodyError"));
    m_table = m_panel->findChild<QTreeView *>(QStringLiteral("historyTable"));
    m_history = m_panel->historyModel();
    QVERIFY(m_method && m_path && m_body && m_id && m_send && m_error && m_table && m_history);
}

void TestApiConsole::cleanup()
{
    m_panel.reset();
    m_client.reset();
    m_server.reset();
}

bool TestApiConsole::startServerAndClient(const EmulatorOptions &options)
{
    m_panel->setApiClient(nullptr);
    m_client.reset();
    m_server = startEmulator(options);
    m_client = std::make_unique<ApiClient>();
    m_client->setBaseUrl(m_server->baseUrl());
    m_client->setApiKey(EmulatorDemoKey);
    m_client->open();
    if (!QTest::qWaitFor([this] { return m_client->state() == ConnectionState::Connected; }))
        return false;
    m_panel->setApiClient(m_client.get());
    return true;
}

void TestApiConsole::typePathAndBody(const QString &method, const QString &path,
                                     const QString &body)
{
    m_method->setCurrentText(method);
    m_path->setFocus();
    m_path->selectAll();
    QTest::keyClick(m_path, Qt::Key_Delete);
    QTest::keyClicks(m_path, path);
    if (m_path->completer()->popup()->isVisible())
        QTest::keyClick(m_path->completer()->popup(), Qt::Key_Escape);
    m_body->setFocus();
    m_body->selectAll();
    QTest::keyClick(m_body, Qt::Key_Delete);
    // keyClicks cannot type a newline: press Return between lines as a person would.
    const QStringList lines = body.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        if (i > 0)
            QTest::keyClick(m_body, Qt::Key_Return);
        QTest::keyClicks(m_body, lines.at(i));
    }
}

int TestApiConsole::rowOf(const QString &id) const
{
    return m_history->rowOfId(id);
}

QString TestApiConsole::statusOf(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? QString()
                   : m_history->index(row, ApiHistoryModel::StatusColumn).data().toString();
}

void TestApiConsole::selectRow(int sourceRow)
{
    // Click the row as the user would; the table may be sorted, so find where it is shown.
    for (int r = 0; r < m_table->model()->rowCount(); ++r) {
        const QModelIndex index = m_table->model()->index(r, ApiHistoryModel::PathColumn);
        if (index.data(ApiHistoryModel::IdRole).toString() == m_history->idAt(sourceRow)) {
            m_table->scrollTo(index);
            QTest::mouseClick(m_table->viewport(), Qt::LeftButton, {},
                              m_table->visualRect(index).center());
            return;
        }
    }
    QFAIL("row not shown");
}

QString TestApiConsole::sendCurrent()
{
    const QString id = m_id->text();
    QTest::mouseClick(m_send, Qt::LeftButton);
    return id;
}

void TestApiConsole::ctrlEnterSendsAndRowSucceeds()
{
    typePathAndBody(QStringLiteral("GET"), assetsPath, QStringLiteral("{\"limit\": \"3\"}"));
    QVERIFY(m_send->isEnabled());
    const QString id = m_id->text();
    QVERIFY(!id.isEmpty());
    QCOMPARE(m_history->rowCount(), 0);

    QTest::keyClick(m_body, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(m_history->rowCount(), 1);
    QCOMPARE(m_history->idAt(0), id);
    QCOMPARE(m_history->index(0, ApiHistoryModel::MethodColumn).data().toString(),
             QStringLiteral("GET"));
    QCOMPARE(m_history->index(0, ApiHistoryModel::PathColumn).data().toString(), assetsPath);
    QVERIFY(m_id->text() != id); // a fresh id for the next request
    QVERIFY(!m_id->text().isEmpty());

    QTRY_COMPARE(statusOf(id), QStringLiteral("Success"));
    const QModelIndex latency = m_history->index(0, ApiHistoryModel::LatencyColumn);
    QVERIFY(latency.data(ApiHistoryModel::LatencyRole).toDouble() >= 0);
    QVERIFY(latency.data().toString().endsWith(QStringLiteral(" ms")));
    QCOMPARE(latency.data(ApiHistoryModel::ResponseIdRole).toString(), id);
    const QJsonObject request =
        QJsonDocument::fromJson(latency.data(ApiHistoryModel::RequestJsonRole).toByteArray())
            .object();
    QCOMPARE(request.value(QLatin1String("body")).toObject().value(QLatin1String("limit")),
             QJsonValue(QStringLiteral("3")));

    // Keypad Enter works the same.
    const QString second = m_id->text();
    QTest::keyClick(m_body, Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier);
    QCOMPARE(m_history->rowCount(), 2);
    QCOMPARE(m_history->idAt(1), second);
    QTRY_COMPARE(statusOf(second), QStringLiteral("Success"));
}

void TestApiConsole::composerAsksConsoleSubmits()
{
    ApiComposerWidget *composer = m_panel->composer();
    QVERIFY(composer);
    QSignalSpy asked(composer, &ApiComposerWidget::sendRequested);
    QSignalSpy submitted(m_panel.get(), &ApiConsolePanel::requestSubmitted);
    typePathAndBody(QStringLiteral("GET"), assetsPath, QStringLiteral("{\"limit\": \"1\"}"));
    const QString id = sendCurrent();
    QCOMPARE(asked.size(), 1);
    QCOMPARE(submitted.size(), 1);
    QCOMPARE(submitted.at(0).at(0).toString(), id);
    QCOMPARE(m_history->idAt(0), id);
    QTRY_COMPARE(statusOf(id), QStringLiteral("Success"));

    m_panel->setApiClient(nullptr);
    composer->send();
    QCOMPARE(asked.size(), 1);
    QCOMPARE(m_history->rowCount(), 1);
}

void TestApiConsole::quickRequestsLandOnTheirRows()
{
    typePathAndBody(QStringLiteral("GET"), assetsPath, QString());
    QStringList ids;
    QStringList finishOrder;
    connect(m_client.get(), &ApiClient::requestFinished, this,
            [&finishOrder](const ApiResult &result) { finishOrder.append(result.id); });
    for (int i = 0; i < 12; ++i) {
        // Different limits so each response differs, and is checkable against its request.
        m_body->setPlainText(QStringLiteral("{\"limit\": \"%1\"}").arg(i + 1));
        ids.append(sendCurrent());
    }
    QCOMPARE(m_history->rowCount(), 12);
    QTRY_COMPARE_WITH_TIMEOUT(finishOrder.size(), 12, 10000);
    QVERIFY2(finishOrder != ids, "the emulator's latency should reorder the responses");
    for (int i = 0; i < ids.size(); ++i) {
        const int row = rowOf(ids.at(i));
        QCOMPARE(row, i);
        QCOMPARE(statusOf(ids.at(i)), QStringLiteral("Success"));
        const QModelIndex index = m_history->index(row, 0);
        QCOMPARE(index.data(ApiHistoryModel::ResponseIdRole).toString(), ids.at(i));
        const QJsonObject response =
            QJsonDocument::fromJson(index.data(ApiHistoryModel::ResponseJsonRole).toByteArray())
                .object();
        const QJsonArray items = response.value(QLatin1String("data"))
                                     .toObject()
                                     .value(QLatin1String("items"))
                                     .toArray();
        QCOMPARE(items.size(), i + 1);
    }
}

void TestApiConsole::invalidBodyDisablesSend_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("where");
    QTest::newRow("missing value")
        << QStringLiteral("{\"limit\": }") << QStringLiteral("Line 1, column 11");
    QTest::newRow("second line") << QStringLiteral("{\n  \"limit\" \"3\"\n}")
                                 << QStringLiteral("Line 2, column 11");
    QTest::newRow("unclosed") << QStringLiteral("{\"limit\": \"3\"") << QStringLiteral("Line 1");
    // Not an object at all: said so, not "illegal value" (issue 10, item 15).
    QTest::newRow("a string") << QStringLiteral("\"just a string\"")
                              << QStringLiteral("Line 1, column 1: the body must be a JSON "
                                                "object, e.g. {\"blockchain\": \"ethereum\"}; "
                                                "this is a string");
    QTest::newRow("a number") << QStringLiteral("  42")
                              << QStringLiteral("Line 1, column 3: the body must be a JSON object");
    QTest::newRow("bare words") << QStringLiteral("just a string")
                                << QStringLiteral("Line 1, column 1: the body must be a JSON "
                                                  "object, e.g. {\"blockchain\": \"ethereum\"}; "
                                                  "this is not JSON");
}

void TestApiConsole::invalidBodyDisablesSend()
{
    QFETCH(QString, body);
    QFETCH(QString, where);
    typePathAndBody(QStringLiteral("GET"), assetsPath, body);
    QVERIFY(!m_send->isEnabled());
    QVERIFY(m_error->isVisible());
    QVERIFY2(m_error->text().startsWith(where), qPrintable(m_error->text()));
    QVERIFY(!m_body->extraSelections().isEmpty()); // the offending character is underlined

    QTest::keyClick(m_body, Qt::Key_Return, Qt::ControlModifier);
    QTest::mouseClick(m_send, Qt::LeftButton);
    QCOMPARE(m_history->rowCount(), 0);

    // Fixing it enables Send again.
    m_body->setPlainText(QStringLiteral("{\"limit\": \"3\"}"));
    QVERIFY(m_send->isEnabled());
    QVERIFY(!m_error->isVisible());
    QVERIFY(m_body->extraSelections().isEmpty());
}

void TestApiConsole::composerProblemsDisableSend()
{
    typePathAndBody(QStringLiteral("GET"), QStringLiteral("api/v1/developer/assets"), QString());
    QVERIFY(!m_send->isEnabled());
    QVERIFY(m_error->text().contains(QStringLiteral("start with")));

    typePathAndBody(QStringLiteral("GET"), assetsPath, QStringLiteral("[1, 2]"));
    QVERIFY(!m_send->isEnabled());
    QVERIFY(m_error->text().contains(QStringLiteral("GET")));
    m_method->setCurrentText(QStringLiteral("POST"));
    QVERIFY(m_send->isEnabled()); // an array is a fine POST body

    // An id still pending cannot be used again; once it ends it can.
    EmulatorOptions stalled;
    stalled.faults.stallApi = true;
    QVERIFY(startServerAndClient(stalled));
    m_method->setCurrentText(QStringLiteral("GET"));
    m_body->clear();
    const QString id = sendCurrent();
    QTRY_COMPARE(statusOf(id), QStringLiteral("In flight"));
    m_id->setText(id);
    QVERIFY(!m_send->isEnabled());
    QVERIFY(m_error->text().contains(QStringLiteral("still pending")));
    m_client->cancel(id);
    QVERIFY(m_send->isEnabled());

    m_panel->setApiClient(nullptr);
    QVERIFY(!m_send->isEnabled());
    QVERIFY(m_error->text().contains(QStringLiteral("No API connection")));
}

void TestApiConsole::selectingRowShowsResponse()
{
    typePathAndBody(QStringLiteral("GET"), assetsPath, QStringLiteral("{\"limit\": \"2\"}"));
    const QString first = sendCurrent();
    const QString second = sendCurrent();
    QTRY_COMPARE(statusOf(first), QStringLiteral("Success"));
    QTRY_COMPARE(statusOf(second), QStringLiteral("Success"));

    auto *exchange = m_panel->findChild<ApiExchangeView *>(QStringLiteral("exchangeView"));
    QVERIFY(exchange);
    selectRow(rowOf(first));
    const QJsonObject response =
        QJsonDocument::fromJson(exchange->responseText().toUtf8()).object();
    QCOMPARE(response.value(QLatin1String("id")).toString(), first);
    QCOMPARE(response.value(QLatin1String("status")).toString(), QStringLiteral("success"));
    const QJsonObject request = QJsonDocument::fromJson(exchange->requestText().toUtf8()).object();
    QCOMPARE(request.value(QLatin1String("id")).toString(), first);
    QCOMPARE(request.value(QLatin1String("path")).toString(), assetsPath);
    QVERIFY(exchange->responseTree()->rowCount() >= 3); // id, status, data
    auto *summary = exchange->findChild<QLabel *>(QStringLiteral("exchangeSummary"));
    QVERIFY(summary->text().contains(first));
    QVERIFY(summary->text().contains(QStringLiteral("Success")));

    selectRow(rowOf(second));
    QCOMPARE(QJsonDocument::fromJson(exchange->responseText().toUtf8())
                 .object()
                 .value(QLatin1String("id"))
                 .toString(),
             second);

    // Copy puts the pretty response on the clipboard.
    QTest::mouseClick(exchange->findChild<QPushButton *>(QStringLiteral("copyResponseButton")),
                      Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), exchange->responseText());
}

void TestApiConsole::largeResponseShowsAllOnRequest()
{
    // About 2 MB of rows, as a big query answers.
    QJsonArray rows;
    for (int i = 0; i < 20000; ++i)
        rows.append(QJsonObject{
            {QStringLiteral("n"), i},
            {QStringLiteral("hash"), QStringLiteral("0x%1").arg(i, 64, 16, QLatin1Char('0'))}});
    ScriptedApiServer server([&rows](QWebSocket *socket, const QJsonObject &request) {
        ScriptedApiServer::send(socket, {{QStringLiteral("id"), request.value(QLatin1String("id"))},
                                         {QStringLiteral("status"), QStringLiteral("success")},
                                         {QStringLiteral("data"), rows}});
    });
    QVERIFY(server.listen());
    m_panel->setApiClient(nullptr);
    m_client = std::make_unique<ApiClient>();
    m_client->setBaseUrl(server.baseUrl());
    m_client->setApiKey(EmulatorDemoKey);
    m_client->open();
    QTRY_COMPARE(m_client->state(), ConnectionState::Connected);
    m_panel->setApiClient(m_client.get());

    const QString id = sendCurrent();
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), QStringLiteral("Success"), 10000);
    const QByteArray raw =
        m_history->index(rowOf(id), 0).data(ApiHistoryModel::ResponseJsonRole).toByteArray();
    QVERIFY(raw.size() > 1024 * 1024);
    auto *fill = m_panel->findChild<QLabel *>(QStringLiteral("historyFillLabel"));
    QVERIFY(fill->text().contains(QStringLiteral("MB")));

    selectRow(rowOf(id));
    auto *exchange = m_panel->findChild<ApiExchangeView *>(QStringLiteral("exchangeView"));
    auto *tabs = exchange->findChild<QTabWidget *>(QStringLiteral("exchangeTabs"));
    tabs->setCurrentIndex(1);
    auto *showAll = exchange->findChild<QPushButton *>(QStringLiteral("showAllButton"));
    auto *note = exchange->findChild<QLabel *>(QStringLiteral("truncationLabel"));
    QVERIFY(exchange->isResponseTruncated());
    QTRY_VERIFY(showAll->isVisible());
    QVERIFY(note->text().contains(QStringLiteral("first 256")));
    const QString preview = exchange->responseText();
    QVERIFY(preview.size() < 600 * 1024); // indented, so larger than the 256 KiB it came from
    QVERIFY(preview.contains(QStringLiteral("\"n\": 0\n")));
    QVERIFY(!preview.contains(QStringLiteral("\"n\": 19999")));
    // The tree is the client's parse of the frame (id, status and data), shown up to its node
    // cap (20,000 rows of 3 nodes are more than it shows).
    QCOMPARE(exchange->responseTree()->json().toObject().keys(),
             QStringList({QStringLiteral("data"), QStringLiteral("id"), QStringLiteral("status")}));
    QVERIFY(exchange->responseTree()->rowCount() >= 2);
    QCOMPARE(
        exchange->responseTree()->json().toObject().value(QLatin1String("data")).toArray().size(),
        20000);
    for (const QSize size : {QSize(1280, 800), QSize(800, 600)}) {
        m_panel->resize(size);
        QCoreApplication::processEvents(); // pending layout requests
        uitest::saveScreenshot(
            m_panel.get(),
            QStringLiteral("console-truncated-%1x%2").arg(size.width()).arg(size.height()));
    }

    // Copy copies all of it even while only the beginning is shown.
    QTest::mouseClick(exchange->findChild<QPushButton *>(QStringLiteral("copyResponseButton")),
                      Qt::LeftButton);
    QCOMPARE(QJsonDocument::fromJson(QApplication::clipboard()->text().toUtf8()),
             QJsonDocument::fromJson(raw));

    QTest::mouseClick(showAll, Qt::LeftButton);
    QVERIFY(!exchange->isResponseTruncated());
    QVERIFY(!showAll->isVisible());
    QCOMPARE(QJsonDocument::fromJson(exchange->responseText().toUtf8()),
             QJsonDocument::fromJson(raw));

    // Selecting another row and coming back starts from the preview again.
    m_table->clearSelection();
    selectRow(rowOf(id));
    QVERIFY(exchange->isResponseTruncated());
}

void TestApiConsole::resendAddsRow()
{
    typePathAndBody(QStringLiteral("GET"), assetsPath, QStringLiteral("{\"limit\": \"4\"}"));
    const QString first = sendCurrent();
    QTRY_COMPARE(statusOf(first), QStringLiteral("Success"));
    auto *resend = m_panel->findChild<QPushButton *>(QStringLiteral("resendButton"));
    m_table->clearSelection();
    QVERIFY(!resend->isEnabled()); // nothing to resend without a selection
    selectRow(rowOf(first));
    QVERIFY(resend->isEnabled());
    QTest::mouseClick(resend, Qt::LeftButton);
    QCOMPARE(m_history->rowCount(), 2);
    const QString again = m_history->idAt(1);
    QVERIFY(again != first);
    QCOMPARE(m_history->requestAt(1).path, assetsPath);
    QCOMPARE(m_history->requestAt(1).body, m_history->requestAt(0).body);
    QTRY_COMPARE(statusOf(again), QStringLiteral("Success"));
}

void TestApiConsole::cancelPendingRequest()
{
    EmulatorOptions stalled;
    stalled.faults.stallApi = true;
    QVERIFY(startServerAndClient(stalled));

    auto *counts = m_panel->findChild<QLabel *>(QStringLiteral("inFlightLabel"));
    auto *cancel = m_panel->findChild<QPushButton *>(QStringLiteral("cancelButton"));
    QCOMPARE(counts->text(), QStringLiteral("In flight 0 · queued 0"));
    typePathAndBody(QStringLiteral("GET"), assetsPath, QString());
    const QString first = sendCurrent();
    const QString second = sendCurrent();
    const QString third = sendCurrent();
    QTRY_COMPARE(statusOf(third), QStringLiteral("In flight"));
    QCOMPARE(counts->text(), QStringLiteral("In flight 3 · queued 0"));

    selectRow(rowOf(second));
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(statusOf(second), QStringLiteral("Cancelled"));
    QCOMPARE(statusOf(first), QStringLiteral("In flight"));
    QVERIFY(!cancel->isEnabled()); // a finished request cannot be cancelled
    QCOMPARE(counts->text(), QStringLiteral("In flight 2 · queued 0"));
}

void TestApiConsole::templatesFillEditor()
{
    auto *button = m_panel->findChild<QToolButton *>(QStringLiteral("templatesButton"));
    QVERIFY(button && button->menu());
    m_body->clear();
    QAction *fills = findAction(button->menu(), QStringLiteral("Hyperliquid fills (userFills)"));
    QVERIFY(fills);
    fills->trigger();
    QCOMPARE(m_method->currentText(), QStringLiteral("POST"));
    QCOMPARE(m_path->text(), QStringLiteral("/api/v1/developer/trading/hyperliquid/info/fills"));
    const QJsonObject body = QJsonDocument::fromJson(m_body->toPlainText().toUtf8()).object();
    QCOMPARE(body, (QJsonObject{{QStringLiteral("type"), QStringLiteral("userFills")},
                                {QStringLiteral("user"),
                                 QStringLiteral("0xD5994523d6B235862bE1790C06cFBE8547869449")}}));
    const QString id = sendCurrent();
    QTRY_COMPARE(statusOf(id), QStringLiteral("Success"));

    QAction *assets = findAction(button->menu(), QStringLiteral("Assets on Ethereum (limit 10)"));
    QVERIFY(assets);
    assets->trigger();
    QCOMPARE(m_method->currentText(), QStringLiteral("GET"));
    QCOMPARE(m_path->text(), assetsPath);
    QCOMPARE(QJsonDocument::fromJson(m_body->toPlainText().toUtf8()).object(),
             (QJsonObject{{QStringLiteral("blockchain"), QStringLiteral("ethereum")},
                          {QStringLiteral("limit"), QStringLiteral("10")}}));

    // Every built-in is valid as loaded and answered with success by the emulator.
    for (const ApiTemplate &t : ApiTemplate::builtIns()) {
        QAction *action = findAction(button->menu(), t.name);
        QVERIFY2(action, qPrintable(t.name));
        action->trigger();
        QVERIFY2(m_send->isEnabled(), qPrintable(m_panel->problem()));
        const QString sent = sendCurrent();
        QTRY_VERIFY(m_history->stateAt(rowOf(sent)) != ApiHistoryModel::RowState::InFlight);
        QVERIFY2(statusOf(sent) == QStringLiteral("Success"),
                 qPrintable(t.name + QStringLiteral(": ") +
                            m_history->index(rowOf(sent), 0)
                                .data(ApiHistoryModel::ErrorMessageRole)
                                .toString()));
    }
}

void TestApiConsole::saveRequestByName()
{
    typePathAndBody(QStringLiteral("POST"), QStringLiteral("/api/v1/developer/prices"),
                    QStringLiteral("[{\"token_address\": \"0xabc\", \"chain\": \"ethereum\"}]"));
    auto *button = m_panel->findChild<QToolButton *>(QStringLiteral("templatesButton"));
    QAction *save = button->menu()->findChild<QAction *>(QStringLiteral("saveRequestAction"));
    QVERIFY(save);
    bool answered = false;
    QTimer::singleShot(0, this, [&answered] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->setTextValue(QStringLiteral("My prices"));
        dialog->accept();
        answered = true;
    });
    save->trigger();
    QVERIFY(answered);
    QVERIFY(m_panel->savedRequests()->contains(QStringLiteral("My prices")));

    // The menu lists it (it was rebuilt), and loading it restores the composer.
    QAction *mine = findAction(button->menu(), QStringLiteral("My prices"));
    QVERIFY(mine);
    m_body->clear();
    m_method->setCurrentText(QStringLiteral("GET"));
    mine->trigger();
    QCOMPARE(m_method->currentText(), QStringLiteral("POST"));
    QCOMPARE(m_path->text(), QStringLiteral("/api/v1/developer/prices"));
    QVERIFY(m_body->toPlainText().contains(QStringLiteral("0xabc")));

    // A new store (another run of the application) sees it; the file holds no key.
    SavedRequestStore other;
    QCOMPARE(other.request(QStringLiteral("My prices")).path,
             QStringLiteral("/api/v1/developer/prices"));
    QVERIFY(other.fileName().contains(QStringLiteral("qttest"))); // test mode, not real settings
    QFile file(other.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.contains("My prices"));
    QVERIFY(!saved.contains(EmulatorDemoKey.toUtf8()));
    QVERIFY(!saved.contains(m_id->text().toUtf8()));
}

void TestApiConsole::tabOrder()
{
    QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
    m_method->setFocus();
    QCOMPARE(QApplication::focusWidget(), m_method);
    // In visual order: the top row, the body (a path the catalogue does not know has no form),
    // the id row.
    typePathAndBody(QStringLiteral("GET"), QStringLiteral("/api/v1/custom"), {});
    m_method->setFocus();
    const QList<QWidget *> expected{
        m_path,
        m_panel->findChild<QWidget *>(QStringLiteral("endpointsButton")),
        m_panel->findChild<QWidget *>(QStringLiteral("templatesButton")),
        m_panel->findChild<QWidget *>(QStringLiteral("copyCodeButton")),
        m_body,
        m_id,
        m_panel->findChild<QWidget *>(QStringLiteral("newIdButton")),
        m_send};
    for (QWidget *next : expected) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), next);
    }
}

void TestApiConsole::stateRoundTrip()
{
    typePathAndBody(QStringLiteral("PATCH"), QStringLiteral("/api/v1/custom"),
                    QStringLiteral("{\"a\": 1}"));
    const QByteArray state = m_panel->saveState();
    QVERIFY(!state.isEmpty());

    ApiConsolePanel other(m_store.get());
    QVERIFY(other.restoreState(state));
    QCOMPARE(other.currentTemplate().method, QStringLiteral("PATCH"));
    QCOMPARE(other.currentTemplate().path, QStringLiteral("/api/v1/custom"));
    QCOMPARE(other.currentTemplate().bodyText, QStringLiteral("{\"a\": 1}"));
    QVERIFY(!other.restoreState(QByteArray("garbage")));
    QVERIFY(!other.restoreState({}));
}

void TestApiConsole::formerStateRestores()
{
    QByteArray former;
    QDataStream out(&former, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << quint32(0x41435031) << qint32(1) << QStringLiteral("DELETE")
        << QStringLiteral("/api/v1/old") << QStringLiteral("{\"b\": 2}") << QByteArray()
        << QByteArray() << QByteArray();
    ApiConsolePanel other(m_store.get());
    QVERIFY(other.restoreState(former));
    QCOMPARE(other.currentTemplate().method, QStringLiteral("DELETE"));
    QCOMPARE(other.currentTemplate().path, QStringLiteral("/api/v1/old"));
    QCOMPARE(other.currentTemplate().bodyText, QStringLiteral("{\"b\": 2}"));
    QVERIFY(!other.restoreState(former.left(former.size() - 1)));
}

void TestApiConsole::latencySummary()
{
    auto *summary = m_panel->findChild<QLabel *>(QStringLiteral("latencyLabel"));
    QVERIFY(summary->text().startsWith(QStringLiteral("p50 –")));
    typePathAndBody(QStringLiteral("GET"), assetsPath, QString());
    const QString ok = sendCurrent();
    typePathAndBody(QStringLiteral("GET"), QStringLiteral("/api/v1/nope"), QString());
    const QString bad = sendCurrent();
    QTRY_COMPARE(statusOf(ok), QStringLiteral("Success"));
    QTRY_COMPARE(statusOf(bad), QStringLiteral("Error"));
    QVERIFY2(summary->text().contains(QStringLiteral("errors 1 · timeouts 0")),
             qPrintable(summary->text()));
    QVERIFY(!summary->text().startsWith(QStringLiteral("p50 –")));
    QVERIFY(m_history->index(rowOf(bad), 0)
                .data(ApiHistoryModel::ErrorMessageRole)
                .toString()
                .contains(QStringLiteral("unknown path")));
}

void TestApiConsole::copyAsCode()
{
    auto *button = m_panel->findChild<QToolButton *>(QStringLiteral("copyCodeButton"));
    QVERIFY(button && button->menu());
    QAction *python = findAction(button->menu(), QStringLiteral("Python"));
    QVERIFY(python);
    typePathAndBody(QStringLiteral("GET"), assetsPath, QStringLiteral("{\"limit\": \"5\"}"));
    python->trigger();
    const QString snippet = QApplication::clipboard()->text();
    QVERIFY(snippet.contains(QStringLiteral("YOUR_API_KEY")));
    QVERIFY(!snippet.contains(EmulatorDemoKey));
    QVERIFY(snippet.contains(m_id->text()));
    QVERIFY(snippet.contains(m_client->apiUrl().toString()));
}

void TestApiConsole::screenshots()
{
    const QString dir = qEnvironmentVariable("ALLIUM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set ALLIUM_SCREENSHOT_DIR to save screenshots");
    auto *button = m_panel->findChild<QToolButton *>(QStringLiteral("templatesButton"));
    QStringList ids;
    for (const ApiTemplate &t : ApiTemplate::builtIns()) {
        findAction(button->menu(), t.name)->trigger();
        ids.append(sendCurrent());
    }
    typePathAndBody(QStringLiteral("GET"), QStringLiteral("/api/v1/nope"), QString());
    ids.append(sendCurrent());
    for (const QString &id : std::as_const(ids))
        QTRY_VERIFY(!m_history->isPendingAt(rowOf(id)));
    selectRow(rowOf(ids.constFirst()));
    typePathAndBody(QStringLiteral("GET"), assetsPath, QStringLiteral("{\"limit\": }"));
    for (const QSize size : {QSize(1280, 700), QSize(1024, 700), QSize(800, 600)}) {
        m_panel->resize(size);
        QCoreApplication::processEvents(); // pending layout requests
        QVERIFY(m_panel->grab().save(
            QStringLiteral("%1/console-%2x%3.png").arg(dir).arg(size.width()).arg(size.height())));
    }
}

QTEST_MAIN(TestApiConsole)
#include "tst_apiconsole.moc"
