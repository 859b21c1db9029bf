// SPDX-License-Identifier: MIT
#include "ui/health/healthreadoutwidget.h"
#include "core/stream/topiccatalogue.h"
#include "ui/connection/elidinglabel.h"
#include "ui/text/layoutfence.h"
#include "ui/text/plainlabel.h"

#include <QAction>
#include <QClipboard>
#include <QDateTime>
#include <QGridLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QVBoxLayout>

namespace allium {

namespace {

constexpr int StalenessTickMs = 500;
constexpr qint64 UnknownCadenceStaleMs = 30000;
constexpr qint64 MinimumStaleMs = 5000;

// Readable on light and dark palettes alike.
const QColor WarningColor(0xe0, 0x6c, 0x00);
const QColor ErrorColor(0xd9, 0x3a, 0x3a);

// Only what changed: setStyleSheet() re-polishes the label even when the sheet is the same.
void setColored(QLabel *label, const QString &text, const QColor &color, bool bold)
{
    if (auto *eliding = qobject_cast<ElidingLabel *>(label))
        eliding->setFullText(text); // a no-op for the same text
    else
        label->setText(text); // a no-op for the same text
    QString style;
    if (color.isValid())
        style += QStringLiteral("color: %1;").arg(color.name());
    if (bold)
        style += QStringLiteral("font-weight: bold;");
    if (style != label->styleSheet())
        label->setStyleSheet(style);
}

} // namespace

HealthReadoutWidget::HealthReadoutWidget(QWidget *parent)
    : QWidget(parent)
    , m_body(new QWidget)
    , m_bufferBar(new QProgressBar(m_body))
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    auto *grid = new QGridLayout(m_body);
    grid->setContentsMargins(6, 6, 6, 6);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(4);
    m_lastMessage = addRow(tr("Last message"), QStringLiteral("lastMessageValue"), 0, 0, 3);
    m_rate = addRow(tr("Messages/s"), QStringLiteral("rateValue"), 1, 0);
    m_byteRate = addRow(tr("Bytes/s"), QStringLiteral("byteRateValue"), 1, 2);
    // Frames that were not JSON objects and binary frames: both skipped, both counted.
    m_parseErrors = addRow(tr("Skipped frames"), QStringLiteral("parseErrorsValue"), 2, 0);
    m_dropped = addRow(tr("Dropped"), QStringLiteral("droppedValue"), 2, 2);
    m_serverErrors = addRow(tr("Server errors"), QStringLiteral("serverErrorsValue"), 3, 0);
    m_reconnects = addRow(tr("Reconnects"), QStringLiteral("reconnectsValue"), 3, 2);
    // The integrity check's counts (faults of the data) and the stream's freshness.
    m_integrity = new ElidingLabel(m_body);
    m_integrity->setMinimumText(tr("0 gaps (0 missing)"));
    m_integrity->setPreferredChars(90); // whole where the window has room
    addRow(tr("Integrity"), QStringLiteral("integrityValue"), 4, 0, 3, m_integrity);
    m_lag = new ElidingLabel(m_body);
    m_lag->setMinimumText(tr("12 h 34 min"));
    m_lag->setPreferredChars(90);
    addRow(tr("Lag"), QStringLiteral("lagValue"), 5, 0, 3, m_lag);
    // What the connection costs in bytes, against what it carried: the compression's worth.
    m_wire = addRow(tr("On the wire"), QStringLiteral("wireValue"), 6, 0, 3);
    m_buffer = addRow(tr("Buffer"), QStringLiteral("bufferValue"), 7, 0, 3);
    m_bufferBar->setObjectName(QStringLiteral("bufferBar"));
    m_bufferBar->setRange(0, 1000);
    m_bufferBar->setTextVisible(false);
    m_bufferBar->setMaximumHeight(6);
    grid->addWidget(m_bufferBar, 8, 1, 1, 3);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    grid->setRowStretch(9, 1);
    // The values change with every message: fenced, they repaint themselves and nothing else.
    m_fence = new LayoutFence(m_body, this);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_fence);

    setStats(StreamStats{});
    setBufferFill(0, 0, 0);
    connect(&m_timer, &GridTimer::timeout, this, &HealthReadoutWidget::updateStaleness);
    m_timer.setInterval(StalenessTickMs);

    auto *copy = new QAction(tr("&Copy readout"), this);
    copy->setObjectName(QStringLiteral("copyReadoutAction"));
    connect(copy, &QAction::triggered, this,
            [this] { QGuiApplication::clipboard()->setText(readoutText()); });
    addAction(copy);
    setContextMenuPolicy(Qt::ActionsContextMenu);
}

QString HealthReadoutWidget::readoutText() const
{
    QStringList lines;
    for (const auto &[caption, value] : m_rows) {
        const auto *eliding = qobject_cast<const ElidingLabel *>(value);
        lines.append(caption->text() + QLatin1Char(' ') +
                     (eliding ? eliding->fullText() : value->text()));
    }
    return lines.join(QLatin1Char('\n'));
}

QLabel *HealthReadoutWidget::addRow(const QString &label, const QString &objectName, int row,
                                    int column, int columnSpan, QLabel *value)
{
    auto *grid = static_cast<QGridLayout *>(m_body->layout());
    auto *caption = new QLabel(label + QLatin1Char(':'), m_body);
    caption->setForegroundRole(QPalette::PlaceholderText);
    // Not selectable: a selectable label lays every new text out in a QTextDocument, which was
    // the readout's largest cost in an idle monitor. "Copy readout" copies all values instead.
    if (!value)
        value = new PlainLabel(m_body);
    value->setObjectName(objectName);
    grid->addWidget(caption, row, column);
    // Each value in a fence of its own: a new text no longer re-lays out the whole grid with
    // every report, only when it needs more room than it had.
    grid->addWidget(new LayoutFence(value, m_body), row, column + 1, 1, columnSpan);
    m_rows.append(std::pair<QLabel *, QLabel *>(caption, value));
    return value;
}

int HealthReadoutWidget::relayoutsForwarded() const
{
    return m_fence->forwardedRequests();
}

void HealthReadoutWidget::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
    updateStaleness();
}

QString HealthReadoutWidget::humanBytes(quint64 bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

QString HealthReadoutWidget::humanDuration(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(std::max<qint64>(0, ms));
    const qint64 seconds = ms / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return seconds % 60 == 0 ? tr("%1 min").arg(seconds / 60)
                                 : tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return seconds / 60 % 60 == 0 ? tr("%1 h").arg(seconds / 3600)
                                  : tr("%1 h %2 min").arg(seconds / 3600).arg(seconds / 60 % 60);
}

void HealthReadoutWidget::setCounter(QLabel *label, quint64 value)
{
    // Any error at all deserves attention: a non-zero counter is shown in the error colour.
    setColored(label, QLocale().toString(value), value > 0 ? ErrorColor : QColor(), value > 0);
}

void HealthReadoutWidget::setStats(const StreamStats &stats)
{
    m_stats = stats;
    const QLocale locale;
    m_rate->setText(locale.toString(stats.messagesPerSecond, 'f', 1));
    m_byteRate->setText(tr("%1/s").arg(humanBytes(quint64(stats.bytesPerSecond))));
    // Chains that send a block's records together are averaged over a few blocks.
    const QString span = humanDuration(stats.rateSpanMs);
    m_byteRate->setToolTip(
        tr("Average over the last %1; %2 received in total").arg(span, humanBytes(stats.bytes)));
    m_rate->setToolTip(tr("Average over the last %1; %2 messages in total")
                           .arg(span, locale.toString(stats.messages)));
    setCounter(m_parseErrors, stats.parseErrors + stats.binaryFrames);
    m_parseErrors->setToolTip(
        tr("%1 not JSON objects, %2 binary frames")
            .arg(locale.toString(stats.parseErrors), locale.toString(stats.binaryFrames)));
    setCounter(m_dropped, stats.drops);
    setCounter(m_serverErrors, stats.serverErrors);
    m_reconnects->setText(locale.toString(stats.reconnects));
    setTraffic(stats.traffic);
    setIntegrity(stats.integrity);
    updateStaleness();
}

void HealthReadoutWidget::setIntegrity(const IntegritySnapshot &integrity)
{
    const QLocale locale;
    if (integrity.sequenceField.isEmpty()) {
        setColored(m_integrity, tr("no block sequence: rate and staleness only"), QColor(), false);
        m_integrity->setDetail(QString());
    } else {
        const quint64 faults = integrity.dataFaults();
        setColored(m_integrity,
                   tr("%1 gaps (%2 missing), %3 reorgs, %4 duplicates, %5 out of order")
                       .arg(locale.toString(integrity.gaps), locale.toString(integrity.missing),
                            locale.toString(integrity.reorgs),
                            locale.toString(integrity.duplicates),
                            locale.toString(integrity.outOfOrder)),
                   faults > 0 ? ErrorColor : QColor(), faults > 0);
        m_integrity->setDetail(
            tr("Checked on %1 over %2 messages; head %3. Outages (missed while disconnected): "
               "%4, %5 numbers. Stalls: %6.")
                .arg(integrity.sequenceField, locale.toString(integrity.checked),
                     integrity.head >= 0 ? locale.toString(integrity.head) : tr("none yet"),
                     locale.toString(integrity.outages), locale.toString(integrity.missedInOutages),
                     locale.toString(integrity.stalls)));
    }
    if (integrity.lagSamples == 0) {
        setColored(m_lag, tr("no block time yet"), QColor(), false);
    } else {
        // Tenths of a second where they matter; beyond a minute (a stream far behind, an
        // emulator replaying old blocks) in minutes and hours. Negative: a clock ahead of ours.
        const auto seconds = [&locale](qint64 ms) {
            if (ms >= 60000 || ms <= -60000)
                return (ms < 0 ? QStringLiteral("−") : QString()) + humanDuration(qAbs(ms));
            return tr("%1 s").arg(locale.toString(double(ms) / 1000.0, 'f', 1));
        };
        setColored(m_lag,
                   tr("%1 (p50 %2, p95 %3)")
                       .arg(seconds(integrity.lastLagMs), seconds(integrity.p50LagMs),
                            seconds(integrity.p95LagMs)),
                   integrity.lagEvents > 0 ? WarningColor : QColor(), false);
    }
    m_lag->setDetail(tr("Receive time minus block time, over the last %1 blocks; below about a "
                        "second it is noise (block times have second resolution).")
                         .arg(integrity.lagSamples));
}

void HealthReadoutWidget::setTraffic(const TransportTraffic &traffic)
{
    const QString wire = humanBytes(traffic.wireBytesIn);
    const QString decoded = humanBytes(traffic.decodedBytesIn);
    if (traffic.compression) {
        m_wire->setText(tr("%1 (%2× smaller, compressed)")
                            .arg(wire, QLocale().toString(traffic.inboundRatio(), 'f', 1)));
    } else {
        m_wire->setText(tr("%1 (not compressed)").arg(wire));
    }
    m_wire->setToolTip(
        tr("Received since the connection was opened: %1 through the socket (frames, %2), %3 "
           "of message text. Compression (permessage-deflate) is offered unless the profile "
           "turns it off, and used when the server accepts it.")
            .arg(wire,
                 traffic.compression ? tr("compressed with permessage-deflate")
                                     : tr("uncompressed"),
                 decoded));
}

void HealthReadoutWidget::setBufferFill(qint64 count, qint64 capacity, qint64 bytes)
{
    const QLocale locale;
    if (capacity <= 0) {
        m_buffer->setText(
            tr("%1 messages · %2").arg(locale.toString(count), humanBytes(quint64(bytes))));
        m_bufferBar->setValue(0);
        return;
    }
    const double fill = double(count) / double(capacity);
    m_buffer->setText(tr("%1 / %2 (%3 %) · %4")
                          .arg(locale.toString(count), locale.toString(capacity))
                          .arg(locale.toString(fill * 100, 'f', 0))
                          .arg(humanBytes(quint64(bytes))));
    m_bufferBar->setValue(int(std::clamp(fill, 0.0, 1.0) * 1000));
}

void HealthReadoutWidget::setExpectedIntervalMs(qint64 intervalMs)
{
    m_expectedIntervalMs = std::max<qint64>(0, intervalMs);
    updateStaleness();
}

void HealthReadoutWidget::setStreaming(bool streaming)
{
    m_streaming = streaming;
    updateStaleness();
}

void HealthReadoutWidget::setTopic(const QString &topic)
{
    const TopicInfo *info = TopicCatalogue::find(topic);
    const double delivery = TopicCatalogue::deliveryIntervalMs(topic);
    // Only slow cadences are worth a line: "next message ≈ 60 ms" says nothing. Records of a
    // block arrive with their block: "next Ethereum block ≈ 12 s" for its transactions too.
    m_cadenceNoun.clear();
    if (info && delivery >= 1000) {
        QString chain = info->chain;
        if (!chain.isEmpty())
            chain[0] = chain[0].toUpper();
        m_cadenceNoun = TopicCatalogue::blockIntervalMs(topic) >= delivery
                            ? tr("%1 block").arg(chain)
                            : tr("%1 message").arg(chain);
    }
    m_baseMessages = m_stats.messages;
    m_baseAtMs = m_clock();
    setExpectedIntervalMs(qint64(delivery));
}

void HealthReadoutWidget::setFilterActive(bool active)
{
    m_filterActive = active;
    m_baseMessages = m_stats.messages;
    m_baseAtMs = m_clock();
    updateStaleness();
}

qint64 HealthReadoutWidget::effectiveIntervalMs() const
{
    if (!m_filterActive)
        return m_expectedIntervalMs;
    // The filter's own pace: the time from the filter to its last match, per match. Until a
    // match came it is unknown (nothing to judge a gap against).
    const quint64 matched = m_stats.messages - std::min(m_stats.messages, m_baseMessages);
    if (matched == 0 || m_stats.lastMessageAtMs <= m_baseAtMs)
        return 0;
    const qint64 learned = (m_stats.lastMessageAtMs - m_baseAtMs) / qint64(matched);
    return std::max(m_expectedIntervalMs, learned);
}

qint64 HealthReadoutWidget::staleThresholdMs() const
{
    const qint64 interval = effectiveIntervalMs();
    if (interval <= 0)
        return UnknownCadenceStaleMs;
    return std::max(MinimumStaleMs, 3 * interval);
}

void HealthReadoutWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateStaleness();
}

void HealthReadoutWidget::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer.stop();
}

void HealthReadoutWidget::updateStaleness()
{
    // The age moves on by itself only once there is one, and only a widget in view shows it:
    // otherwise nothing ticks.
    const bool ticking = isVisible() && m_stats.lastMessageAtMs > 0;
    if (ticking && !m_timer.isActive())
        m_timer.start();
    else if (!ticking)
        m_timer.stop();

    const QString cadence =
        m_cadenceNoun.isEmpty()
            ? QString()
            : tr(" · next %1 ≈ %2").arg(m_cadenceNoun, humanDuration(m_expectedIntervalMs));
    const bool matchedYet = m_stats.messages > m_baseMessages;
    if (m_stats.lastMessageAtMs <= 0 || !matchedYet) {
        // No message of this topic (or since this filter) yet: no age to show, nothing stale.
        m_stale = false;
        const QString waiting = m_filterActive ? tr("waiting for the first matching message")
                                               : tr("waiting for the first message");
        setColored(m_lastMessage, waiting + cadence, QColor(), false);
        m_lastMessage->setToolTip(QString());
        return;
    }
    const qint64 age = std::max<qint64>(0, m_clock() - m_stats.lastMessageAtMs);
    // A stopped or disconnected stream is expected to be quiet; only a live one goes stale.
    const qint64 interval = effectiveIntervalMs();
    m_stale = m_streaming && age > staleThresholdMs();
    QString text = tr("%1 ago").arg(humanDuration(age));
    if (m_stale) {
        const QString expected = m_filterActive && interval > m_expectedIntervalMs
                                     ? tr("matches expected every %1")
                                     : tr("expected every %1");
        text += interval > 0 ? tr(" — stalled? (%1)").arg(expected.arg(humanDuration(interval)))
                             : tr(" — stalled?");
    } else {
        text += cadence;
    }
    setColored(m_lastMessage, text, m_stale ? WarningColor : QColor(), m_stale);
    m_lastMessage->setToolTip(
        QDateTime::fromMSecsSinceEpoch(m_stats.lastMessageAtMs).toString(Qt::ISODateWithMs));
}

} // namespace allium
