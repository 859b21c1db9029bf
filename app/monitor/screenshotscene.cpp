// SPDX-License-Identifier: MIT
#include "monitor/screenshotscene.h"

#include "core/alerts/alertcenter.h"
#include "core/alerts/alertruleset.h"
#include "core/api/apiclient.h"
#include "core/api/apiresult.h"
#include "core/api/apitemplate.h"
#include "emulator/embeddedemulator.h"
#include "monitor/monitorcomposition.h"
#include "ui/alerts/alertactions.h"
#include "ui/alerts/alertrulesdialog.h"
#include "ui/connection/profiledialog.h"
#include "ui/console/apicomposerwidget.h"
#include "ui/console/apiconsolepanel.h"
#include "ui/filter/filtereditorpanel.h"
#include "ui/mainwindow.h"
#include "ui/record/recordingcontrolwidget.h"
#include "ui/stream/streampanel.h"
#include "ui/workspace/streamworkspaceview.h"

#include <QApplication>
#include <QDockWidget>
#include <QPixmap>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <memory>

namespace allium {

namespace {

const char sceneRules[] = R"([
 {"name":"whales","topic":"ethereum.transactions","cooldown_s":10,
  "when":{"field":"value","operator":">","value":"1000000000000000000"}},
 {"name":"busy DEX","topic":"ethereum.transactions","kind":"rate","per_minute":30,"cooldown_s":20,
  "when":{"field":"gas_price","operator":">","value":20000000000}},
 {"name":"bitcoin quiet","topic":"bitcoin.blocks","kind":"silence","silence_s":3600},
 {"name":"chain","topic":"ethereum.blocks","kind":"integrity","events":["gap","reorg"]},
 {"name":"late blocks","topic":"base.blocks","kind":"lag","lag_s":5,"enabled":false}])";

const char nestedFilter[] = R"({"op":"AND","conditions":[
  {"field":"value","operator":">","value":"100000000000000000"},
  {"op":"OR","conditions":[
    {"field":"transaction_type","operator":"=","value":"0x2"},
    {"field":"receipt_status","operator":"=","value":1}]}]})";

} // namespace

void ScreenshotScene::schedule(MonitorComposition *monitor, const QString &scene,
                               const QString &fileName, int delayMs)
{
    MainWindow *window = monitor->window();
    QTimer::singleShot(delayMs / 2, window, [monitor, scene] { prepare(monitor, scene); });
    QTimer::singleShot(delayMs, window, [window, fileName] { grab(window, fileName); });
}

void ScreenshotScene::prepare(MonitorComposition *monitor, const QString &scene)
{
    MainWindow *window = monitor->window();
    StreamPanel *stream = window->streamPanel();
    if (scene == QLatin1String("filter")) {
        const FilterParseResult parsed = Filter::parse(QByteArray(nestedFilter));
        stream->applyFilter(parsed.filter);
        // Room for the whole builder tree and its JSON.
        stream->setChartsVisible(false);
        if (auto *splitter = stream->findChild<QSplitter *>(QStringLiteral("streamSplitter")))
            splitter->setSizes({400, 300, 0});
    } else if (scene == QLatin1String("charts")) {
        stream->setEditorVisible(false);
        stream->setChartField(QStringLiteral("gas_price"));
    } else if (scene == QLatin1String("console")) {
        window->tabs()->setCurrentIndex(1);
        // Every built-in example once, then the first again: a history with a few rows.
        ApiConsolePanel *console = window->consolePanel();
        const QList<ApiTemplate> &templates = ApiTemplate::builtIns();
        for (const ApiTemplate &request : templates) {
            console->loadTemplate(request);
            console->send();
        }
        // Then a batch endpoint whose rows show as a table, and the price history's generated
        // form (required marks, a choice, the batch inputs) in the composer.
        console->composer()->chooseEndpoint(QStringLiteral("/api/v1/developer/wallet/balances"));
        console->send();
        // A cursor walk: Fetch all once its first page is in; the walk is one row of the history,
        // shown expanded to its pages, and its pages' rows one table.
        const QString assetsPath = QStringLiteral("/api/v1/developer/assets");
        ApiTemplate assets;
        assets.method = QStringLiteral("GET");
        assets.path = assetsPath;
        assets.bodyText = QStringLiteral("{\"blockchain\": \"solana\", \"limit\": 150}");
        console->loadTemplate(assets);
        console->send();
        auto *fetchAll = console->findChild<QPushButton *>(QStringLiteral("fetchAllButton"));
        auto *history = console->findChild<QTreeView *>(QStringLiteral("historyTable"));
        if (fetchAll && history && console->apiClient()) {
            auto once = std::make_shared<QMetaObject::Connection>();
            *once = QObject::connect(console->apiClient(), &ApiClient::requestFinished, fetchAll,
                                     [fetchAll, once, assetsPath](const ApiResult &result) {
                                         if (result.request.path == assetsPath &&
                                             fetchAll->isEnabled()) {
                                             QObject::disconnect(*once);
                                             fetchAll->click();
                                         }
                                     });
            QObject::connect(history->model(), &QAbstractItemModel::rowsInserted, history,
                             [history](const QModelIndex &parent) {
                                 if (parent.isValid())
                                     history->expand(parent);
                             });
        }
        console->composer()->chooseEndpoint(QStringLiteral("/api/v1/developer/prices/history"));
        if (auto *tabs = console->findChild<QTabWidget *>(QStringLiteral("exchangeTabs"))) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->tabText(i) == QLatin1String("Table"))
                    tabs->setCurrentIndex(i);
            }
        }

    } else if (scene == QLatin1String("events")) {
        stream->setEditorVisible(false);
        window->eventLogDock()->show();
        monitor->emulator()->dropAllConnections();
    } else if (scene == QLatin1String("workspace")) {
        // Four chains at once, one of them compared filtered against unfiltered, and the
        // overview of them all.
        StreamWorkspaceView *view = window->workspaceView();
        view->openStream(QStringLiteral("ethereum.blocks"));
        view->openStream(QStringLiteral("solana.transactions"));
        view->openStream(QStringLiteral("hyperliquid.fills"));
        StreamPanel *filtered = view->duplicateStream(stream, true);
        filtered->applyFilter(
            Filter::parse(
                QByteArray(R"({"field":"value","operator":">","value":"100000000000000000"})"))
                .filter);
        view->setCurrentPanel(stream);
        stream->setEditorVisible(false);
        filtered->setEditorVisible(false);
        window->overviewDock()->show();
        window->resizeDocks({window->overviewDock()}, {190}, Qt::Vertical);
    } else if (scene == QLatin1String("alerts") || scene == QLatin1String("alertrules")) {
        // Rules of every kind on the default stream and others; "alerts" shows the log after
        // they fired, "alertrules" the rules manager alone.
        QString problem;
        const AlertRuleSet rules = AlertRuleSet::parse(QByteArray(sceneRules), &problem);
        monitor->alerts()->setRules(rules.rules());
        stream->setEditorVisible(false);
        if (scene == QLatin1String("alertrules")) {
            QTimer::singleShot(0, window, [window] { window->alertActions()->showRules(); });
        } else {
            window->alertActions()->logDock()->show();
            window->resizeDocks({window->alertActions()->logDock()}, {230}, Qt::Vertical);
        }
    } else if (scene == QLatin1String("record")) {
        // The record button while it runs: size, duration and messages beside Start and Stop.
        static QTemporaryDir recordings;
        stream->recordingControl()->startRecording(
            recordings.filePath(QStringLiteral("screenshot.jsonl")));
    } else if (scene == QLatin1String("profiles")) {
        QTimer::singleShot(0, window, &MainWindow::showProfiles);
    }
}

void ScreenshotScene::grab(MainWindow *window, const QString &fileName)
{
    // The profile dialog alone; otherwise, on a real X server (Xvfb), the whole screen.
    QPixmap pixmap;
    AlertRulesDialog *rules =
        window->alertActions() ? window->alertActions()->rulesDialog() : nullptr;
    if (ProfileDialog *dialog = window->profileDialog())
        pixmap = dialog->grab();
    else if (rules && rules->isVisible())
        pixmap = rules->grab();
    else if (QGuiApplication::platformName() == QLatin1String("xcb") && window->screen())
        pixmap = window->screen()->grabWindow(0);
    else
        pixmap = window->grab();
    if (!pixmap.save(fileName, "PNG"))
        std::fprintf(stderr, "allium-monitor: could not write %s\n", qPrintable(fileName));
    QApplication::exit(0);
}

} // namespace allium
