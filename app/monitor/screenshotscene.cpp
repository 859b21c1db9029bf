// SPDX-License-Identifier: MIT
#include "monitor/screenshotscene.h"

#include "core/api/apitemplate.h"
#include "emulator/embeddedemulator.h"
#include "monitor/monitorcomposition.h"
#include "ui/connection/profiledialog.h"
#include "ui/console/apiconsolepanel.h"
#include "ui/filter/filtereditorpanel.h"
#include "ui/mainwindow.h"
#include "ui/stream/streampanel.h"
#include "ui/workspace/streamworkspaceview.h"

#include <QApplication>
#include <QDockWidget>
#include <QPixmap>
#include <QScreen>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

namespace allium {

namespace {

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
        if (!templates.isEmpty())
            console->loadTemplate(templates.first());
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
    } else if (scene == QLatin1String("profiles")) {
        QTimer::singleShot(0, window, &MainWindow::showProfiles);
    }
}

void ScreenshotScene::grab(MainWindow *window, const QString &fileName)
{
    // The profile dialog alone; otherwise, on a real X server (Xvfb), the whole screen.
    QPixmap pixmap;
    if (ProfileDialog *dialog = window->profileDialog())
        pixmap = dialog->grab();
    else if (QGuiApplication::platformName() == QLatin1String("xcb") && window->screen())
        pixmap = window->screen()->grabWindow(0);
    else
        pixmap = window->grab();
    if (!pixmap.save(fileName, "PNG"))
        std::fprintf(stderr, "allium-monitor: could not write %s\n", qPrintable(fileName));
    QApplication::exit(0);
}

} // namespace allium
