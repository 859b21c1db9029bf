// SPDX-License-Identifier: MIT
// bench_ui: the real MainWindow, offscreen, against the embedded emulator at a high rate.
// Measures how long the GUI thread's event loop stalls (gaps between 5 ms timer ticks), how
// many messages arrive and are dropped, and the process memory as the history fills.
//
//   QT_QPA_PLATFORM=offscreen ./build/tests/bench/bench_ui [--seconds 20] [--rate 20000]
//       [--history 100000] [--history-mb 256] [--warmup 3] [--report-every 60] [--actions]
//
// --actions: once the history is full, drives what a user does with it — type a search and
// clear it, sort by a column (ascending, descending, back), export CSV and NDJSON, switch topic
// and back — and prints per action how long it took, the longest GUI-thread stall while it ran,
// the messages dropped meanwhile and the RSS before and after. E.g. the acceptance run of
// issue 10: --history 1000000 --history-mb 2048 --actions.
//
// The soak run of the hardening work: --seconds 600 --report-every 60 prints, every minute, the
// RSS, the longest stall of that minute and the delivered rate, and at the end how flat the RSS
// stayed once the history was full.

#include "core/stream/streamsession.h"
#include "core/table/messagefilterproxymodel.h"
#include "core/table/messagetablemodel.h"
#include "core/table/rowexporttask.h"
#include "monitor/monitorcomposition.h"
#include "support/processmemory.h"
#include "ui/mainwindow.h"
#include "ui/stream/livetableview.h"
#include "ui/stream/streampanel.h"
#include "ui/stream/streamtablepanel.h"
#include "ui/uitestsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace allium;

namespace {

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t index = std::min(values.size() - 1, std::size_t(p * double(values.size())));
    return values[index];
}

// One user action of --actions: started once, finished when `done` says so (and at least
// `settleMs` after the start, so the stream's reaction is measured too).
struct Action
{
    QString name;
    std::function<void()> start;
    std::function<bool()> done;
    qint64 settleMs = 2000;
};

struct ActionFigures
{
    QString name;
    double durationMs = 0;
    double maxGapMs = 0;
    quint64 drops = 0;
    quint64 received = 0;
    qint64 rssBeforeKiB = 0;
    qint64 rssAfterKiB = 0;
    int rowsShown = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("Measured seconds."), QStringLiteral("s"),
                                           QStringLiteral("20"));
    const QCommandLineOption warmupOption(QStringLiteral("warmup"),
                                          QStringLiteral("Seconds before measuring."),
                                          QStringLiteral("s"), QStringLiteral("3"));
    const QCommandLineOption rateOption(QStringLiteral("rate"),
                                        QStringLiteral("Emulator messages per second."),
                                        QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption historyOption(QStringLiteral("history"),
                                           QStringLiteral("Table history bound."),
                                           QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption chartOption(QStringLiteral("chart-field"),
                                         QStringLiteral("Field charted (\"none\": none)."),
                                         QStringLiteral("path"), QStringLiteral("gas_price"));
    const QCommandLineOption reportOption(QStringLiteral("report-every"),
                                          QStringLiteral("Print a line every s seconds (0: none)."),
                                          QStringLiteral("s"), QStringLiteral("0"));
    const QCommandLineOption historyMbOption(QStringLiteral("history-mb"),
                                             QStringLiteral("Table memory limit in MiB."),
                                             QStringLiteral("n"), QStringLiteral("256"));
    const QCommandLineOption actionsOption(
        QStringLiteral("actions"),
        QStringLiteral("Once the history is full, drive search, sort, export and topic "
                       "switches and measure each (instead of --seconds)."));
    parser.addOptions({secondsOption, warmupOption, rateOption, historyOption, chartOption,
                       reportOption, historyMbOption, actionsOption});
    parser.process(app);
    const int seconds = std::max(1, parser.value(secondsOption).toInt());
    const int warmup = std::max(0, parser.value(warmupOption).toInt());
    const double rate = std::max(1.0, parser.value(rateOption).toDouble());
    const int history = std::max(100, parser.value(historyOption).toInt());
    const int reportEvery = std::max(0, parser.value(reportOption).toInt());
    const qint64 historyBytes =
        std::max<qint64>(1, parser.value(historyMbOption).toLongLong()) * 1024 * 1024;
    const bool actions = parser.isSet(actionsOption);

    const qint64 rssStart = vmRssKiB();
    QTemporaryDir dir;
    MonitorOptions options = uitest::isolatedMonitorOptions(dir);
    options.emulator.rate = rate;
    options.window.topic = QStringLiteral("ethereum.transactions");
    options.window.start = true;

    MonitorComposition monitor(options);
    MainWindow &window = *monitor.window();
    window.resize(1280, 800);
    window.show();
    StreamTablePanel *table = window.streamPanel()->tablePanel();
    table->setHistoryLimits(history, historyBytes);
    MessageTableModel *model = table->model();
    const QString chartField = parser.value(chartOption);
    window.streamPanel()->setChartField(chartField == QLatin1String("none") ? QString()
                                                                            : chartField);
    StreamSession *session = window.streamPanel()->session();
    if (!window.startUp()) {
        std::fprintf(stderr, "bench_ui: could not connect\n");
        return 1;
    }

    // The probe: a 5 ms timer on the GUI thread; any gap beyond 5 ms is time the event loop
    // was busy (parsing, inserting rows, painting) instead of serving it.
    std::vector<double> gaps;
    gaps.reserve(std::size_t(seconds) * 250);
    QElapsedTimer clock;
    qint64 lastTick = -1;
    bool measuring = false;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (measuring && lastTick >= 0)
            gaps.push_back(double(now - lastTick) / 1e6);
        lastTick = now;
    });
    clock.start();
    probe.start();

    qint64 rssWarm = 0;
    qint64 rssFull = 0;
    qint64 rssMax = 0;
    double fullAtSeconds = -1;
    std::vector<std::pair<double, qint64>> timeline; // (s, KiB) every 5 s
    qint64 nextTimelineMs = 0;
    StreamStats statsWarm;
    // Per-interval reports (--report-every): RSS after the history was full, to judge flatness.
    qint64 nextReportMs = (qint64(warmup) + reportEvery) * 1000;
    std::size_t gapsAtReport = 0;
    StreamStats statsAtReport;
    std::vector<qint64> fullRssReports;
    QTimer sampler;
    sampler.setInterval(250);
    QObject::connect(&sampler, &QTimer::timeout, &app, [&] {
        const qint64 rss = vmRssKiB();
        if (clock.elapsed() >= nextTimelineMs) {
            timeline.emplace_back(double(clock.elapsed()) / 1000.0, rss);
            nextTimelineMs += 5000;
        }
        if (measuring)
            rssMax = std::max(rssMax, rss);
        if (measuring && rssFull == 0 && model->size() >= model->capacity()) {
            rssFull = rss;
            fullAtSeconds = double(clock.elapsed()) / 1000.0;
        }
        if (measuring && reportEvery > 0 && clock.elapsed() >= nextReportMs) {
            const double stall =
                gaps.size() > gapsAtReport
                    ? *std::max_element(gaps.begin() + std::ptrdiff_t(gapsAtReport), gaps.end())
                    : 0.0;
            const StreamStats now = session->stats();
            std::printf("%7.0f s  VmRSS %7.1f MiB  longest stall %6.1f ms  %8.0f msg/s  "
                        "dropped %llu  rows %d\n",
                        double(clock.elapsed()) / 1000.0, double(rss) / 1024.0, stall,
                        double(now.messages - statsAtReport.messages) / reportEvery,
                        qulonglong(now.drops), model->rowCount());
            std::fflush(stdout);
            if (rssFull > 0)
                fullRssReports.push_back(rss);
            gapsAtReport = gaps.size();
            statsAtReport = now;
            nextReportMs += qint64(reportEvery) * 1000;
        }
    });
    sampler.start();

    // --actions: the script, driven by a 20 ms poll.
    MessageFilterProxyModel *proxy = table->proxyModel();
    auto *search = table->findChild<QLineEdit *>(QStringLiteral("searchField"));
    QHeaderView *header = table->view()->horizontalHeader();
    const auto clickHeader = [&](const QString &path) {
        emit header->sectionClicked(int(model->columns().indexOf(path)));
    };
    const QString csvPath = dir.filePath(QStringLiteral("rows.csv"));
    const QString ndjsonPath = dir.filePath(QStringLiteral("rows.ndjson"));
    const auto exportDone = [&window] {
        return window.exportTask() && !window.exportTask()->isRunning();
    };
    const QString topic = options.window.topic;
    const QString otherTopic = QStringLiteral("ethereum.blocks");
    std::vector<Action> script = {
        {QStringLiteral("history fills"), [] {},
         [&] { return model->size() >= model->capacity() || model->evictions() > 0; }, 0},
        {QStringLiteral("search: type \"0x1a\""), [&] { search->setText(QStringLiteral("0x1a")); },
         [&] { return proxy->searchText() == QLatin1String("0x1a") && !proxy->isBusy(); }},
        {QStringLiteral("search: clear"), [&] { search->clear(); },
         [&] { return proxy->searchText().isEmpty() && !proxy->isBusy(); }},
        {QStringLiteral("sort by value, ascending"), [&] { clickHeader(QStringLiteral("value")); },
         [&] { return proxy->isSorted() && !proxy->isBusy(); }},
        {QStringLiteral("sort by value, descending"), [&] { clickHeader(QStringLiteral("value")); },
         [&] { return proxy->sortOrder() == Qt::DescendingOrder && !proxy->isBusy(); }},
        {QStringLiteral("sort off (resume, arrival order)"),
         [&] { clickHeader(QStringLiteral("value")); }, [&] { return !proxy->isSorted(); }},
        {QStringLiteral("export CSV (all rows)"), [&] { window.exportRowsInBackground(csvPath); },
         exportDone},
        {QStringLiteral("export NDJSON (all rows)"),
         [&] { window.exportRowsInBackground(ndjsonPath); }, exportDone},
        {QStringLiteral("switch topic to ethereum.blocks"),
         [&] {
             window.streamPanel()->setTopic(otherTopic);
             window.streamPanel()->start();
         },
         [] { return true; }, 5000},
        {QStringLiteral("switch topic back"),
         [&] {
             window.streamPanel()->setTopic(topic);
             window.streamPanel()->start();
         },
         [] { return true; }, 5000},
    };
    std::vector<ActionFigures> figures;
    std::size_t step = 0;
    bool stepStarted = false;
    qint64 stepStartMs = 0;
    std::size_t stepGaps = 0;
    StreamStats stepStats;
    qint64 stepRss = 0;
    QTimer driver;
    driver.setInterval(20);
    QObject::connect(&driver, &QTimer::timeout, &app, [&] {
        if (!measuring)
            return;
        if (step >= script.size()) {
            app.quit();
            return;
        }
        Action &action = script[step];
        if (!stepStarted) {
            stepStarted = true;
            stepStartMs = clock.elapsed();
            stepGaps = gaps.size();
            stepStats = session->stats();
            stepRss = vmRssKiB();
            QElapsedTimer startTimer;
            startTimer.start();
            action.start();
            std::printf("  (start of %s took %lld ms)\n", qPrintable(action.name),
                        startTimer.elapsed());
            return;
        }
        if (clock.elapsed() - stepStartMs < action.settleMs || !action.done())
            return;
        ActionFigures f;
        f.name = action.name;
        f.durationMs = double(clock.elapsed() - stepStartMs);
        f.maxGapMs = gaps.size() > stepGaps
                         ? *std::max_element(gaps.begin() + std::ptrdiff_t(stepGaps), gaps.end())
                         : 0.0;
        const StreamStats now = session->stats();
        f.drops = now.drops - stepStats.drops;
        f.received = now.messages - stepStats.messages;
        f.rssBeforeKiB = stepRss;
        f.rssAfterKiB = vmRssKiB();
        f.rowsShown = proxy->rowCount();
        figures.push_back(f);
        std::printf("  %-36s %9.0f ms  max gap %7.1f ms  dropped %7llu  rows shown %8d  "
                    "RSS %6.0f -> %6.0f MiB\n",
                    qPrintable(f.name), f.durationMs, f.maxGapMs, qulonglong(f.drops), f.rowsShown,
                    double(f.rssBeforeKiB) / 1024.0, double(f.rssAfterKiB) / 1024.0);
        std::fflush(stdout);
        ++step;
        stepStarted = false;
    });
    if (actions)
        driver.start();

    QTimer::singleShot(warmup * 1000, &app, [&] {
        rssWarm = vmRssKiB();
        statsWarm = session->stats();
        statsAtReport = statsWarm;
        measuring = true;
    });
    const qint64 measureStartMs = qint64(warmup) * 1000;
    if (!actions)
        QTimer::singleShot((warmup + seconds) * 1000, &app, [&] { app.quit(); });
    app.exec();

    const double measuredSeconds = double(clock.elapsed() - measureStartMs) / 1000.0;
    const StreamStats stats = session->stats();
    const qint64 rssEnd = vmRssKiB();
    const double received = double(stats.messages - statsWarm.messages);
    const double dropped = double(stats.drops - statsWarm.drops);
    const double maxGap = gaps.empty() ? 0 : *std::max_element(gaps.begin(), gaps.end());
    const auto over = [&gaps](double ms) {
        return std::count_if(gaps.begin(), gaps.end(), [ms](double g) { return g > ms; });
    };

    std::printf("bench_ui: MainWindow 1280x800 offscreen, ethereum.transactions, emulator rate "
                "%.0f msg/s, history %d in %lld MiB, chart field %s, %.0f s measured after %d s "
                "warm-up\n\n",
                rate, history, historyBytes / 1024 / 1024, qPrintable(chartField), measuredSeconds,
                warmup);
    std::printf("%-44s %14s\n", "measure", "value");
    std::printf("%-44s %14s\n", "--------------------------------------------", "--------------");
    std::printf("%-44s %14.1f\n", "event-loop tick gap, max (ms)", maxGap);
    std::printf("%-44s %14.1f\n", "tick gap p50 (ms)", percentile(gaps, 0.50));
    std::printf("%-44s %14.1f\n", "tick gap p99 (ms)", percentile(gaps, 0.99));
    std::printf("%-44s %14.1f\n", "tick gap p99.9 (ms)", percentile(gaps, 0.999));
    std::printf("%-44s %14lld\n", "ticks", qlonglong(gaps.size()));
    std::printf("%-44s %14lld\n", "gaps > 16 ms (a missed frame)", qlonglong(over(16)));
    std::printf("%-44s %14lld\n", "gaps > 50 ms", qlonglong(over(50)));
    std::printf("%-44s %14.0f\n", "messages sent (rate x time, approx.)", rate * measuredSeconds);
    std::printf("%-44s %14.0f\n", "messages delivered to the table", received);
    std::printf("%-44s %14.0f\n", "messages/s delivered", received / measuredSeconds);
    std::printf("%-44s %14.0f\n", "dropped by backpressure", dropped);
    std::printf("%-44s %14llu\n", "parse errors", qulonglong(stats.parseErrors));
    std::printf("%-44s %14d\n", "rows in the table at the end", model->rowCount());
    std::printf("%-44s %14lld\n", "VmRSS at start (KiB)", rssStart);
    std::printf("%-44s %14lld\n", "VmRSS after warm-up (KiB)", rssWarm);
    if (rssFull > 0)
        std::printf("%-44s %14lld  (at %.1f s)\n", "VmRSS when the history was full (KiB)", rssFull,
                    fullAtSeconds);
    std::printf("%-44s %14lld\n", "VmRSS max while measuring (KiB)", rssMax);
    std::printf("%-44s %14lld\n", "VmRSS at end (KiB)", rssEnd);
    if (rssFull > 0)
        std::printf("%-44s %14lld\n", "growth after the history was full (KiB)", rssEnd - rssFull);
    if (fullRssReports.size() >= 2) {
        const auto [low, high] = std::minmax_element(fullRssReports.begin(), fullRssReports.end());
        std::printf("%-44s %14.1f  (%.0f..%.0f MiB over %zu reports)\n",
                    "VmRSS spread once full (% of lowest)",
                    100.0 * double(*high - *low) / double(*low), double(*low) / 1024.0,
                    double(*high) / 1024.0, fullRssReports.size());
    }
    if (actions) {
        std::printf("\n%-36s %10s %12s %9s %10s %15s\n", "action (history full)", "took ms",
                    "max gap ms", "dropped", "received", "RSS MiB");
        for (const ActionFigures &f : figures)
            std::printf("%-36s %10.0f %12.1f %9llu %10llu %7.0f -> %5.0f\n", qPrintable(f.name),
                        f.durationMs, f.maxGapMs, qulonglong(f.drops), qulonglong(f.received),
                        double(f.rssBeforeKiB) / 1024.0, double(f.rssAfterKiB) / 1024.0);
    }
    std::printf("\nVmRSS timeline (s: MiB, rows):");
    for (const auto &[at, kib] : timeline)
        std::printf(" %.0f: %.0f", at, double(kib) / 1024.0);
    std::printf("\n");
    return 0;
}
