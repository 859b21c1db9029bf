// SPDX-License-Identifier: MIT
#include "core/api/apiclient.h"
#include "core/api/apihistorymodel.h"
#include "core/api/savedrequeststore.h"
#include "core/connection/connectioneventlog.h"
#include "core/connection/connectionprofile.h"
#include "core/settings/keystore.h"
#include "core/settings/profilestore.h"
#include "core/stream/streamsession.h"
#include "core/table/columnset.h"
#include "core/table/messagetablemodel.h"
#include "support/scriptedapiserver.h"
#include "ui/connection/connectionstatuswidget.h"
#include "ui/connection/eventlogview.h"
#include "ui/connection/profilebadge.h"
#include "ui/connection/profiledialog.h"
#include "ui/console/apiconsolepanel.h"
#include "ui/stream/livetableview.h"
#include "ui/stream/messagedetailpane.h"
#include "ui/stream/streampanel.h"
#include "ui/stream/streamtablepanel.h"
#include "ui/text/plaintext.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTimer>
#include <QToolTip>
#include <QTreeView>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace allium;

namespace {

/// Markup a hostile server sends. The image path does not exist (a regression must fail this
/// test, not eat the machine's memory as /dev/zero would); the assertions are on text formats.
const QString Markup = QStringLiteral("<b>hostile</b><a href=\"x\">link</a><img src=\"no.png\">");
/// What must never reach a widget that interprets markup.
const QString RawTag = QStringLiteral("<img");

constexpr int Timeout = 10000;

/// Every QLabel under `root` that shows `needle` shows it as plain text.
void verifyLabelsArePlain(QWidget *root, const QString &needle, int *checked = nullptr)
{
    const QList<QLabel *> labels = root->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (!label->text().contains(QLatin1Char('<')))
            continue;
        QVERIFY2(label->textFormat() == Qt::PlainText || !Qt::mightBeRichText(label->text()),
                 qPrintable(QStringLiteral("label %1 would render \"%2\" as HTML")
                                .arg(label->objectName(), label->text().left(200))));
        if (checked && label->text().contains(needle))
            ++*checked;
    }
}

/// A tooltip text shows `literal` as written: no raw tag, and escaped when it is rich text.
void verifyToolTipIsLiteral(const QString &tip, const QString &literal, const QString &where)
{
    QVERIFY2(!tip.contains(RawTag),
             qPrintable(
                 QStringLiteral("%1: tooltip would render markup: %2").arg(where, tip.left(200))));
    if (!Qt::mightBeRichText(tip)) {
        QVERIFY2(tip.contains(literal), qPrintable(where));
        return;
    }
    QTextDocument document; // safe now: the text holds no tag of its own
    document.setHtml(tip);
    QVERIFY2(document.toPlainText().contains(literal),
             qPrintable(QStringLiteral("%1: %2").arg(where, document.toPlainText().left(200))));
}

/// No widget under `root` carries a tooltip with raw markup.
void verifyWidgetToolTips(QWidget *root)
{
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.append(root);
    for (QWidget *widget : std::as_const(widgets)) {
        if (widget->toolTip().contains(Markup.left(3)))
            verifyToolTipIsLiteral(widget->toolTip(), QStringLiteral("<b>hostile</b>"),
                                   widget->objectName());
    }
}

/// Hovers every visible cell of `view` (and its header sections) that holds markup and checks
/// the tooltip the user would see. Returns how many tooltips carried the markup.
int hoverCells(QAbstractItemView *view)
{
    int shown = 0;
    QAbstractItemModel *model = view->model();
    const auto hover = [&](QWidget *target, const QPoint &pos, const QString &where) {
        QToolTip::hideText();
        QHelpEvent event(QEvent::ToolTip, pos, target->mapToGlobal(pos));
        QApplication::sendEvent(target, &event);
        const QString tip = QToolTip::text();
        if (tip.contains(QStringLiteral("hostile"))) {
            verifyToolTipIsLiteral(tip, QStringLiteral("<b>hostile</b>"), where);
            ++shown;
        }
    };
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < std::min(model->rowCount(parent), 50); ++row) {
            for (int column = 0; column < model->columnCount(parent); ++column) {
                const QModelIndex index = model->index(row, column, parent);
                if (!index.data(Qt::ToolTipRole).toString().contains(QStringLiteral("hostile")))
                    continue;
                view->scrollTo(index);
                const QRect rect = view->visualRect(index);
                if (rect.isValid() && view->viewport()->rect().contains(rect.center()))
                    hover(view->viewport(), rect.center(),
                          QStringLiteral("%1 cell %2,%3")
                              .arg(view->objectName())
                              .arg(row)
                              .arg(column));
            }
            if (model->hasChildren(model->index(row, 0, parent)))
                walk(model->index(row, 0, parent));
        }
    };
    walk({});
    return shown;
}

/// A stream server that answers the first frame with an error whose text is markup, sends one
/// data message whose every column holds markup, then closes with a markup reason.
class HostileStreamServer : public QObject
{
public:
    explicit HostileStreamServer(QJsonObject message)
        : m_server(QStringLiteral("hostile"), QWebSocketServer::NonSecureMode)
        , m_message(std::move(message))
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                if (!m_closeReason.isEmpty()) { // every retry is closed the same way
                    socket->close(QWebSocketProtocol::CloseCode(4000), m_closeReason);
                    continue;
                }
                connect(socket, &QWebSocket::textMessageReceived, socket,
                        [this, socket](const QString &text) { handle(socket, text); });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl baseUrl() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server.serverPort()));
    }
    void closeAll(const QString &reason)
    {
        m_closeReason = reason;
        for (QWebSocket *socket : findChildren<QWebSocket *>())
            socket->close(QWebSocketProtocol::CloseCode(4000), reason);
    }

private:
    void handle(QWebSocket *socket, const QString &text)
    {
        if (!text.contains(QLatin1String("\"start\"")))
            return;
        socket->sendTextMessage(QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("error")},
                                      {QStringLiteral("data"), Markup}})
                .toJson(QJsonDocument::Compact)));
        socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(m_message).toJson(QJsonDocument::Compact)));
    }

    QWebSocketServer m_server;
    QJsonObject m_message;
    QString m_closeReason;
};

/// Sets `path` (dots for nesting) to `value` in `object`.
void setPath(QJsonObject &object, const QStringList &path, const QJsonValue &value)
{
    if (path.size() == 1) {
        object.insert(path.first(), value);
        return;
    }
    QJsonObject child = object.value(path.first()).toObject();
    setPath(child, path.mid(1), value);
    object.insert(path.first(), child);
}

} // namespace

class TestHostileMarkup : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    // An error frame, a data message and a close reason full of markup reach the stream panel,
    // its status widget and the event log: every label and tooltip shows the literal text.
    void streamErrorsDataAndCloseReason();
    // An API error response with markup (and one of a megabyte) shows literally and bounded in
    // the console's labels, history tooltips and response tree.
    void apiErrorInConsole();
    // A connection test refused with a markup reason phrase, and a profile named with markup.
    void profileDialogTestFailure();
    // The helper's contract: escaped, line breaks kept, bounded.
    void toolTipHelper();
};

void TestHostileMarkup::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestHostileMarkup::streamErrorsDataAndCloseReason()
{
    const QString topic = QStringLiteral("ethereum.transactions");
    QWidget window;
    StreamSession session;
    auto *panel = new StreamPanel(&session);
    auto *status = new ConnectionStatusWidget;
    status->setObjectName(QStringLiteral("streamStatus"));
    ConnectionEventLog log;
    auto *events = new EventLogView;
    events->setObjectName(QStringLiteral("eventLog"));
    events->setLog(&log);
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(panel, 3);
    layout->addWidget(status);
    layout->addWidget(events, 1);
    window.resize(1280, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // Markup in every column the table shows for the topic.
    QJsonObject message;
    const MessageTableModel *model = panel->tablePanel()->model();
    for (const QString &path : ColumnSet::defaultColumns(topic))
        setPath(message, path.split(QLatin1Char('.')), Markup);
    QVERIFY(!message.isEmpty());

    HostileStreamServer server(message);
    QVERIFY(server.listen());
    ConnectionOptions options;
    options.maxAttempts = 2; // the second close ends in Failed, whose reason the widgets show
    options.backoffBaseMs = 1;
    options.pingIntervalMs = 0;
    panel->setConnection(server.baseUrl(), QStringLiteral("key"), options);
    status->attach(panel->session());
    log.attach(panel->session(), QStringLiteral("Stream <i>name</i>"));
    panel->setTopic(topic);
    panel->start();

    QTRY_VERIFY_WITH_TIMEOUT(panel->messageText().contains(Markup), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 1, Timeout);
    auto *bar = panel->findChild<QLabel *>(QStringLiteral("messageBarText"));
    QVERIFY(bar->text().contains(Markup));
    QCOMPARE(bar->textFormat(), Qt::PlainText);

    server.closeAll(QStringLiteral("<b>bye</b><img src=\"no.png\">"));
    QTRY_COMPARE_WITH_TIMEOUT(panel->session()->state(), ConnectionState::Failed, Timeout);
    auto *statusLabel = status->findChild<QLabel *>(QStringLiteral("statusLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(statusLabel->text().startsWith(QStringLiteral("Failed")), Timeout);
    // Shown whole as plain text, or elided with the whole text in a literal tooltip.
    QCOMPARE(statusLabel->textFormat(), Qt::PlainText);
    if (statusLabel->toolTip().isEmpty())
        QVERIFY(statusLabel->text().contains(QStringLiteral("<b>bye</b>")));
    else
        verifyToolTipIsLiteral(statusLabel->toolTip(), QStringLiteral("<b>bye</b>"),
                               QStringLiteral("status label"));

    int checked = 0;
    verifyLabelsArePlain(&window, QStringLiteral("<b>"), &checked);
    QVERIFY2(checked >= 1, "the message bar shows the markup literally");
    verifyWidgetToolTips(&window);
    const QString stateTip =
        panel->findChild<QLabel *>(QStringLiteral("streamStateLabel"))->toolTip();
    verifyToolTipIsLiteral(stateTip, QStringLiteral("<b>bye</b>"), QStringLiteral("state label"));

    // Table cells and the detail pane's tree (select the row first), then the event log.
    LiveTableView *table = panel->tablePanel()->view();
    table->selectRow(0);
    QVERIFY(hoverCells(table) >= 1);
    auto *detailTree =
        panel->tablePanel()->detailPane()->findChild<QTreeView *>(QStringLiteral("detailTree"));
    QVERIFY(detailTree);
    detailTree->expandAll();
    QVERIFY(hoverCells(detailTree) >= 1);
    auto *eventTable = events->findChild<QAbstractItemView *>(QStringLiteral("eventTable"));
    QVERIFY(eventTable);
    QVERIFY(hoverCells(eventTable) >= 1);
}

void TestHostileMarkup::apiErrorInConsole()
{
    const QString huge = QStringLiteral("<b>hostile</b>") + QString(1024 * 1024, QLatin1Char('x'));
    int answered = 0;
    ScriptedApiServer server([&answered, &huge](QWebSocket *socket, const QJsonObject &request) {
        const QString error = answered++ == 0 ? Markup : huge;
        ScriptedApiServer::send(socket,
                                {{QStringLiteral("id"), request.value(QStringLiteral("id"))},
                                 {QStringLiteral("status"), QStringLiteral("error")},
                                 {QStringLiteral("data"), error}});
    });
    QVERIFY(server.listen());
    ApiClient client;
    client.setBaseUrl(server.baseUrl());
    client.setApiKey(QStringLiteral("key"));
    client.open();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ConnectionState::Connected, Timeout);

    QTemporaryDir dir;
    SavedRequestStore savedRequests(dir.filePath(QStringLiteral("settings.ini")));
    ApiConsolePanel panel(&savedRequests);
    panel.setApiClient(&client);
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *send = panel.findChild<QPushButton *>(QStringLiteral("sendButton"));
    QVERIFY(send);
    ApiHistoryModel *history = panel.historyModel();
    QTest::mouseClick(send, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(history->stats().count(), 1, Timeout);

    auto *table = panel.findChild<QAbstractItemView *>(QStringLiteral("historyTable"));
    table->setCurrentIndex(table->model()->index(0, 0));
    auto *problem = panel.findChild<QLabel *>(QStringLiteral("exchangeProblem"));
    QTRY_VERIFY(problem->text().contains(Markup));
    QCOMPARE(problem->textFormat(), Qt::PlainText);
    verifyLabelsArePlain(&panel, Markup);
    verifyWidgetToolTips(&panel);
    QVERIFY(hoverCells(table) >= 1); // the error message is the status cell's tooltip
    auto *tree = panel.findChild<QTreeView *>(QStringLiteral("responseTree"));
    tree->expandAll();
    QVERIFY(hoverCells(tree) >= 1);

    // A megabyte of error text is cut for labels and tooltips.
    QTest::mouseClick(send, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(history->stats().count(), 2, Timeout);
    table->setCurrentIndex(table->model()->index(1, 0));
    QTRY_VERIFY(problem->text().startsWith(QStringLiteral("<b>hostile</b>xxx")));
    QVERIFY(problem->text().size() < PlainText::MaxLabelChars + 100);
    QVERIFY(problem->text().size() < huge.size());
    verifyLabelsArePlain(&panel, Markup);
    const QString tip = PlainText::toolTip(huge);
    QVERIFY(tip.size() < PlainText::MaxToolTipChars * 2);
}

void TestHostileMarkup::profileDialogTestFailure()
{
    // A "server" that refuses the websocket upgrade with a markup reason phrase.
    QTcpServer http;
    QVERIFY(http.listen(QHostAddress::LocalHost, 0));
    connect(&http, &QTcpServer::newConnection, &http, [&http] {
        while (QTcpSocket *socket = http.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                if (!socket->readAll().contains("\r\n\r\n"))
                    return;
                socket->write("HTTP/1.1 400 <b>hostile</b><img src=\"no.png\">\r\n"
                              "Content-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
        }
    });

    QTemporaryDir dir;
    ProfileStore store(dir.filePath(QStringLiteral("profiles.ini")));
    const QString name = QStringLiteral("<b>hostile</b> profile");
    QVERIFY(store.create(
        ConnectionProfile(name, QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(http.serverPort())))));
    KeyStore keys;
    keys.setKeychainEnabled(false);
    ProfileDialog dialog(&store, &keys);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.selectProfile(name);

    QSignalSpy tested(&dialog, &ProfileDialog::testFinished);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testButton")),
                      Qt::LeftButton);
    QVERIFY(tested.wait(Timeout));
    QCOMPARE(tested.at(0).at(0).toBool(), false);
    // The connection layer reports a refused handshake by its status code only; the label must
    // still be plain, as any failure text may come from a server.
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("testResultLabel"));
    QVERIFY(!result->text().isEmpty());
    QCOMPARE(result->textFormat(), Qt::PlainText);
    verifyLabelsArePlain(&dialog, QStringLiteral("<b>hostile</b>"));
    verifyWidgetToolTips(&dialog);
    const QString badgeTip = dialog.findChild<ProfileBadge *>()->toolTip();
    verifyToolTipIsLiteral(badgeTip, name, QStringLiteral("badge"));

    // The delete confirmation names the profile literally.
    bool sawBox = false;
    QTimer::singleShot(0, &dialog, [&sawBox] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        sawBox = box->text().contains(QStringLiteral("<b>hostile</b>")) &&
                 box->textFormat() == Qt::PlainText;
        box->button(QMessageBox::No)->click();
    });
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("deleteButton")),
                      Qt::LeftButton);
    QVERIFY(sawBox);
    QVERIFY(store.contains(name));
}

void TestHostileMarkup::toolTipHelper()
{
    QCOMPARE(PlainText::toolTip(QString()), QString());
    const QString tip = PlainText::toolTip(QStringLiteral("a <b>\nb & c"));
    verifyToolTipIsLiteral(tip, QStringLiteral("a <b>\nb & c"), QStringLiteral("helper"));
    const QString longTip = PlainText::toolTip(QString(100000, QLatin1Char('y')));
    QVERIFY(longTip.size() < PlainText::MaxToolTipChars + 200);
    QVERIFY(longTip.contains(QStringLiteral("more characters")));
    QCOMPARE(PlainText::bounded(QStringLiteral("short")), QStringLiteral("short"));
}

QTEST_MAIN(TestHostileMarkup)
#include "tst_hostilemarkup.moc"
