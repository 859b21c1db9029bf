// SPDX-License-Identifier: MIT
#include "core/api/apiclient.h"
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apihistorymodel.h"
#include "core/api/apiitemstablemodel.h"
#include "core/api/savedrequeststore.h"
#include "core/table/messagetablemodel.h"
#include "emulator/emulatorserver.h"
#include "ui/console/apicomposerwidget.h"
#include "ui/console/apiconsolepanel.h"
#include "ui/console/apiitemstableview.h"
#include "ui/console/apirequestformwidget.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

#include <memory>

using namespace allium;

/// The API console as an explorer of the documented endpoints (issue 14), driven by QTest
/// input on the console against the emulator: pick an endpoint by searching, see its
/// documentation and cost, be stopped before sending a request that names a bad field, send it,
/// and page through its results.
class TestApiExplorer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void searchPicksAnEndpointWithItsExample();
    void invalidFieldIsNamedAndNotSent();
    void costAsBuiltAndSessionTotal();
    void nextPageAndFetchAll();
    void formAndJsonStayInSync();
    void batchInputsByForm();
    void formSendsShowsTablePagesAndExports();
    void tabFollowsTheGeneratedForm_data();
    void tabFollowsTheGeneratedForm();
    void screenshots();

private:
    void pick(const QString &search);
    void replaceBody(const QString &text);
    void typeInto(QWidget *editor, const QString &text);
    QWidget *field(const QString &objectName) const;

    std::unique_ptr<EmulatorServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<SavedRequestStore> m_store;
    std::unique_ptr<ApiConsolePanel> m_panel;
    QLineEdit *m_path = nullptr;
    QComboBox *m_method = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QPushButton *m_send = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_info = nullptr;
    QLabel *m_cost = nullptr;
};

void TestApiExplorer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestApiExplorer::init()
{
    m_store = std::make_unique<SavedRequestStore>();
    m_panel = std::make_unique<ApiConsolePanel>(m_store.get());
    m_server = std::make_unique<EmulatorServer>(EmulatorOptions());
    QVERIFY(m_server->listen());
    m_client = std::make_unique<ApiClient>();
    m_client->setBaseUrl(m_server->baseUrl());
    m_client->setApiKey(EmulatorDemoKey);
    m_client->open();
    QTRY_COMPARE(m_client->state(), ConnectionState::Connected);
    m_panel->setApiClient(m_client.get());
    m_panel->resize(1100, 720);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QApplication::setActiveWindow(m_panel.get());
    m_path = m_panel->findChild<QLineEdit *>(QStringLiteral("pathEdit"));
    m_method = m_panel->findChild<QComboBox *>(QStringLiteral("methodCombo"));
    m_body = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("bodyEdit"));
    m_send = m_panel->findChild<QPushButton *>(QStringLiteral("sendButton"));
    m_error = m_panel->findChild<QLabel *>(QStringLiteral("bodyError"));
    m_info = m_panel->findChild<QLabel *>(QStringLiteral("endpointInfo"));
    m_cost = m_panel->findChild<QLabel *>(QStringLiteral("costLabel"));
    QVERIFY(m_path && m_method && m_body && m_send && m_error && m_info && m_cost);
}

void TestApiExplorer::cleanup()
{
    m_panel.reset();
    m_client.reset();
    m_server.reset();
}

// Opens the Endpoints menu by click, types `search` and presses Enter: the first match loads.
void TestApiExplorer::pick(const QString &search)
{
    auto *button = m_panel->findChild<QToolButton *>(QStringLiteral("endpointsButton"));
    auto *menu = m_panel->findChild<QMenu *>(QStringLiteral("endpointsMenu"));
    QVERIFY(button && menu);
    QTimer::singleShot(0, menu, [menu, search] {
        auto *field = menu->findChild<QLineEdit *>(QStringLiteral("endpointSearch"));
        QTRY_VERIFY(menu->isVisible());
        QTest::keyClicks(field, search);
        QTest::keyClick(field, Qt::Key_Return);
    });
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(!menu->isVisible());
}

void TestApiExplorer::replaceBody(const QString &text)
{
    m_body->setFocus();
    m_body->selectAll();
    QTest::keyClick(m_body, Qt::Key_Delete);
    QTest::keyClicks(m_body, text);
}

QWidget *TestApiExplorer::field(const QString &objectName) const
{
    return m_panel->findChild<QWidget *>(objectName);
}

// Replaces an editor's text by keyboard, as a user would.
void TestApiExplorer::typeInto(QWidget *editor, const QString &text)
{
    auto *edit = qobject_cast<QLineEdit *>(editor);
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

// Searching "wallet transactions" in the Endpoints menu loads that endpoint: method, path, its
// example body, its description and response shape beside it.
void TestApiExplorer::searchPicksAnEndpointWithItsExample()
{
    pick(QStringLiteral("wallet transactions"));
    QCOMPARE(m_path->text(), QStringLiteral("/api/v1/developer/wallet/transactions"));
    QCOMPARE(m_method->currentText(), QStringLiteral("POST"));
    QVERIFY(m_body->toPlainText().contains(QStringLiteral("\"chain\": \"ethereum\"")));
    QVERIFY(m_info->isVisible());
    QVERIFY2(m_info->text().startsWith(QStringLiteral("Wallet transactions (Wallet).")),
             qPrintable(m_info->text()));
    QVERIFY(m_info->text().contains(QStringLiteral("Response: {\"items\"")));
    QVERIFY(m_send->isEnabled());
}

// A body that breaks the documentation disables Send with the field named; fixing it enables it.
void TestApiExplorer::invalidFieldIsNamedAndNotSent()
{
    pick(QStringLiteral("latest token prices"));
    replaceBody(
        QStringLiteral("[{\"token_address\": \"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48\"}]"));
    QVERIFY(!m_send->isEnabled());
    QCOMPARE(m_error->text(), QStringLiteral("body[0].chain: field required"));
    QTest::keyClick(m_body, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(m_panel->historyModel()->rowCount(), 0);
    replaceBody(
        QStringLiteral("[{\"token_address\": \"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48\", "
                       "\"chain\": \"Base\"}]"));
    QVERIFY(
        m_error->text().startsWith(QStringLiteral("body[0].chain: chain names are lower case")));
    replaceBody(
        QStringLiteral("[{\"token_address\": \"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48\", "
                       "\"chain\": \"ethereum\"}]"));
    QVERIFY(m_send->isEnabled());
}

// The cost line shows the request as built (two inputs: 2 × 20) and, after sending, the
// session's total.
void TestApiExplorer::costAsBuiltAndSessionTotal()
{
    pick(QStringLiteral("latest token prices"));
    QCOMPARE(m_cost->text(),
             QStringLiteral("Cost: 40 DU (2 inputs \u00d7 20) \u00b7 session: 0 DU in 0 requests"));
    QTest::mouseClick(m_send, Qt::LeftButton);
    QTRY_COMPARE(m_panel->historyModel()->rowCount(), 1);
    QVERIFY2(m_cost->text().endsWith(QStringLiteral("session: 40 DU in 1 request")),
             qPrintable(m_cost->text()));
    pick(QStringLiteral("order history"));
    QVERIFY(m_cost->text().startsWith(QStringLiteral("Cost: 60 DU \u00b7 session: 40 DU")));
}

// A cursor endpoint's response enables Next page; Fetch all follows the cursor to the last page.
// The walk is ONE row of the history with a child per page: expanding it and clicking a page
// shows that page's response; clicking the walk shows the rows of all pages as one table, which
// exports whole.
void TestApiExplorer::nextPageAndFetchAll()
{
    auto *next = m_panel->findChild<QPushButton *>(QStringLiteral("nextPageButton"));
    auto *all = m_panel->findChild<QPushButton *>(QStringLiteral("fetchAllButton"));
    auto *label = m_panel->findChild<QLabel *>(QStringLiteral("pagingLabel"));
    auto *tree = m_panel->findChild<QTreeView *>(QStringLiteral("historyTable"));
    auto *summary = m_panel->findChild<QLabel *>(QStringLiteral("exchangeSummary"));
    auto *response = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("responseText"));
    auto *itemsView = m_panel->findChild<ApiItemsTableView *>(QStringLiteral("itemsTableView"));
    auto *itemsSummary = m_panel->findChild<QLabel *>(QStringLiteral("itemsSummary"));
    auto *tabs = m_panel->findChild<QTabWidget *>(QStringLiteral("exchangeTabs"));
    QVERIFY(next && all && label && tree && summary && response && itemsView && itemsSummary &&
            tabs);
    ApiItemsTableModel *items = itemsView->model();
    QVERIFY(!next->isEnabled());
    m_method->setCurrentText(QStringLiteral("GET"));
    m_path->setFocus();
    m_path->selectAll();
    QTest::keyClicks(m_path, QStringLiteral("/api/v1/developer/assets"));
    replaceBody(QStringLiteral("{\"blockchain\": \"solana\", \"limit\": 150}"));
    QTest::mouseClick(m_send, Qt::LeftButton);
    QTRY_VERIFY(next->isEnabled());
    ApiHistoryModel *history = m_panel->historyModel();
    const QString first = history->idAt(0);
    QTest::mouseClick(next, Qt::LeftButton);
    QTRY_COMPARE(history->rowCount(history->index(0, 0)), 2);
    QCOMPARE(history->rowCount(), 1);
    QTRY_VERIFY(all->isEnabled());
    // A page the user looks at stays selected while the walk goes on.
    const QModelIndex walkRow = tree->model()->index(0, 0);
    tree->expand(walkRow);
    const QModelIndex page1 = tree->model()->index(0, ApiHistoryModel::PathColumn, walkRow);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(page1).center());
    QCOMPARE(tree->currentIndex().parent(), walkRow);
    QTest::mouseClick(all, Qt::LeftButton);
    // 405 Solana assets at 150 a page: three pages, one row.
    QTRY_COMPARE(label->text(), QStringLiteral("Last page reached"));
    QCOMPARE(tree->currentIndex().parent(), walkRow);
    QCOMPARE(tree->currentIndex().row(), 0);
    QVERIFY2(summary->text().contains(QStringLiteral("page 1 of 3")), qPrintable(summary->text()));
    tree->collapse(walkRow);
    QTest::mouseClick(
        tree->viewport(), Qt::LeftButton, {},
        tree->visualRect(walkRow.siblingAtColumn(ApiHistoryModel::PathColumn)).center());
    QVERIFY(!next->isEnabled() && !all->isEnabled());
    QCOMPARE(tree->model()->rowCount(), 1);
    const QModelIndex walk = tree->model()->index(0, ApiHistoryModel::PathColumn);
    QCOMPARE(tree->model()->rowCount(walk.siblingAtColumn(0)), 3);
    QCOMPARE(walk.data().toString(),
             QStringLiteral("/api/v1/developer/assets · 3 pages · 405 items"));
    QCOMPARE(walk.siblingAtColumn(ApiHistoryModel::StatusColumn).data().toString(),
             QStringLiteral("Success"));

    // The walk is selected: one table of all 405 rows, in page order.
    QTRY_COMPARE(items->rowCount(), 405);
    QCOMPARE(tabs->currentWidget(), itemsView);
    QVERIFY2(itemsSummary->text().startsWith(QStringLiteral("405 rows")) &&
                 itemsSummary->text().contains(QStringLiteral("from 3 pages")),
             qPrintable(itemsSummary->text()));
    QVERIFY2(summary->text().contains(QStringLiteral("3 pages · 405 items")),
             qPrintable(summary->text()));

    // Expand by keyboard, click the second page: its own response.
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Right);
    QTRY_VERIFY(tree->isExpanded(walk.siblingAtColumn(0)));
    const QModelIndex page2 =
        tree->model()->index(1, ApiHistoryModel::PathColumn, walk.siblingAtColumn(0));
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(page2).center());
    const QString page2Id = first + QStringLiteral("-page-2");
    QVERIFY2(summary->text().startsWith(page2Id + QStringLiteral(" · Success · page 2 of 3")),
             qPrintable(summary->text()));
    QVERIFY(response->toPlainText().contains(QStringLiteral("\"%1\"").arg(page2Id)));
    QCOMPARE(items->rowCount(), 150);

    // Back on the walk, the whole table again; the export holds every page's rows.
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(walk).center());
    QTRY_COMPARE(items->rowCount(), 405);
    QTemporaryDir dir;
    const QString fileName = dir.filePath(QStringLiteral("walk.ndjson"));
    QVERIFY(itemsView->exportTo(fileName));
    QFile ndjson(fileName);
    QVERIFY(ndjson.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = ndjson.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 405);
    QSet<QByteArray> distinct(lines.cbegin(), lines.cend());
    QCOMPARE(distinct.size(), 405);
}

// The form is generated from the endpoint's entry and edits the JSON body; the JSON's edits show
// in the form; what the form cannot show is noted, and kept in the JSON.
void TestApiExplorer::formAndJsonStayInSync()
{
    pick(QStringLiteral("tokens of a chain"));
    auto *sort = qobject_cast<QComboBox *>(field(QStringLiteral("field_sort")));
    auto *limit = qobject_cast<QLineEdit *>(field(QStringLiteral("field_limit")));
    auto *offset = qobject_cast<QLineEdit *>(field(QStringLiteral("field_offset")));
    QVERIFY(sort && limit && offset);
    // Enum choices in a combo box; the default as the placeholder; values from the example.
    QCOMPARE(sort->currentText(), QStringLiteral("volume"));
    QVERIFY(sort->findText(QStringLiteral("trade_count")) > 0);
    QCOMPARE(offset->placeholderText(), QStringLiteral("default: 0"));
    QCOMPARE(limit->text(), QStringLiteral("20"));

    // Form -> JSON: typed numbers stay numbers; a combo choice writes its value.
    typeInto(limit, QStringLiteral("35"));
    QVERIFY2(m_body->toPlainText().contains(QStringLiteral("\"limit\": 35")),
             qPrintable(m_body->toPlainText()));
    sort->setFocus();
    QTest::keyClick(sort, Qt::Key_Down); // volume -> trade_count
    QVERIFY(m_body->toPlainText().contains(QStringLiteral("\"sort\": \"trade_count\"")));
    QCOMPARE(limit->text(), QStringLiteral("35"));

    // Validation before sending names the field the form edits.
    typeInto(limit, QStringLiteral("500"));
    QVERIFY(!m_send->isEnabled());
    QVERIFY2(m_error->text().startsWith(QStringLiteral("query.limit: ensure this value is less")),
             qPrintable(m_error->text()));
    typeInto(limit, QStringLiteral("50"));
    QVERIFY(m_send->isEnabled());

    // A value the documentation does not list is shown, in one entry, not one per letter typed.
    replaceBody(QStringLiteral("{\"sort\": \"bogus\"}"));
    QCOMPARE(sort->currentText(), QStringLiteral("bogus"));
    QCOMPARE(sort->count(), 1 + 5 + 1);
    QVERIFY(m_error->text().startsWith(QStringLiteral("query.sort:")));

    // JSON -> form, with a member the form has no field for kept and noted.
    replaceBody(QStringLiteral("{\"chain\": \"base\", \"limit\": 7, \"mine\": true}"));
    QCOMPARE(limit->text(), QStringLiteral("7"));
    QCOMPARE(qobject_cast<QLineEdit *>(field(QStringLiteral("field_chain")))->text(),
             QStringLiteral("base"));
    QCOMPARE(sort->currentIndex(), 0); // back to "(default: volume)"
    ApiRequestFormWidget *form = m_panel->composer()->form();
    QVERIFY2(form->notesText().contains(QStringLiteral("\"mine\" is not a field")),
             qPrintable(form->notesText()));
    typeInto(offset, QStringLiteral("40"));
    QVERIFY(m_body->toPlainText().contains(QStringLiteral("\"mine\": true")));
    QVERIFY(m_body->toPlainText().contains(QStringLiteral("\"offset\": 40")));

    // JSON that does not parse leaves the form as it was, disabled, with the reason.
    m_body->setFocus();
    QTest::keyClick(m_body, Qt::Key_End, Qt::ControlModifier);
    QTest::keyClicks(m_body, QStringLiteral(","));
    QVERIFY(!limit->isEnabled());
    QVERIFY(form->notesText().startsWith(QStringLiteral("The JSON body does not parse")));
    QCOMPARE(limit->text(), QStringLiteral("7"));
    QTest::keyClick(m_body, Qt::Key_Backspace);
    QVERIFY(limit->isEnabled());
    replaceBody(QStringLiteral("{\"limit\": 9}"));
    QCOMPARE(limit->text(), QStringLiteral("9"));
    QCOMPARE(form->notesText(), QString());
}

// A batch endpoint's inputs are rows of the form: add one, fill it, remove another.
void TestApiExplorer::batchInputsByForm()
{
    pick(QStringLiteral("latest token prices"));
    QVERIFY(field(QStringLiteral("input_1_chain")));
    QVERIFY(!field(QStringLiteral("input_2_chain")));
    QTest::mouseClick(qobject_cast<QPushButton *>(field(QStringLiteral("addInputButton"))),
                      Qt::LeftButton);
    QVERIFY(field(QStringLiteral("input_2_chain")));
    QVERIFY(!m_send->isEnabled());
    QVERIFY2(m_error->text().startsWith(QStringLiteral("body[2].")), qPrintable(m_error->text()));
    typeInto(field(QStringLiteral("input_2_chain")), QStringLiteral("solana"));
    typeInto(field(QStringLiteral("input_2_token_address")),
             QStringLiteral("So11111111111111111111111111111111111111112"));
    QVERIFY2(m_send->isEnabled(), qPrintable(m_error->text()));
    QVERIFY(m_cost->text().startsWith(QStringLiteral("Cost: 60 DU (3 inputs")));
    QTest::mouseClick(qobject_cast<QToolButton *>(field(QStringLiteral("removeInput_0"))),
                      Qt::LeftButton);
    QVERIFY(!field(QStringLiteral("input_2_chain")));
    const QJsonArray inputs = QJsonDocument::fromJson(m_body->toPlainText().toUtf8()).array();
    QCOMPARE(inputs.size(), 2);
    QCOMPARE(inputs.at(1).toObject().value(QStringLiteral("chain")).toString(),
             QStringLiteral("solana"));
}

// The whole exploration by user input: pick an endpoint, fill its form, send it to the
// emulator, see the rows as a table, sort it, page it, and export the table as CSV.
void TestApiExplorer::formSendsShowsTablePagesAndExports()
{
    pick(QStringLiteral("list assets"));
    typeInto(field(QStringLiteral("field_limit")), QStringLiteral("150"));
    typeInto(field(QStringLiteral("field_blockchain")), QStringLiteral("solana"));
    QCOMPARE(QJsonDocument::fromJson(m_body->toPlainText().toUtf8()).object(),
             QJsonObject({{QStringLiteral("limit"), 150},
                          {QStringLiteral("blockchain"), QStringLiteral("solana")}}));
    QTest::mouseClick(m_send, Qt::LeftButton);

    auto *tabs = m_panel->findChild<QTabWidget *>(QStringLiteral("exchangeTabs"));
    auto *table = m_panel->findChild<QTableView *>(QStringLiteral("itemsTable"));
    QVERIFY(tabs && table);
    auto *model = qobject_cast<ApiItemsTableModel *>(table->model());
    QTRY_COMPARE(model->rowCount(), 150);
    tabs->setCurrentIndex(tabs->indexOf(table->parentWidget()));
    QVERIFY(table->isVisible());
    const int slug = int(model->columns().indexOf(QStringLiteral("slug")));
    const int id = int(model->columns().indexOf(QStringLiteral("id")));
    QVERIFY(slug >= 0 && id >= 0);

    // A click on the id header sorts by id, descending on a second click.
    QHeaderView *header = table->horizontalHeader();
    const QPoint idHeader(header->sectionViewportPosition(id) + 5, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, idHeader);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, idHeader);
    QCOMPARE(header->sortIndicatorSection(), id);
    const double top =
        model->index(0, id).data(MessageTableModel::JsonValueRole).value<QJsonValue>().toDouble();
    const double next =
        model->index(1, id).data(MessageTableModel::JsonValueRole).value<QJsonValue>().toDouble();
    QVERIFY2(top > next, qPrintable(QStringLiteral("%1 %2").arg(top).arg(next)));

    // Next page: the walk's row is selected, and its table shows both pages' rows.
    auto *nextPage = m_panel->findChild<QPushButton *>(QStringLiteral("nextPageButton"));
    QTRY_VERIFY(nextPage->isEnabled());
    QTest::mouseClick(nextPage, Qt::LeftButton);
    QTRY_COMPARE(model->rowCount(), 300);
    QCOMPARE(m_panel->historyModel()->rowCount(), 1);
    QVERIFY(model->index(150, slug).data().toString() != model->index(0, slug).data().toString());

    // Export CSV through the save dialog, typing the file name.
    QTemporaryDir dir;
    const QString fileName = dir.filePath(QStringLiteral("page2.csv"));
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("exportCsvButton")),
                      Qt::LeftButton);
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_panel->findChild<QFileDialog *>(QStringLiteral("exportDialog"))));
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
    QVERIFY(name);
    QTRY_VERIFY(dialog->isVisible());
    dialog->setDirectory(dir.path());
    name->setFocus();
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("page2.csv"));
    // Save, not Return: Return may go to the file name completer's popup.
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QPushButton *save = buttons->button(QDialogButtonBox::Save);
    QVERIFY(save);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY(QFile::exists(fileName));
    QFile csv(fileName);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray text = csv.readAll();
    QVERIFY(text.startsWith("id,") || text.contains(",id,"));
    QCOMPARE(text.count("\r\n"), 301);
    QVERIFY(!text.contains(EmulatorDemoKey.toUtf8()));
}

void TestApiExplorer::tabFollowsTheGeneratedForm_data()
{
    QTest::addColumn<QString>("search");
    QTest::newRow("fields") << QStringLiteral("tokens of a chain");
    QTest::newRow("batch inputs") << QStringLiteral("latest token prices");
}

// Tab walks the console in visual order, from the endpoint picker through the generated form's
// fields (top to bottom), its batch inputs (row by row, then Add input) and the body to Send;
// also after the form was rebuilt with one more input.
void TestApiExplorer::tabFollowsTheGeneratedForm()
{
    QFETCH(QString, search);
    pick(search);
    const ApiEndpoint *endpoint = ApiEndpointCatalogue::find(m_path->text());
    QVERIFY(endpoint);
    auto *addInput = field(QStringLiteral("addInputButton"));
    for (int round = 0; round < 2; ++round) {
        if (round == 1) {
            if (!endpoint->isBatch())
                break;
            QTest::mouseClick(qobject_cast<QPushButton *>(addInput), Qt::LeftButton);
        }
        QStringList expected{QStringLiteral("templatesButton"), QStringLiteral("copyCodeButton")};
        for (const ApiParameter &p : endpoint->parameters)
            expected << QStringLiteral("field_") + p.name;
        for (int input = 0;
             endpoint->isBatch() && field(QStringLiteral("removeInput_%1").arg(input)); ++input) {
            for (const ApiParameter &p : endpoint->itemParameters)
                expected << QStringLiteral("input_%1_%2").arg(input).arg(p.name);
            expected << QStringLiteral("removeInput_%1").arg(input);
        }
        if (endpoint->isBatch())
            expected << QStringLiteral("addInputButton");
        expected << QStringLiteral("bodyEdit") << QStringLiteral("idEdit")
                 << QStringLiteral("newIdButton");
        // An empty new input disables Send, and Tab passes a disabled button by.
        QCOMPARE(m_send->isEnabled(), round == 0);
        if (m_send->isEnabled())
            expected << QStringLiteral("sendButton");
        QVERIFY(expected.size() > 6);
        // The layout shows new editors on its next turn of the event loop.
        for (const QString &name : std::as_const(expected))
            QTRY_VERIFY2(field(name) && field(name)->isVisible(), qPrintable(name));

        QWidget *picker = field(QStringLiteral("endpointsButton"));
        QApplication::setActiveWindow(m_panel.get());
        QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
        picker->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), picker);
        QStringList reached;
        for (int i = 0; i < expected.size(); ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            reached << QApplication::focusWidget()->objectName();
        }
        QCOMPARE(reached, expected);
    }
}

// With ALLIUM_SCREENSHOT_DIR set, saves the console after picking an endpoint and paging, at
// 1280x800 and 800x600 (for looking at the layout; not an assertion).
void TestApiExplorer::screenshots()
{
    const QString dir = qEnvironmentVariable("ALLIUM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("ALLIUM_SCREENSHOT_DIR not set");
    pick(QStringLiteral("wallet transactions"));
    QTest::mouseClick(m_send, Qt::LeftButton);
    auto *next = m_panel->findChild<QPushButton *>(QStringLiteral("nextPageButton"));
    QTRY_VERIFY(next->isEnabled());
    for (const QSize size : {QSize(1280, 800), QSize(800, 600)}) {
        m_panel->resize(size);
        QCoreApplication::processEvents();
        QVERIFY(
            m_panel->grab().save(QStringLiteral("%1/explorer-%2.png").arg(dir).arg(size.width())));
    }
}

QTEST_MAIN(TestApiExplorer)
#include "tst_apiexplorer.moc"
