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
//
// --streams N (2..8): the workspace of issue 11. N streams on different topics
// (ethereum.transactions, base.transactions, solana.transactions, hyperliquid.fills, then
// ethereum.blocks, base.blocks, hyperliquid.trades, ethereum.logs), each at --rate msg/s (the
// emulator's rate is per topic, so N x rate in total), with the overview dock shown and the
// second stream on the right side (a split: two streams' tables and charts visible at once).
// Prints the same figures for the whole window plus, per stream, the delivered rate, drops and
// when its history filled, and the CPU time per thread (emulator, workers, GUI). E.g.
// --streams 4 --rate 25000 --seconds 60 --report-every 10. Each gap over 50 ms is split into the
// GUI thread's run, its wait for a core and the time it was blocked.
//
// --no-deflate: the window does not offer permessage-deflate; otherwise every stream passes the
// embedded emulator's deflate relay, one thread that bounds all streams together to ~8k msg/s.

#include "core/stream/slabpool.h"
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
#include "ui/workspace/livetabwidget.h"
#include "ui/workspace/streamworkspaceview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <malloc.h>
#include <map>
#include <string>
#include <unistd.h>
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

// CPU time (user + system, in clock ticks) of each of this process's threads, by "name/tid":
// where the time of a multi-stream run goes (emulator, its deflate relay, Beast network
// threads, workers, GUI).
std::map<std::string, qint64> threadTicks()
{
    std::map<std::string, qint64> ticks;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile file(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = file.readAll();
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        if (open < 0 || close < open)
            continue;
        std::string name = line.mid(open + 1, close - open - 1).toStdString();
        name +=
            tid.toLongLong() == qint64(getpid()) ? std::string(" (GUI)") : "/" + tid.toStdString();
        // After ")": state is field 3; utime and stime are fields 14 and 15.
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (fields.size() > 12)
            ticks[name] += fields.at(11).toLongLong() + fields.at(12).toLongLong();
    }
    return ticks;
}

// The calling thread's time on a core and time spent runnable but waiting for one
// (/proc/thread-self/schedstat, in ns); the rest of a gap it was blocked (a lock, a wait).
struct ThreadTimes
{
    qint64 ranNs = 0;
    qint64 waitedNs = 0;
};

ThreadTimes threadTimes()
{
    ThreadTimes times;
    QFile file(QStringLiteral("/proc/thread-self/schedstat"));
    if (file.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> fields = file.readAll().simplified().split(' ');
        if (fields.size() >= 2) {
            times.ranNs = fields.at(0).toLongLong();
            times.waitedNs = fields.at(1).toLongLong();
        }
    }
    return times;
}

struct BenchConfig
{
    int seconds = 20;
    int warmup = 3;
    double rate = 20000;
    int history = 100000;
    int reportEvery = 0;
    qint64 historyBytes = 0;
    QString chartField;
    int streams = 1;
    bool deflate = true;
};

// A topic of the workspace run and the numeric field its chart shows.
struct BenchTopic
{
    QString topic;
    QString chartField;
};

const std::vector<BenchTopic> &benchTopics()
{
    static const std::vector<BenchTopic> topics = {
        {QStringLiteral("ethereum.transactions"), QStringLiteral("gas_price")},
        {QStringLiteral("base.transactions"), QStringLiteral("gas_price")},
        {QStringLiteral("solana.transactions"), QStringLiteral("fee")},
        {QStringLiteral("hyperliquid.fills"), QStringLiteral("px")},
        {QStringLiteral("ethereum.blocks"), QStringLiteral("gas_used")},
        {QStringLiteral("base.blocks"), QStringLiteral("gas_used")},
        {QStringLiteral("hyperliquid.trades"), QStringLiteral("px")},
        {QStringLiteral("ethereum.logs"), QStringLiteral("log_index")},
    };
    return topics;
}

// --streams N: the workspace (N streams, the overview dock, one split), measured like the
// one-stream run; see the comment at the top.
int runWorkspace(QApplication &app, const BenchConfig &config)
{
    const int n = config.streams;
    const qint64 rssStart = vmRssKiB();
    QTemporaryDir dir;
    MonitorOptions options = uitest::isolatedMonitorOptions(dir);
    options.emulator.rate = config.rate;
    options.emulator.deflate = config.deflate;
    options.window.connection.compression = config.deflate;
    for (int i = 0; i < n; ++i)
        options.window.streams.append({benchTopics().at(std::size_t(i)).topic, false, Filter()});
    options.window.start = true;

    MonitorComposition monitor(options);
    MainWindow &window = *monitor.window();
    window.resize(1280, 800);
    window.show();
    if (!window.startUp()) {
        std::fprintf(stderr, "bench_ui: could not connect\n");
        return 1;
    }
    StreamWorkspaceView *view = window.workspaceView();
    const QList<StreamPanel *> panels = view->panels();
    if (panels.size() != n) {
        std::fprintf(stderr, "bench_ui: %lld streams open, %d asked for\n",
                     qlonglong(panels.size()), n);
        return 1;
    }
    std::vector<StreamSession *> sessions;
    std::vector<MessageTableModel *> models;
    for (int i = 0; i < n; ++i) {
        StreamPanel *panel = panels.at(i);
        panel->tablePanel()->setHistoryLimits(config.history, config.historyBytes);
        if (config.chartField != QLatin1String("none"))
            panel->setChartField(benchTopics().at(std::size_t(i)).chartField);
        else
            panel->setChartField({});
        sessions.push_back(panel->session());
        models.push_back(panel->tablePanel()->model());
    }
    // How often each history tells its views of removed rows: each removal costs them O(rows).
    std::vector<quint64> removals(static_cast<std::size_t>(n), 0);
    for (int i = 0; i < n; ++i) {
        QObject::connect(models[std::size_t(i)], &QAbstractItemModel::rowsRemoved, &app,
                         [&removals, i] { ++removals[std::size_t(i)]; });
    }
    // The overview at the bottom, the first stream on the left and the second on the right.
    window.overviewDock()->show();
    view->moveToOtherSide(panels.at(1));
    view->setCurrentPanel(panels.at(0));

    // The probe, as in the one-stream run, also reads the GUI thread's own CPU time: a long
    // gap in which the thread ran is work of the app; one in which it did not is the thread
    // waiting for a core (the machine busy with other threads or processes).
    std::vector<double> gaps;
    std::vector<double> gapCpu;
    gaps.reserve(std::size_t(config.seconds) * 250);
    gapCpu.reserve(std::size_t(config.seconds) * 250);
    std::vector<double> gapWait;
    gapWait.reserve(std::size_t(config.seconds) * 250);
    struct LongGap
    {
        double atSeconds;
        double ms;
        double cpuMs;
        double waitedMs; // runnable, waiting for a core
    };
    std::vector<LongGap> longGaps;
    QElapsedTimer clock;
    qint64 lastTick = -1;
    ThreadTimes lastTimes;
    bool measuring = false;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.nsecsElapsed();
        const ThreadTimes times = threadTimes();
        if (measuring && lastTick >= 0) {
            gaps.push_back(double(now - lastTick) / 1e6);
            gapCpu.push_back(double(times.ranNs - lastTimes.ranNs) / 1e6);
            gapWait.push_back(double(times.waitedNs - lastTimes.waitedNs) / 1e6);
            if (gaps.back() > 50)
                longGaps.push_back(
                    {double(lastTick) / 1e9, gaps.back(), gapCpu.back(), gapWait.back()});
        }
        lastTick = now;
        lastTimes = times;
    });
    clock.start();
    probe.start();

    const auto isFull = [](const MessageTableModel *model) {
        return model->size() >= model->capacity() || model->evictions() > 0;
    };
    qint64 rssWarm = 0;
    qint64 rssFull = 0;
    qint64 rssMax = 0;
    double fullAtSeconds = -1;
    std::vector<double> streamFullAt(static_cast<std::size_t>(n), -1);
    std::vector<std::pair<double, qint64>> timeline;
    qint64 nextTimelineMs = 0;
    std::vector<StreamStats> statsWarm(static_cast<std::size_t>(n));
    std::vector<StreamStats> statsAtReport(static_cast<std::size_t>(n));
    qint64 nextReportMs = (qint64(config.warmup) + config.reportEvery) * 1000;
    std::size_t gapsAtReport = 0;
    std::vector<qint64> fullRssReports;
    std::map<std::string, qint64> ticksWarm;
    QTimer sampler;
    sampler.setInterval(250);
    QObject::connect(&sampler, &QTimer::timeout, &app, [&] {
        const qint64 rss = vmRssKiB();
        const double at = double(clock.elapsed()) / 1000.0;
        if (clock.elapsed() >= nextTimelineMs) {
            timeline.emplace_back(at, rss);
            nextTimelineMs += 5000;
        }
        if (!measuring)
            return;
        rssMax = std::max(rssMax, rss);
        bool allFull = true;
        for (int i = 0; i < n; ++i) {
            if (streamFullAt[std::size_t(i)] < 0 && isFull(models[std::size_t(i)]))
                streamFullAt[std::size_t(i)] = at;
            allFull = allFull && streamFullAt[std::size_t(i)] >= 0;
        }
        if (rssFull == 0 && allFull) {
            rssFull = rss;
            fullAtSeconds = at;
        }
        if (config.reportEvery > 0 && clock.elapsed() >= nextReportMs) {
            const double stall =
                gaps.size() > gapsAtReport
                    ? *std::max_element(gaps.begin() + std::ptrdiff_t(gapsAtReport), gaps.end())
                    : 0.0;
            quint64 total = 0;
            quint64 drops = 0;
            QString perStream;
            for (int i = 0; i < n; ++i) {
                const StreamStats now = sessions[std::size_t(i)]->stats();
                const quint64 got = now.messages - statsAtReport[std::size_t(i)].messages;
                total += got;
                drops += now.drops;
                perStream += QStringLiteral(" %1").arg(double(got) / config.reportEvery, 6, 'f', 0);
                statsAtReport[std::size_t(i)] = now;
            }
            // Where the RSS is: the slab pool's slabs (held by messages or idle) and what malloc
            // has handed out vs. keeps free.
            const struct mallinfo2 heap = mallinfo2();
            std::printf("%7.0f s  VmRSS %7.1f MiB  longest stall %6.1f ms  %8.0f msg/s "
                        "(per stream%s)  dropped %llu%s  slabs %.0f MiB  malloc in use %.0f, "
                        "free %.0f MiB\n",
                        at, double(rss) / 1024.0, stall, double(total) / config.reportEvery,
                        qPrintable(perStream), qulonglong(drops), rssFull > 0 ? "  full" : "",
                        double(SlabPool::shared()->size()) * SlabPool::SlabBytes / 1048576.0,
                        double(heap.uordblks + heap.hblkhd) / 1048576.0,
                        double(heap.fordblks) / 1048576.0);
            std::fflush(stdout);
            if (rssFull > 0)
                fullRssReports.push_back(rss);
            gapsAtReport = gaps.size();
            nextReportMs += qint64(config.reportEvery) * 1000;
        }
    });
    sampler.start();

    QTimer::singleShot(config.warmup * 1000, &app, [&] {
        rssWarm = vmRssKiB();
        for (int i = 0; i < n; ++i)
            statsWarm[std::size_t(i)] = statsAtReport[std::size_t(i)] =
                sessions[std::size_t(i)]->stats();
        ticksWarm = threadTicks();
        std::fill(removals.begin(), removals.end(), 0);
        measuring = true;
    });
    const qint64 measureStartMs = qint64(config.warmup) * 1000;
    QTimer::singleShot((config.warmup + config.seconds) * 1000, &app, [&] { app.quit(); });
    app.exec();

    const double measuredSeconds = double(clock.elapsed() - measureStartMs) / 1000.0;
    const std::map<std::string, qint64> ticksEnd = threadTicks();
    const qint64 rssEnd = vmRssKiB();
    const double maxGap = gaps.empty() ? 0 : *std::max_element(gaps.begin(), gaps.end());
    const auto over = [&gaps](double ms) {
        return std::count_if(gaps.begin(), gaps.end(), [ms](double g) { return g > ms; });
    };

    std::printf("bench_ui: workspace of %d streams, MainWindow 1280x800 offscreen, overview "
                "shown, split (left: %s, right: %s), emulator rate %.0f msg/s per topic (%.0f in "
                "total), permessage-deflate %s, history %d in %lld MiB per stream, %.0f s measured "
                "after %d s "
                "warm-up\n\n",
                n, qPrintable(panels.at(0)->topic()), qPrintable(panels.at(1)->topic()),
                config.rate, config.rate * n,
                sessions.front()->stats().traffic.compression ? "on" : "off", config.history,
                config.historyBytes / 1024 / 1024, measuredSeconds, config.warmup);
    std::printf("%-22s %6s %10s %10s %9s %7s %10s %12s %10s\n", "stream", "side", "msg/s",
                "of rate", "dropped", "parse", "rows", "full at (s)", "removals/s");
    quint64 received = 0;
    quint64 dropped = 0;
    quint64 parseErrors = 0;
    for (int i = 0; i < n; ++i) {
        const StreamStats now = sessions[std::size_t(i)]->stats();
        const quint64 got = now.messages - statsWarm[std::size_t(i)].messages;
        const quint64 lost = now.drops - statsWarm[std::size_t(i)].drops;
        received += got;
        dropped += lost;
        parseErrors += now.parseErrors;
        const int side = view->sideOf(panels.at(i));
        const bool shown =
            view->tabs(StreamWorkspaceView::Side(side))->currentWidget() == panels.at(i);
        std::printf(
            "%-22s %6s %10.0f %9.1f%% %9llu %7llu %10d %12.1f %10.1f\n",
            qPrintable(panels.at(i)->topic()),
            side == StreamWorkspaceView::Right ? (shown ? "right" : "(r)")
                                               : (shown ? "left" : "(l)"),
            double(got) / measuredSeconds, 100.0 * double(got) / (config.rate * measuredSeconds),
            qulonglong(lost), qulonglong(now.parseErrors), models[std::size_t(i)]->rowCount(),
            streamFullAt[std::size_t(i)], double(removals[std::size_t(i)]) / measuredSeconds);
    }
    std::printf(
        "(side: left/right = shown on that side of the split, (l)/(r) = a hidden tab; full at "
        "-1: not full)\n\n");
    std::printf("%-44s %14s\n", "measure", "value");
    std::printf("%-44s %14s\n", "--------------------------------------------", "--------------");
    std::printf("%-44s %14.1f\n", "event-loop tick gap, max (ms)", maxGap);
    if (!gaps.empty()) {
        const auto longest = std::max_element(gaps.begin(), gaps.end()) - gaps.begin();
        std::printf("%-44s %14.1f\n", "  of which the GUI thread ran (ms)",
                    gapCpu[std::size_t(longest)]);
        std::printf("%-44s %14.1f\n", "  of which it waited for a core (ms)",
                    gapWait[std::size_t(longest)]);
        std::printf("%-44s %14.1f\n", "longest GUI-thread run in one gap (ms)",
                    *std::max_element(gapCpu.begin(), gapCpu.end()));
    }
    std::printf("%-44s %14.1f\n", "tick gap p50 (ms)", percentile(gaps, 0.50));
    std::printf("%-44s %14.1f\n", "tick gap p99 (ms)", percentile(gaps, 0.99));
    std::printf("%-44s %14.1f\n", "tick gap p99.9 (ms)", percentile(gaps, 0.999));
    std::printf("%-44s %14lld\n", "ticks", qlonglong(gaps.size()));
    std::printf("%-44s %14lld\n", "gaps > 16 ms (a missed frame)", qlonglong(over(16)));
    std::printf("%-44s %14lld\n", "gaps > 50 ms", qlonglong(over(50)));
    std::printf("%-44s %14.0f\n", "messages asked for (rate x streams x time)",
                config.rate * n * measuredSeconds);
    std::printf("%-44s %14llu\n", "messages delivered to the tables", qulonglong(received));
    std::printf("%-44s %14.0f\n", "messages/s delivered, all streams",
                double(received) / measuredSeconds);
    std::printf("%-44s %14llu\n", "dropped by backpressure, all streams", qulonglong(dropped));
    std::printf("%-44s %14llu\n", "parse errors", qulonglong(parseErrors));
    qint64 historyBytes = 0;
    for (const MessageTableModel *model : models)
        historyBytes += model->bytes();
    std::printf("%-44s %14lld\n", "bytes the histories count at the end (KiB)",
                historyBytes / 1024);
    std::printf("%-44s %14lld\n", "VmRSS at start (KiB)", rssStart);
    std::printf("%-44s %14lld\n", "VmRSS after warm-up (KiB)", rssWarm);
    if (rssFull > 0)
        std::printf("%-44s %14lld  (at %.1f s)\n", "VmRSS when every history was full (KiB)",
                    rssFull, fullAtSeconds);
    std::printf("%-44s %14lld\n", "VmRSS max while measuring (KiB)", rssMax);
    std::printf("%-44s %14lld\n", "VmRSS at end (KiB)", rssEnd);
    if (rssFull > 0)
        std::printf("%-44s %14lld\n", "growth after every history was full (KiB)",
                    rssEnd - rssFull);
    if (fullRssReports.size() >= 2) {
        const auto [low, high] = std::minmax_element(fullRssReports.begin(), fullRssReports.end());
        std::printf("%-44s %14.1f  (%.0f..%.0f MiB over %zu reports)\n",
                    "VmRSS spread once full (% of lowest)",
                    100.0 * double(*high - *low) / double(*low), double(*low) / 1024.0,
                    double(*high) / 1024.0, fullRssReports.size());
    }
    if (!longGaps.empty()) {
        std::printf("\nGaps > 50 ms (at s: ms, of which the GUI thread ran / waited for a core; "
                    "the rest it was blocked):");
        for (std::size_t i = 0; i < longGaps.size() && i < 20; ++i)
            std::printf(" %.1f: %.0f (%.0f/%.0f)", longGaps[i].atSeconds, longGaps[i].ms,
                        longGaps[i].cpuMs, longGaps[i].waitedMs);
        std::printf("%s\n", longGaps.size() > 20 ? " ..." : "");
    }
    const double ticksPerSecond = double(sysconf(_SC_CLK_TCK));
    double cpuTotal = 0;
    std::vector<std::pair<double, std::string>> cpu;
    for (const auto &[name, ticks] : ticksEnd) {
        const auto warm = ticksWarm.find(name);
        const double share = double(ticks - (warm == ticksWarm.end() ? 0 : warm->second)) /
                             ticksPerSecond / measuredSeconds * 100.0;
        cpuTotal += share;
        if (share >= 0.5)
            cpu.emplace_back(share, name);
    }
    std::sort(cpu.rbegin(), cpu.rend());
    std::printf("\nCPU while measuring, %% of one core: %.0f in all", cpuTotal);
    for (const auto &[share, name] : cpu)
        std::printf("; %s %.0f", name.c_str(), share);
    std::printf("\n\nVmRSS timeline (s: MiB):");
    for (const auto &[at, kib] : timeline)
        std::printf(" %.0f: %.0f", at, double(kib) / 1024.0);
    std::printf("\n");
    return 0;
}

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
    const QCommandLineOption streamsOption(
        QStringLiteral("streams"),
        QStringLiteral("Streams on different topics, each at --rate, with the overview and a "
                       "split shown (1: the one-stream run)."),
        QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption noDeflateOption(
        QStringLiteral("no-deflate"),
        QStringLiteral("Do not offer permessage-deflate (the emulator's deflate relay then "
                       "does not bound the rate)."));
    parser.addOptions({secondsOption, warmupOption, rateOption, historyOption, chartOption,
                       reportOption, historyMbOption, actionsOption, streamsOption,
                       noDeflateOption});
    parser.process(app);
    const int seconds = std::max(1, parser.value(secondsOption).toInt());
    const int warmup = std::max(0, parser.value(warmupOption).toInt());
    const double rate = std::max(1.0, parser.value(rateOption).toDouble());
    const int history = std::max(100, parser.value(historyOption).toInt());
    const int reportEvery = std::max(0, parser.value(reportOption).toInt());
    const qint64 historyBytes =
        std::max<qint64>(1, parser.value(historyMbOption).toLongLong()) * 1024 * 1024;
    const bool actions = parser.isSet(actionsOption);
    const int streams = parser.value(streamsOption).toInt();
    if (streams < 1 || streams > int(benchTopics().size()) || (streams > 1 && actions)) {
        std::fprintf(stderr, "bench_ui: --streams takes 1 to %d (and --actions only 1)\n",
                     int(benchTopics().size()));
        return 2;
    }
    if (streams > 1) {
        BenchConfig config;
        config.seconds = seconds;
        config.warmup = warmup;
        config.rate = rate;
        config.history = history;
        config.reportEvery = reportEvery;
        config.historyBytes = historyBytes;
        config.chartField = parser.value(chartOption);
        config.streams = streams;
        config.deflate = !parser.isSet(noDeflateOption);
        return runWorkspace(app, config);
    }

    const qint64 rssStart = vmRssKiB();
    QTemporaryDir dir;
    MonitorOptions options = uitest::isolatedMonitorOptions(dir);
    options.emulator.rate = rate;
    // Compression on both ends unless told otherwise, as in the figures measured so far (the
    // monitor's own embedded emulator declines it).
    options.emulator.deflate = !parser.isSet(noDeflateOption);
    options.window.connection.compression = options.emulator.deflate;
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
