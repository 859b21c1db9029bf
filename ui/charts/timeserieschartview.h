// SPDX-License-Identifier: MIT
#pragma once

#include <QChartView>
#include <QPointF>
#include <QVector>

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
    void updateTimeAxis(double spanSeconds);
    void updateValueAxis(double low, double high);
    void updateValueTitle();

    QLineSeries *m_series;
    QList<QLineSeries *> m_olderRuns; // pool of series for the runs before the newest
    QValueAxis *m_timeAxis;
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
