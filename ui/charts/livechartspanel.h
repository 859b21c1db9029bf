// SPDX-License-Identifier: MIT
#pragma once

#include "core/base/gridtimer.h"
#include "core/stream/fieldinfo.h"
#include "core/stream/messagebatch.h"
#include "core/stream/ratemeter.h"
#include "core/stream/timeseriesbuffer.h"
#include "ui/charts/chartmarker.h"
#include "ui/charts/chartunit.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QWidget>

#include <functional>

class QComboBox;
class QSplitter;
class QToolButton;

namespace allium {

class TimeSeriesChartView;

/// The live charts of one stream: messages per second, and one numeric field picked from the
/// field catalogue. Batches are buffered as they come; the charts are redrawn at most ~30 times
/// a second from the decimated window. Pausing freezes the view while data keeps being buffered.
/// The gaps, reorgs and outages the batches report are marked at their time on both charts
/// (the newest MaxMarkers within the longest window).
///
/// Wiring: on watchedFieldChanged(path) the owner adds path to StreamSession::setWatchedFields
/// and tells this panel where it sits in StreamMessage::extracted with setWatchedFieldIndex().
class LiveChartsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LiveChartsPanel(QWidget *parent = nullptr);
    ~LiveChartsPanel() override;

    /// The window lengths offered, in ms (1, 5 and 15 minutes).
    static QList<qint64> windowChoicesMs();

    void appendBatch(const allium::MessageBatch &batch);
    /// The catalogue to pick from (numeric fields and numeric strings are offered). Batches that
    /// carry a new catalogue call this themselves.
    void setFieldCatalogue(const QVector<allium::FieldInfo> &fields);
    /// Where the chosen field's value sits in StreamMessage::extracted; -1 until the owner knows.
    void setWatchedFieldIndex(int index);
    int watchedFieldIndex() const { return m_watchedIndex; }
    /// Chooses the field to chart (as the user would); emits watchedFieldChanged.
    void setWatchedField(const QString &path);
    QString watchedField() const { return m_watchedPath; }

    void setWindowMs(qint64 windowMs);
    qint64 windowMs() const { return m_windowMs; }
    bool isPaused() const { return m_paused; }

    /// The clock for sample times and "now" (ms since the epoch); tests may replace it.
    void setClock(std::function<qint64()> clock);

    TimeSeriesChartView *rateChart() const { return m_rateChart; }
    TimeSeriesChartView *fieldChart() const { return m_fieldChart; }
    /// How often the panel wakes: to redraw while shown, only to sample the rate while hidden.
    int tickIntervalMs() const;
    static constexpr int MaxMarkers = 50;
    /// The markers the charts show now (x relative to the time shown as now), oldest first.
    QVector<ChartMarker> markers() const;

public slots:
    void setPaused(bool paused);
    /// Forgets every sample (a new session, a replay from the start).
    void clear();
    /// Redraws now (the refresh timer calls this).
    void refresh();

signals:
    /// The user picked a field to chart (empty: none).
    void watchedFieldChanged(const QString &path);
    void pausedChanged(bool paused);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct TimedMarker
    {
        qint64 timeMs = 0; ///< wall clock, as StreamMessage::receivedAtMs
        ChartMarker marker;
    };

    void addMarkers(const QVector<IntegrityEvent> &events);
    void handleTick();
    void handleFieldPicked(int comboIndex);
    void updateTitles();

    TimeSeriesChartView *m_rateChart;
    TimeSeriesChartView *m_fieldChart;
    QComboBox *m_fieldCombo;
    QComboBox *m_windowCombo;
    QToolButton *m_pauseButton;
    QSplitter *m_splitter = nullptr;
    GridTimer m_refreshTimer; // on the grid of every other stream's charts

    RateMeter m_rateMeter;
    TimeSeriesBuffer m_rateBuffer;
    TimeSeriesBuffer m_fieldBuffer;
    QVector<TimedMarker> m_markers; // oldest first, at most MaxMarkers
    QVector<FieldInfo> m_numericFields;
    QStringList m_numericPaths;
    QString m_watchedPath;
    ChartUnit m_unit;
    int m_watchedIndex = -1;
    qint64 m_windowMs = 60000;
    qint64 m_lastRateSampleMs = 0;
    qint64 m_frozenNowMs = 0;
    bool m_paused = false;
    bool m_shownOnce = false;
    bool m_dirty = true;
    std::function<qint64()> m_clock;
};

} // namespace allium
