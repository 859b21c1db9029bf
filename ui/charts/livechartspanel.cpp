// SPDX-License-Identifier: MIT
#include "ui/charts/livechartspanel.h"

#include "ui/charts/timeserieschartview.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace allium {

namespace {

// One tick samples the rate (a point of the rate line) and, in view, redraws what changed: four
// frames a second. Each redraw of the two charts costs more than all else a trickle of messages
// asks of the GUI; at ten a second they were a fifth of an idle monitor's GUI time, for a line
// that moves a pixel or two per frame.
constexpr int RateSampleIntervalMs = 250;
constexpr qint64 FutureToleranceMs = 1000; // receivedAtMs this far ahead still counts as live
// A line breaks where no sample came for this many typical intervals (median: an outage barely
// moves it), never for less than MinimumGapMs nor less than a few drawing buckets, so that the
// jitter of a healthy random-arrival stream does not chop its line.
constexpr qint64 GapIntervals = 10;
constexpr qint64 MinimumGapMs = 2000;
constexpr qint64 GapBuckets = 3;

qint64 gapThresholdMs(const TimeSeriesBuffer &buffer, qint64 nowMs, qint64 spanMs, int maxPoints)
{
    const qint64 bucketMs = spanMs / std::max(1, (maxPoints - 2) / 2);
    return std::max({GapIntervals * buffer.typicalIntervalMs(nowMs, spanMs), MinimumGapMs,
                     GapBuckets * bucketMs});
}

bool isChartable(const FieldInfo &field)
{
    return field.hasType(FieldInfo::Number) || field.numericString;
}

QString windowText(qint64 ms)
{
    return LiveChartsPanel::tr("%n min", nullptr, int(ms / 60000));
}

} // namespace

LiveChartsPanel::LiveChartsPanel(QWidget *parent)
    : QWidget(parent)
    , m_rateChart(new TimeSeriesChartView(this))
    , m_fieldChart(new TimeSeriesChartView(this))
    , m_fieldCombo(new QComboBox(this))
    , m_windowCombo(new QComboBox(this))
    , m_pauseButton(new QToolButton(this))
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    const qint64 longest = windowChoicesMs().last();
    m_rateBuffer.setWindowMs(longest);
    m_fieldBuffer.setWindowMs(longest);

    m_rateChart->setObjectName(QStringLiteral("rateChart"));
    m_rateChart->series()->setObjectName(QStringLiteral("rateSeries"));
    m_rateChart->setValueTitle(tr("msgs/s"));
    m_rateChart->setNonNegative(true);
    m_fieldChart->setObjectName(QStringLiteral("fieldChart"));
    m_fieldChart->series()->setObjectName(QStringLiteral("fieldSeries"));

    m_windowCombo->setObjectName(QStringLiteral("windowCombo"));
    m_windowCombo->setToolTip(tr("How much history the charts show"));
    for (qint64 ms : windowChoicesMs())
        m_windowCombo->addItem(windowText(ms), ms);

    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_pauseButton->setCheckable(true);
    m_pauseButton->setText(tr("Pause"));
    m_pauseButton->setToolTip(tr("Freeze the charts; data is still received and buffered"));
    m_pauseButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    // Editable with a contains-completer: a topic can have hundreds of numeric paths.
    m_fieldCombo->setObjectName(QStringLiteral("fieldCombo"));
    m_fieldCombo->setEditable(true);
    m_fieldCombo->setInsertPolicy(QComboBox::NoInsert);
    m_fieldCombo->setMinimumContentsLength(24);
    m_fieldCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_fieldCombo->lineEdit()->setPlaceholderText(tr("Field to chart…"));
    m_fieldCombo->completer()->setFilterMode(Qt::MatchContains);
    m_fieldCombo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_fieldCombo->setToolTip(tr("A numeric field of the messages to chart over time"));

    auto *toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(0, 0, 0, 0);
    auto *fieldLabel = new QLabel(tr("&Field:"), this);
    fieldLabel->setBuddy(m_fieldCombo);
    auto *windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_windowCombo);
    toolbar->addWidget(fieldLabel);
    toolbar->addWidget(m_fieldCombo, 1);
    toolbar->addSpacing(12);
    toolbar->addWidget(windowLabel);
    toolbar->addWidget(m_windowCombo);
    toolbar->addWidget(m_pauseButton);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_splitter = splitter;
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_rateChart);
    splitter->addWidget(m_fieldChart);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(toolbar);
    layout->addWidget(splitter, 1);

    connect(m_fieldCombo, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &LiveChartsPanel::handleFieldPicked);
    connect(m_windowCombo, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int index) { setWindowMs(m_windowCombo->itemData(index).toLongLong()); });
    connect(m_pauseButton, &QToolButton::toggled, this, &LiveChartsPanel::setPaused);
    connect(&m_refreshTimer, &GridTimer::timeout, this, &LiveChartsPanel::handleTick);
    // Hidden, the charts only sample the rate: nothing is drawn until they are shown.
    m_refreshTimer.start(RateSampleIntervalMs);
    updateTitles();
}

LiveChartsPanel::~LiveChartsPanel() = default;

QList<qint64> LiveChartsPanel::windowChoicesMs()
{
    return {60 * 1000, 5 * 60 * 1000, 15 * 60 * 1000};
}

void LiveChartsPanel::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

void LiveChartsPanel::appendBatch(const MessageBatch &batch)
{
    if (batch.fieldsChanged)
        setFieldCatalogue(batch.fields);
    if (!batch.integrityEvents.isEmpty())
        addMarkers(batch.integrityEvents);
    if (batch.messages.isEmpty())
        return;
    const qint64 now = m_clock();
    m_rateMeter.add(now, quint64(batch.messages.size()));
    if (m_watchedIndex < 0)
        return;
    for (const StreamMessage &message : batch.messages) {
        if (m_watchedIndex >= message.extracted.size())
            continue;
        // The worker's receive time is more exact than ours (a batch spans up to ~33 ms); a
        // replayed message from another day is drawn as arriving now.
        const qint64 age = now - message.receivedAtMs;
        const qint64 time =
            age >= -FutureToleranceMs && age <= m_windowMs ? message.receivedAtMs : now;
        m_fieldBuffer.append(time, message.extracted.at(m_watchedIndex));
    }
    m_dirty = true;
}

void LiveChartsPanel::addMarkers(const QVector<IntegrityEvent> &events)
{
    const qint64 now = m_clock();
    for (const IntegrityEvent &event : events) {
        ChartMarker::Kind kind;
        if (event.kind == IntegrityEventKind::Gap)
            kind = ChartMarker::Kind::Gap;
        else if (event.kind == IntegrityEventKind::Reorg)
            kind = ChartMarker::Kind::Reorg;
        else if (event.kind == IntegrityEventKind::Outage)
            kind = ChartMarker::Kind::Outage;
        else
            continue; // duplicates, lag and stalls are in the health readout and the event log
        // As for messages: an event time far from ours (a replay) is drawn as now.
        const qint64 age = now - event.timeMs;
        const qint64 time =
            age >= -FutureToleranceMs && age <= windowChoicesMs().last() ? event.timeMs : now;
        const QString clock =
            QDateTime::fromMSecsSinceEpoch(time).toString(QStringLiteral("HH:mm:ss"));
        m_markers.append({time, {kind, 0, clock + QLatin1Char(' ') + event.summary()}});
    }
    if (m_markers.size() > MaxMarkers)
        m_markers.remove(0, m_markers.size() - MaxMarkers);
    m_dirty = true;
}

QVector<ChartMarker> LiveChartsPanel::markers() const
{
    const qint64 now = m_paused ? m_frozenNowMs : m_clock();
    QVector<ChartMarker> shown;
    for (const TimedMarker &timed : m_markers) {
        if (timed.timeMs < now - m_windowMs)
            continue;
        ChartMarker marker = timed.marker;
        marker.x = std::min(0.0, double(timed.timeMs - now) / 1000.0);
        shown.append(marker);
    }
    return shown;
}

void LiveChartsPanel::setFieldCatalogue(const QVector<FieldInfo> &fields)
{
    QVector<FieldInfo> numeric;
    QStringList paths;
    for (const FieldInfo &field : fields) {
        if (isChartable(field)) {
            numeric.append(field);
            paths.append(field.path);
        }
    }
    m_numericFields = numeric;
    // The current field's unit may firm up as the catalogue learns its range.
    if (const int index = paths.indexOf(m_watchedPath); index >= 0) {
        const ChartUnit unit = ChartUnit::forField(numeric.at(index));
        if (unit.name != m_unit.name) {
            m_unit = unit;
            updateTitles();
            m_dirty = true;
        }
    }
    if (paths == m_numericPaths)
        return;
    m_numericPaths = paths;
    // Rebuilding the list must not look like a new choice, and must keep what is typed.
    const QSignalBlocker blocker(m_fieldCombo);
    const QString typed = m_fieldCombo->currentText();
    m_fieldCombo->clear();
    m_fieldCombo->addItems(paths);
    m_fieldCombo->setCurrentIndex(paths.indexOf(m_watchedPath));
    if (m_watchedPath.isEmpty())
        m_fieldCombo->setEditText(typed);
}

void LiveChartsPanel::setWatchedFieldIndex(int index)
{
    m_watchedIndex = index;
}

void LiveChartsPanel::setWatchedField(const QString &path)
{
    const int index = m_fieldCombo->findText(path);
    if (index >= 0) {
        m_fieldCombo->setCurrentIndex(index);
        return;
    }
    // Not in the catalogue yet (restoring a session): chart it once values arrive.
    const QSignalBlocker blocker(m_fieldCombo);
    m_fieldCombo->setEditText(path);
    if (path != m_watchedPath) {
        m_watchedPath = path;
        m_watchedIndex = -1;
        m_unit = ChartUnit{};
        m_fieldBuffer.clear();
        updateTitles();
        m_dirty = true;
        emit watchedFieldChanged(path);
    }
}

void LiveChartsPanel::handleFieldPicked(int comboIndex)
{
    const QString path = comboIndex >= 0 ? m_fieldCombo->itemText(comboIndex) : QString();
    if (path == m_watchedPath)
        return;
    m_watchedPath = path;
    // The values of the old field are in flight under the old index: wait for the new one.
    m_watchedIndex = -1;
    m_fieldBuffer.clear();
    const int fieldIndex = m_numericPaths.indexOf(path);
    m_unit = fieldIndex >= 0 ? ChartUnit::forField(m_numericFields.at(fieldIndex)) : ChartUnit{};
    updateTitles();
    m_dirty = true;
    emit watchedFieldChanged(path);
}

void LiveChartsPanel::setWindowMs(qint64 windowMs)
{
    if (windowMs <= 0 || windowMs == m_windowMs)
        return;
    m_windowMs = windowMs;
    const int index = m_windowCombo->findData(windowMs);
    if (index >= 0 && index != m_windowCombo->currentIndex())
        m_windowCombo->setCurrentIndex(index);
    m_dirty = true;
    refresh();
}

void LiveChartsPanel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    m_frozenNowMs = m_clock();
    m_pauseButton->setChecked(paused);
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    updateTitles();
    m_dirty = true;
    refresh();
    emit pausedChanged(paused);
}

void LiveChartsPanel::clear()
{
    m_rateMeter.clear();
    m_rateBuffer.clear();
    m_fieldBuffer.clear();
    m_markers.clear();
    m_dirty = true;
    refresh();
}

void LiveChartsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Equal shares whichever way the owner turned the splitter: left to the charts' size hints,
    // the field chart came out a third of the rate chart's width, its time labels cut.
    if (!m_shownOnce) {
        m_shownOnce = true;
        m_splitter->setSizes({1, 1});
    }
    if (!m_paused && m_dirty)
        refresh();
}

int LiveChartsPanel::tickIntervalMs() const
{
    return m_refreshTimer.interval();
}

void LiveChartsPanel::handleTick()
{
    // Sampling goes on while paused, so that resuming shows what happened meanwhile.
    const qint64 now = m_clock();
    // A tick may come a little early; a quarter's tolerance keeps it from skipping a point.
    if (now - m_lastRateSampleMs >= RateSampleIntervalMs * 3 / 4) {
        m_lastRateSampleMs = now;
        m_rateBuffer.append(now, m_rateMeter.ratePerSecond(now));
        m_dirty = true;
    }
    if (!m_paused && m_dirty && isVisible())
        refresh();
}

void LiveChartsPanel::refresh()
{
    const qint64 now = m_paused ? m_frozenNowMs : m_clock();
    const double spanSeconds = double(m_windowMs) / 1000.0;
    const int rateBound = m_rateChart->decimationBound();
    m_rateChart->showSegments(
        m_rateBuffer.segments(rateBound, now, m_windowMs, 1.0,
                              gapThresholdMs(m_rateBuffer, now, m_windowMs, rateBound)),
        spanSeconds);
    const int fieldBound = m_fieldChart->decimationBound();
    m_fieldChart->showSegments(
        m_fieldBuffer.segments(fieldBound, now, m_windowMs, m_unit.scale,
                               gapThresholdMs(m_fieldBuffer, now, m_windowMs, fieldBound)),
        spanSeconds);
    // Those older than the longest window can never be shown again.
    const qint64 oldest = now - windowChoicesMs().last();
    while (!m_markers.isEmpty() && m_markers.constFirst().timeMs < oldest)
        m_markers.removeFirst();
    const QVector<ChartMarker> shown = markers();
    m_rateChart->showMarkers(shown);
    m_fieldChart->showMarkers(shown);
    m_dirty = false;
}

void LiveChartsPanel::updateTitles()
{
    const QString paused = m_paused ? tr(" — paused") : QString();
    m_rateChart->setTitle(tr("Messages per second") + paused);
    m_fieldChart->setTitle(
        (m_watchedPath.isEmpty() ? tr("No field chosen") : m_unit.axisTitle(m_watchedPath)) +
        paused);
    m_fieldChart->setValueTitle(m_watchedPath.isEmpty() ? QString()
                                                        : m_unit.axisTitle(m_watchedPath));
}

} // namespace allium
