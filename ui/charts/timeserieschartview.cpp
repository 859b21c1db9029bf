// SPDX-License-Identifier: MIT
#include "ui/charts/timeserieschartview.h"

#include "ui/text/plaintext.h"
#include "ui/theme/theme.h"

#include <QEvent>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace allium {

namespace {

/// Qt Charts renders titles as HTML; a field path comes from the server's messages, so it is
/// escaped to show literally.
QString chartText(const QString &text)
{
    return PlainText::bounded(text, 200).toHtmlEscaped();
}

constexpr int MinimumPoints = 200;
constexpr int MaximumPoints = 4000;
constexpr double Headroom = 0.1;
// A marker is a band this wide (px) around its line: wide enough to hover for its tooltip,
// narrow enough not to hide the data under it.
constexpr double MarkerBandWidth = 7;
constexpr int MarkerTextRole = 0; // QGraphicsItem::data key: the text its tooltip was made of

// 1, 2 or 5 times a power of ten, at least `raw`.
double niceStep(double raw)
{
    if (!(raw > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * magnitude >= raw)
            return factor * magnitude;
    }
    return 10 * magnitude;
}

struct SiPrefix
{
    double scale;
    const char *symbol;
};

SiPrefix siPrefixFor(double maxAbs)
{
    static const SiPrefix prefixes[] = {{1e-12, "T"}, {1e-9, "G"}, {1e-6, "M"}, {1e-3, "k"}};
    static const double thresholds[] = {1e12, 1e9, 1e6, 1e4};
    for (int i = 0; i < 4; ++i) {
        if (maxAbs >= thresholds[i])
            return prefixes[i];
    }
    return {1.0, ""};
}

} // namespace

TimeSeriesChartView::TimeSeriesChartView(QWidget *parent)
    : QChartView(new QChart, parent)
    , m_series(new QLineSeries)
    , m_timeAxis(new QValueAxis)
    , m_valueAxis(new QValueAxis)
{
    QChart *c = chart();
    c->legend()->hide();
    c->setBackgroundRoundness(0);
    c->setMargins(QMargins(4, 4, 4, 4));
    c->addSeries(m_series);
    c->addAxis(m_timeAxis, Qt::AlignBottom);
    c->addAxis(m_valueAxis, Qt::AlignLeft);
    m_series->attachAxis(m_timeAxis);
    m_series->attachAxis(m_valueAxis);
    m_valueAxis->setRange(0, 1);
    m_valueAxis->setTickCount(5);
    // A rotated title gets the plot's height, which at the default size cuts a field path to
    // "gas_us…": the chart title above carries the field and unit, the tick labels the SI suffix.
    m_valueAxis->setTitleVisible(false);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(140);
    updateTimeAxis(60);
    applyTheme();
    connect(c, &QChart::plotAreaChanged, this, &TimeSeriesChartView::placeMarkers);
}

TimeSeriesChartView::~TimeSeriesChartView()
{
    // The chart outlives this class's members (QChartView deletes it) and may lay itself out
    // once more on the way: no marker placing then.
    disconnect(chart(), nullptr, this, nullptr);
}

void TimeSeriesChartView::setTitle(const QString &title)
{
    chart()->setTitle(chartText(title));
}

void TimeSeriesChartView::setValueTitle(const QString &title)
{
    m_valueTitle = title;
    updateValueTitle();
}

int TimeSeriesChartView::decimationBound() const
{
    const int width = int(chart()->plotArea().width());
    return std::clamp(2 * width, MinimumPoints, MaximumPoints);
}

void TimeSeriesChartView::showPoints(const QVector<QPointF> &points, double spanSeconds)
{
    showSegments(points.isEmpty() ? QVector<QVector<QPointF>>{} : QVector<QVector<QPointF>>{points},
                 spanSeconds);
}

void TimeSeriesChartView::showSegments(const QVector<QVector<QPointF>> &runs, double spanSeconds)
{
    updateTimeAxis(spanSeconds);
    double low = 0;
    double high = 0;
    bool any = false;
    for (const QVector<QPointF> &run : runs) {
        for (const QPointF &point : run) {
            low = any ? std::min(low, point.y()) : point.y();
            high = any ? std::max(high, point.y()) : point.y();
            any = true;
        }
    }
    const SiPrefix prefix = siPrefixFor(std::max(std::abs(low), std::abs(high)));
    if (m_prefix != QLatin1String(prefix.symbol)) {
        m_prefix = QLatin1String(prefix.symbol);
        m_prefixScale = prefix.scale;
        updateValueTitle();
        m_rescale = true; // the tick labels carry the prefix
    }
    const double xScale = m_spanSeconds > 120 ? 1.0 / 60.0 : 1.0;
    const auto scaled = [this, xScale](const QVector<QPointF> &run) {
        QList<QPointF> points;
        points.reserve(run.size());
        for (const QPointF &point : run)
            points.append(QPointF(point.x() * xScale, point.y() * m_prefixScale));
        return points;
    };
    updateValueAxis(low * m_prefixScale, high * m_prefixScale);

    // Qt Charts cannot break one line, so each run before the newest has a series of its own.
    const qsizetype older = std::max<qsizetype>(0, runs.size() - 1);
    while (m_olderRuns.size() < older) {
        auto *run = new QLineSeries;
        run->setObjectName(m_series->objectName() + QStringLiteral("Run"));
        chart()->addSeries(run);
        run->attachAxis(m_timeAxis);
        run->attachAxis(m_valueAxis);
        run->setPen(m_series->pen());
        m_olderRuns.append(run);
    }
    // The whole window at once: replace() repaints once, clear() + append() once per point.
    for (qsizetype i = 0; i < m_olderRuns.size(); ++i) {
        QLineSeries *run = m_olderRuns.at(i);
        if (i < older)
            run->replace(scaled(runs.at(i)));
        else if (run->count() > 0)
            run->clear();
    }
    m_series->replace(runs.isEmpty() ? QList<QPointF>() : scaled(runs.last()));
}

QList<QLineSeries *> TimeSeriesChartView::drawnSeries() const
{
    QList<QLineSeries *> drawn;
    for (QLineSeries *run : m_olderRuns) {
        if (run->count() > 0)
            drawn.append(run);
    }
    if (m_series->count() > 0)
        drawn.append(m_series);
    return drawn;
}

void TimeSeriesChartView::showMarkers(const QVector<ChartMarker> &markers)
{
    m_markers = markers.size() > MaxMarkers ? markers.last(MaxMarkers) : markers;
    while (m_markerItems.size() < m_markers.size()) {
        // Children of the chart, above its series: they move with the plot area.
        auto *band = new QGraphicsRectItem(chart());
        band->setZValue(10);
        band->setPen(Qt::NoPen);
        new QGraphicsLineItem(band);
        m_markerItems.append(band);
    }
    for (qsizetype i = 0; i < m_markers.size(); ++i) {
        QGraphicsRectItem *band = m_markerItems.at(i);
        const QString &text = m_markers.at(i).text;
        // Escaped once per marker, not on every redraw.
        if (band->data(MarkerTextRole).toString() != text) {
            band->setData(MarkerTextRole, text);
            band->setToolTip(PlainText::toolTip(text));
        }
    }
    styleMarkers();
    placeMarkers();
}

QList<QGraphicsRectItem *> TimeSeriesChartView::markerItems() const
{
    QList<QGraphicsRectItem *> shown;
    for (qsizetype i = 0; i < m_markers.size(); ++i) {
        if (m_markerItems.at(i)->isVisible())
            shown.append(m_markerItems.at(i));
    }
    return shown;
}

void TimeSeriesChartView::placeMarkers()
{
    const QRectF plot = chart()->plotArea();
    const double xScale = m_spanSeconds > 120 ? 1.0 / 60.0 : 1.0;
    const double low = m_timeAxis->min();
    const double high = m_timeAxis->max();
    for (qsizetype i = 0; i < m_markerItems.size(); ++i) {
        QGraphicsRectItem *band = m_markerItems.at(i);
        const double x = i < m_markers.size() ? m_markers.at(i).x * xScale : 1.0;
        if (i >= m_markers.size() || x < low || x > high || !(high > low) || plot.isEmpty()) {
            band->hide();
            continue;
        }
        const double px = plot.left() + (x - low) / (high - low) * plot.width();
        band->setRect(px - MarkerBandWidth / 2, plot.top(), MarkerBandWidth, plot.height());
        if (auto *line = qgraphicsitem_cast<QGraphicsLineItem *>(band->childItems().value(0)))
            line->setLine(px, plot.top(), px, plot.bottom());
        band->show();
    }
}

void TimeSeriesChartView::styleMarkers()
{
    for (qsizetype i = 0; i < m_markers.size(); ++i) {
        const ChartMarker::Kind kind = m_markers.at(i).kind;
        // Gaps warn, reorgs are faults of the chain, an outage was ours (and dashed).
        const QColor color =
            Theme::color(kind == ChartMarker::Kind::Reorg    ? Theme::Role::Failure
                         : kind == ChartMarker::Kind::Outage ? Theme::Role::Muted
                                                             : Theme::Role::Warning,
                         palette());
        QGraphicsRectItem *band = m_markerItems.at(i);
        QColor fill = color;
        fill.setAlpha(50);
        band->setBrush(fill);
        if (auto *line = qgraphicsitem_cast<QGraphicsLineItem *>(band->childItems().value(0))) {
            QPen pen(color, 1.5);
            pen.setStyle(kind == ChartMarker::Kind::Outage ? Qt::DashLine : Qt::SolidLine);
            line->setPen(pen);
        }
    }
}

void TimeSeriesChartView::updateTimeAxis(double spanSeconds)
{
    if (spanSeconds == m_spanSeconds)
        return;
    m_spanSeconds = spanSeconds;
    if (spanSeconds > 120) {
        const double minutes = spanSeconds / 60.0;
        m_timeAxis->setRange(-minutes, 0);
        m_timeAxis->setTickCount(minutes > 10 ? 4 : 6);
        m_timeAxis->setLabelFormat(QStringLiteral("%.0f min"));
    } else {
        m_timeAxis->setRange(-spanSeconds, 0);
        m_timeAxis->setTickCount(7);
        m_timeAxis->setLabelFormat(QStringLiteral("%.0f s"));
    }
}

void TimeSeriesChartView::updateValueAxis(double low, double high)
{
    if (m_nonNegative)
        low = std::min(0.0, low);
    double span = high - low;
    if (span <= 0)
        span = std::abs(high) > 0 ? std::abs(high) * 0.2 : 1.0;
    double wantLow = low - (m_nonNegative && low >= 0 ? 0 : span * Headroom);
    double wantHigh = high + span * Headroom;
    // Headroom never pushes an axis of non-negative data (amounts, prices) below zero.
    if (low >= 0)
        wantLow = std::max(0.0, wantLow);

    // Keep the axis still while the data fits and fills a fair part of it; rescaling on every
    // frame makes a live chart jitter.
    const double currentLow = m_valueAxis->min();
    const double currentHigh = m_valueAxis->max();
    const bool fits = low >= currentLow && high <= currentHigh;
    const bool fillsEnough = (high - low) >= 0.4 * (currentHigh - currentLow);
    if (fits && fillsEnough && !m_rescale)
        return;
    m_rescale = false;

    const double step = niceStep((wantHigh - wantLow) / 4.0);
    wantLow = std::floor(wantLow / step) * step;
    wantHigh = std::ceil(wantHigh / step) * step;
    if (wantHigh <= wantLow)
        wantHigh = wantLow + step;
    const int decimals = std::max(0, int(-std::floor(std::log10(step))));
    // Every tick says its magnitude ("12.5M"), whatever the size of the chart.
    m_valueAxis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) +
                                QStringLiteral("f") + m_prefix);
    m_valueAxis->setTickCount(int(std::lround((wantHigh - wantLow) / step)) + 1);
    m_valueAxis->setRange(wantLow, wantHigh);
}

void TimeSeriesChartView::updateValueTitle()
{
    if (m_prefix.isEmpty()) {
        m_valueAxis->setTitleText(chartText(m_valueTitle));
        return;
    }
    // "gas_used (M)" or "value (k ETH)": the prefix joins the unit when there is one.
    const int open = m_valueTitle.lastIndexOf(QLatin1String(" ("));
    if (open >= 0 && m_valueTitle.endsWith(QLatin1Char(')'))) {
        m_valueAxis->setTitleText(chartText(m_valueTitle.left(open + 2) + m_prefix +
                                            QLatin1Char(' ') + m_valueTitle.mid(open + 2)));
    } else {
        m_valueAxis->setTitleText(chartText(QStringLiteral("%1 (%2)").arg(m_valueTitle, m_prefix)));
    }
}

void TimeSeriesChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_applyingTheme)
        applyTheme();
}

void TimeSeriesChartView::applyTheme()
{
    // setTheme() resets fonts and colours of the chart; the widget's own palette change would
    // come back here, hence the guard.
    m_applyingTheme = true;
    chart()->setTheme(Theme::isDark(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart()->setBackgroundBrush(palette().color(QPalette::Base));
    chart()->setBackgroundRoundness(0);
    QPen pen = m_series->pen();
    pen.setWidthF(1.5);
    pen.setColor(Theme::color(Theme::Role::Series, palette()));
    m_series->setPen(pen);
    for (QLineSeries *run : std::as_const(m_olderRuns))
        run->setPen(pen);
    styleMarkers();
    m_applyingTheme = false;
}

} // namespace allium
