// SPDX-License-Identifier: MIT
#pragma once

#include "ui/charts/chartmarker.h"

#include <QChartView>
#include <QPointF>
#include <QVector>

class QGraphicsRectItem;
class QLineSeries;
class QValueAxis;

namespace allium {

/// One live line chart over a time window ending now: x in seconds (or minutes) before now, a
/// value axis that follows the data with headroom and SI prefixes, the theme of the palette.
/// It only draws what it is given; buffering and decimation happen in TimeSeriesBuffer.
class TimeSeriesChartView : public QChartView
{
    Q_OBJECT
public:
    explicit TimeSeriesChartView(QWidget *parent = nullptr);
    ~TimeSeriesChartView() override;

    void setTitle(const QString &title);
    /// The value axis title, e.g. "msgs/s" or "value (ETH)"; an SI prefix is added when used.
    void setValueTitle(const QString &title);
    /// True when values never go below zero (rates, counts): the axis then starts at 0.
    void setNonNegative(bool nonNegative) { m_nonNegative = nonNegative; }

    /// Replaces the whole line (x in seconds relative to now, <= 0) and rescales the axes.
    void showPoints(const QVector<QPointF> &points, double spanSeconds);
    /// Like showPoints(), with the line broken between runs (no line across an outage). The
    /// newest run is series(); older ones get series of their own.
    void showSegments(const QVector<QVector<QPointF>> &runs, double spanSeconds);
    /// The runs drawn now (empty ones not counted), oldest first.
    QList<QLineSeries *> drawnSeries() const;
    /// Draws these markers as vertical bands across the plot (those outside the time axis are
    /// hidden), each with its text as a plain tooltip; replaces the previous ones. At most
    /// MaxMarkers are drawn (the newest).
    void showMarkers(const QVector<ChartMarker> &markers);
    /// The bands drawn now (visible ones), oldest first: what a user sees and hovers.
    QList<QGraphicsRectItem *> markerItems() const;
    static constexpr int MaxMarkers = 64;
    /// At most this many points are worth drawing: two per horizontal pixel of the plot.
    int decimationBound() const;

    QLineSeries *series() const { return m_series; }
    QValueAxis *timeAxis() const { return m_timeAxis; }
    QValueAxis *valueAxis() const { return m_valueAxis; }
    /// The SI prefix the value axis shows now ("", "k", "M"…).
    QString valuePrefix() const { return m_prefix; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTheme();
    void placeMarkers();
    void styleMarkers();
    void updateTimeAxis(double spanSeconds);
    void updateValueAxis(double low, double high);
    void updateValueTitle();

    QLineSeries *m_series;
    QList<QLineSeries *> m_olderRuns; // pool of series for the runs before the newest
    QValueAxis *m_timeAxis;
    QVector<ChartMarker> m_markers;
    QList<QGraphicsRectItem *> m_markerItems; // pool, one per marker drawn
    QValueAxis *m_valueAxis;
    QString m_valueTitle;
    QString m_prefix;
    double m_prefixScale = 1.0;
    double m_spanSeconds = 0;
    bool m_nonNegative = false;
    bool m_rescale = false;
    bool m_applyingTheme = false;
};

} // namespace allium
