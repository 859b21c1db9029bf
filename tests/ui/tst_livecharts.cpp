// SPDX-License-Identifier: MIT
#include "core/stream/streamsession.h"
#include "emulator/emulatorserver.h"
#include "emulator/generators/syntheticdatachain.h"
#include "ui/charts/livechartspanel.h"
#include "ui/charts/timeserieschartview.h"
#include "ui/theme/theme.h"
#include "uitestsupport.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QValueAxis>

#include <QFontMetricsF>
#include <QGraphicsRectItem>
#include <QHelpEvent>
#include <QToolTip>

#include <cmath>
#include <functional>

using namespace allium;
using namespace allium::uitest;

namespace {

// A stream session against the emulator, wired to the panel the way the main window does it.
struct Rig
{
    explicit Rig(const EmulatorOptions &options, const QString &topic)
        : server(options)
    {
        QVERIFY2(server.listen(), qPrintable(server.errorString()));
        session.setUrl(server.streamUrl(topic));
        session.setApiKey(EmulatorDemoKey);
        QObject::connect(&session, &StreamSession::messagesReceived, &panel,
                         &LiveChartsPanel::appendBatch);
        QObject::connect(
            &panel, &LiveChartsPanel::watchedFieldChanged, &panel, [this](const QString &path) {
                session.setWatchedFields(path.isEmpty() ? QStringList() : QStringList{path});
                panel.setWatchedFieldIndex(path.isEmpty() ? -1 : 0);
            });
        panel.resize(900, 560);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        session.start();
        session.open();
    }

    EmulatorServer server;
    StreamSession session;
    LiveChartsPanel panel;
};

QComboBox *fieldCombo(LiveChartsPanel &panel)
{
    return panel.findChild<QComboBox *>(QStringLiteral("fieldCombo"));
}

// The series live in the chart's scene, not in the widget tree: found through their view.
QLineSeries *series(LiveChartsPanel &panel, const char *name)
{
    for (auto *view : panel.findChildren<TimeSeriesChartView *>()) {
        if (view->series()->objectName() == QLatin1String(name))
            return view->series();
    }
    return nullptr;
}

// Types the path into the field picker and presses Enter, as a user does.
void pickField(LiveChartsPanel &panel, const QString &path)
{
    QComboBox *combo = fieldCombo(panel);
    QTRY_VERIFY_WITH_TIMEOUT(combo->findText(path) >= 0, 10000);
    combo->lineEdit()->setFocus();
    combo->lineEdit()->selectAll();
    QTest::keyClicks(combo->lineEdit(), path);
    QTest::keyClick(combo->lineEdit(), Qt::Key_Return);
    // The completer's popup may take the first Enter; a second one reaches the combo.
    if (combo->currentText() != path || combo->currentIndex() != combo->findText(path))
        QTest::keyClick(combo->lineEdit(), Qt::Key_Return);
}

// Feeds the panel `perSecond` messages a second with the watched value (time % 1000) from
// fromMs to toMs, in 33 ms batches, moving its clock along as the stream would.
void feed(
    LiveChartsPanel &panel, qint64 &clockMs, qint64 fromMs, qint64 toMs, int perSecond,
    const std::function<double(qint64)> &valueAt = [](qint64 t) { return double(t % 1000); })
{
    constexpr qint64 BatchMs = 33;
    for (qint64 batchStart = fromMs; batchStart < toMs; batchStart += BatchMs) {
        MessageBatch batch;
        const qint64 batchEnd = std::min(toMs, batchStart + BatchMs);
        const qint64 first = batchStart * perSecond / 1000;
        const qint64 last = batchEnd * perSecond / 1000;
        batch.messages.reserve(last - first);
        for (qint64 i = first; i < last; ++i) {
            StreamMessage message;
            message.receivedAtMs = i * 1000 / perSecond;
            message.extracted.append(valueAt(message.receivedAtMs));
            batch.messages.append(std::move(message));
        }
        clockMs = batchEnd;
        panel.appendBatch(batch);
    }
}

// A panel with a clock of its own, charting a field at index 0.
struct ClockedPanel
{
    explicit ClockedPanel(const QString &field = QStringLiteral("gas_used"))
    {
        panel.setClock([this] { return clockMs; });
        panel.setWatchedField(field);
        panel.setWatchedFieldIndex(0);
        panel.resize(900, 560);
        panel.show();
    }
    qint64 clockMs = 0;
    LiveChartsPanel panel;
};

} // namespace

class TestLiveCharts : public QObject
{
    Q_OBJECT

private slots:
    // In view the charts redraw four times a second at most; out of view (another tab) they
    // only sample the rate, as often, and draw nothing, and catch up when shown.
    void hiddenChartsOnlySample();
    void chartsFieldPickedFromCatalogue_data();
    void chartsFieldPickedFromCatalogue();
    void decimatesAFirehose();
    void pauseFreezesTheViewButKeepsBuffering();
    void windowChoiceSetsTheTimeAxis();
    void followsADarkPalette();
    void fieldListFollowsTheTopic();
    void lineBreaksAcrossAnOutage();
    void firehoseFillsTheWholeWindow();
    void readableTitlesAndSiSuffixes();
    void gapOfTheStreamIsMarkedOnTheCharts();
    void markersAreBoundedAndFollowTheWindow();
};

// Picking a numeric field by keyboard asks for it to be watched, and its values are drawn
// within the decimation bound, on an axis in the right unit; the rate line shows ~200 msgs/s.
void TestLiveCharts::chartsFieldPickedFromCatalogue_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("axisUnit");
    QTest::newRow("blocks gas_used")
        << QStringLiteral("ethereum.blocks") << QStringLiteral("gas_used") << QString();
    QTest::newRow("transactions value") << QStringLiteral("ethereum.transactions")
                                        << QStringLiteral("value") << QStringLiteral("ETH");
}

void TestLiveCharts::chartsFieldPickedFromCatalogue()
{
    QFETCH(QString, topic);
    QFETCH(QString, field);
    QFETCH(QString, axisUnit);
    EmulatorOptions options;
    options.rate = 200;
    Rig rig(options, topic);
    QSignalSpy picked(&rig.panel, &LiveChartsPanel::watchedFieldChanged);

    pickField(rig.panel, field);
    QCOMPARE(picked.count(), 1);
    QCOMPARE(picked.at(0).at(0).toString(), field);
    QCOMPARE(rig.session.watchedFields(), QStringList{field});

    QLineSeries *fieldSeries = series(rig.panel, "fieldSeries");
    QVERIFY(fieldSeries);
    QTRY_VERIFY_WITH_TIMEOUT(fieldSeries->count() >= 20, 10000);
    QVERIFY(fieldSeries->count() <= rig.panel.fieldChart()->decimationBound());
    for (const QPointF &point : fieldSeries->points()) {
        QVERIFY(std::isfinite(point.y()));
        QVERIFY(point.x() <= 0 && point.x() >= -60);
    }
    const QString title = rig.panel.fieldChart()->valueAxis()->titleText();
    QVERIFY2(title.startsWith(field), qPrintable(title));
    if (!axisUnit.isEmpty())
        QVERIFY2(title.contains(axisUnit), qPrintable(title));

    QLineSeries *rateSeries = series(rig.panel, "rateSeries");
    QTRY_VERIFY_WITH_TIMEOUT(
        !rateSeries->points().isEmpty() && rateSeries->points().last().y() > 100, 10000);
    QVERIFY(rateSeries->points().last().y() < 400);
    saveScreenshot(&rig.panel, QStringLiteral("charts-") + field);
}

// Thousands of values in a second are drawn as at most the decimation bound of points.
void TestLiveCharts::decimatesAFirehose()
{
    EmulatorOptions options;
    options.firehoseCount = 20000;
    Rig rig(options, QStringLiteral("ethereum.blocks"));
    pickField(rig.panel, QStringLiteral("gas_used"));
    QLineSeries *fieldSeries = series(rig.panel, "fieldSeries");
    const int bound = rig.panel.fieldChart()->decimationBound();
    QTRY_VERIFY_WITH_TIMEOUT(rig.session.stats().messages > quint64(bound) * 2, 15000);
    QTRY_VERIFY(fieldSeries->count() >= 2);
    QVERIFY2(fieldSeries->count() <= bound,
             qPrintable(QStringLiteral("%1 > %2").arg(fieldSeries->count()).arg(bound)));
}

// While paused the drawn line stays as it was; resuming draws what arrived meanwhile.
void TestLiveCharts::pauseFreezesTheViewButKeepsBuffering()
{
    EmulatorOptions options;
    options.rate = 200;
    Rig rig(options, QStringLiteral("ethereum.blocks"));
    pickField(rig.panel, QStringLiteral("gas_used"));
    QLineSeries *fieldSeries = series(rig.panel, "fieldSeries");
    QTRY_VERIFY_WITH_TIMEOUT(fieldSeries->count() >= 10, 10000);

    QSignalSpy paused(&rig.panel, &LiveChartsPanel::pausedChanged);
    auto *pauseButton = rig.panel.findChild<QToolButton *>(QStringLiteral("pauseButton"));
    QTest::mouseClick(pauseButton, Qt::LeftButton);
    QCOMPARE(paused.count(), 1);
    QVERIFY(rig.panel.isPaused());
    const QList<QPointF> frozen = fieldSeries->points();
    const quint64 before = rig.session.stats().messages;
    QTRY_VERIFY(rig.session.stats().messages > before + 50);
    QCOMPARE(fieldSeries->points(), frozen);

    QTest::mouseClick(pauseButton, Qt::LeftButton);
    QVERIFY(!rig.panel.isPaused());
    QTRY_VERIFY(fieldSeries->count() > frozen.size());
}

// Choosing "5 min" by keyboard sets the time axis to the last five minutes.
void TestLiveCharts::windowChoiceSetsTheTimeAxis()
{
    LiveChartsPanel panel;
    panel.resize(800, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.refresh();
    QCOMPARE(panel.fieldChart()->timeAxis()->min(), -60.0);
    auto *combo = panel.findChild<QComboBox *>(QStringLiteral("windowCombo"));
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(panel.windowMs(), qint64(5 * 60 * 1000));
    QCOMPARE(panel.fieldChart()->timeAxis()->min(), -5.0); // minutes
    QCOMPARE(panel.rateChart()->timeAxis()->min(), -5.0);
}

// The application's dark palette gives the dark chart theme, and its own palette the light one.
void TestLiveCharts::followsADarkPalette()
{
    EmulatorOptions options;
    options.rate = 200;
    Rig rig(options, QStringLiteral("ethereum.transactions"));
    rig.panel.setPalette(Theme::darkPalette());
    QCOMPARE(rig.panel.rateChart()->chart()->theme(), QChart::ChartThemeDark);
    pickField(rig.panel, QStringLiteral("gas_price"));
    QTRY_VERIFY_WITH_TIMEOUT(series(rig.panel, "fieldSeries")->count() >= 20, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(series(rig.panel, "rateSeries")->count() >= 8, 10000);
    saveScreenshot(&rig.panel, QStringLiteral("charts-dark"));
    rig.panel.setPalette(QApplication::palette());
    QCOMPARE(rig.panel.rateChart()->chart()->theme(), QChart::ChartThemeLight);
}

// After a topic switch the field picker offers the new topic's fields only: none of the
// previous topic's (Solana's block_slot on ethereum.transactions was issue 10, item 11).
void TestLiveCharts::fieldListFollowsTheTopic()
{
    EmulatorOptions options;
    options.rate = 200;
    Rig rig(options, QStringLiteral("solana.transactions"));
    QComboBox *combo = fieldCombo(rig.panel);
    QTRY_VERIFY_WITH_TIMEOUT(combo->findText(QStringLiteral("block_slot")) >= 0, 10000);

    // What StreamPanel does on a topic switch: reopen on the new URL, forget the charts.
    QSignalSpy fieldsSeen(&rig.session, &StreamSession::fieldsChanged);
    rig.session.close();
    rig.session.setUrl(rig.server.streamUrl(QStringLiteral("ethereum.transactions")));
    QVERIFY(rig.session.fields().isEmpty());
    rig.panel.clear();
    rig.panel.setFieldCatalogue({});
    rig.session.open();
    QTRY_VERIFY_WITH_TIMEOUT(combo->findText(QStringLiteral("gas_price")) >= 0, 10000);
    QCOMPARE(combo->findText(QStringLiteral("block_slot")), -1);
    QCOMPARE(combo->findText(QStringLiteral("fee")), -1);
    QTRY_VERIFY(!fieldsSeen.isEmpty());
    for (const FieldInfo &field : rig.session.fields())
        QVERIFY2(field.path != QLatin1String("block_slot"), "a Solana field on Ethereum");
}

// 200 msg/s, nothing for 20 s, then 200 msg/s again: no drawn line crosses the outage, and
// both sides are drawn (issue 10, item 13).
void TestLiveCharts::lineBreaksAcrossAnOutage()
{
    ClockedPanel rig;
    QVERIFY(QTest::qWaitForWindowExposed(&rig.panel));
    feed(rig.panel, rig.clockMs, 0, 20000, 200);
    rig.clockMs = 40000; // the outage: nothing arrives
    feed(rig.panel, rig.clockMs, 40000, 60000, 200);
    rig.panel.refresh();

    const QList<QLineSeries *> drawn = rig.panel.fieldChart()->drawnSeries();
    QCOMPARE(drawn.size(), 2);
    for (QLineSeries *line : drawn) {
        const QList<QPointF> points = line->points();
        for (int i = 1; i < points.size(); ++i) {
            QVERIFY2(points.at(i).x() - points.at(i - 1).x() < 5.0,
                     qPrintable(QStringLiteral("line from %1 s to %2 s")
                                    .arg(points.at(i - 1).x())
                                    .arg(points.at(i).x())));
        }
    }
    QVERIFY(drawn.first()->points().first().x() <= -59.0);
    QCOMPARE(drawn.last(), rig.panel.fieldChart()->series());
    QVERIFY(drawn.last()->points().last().x() >= -0.1);
    // The outage ends: once it is out of the window, one line again.
    feed(rig.panel, rig.clockMs, 60000, 101000, 200);
    rig.panel.refresh();
    QCOMPARE(rig.panel.fieldChart()->drawnSeries().size(), 1);
}

// At 20,000 msg/s the 1-minute field chart is drawn over the whole minute, evenly, not only
// its last ~10 s with straight lines across the rest (issue 10, item 22).
void TestLiveCharts::firehoseFillsTheWholeWindow()
{
    ClockedPanel rig;
    QVERIFY(QTest::qWaitForWindowExposed(&rig.panel));
    feed(rig.panel, rig.clockMs, 0, 60000, 20000);
    rig.panel.refresh();
    const QList<QLineSeries *> drawn = rig.panel.fieldChart()->drawnSeries();
    QCOMPARE(drawn.size(), 1);
    const QList<QPointF> points = drawn.first()->points();
    QVERIFY(points.size() <= rig.panel.fieldChart()->decimationBound());
    QVERIFY2(points.first().x() <= -59.0, qPrintable(QString::number(points.first().x())));
    double widest = 0;
    for (int i = 1; i < points.size(); ++i)
        widest = std::max(widest, points.at(i).x() - points.at(i - 1).x());
    QVERIFY2(widest < 1.0, qPrintable(QString::number(widest)));
}

// At the size the stream panel gives the charts, the field and its unit are readable in full
// (not a rotated "max_priority…") and every tick carries its SI suffix: 12.5M on a 12.2M-13.0M
// axis, not 12.5 (issue 10, item 12).
void TestLiveCharts::readableTitlesAndSiSuffixes()
{
    const QString field = QStringLiteral("max_priority_fee_per_gas");
    ClockedPanel rig(field);
    rig.panel.resize(900, 200);
    QVERIFY(QTest::qWaitForWindowExposed(&rig.panel));
    feed(rig.panel, rig.clockMs, 0, 30000, 50,
         [](qint64 t) { return 12.2e6 + double(t % 800) * 1000; });
    rig.panel.refresh();
    QApplication::processEvents();

    TimeSeriesChartView *chart = rig.panel.fieldChart();
    QCOMPARE(chart->valuePrefix(), QStringLiteral("M"));
    QVERIFY2(chart->valueAxis()->labelFormat().endsWith(QLatin1Char('M')),
             qPrintable(chart->valueAxis()->labelFormat()));
    QVERIFY2(chart->chart()->title().contains(field), qPrintable(chart->chart()->title()));
    // A shown axis title must fit the plot's height, else it is cut.
    const QValueAxis *axis = chart->valueAxis();
    if (axis->isTitleVisible()) {
        const QFontMetricsF metrics(axis->titleFont());
        QVERIFY2(metrics.horizontalAdvance(axis->titleText()) <=
                     chart->chart()->plotArea().height(),
                 qPrintable(axis->titleText()));
    }
    const QFontMetricsF titleMetrics(chart->chart()->titleFont());
    QVERIFY(titleMetrics.horizontalAdvance(field) < chart->chart()->size().width());
}

void TestLiveCharts::hiddenChartsOnlySample()
{
    QTabWidget tabs;
    auto *panel = new LiveChartsPanel;
    tabs.addTab(panel, QStringLiteral("Charts"));
    tabs.addTab(new QWidget, QStringLiteral("Other"));
    tabs.resize(900, 560);
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));
    // In view or not, one tick four times a second: a rate point, and a redraw only in view.
    QCOMPARE(panel->tickIntervalMs(), 250);

    tabs.setCurrentIndex(1);
    uitest::EventCounter paints(QEvent::Paint);
    paints.watch(panel->rateChart()->viewport());
    paints.watch(panel->fieldChart()->viewport());
    MessageBatch batch;
    batch.messages.resize(5);
    for (int i = 0; i < 8; ++i) {
        panel->appendBatch(batch);
        uitest::deliverPostedEvents();
    }
    QCOMPARE(paints.count(panel->rateChart()->viewport()), 0);
    QCOMPARE(paints.count(panel->fieldChart()->viewport()), 0);

    tabs.setCurrentIndex(0);
    QTRY_VERIFY(paints.count(panel->rateChart()->viewport()) > 0);
}

// A gap in the stream (the emulator skips every 5th block) is marked on both charts at the
// time it was noticed: a band the user sees in the warning colour, near "now", whose tooltip
// says, as plain text, which block is missing.
void TestLiveCharts::gapOfTheStreamIsMarkedOnTheCharts()
{
    EmulatorOptions options;
    options.startTimeMs = SyntheticChain::DefaultStartMs;
    options.speed = 100; // a Base block every 20 ms
    options.faults.gapEvery = 5;
    Rig rig(options, QStringLiteral("base.blocks"));
    TimeSeriesChartView *chart = rig.panel.rateChart();
    QTRY_VERIFY_WITH_TIMEOUT(!chart->markerItems().isEmpty(), 10000);
    QTRY_VERIFY(!rig.panel.fieldChart()->markerItems().isEmpty());
    rig.panel.setPaused(true); // the picture holds still (the data is still buffered)
    const QVector<ChartMarker> markers = rig.panel.markers();
    QVERIFY(!markers.isEmpty());
    for (const ChartMarker &marker : markers) {
        QCOMPARE(marker.kind, ChartMarker::Kind::Gap);
        QVERIFY(marker.x > -60 && marker.x <= 0);
        QVERIFY2(marker.text.contains(QStringLiteral(" missing (1)")), qPrintable(marker.text));
    }

    // Where it is drawn: inside the plot, near its right end (now).
    QGraphicsRectItem *band = chart->markerItems().constLast();
    const QRectF plot = chart->chart()->plotArea();
    const QRectF bandRect = band->mapRectToItem(chart->chart(), band->rect());
    QVERIFY(bandRect.center().x() > plot.left() + plot.width() * 0.8);
    QVERIFY(bandRect.center().x() <= plot.right() + 1);
    QCOMPARE(bandRect.height(), plot.height());

    // It is seen: the line's pixels in the warning colour (the theme's, on this palette).
    const QPoint centre = chart->mapFromScene(band->sceneBoundingRect().center());
    const QImage image = chart->grab().toImage();
    const QColor warning = Theme::color(Theme::Role::Warning, chart->palette());
    int close = 0;
    for (int dx = -2; dx <= 2; ++dx) {
        const QColor pixel = image.pixelColor(centre + QPoint(dx, 0));
        close += std::abs(pixel.red() - warning.red()) + std::abs(pixel.green() - warning.green()) +
                             std::abs(pixel.blue() - warning.blue()) <
                         90
                     ? 1
                     : 0;
    }
    QVERIFY2(close > 0, "no pixel of the marker's colour where it is drawn");

    // Hovering it shows what happened, literally.
    const QPoint global = chart->viewport()->mapToGlobal(centre);
    QHelpEvent help(QEvent::ToolTip, centre, global);
    QApplication::sendEvent(chart->viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QStringLiteral("gap: ")), qPrintable(QToolTip::text()));
    QVERIFY2(QToolTip::text().contains(QStringLiteral(" missing (1)")),
             qPrintable(QToolTip::text()));
    QToolTip::hideText();
}

// Markers are bounded (the newest MaxMarkers), are drawn only within the chosen window, and
// only for gaps, reorgs and outages; their text is never interpreted.
void TestLiveCharts::markersAreBoundedAndFollowTheWindow()
{
    ClockedPanel rig;
    QVERIFY(QTest::qWaitForWindowExposed(&rig.panel));
    rig.clockMs = 1'000'000'000'000;
    MessageBatch batch;
    for (int i = 0; i < 80; ++i) {
        IntegrityEvent event;
        event.kind = i % 2 == 0 ? IntegrityEventKind::Gap : IntegrityEventKind::Duplicate;
        event.timeMs = rig.clockMs - 100'000 + i * 1'000; // one a second up to 21 s ago
        event.from = event.to = i;
        event.missing = 1;
        event.number = i;
        batch.integrityEvents.append(event);
    }
    IntegrityEvent reorg;
    reorg.kind = IntegrityEventKind::Reorg;
    reorg.timeMs = rig.clockMs - 1'000;
    reorg.number = 77;
    reorg.depth = 2;
    batch.integrityEvents.append(reorg);
    IntegrityEvent outage;
    outage.kind = IntegrityEventKind::Outage;
    outage.timeMs = rig.clockMs - 500;
    outage.from = 100;
    outage.to = 120;
    outage.missing = 21;
    batch.integrityEvents.append(outage);
    rig.panel.appendBatch(batch);
    rig.panel.refresh();

    // 40 gaps, a reorg and an outage, the duplicates not marked; within 1 minute: 20 + 2.
    QVector<ChartMarker> markers = rig.panel.markers();
    QCOMPARE(markers.size(), 22);
    QCOMPARE(rig.panel.rateChart()->markerItems().size(), 22);
    QCOMPARE(markers.at(20).kind, ChartMarker::Kind::Reorg);
    QVERIFY(markers.at(20).text.endsWith(QStringLiteral("reorg at 77, depth 2")));
    QCOMPARE(markers.at(21).kind, ChartMarker::Kind::Outage);
    QVERIFY(markers.at(21).text.contains(QStringLiteral("missed while disconnected")));
    // 5 minutes: every marker kept, the newest MaxMarkers.
    rig.panel.setWindowMs(5 * 60 * 1000);
    markers = rig.panel.markers();
    QCOMPARE(markers.size(), 42);
    QVERIFY(markers.size() <= LiveChartsPanel::MaxMarkers);
    MessageBatch more;
    for (int i = 0; i < 60; ++i) {
        IntegrityEvent event;
        event.timeMs = rig.clockMs;
        event.from = event.to = 1000 + i;
        event.missing = 1;
        more.integrityEvents.append(event);
    }
    rig.panel.appendBatch(more);
    rig.panel.refresh();
    markers = rig.panel.markers();
    QCOMPARE(markers.size(), LiveChartsPanel::MaxMarkers);
    QVERIFY(markers.constLast().text.contains(QStringLiteral("1059")));
    QCOMPARE(rig.panel.fieldChart()->markerItems().size(), LiveChartsPanel::MaxMarkers);
    // Out of every window after 15 minutes: gone.
    rig.clockMs += 16 * 60 * 1000;
    rig.panel.refresh();
    QVERIFY(rig.panel.markers().isEmpty());
    QVERIFY(rig.panel.rateChart()->markerItems().isEmpty());
}

QTEST_MAIN(TestLiveCharts)
#include "tst_livecharts.moc"
