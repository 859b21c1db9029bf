// SPDX-License-Identifier: MIT
#pragma once

#include "core/base/gridtimer.h"
#include "core/stream/streamstats.h"

#include <QList>
#include <QWidget>

#include <functional>
#include <utility>

class QLabel;
class QProgressBar;

namespace allium {

class ElidingLabel;
class LayoutFence;

/// The live health of one stream: rates, error counters, buffer fill and, most visibly, how long
/// ago the last message came, turning to a warning when that is long for the topic's cadence.
class HealthReadoutWidget : public QWidget
{
    Q_OBJECT
public:
    explicit HealthReadoutWidget(QWidget *parent = nullptr);

    void setStats(const allium::StreamStats &stats);
    /// What the message buffer holds: messages, its capacity in messages, and memory used.
    void setBufferFill(qint64 count, qint64 capacity, qint64 bytes);
    /// The topic's usual time between messages (12 s for ethereum.blocks); 0: unknown.
    void setExpectedIntervalMs(qint64 intervalMs);
    /// A new topic: its cadence from the TopicCatalogue, shown as "next Bitcoin block ≈ 10 min",
    /// and "waiting for the first message" until one of this topic arrives.
    void setTopic(const QString &topic);
    /// A server filter was applied (or cleared): the expected cadence is learned anew from the
    /// rate of matching messages from now on, so a selective filter does not read as a stall.
    void setFilterActive(bool active);
    /// The time between messages staleness is judged against: the topic's, or the observed
    /// matching rate's when a filter makes it slower; 0 when not known (yet).
    qint64 effectiveIntervalMs() const;
    /// Staleness only warns while messages are expected (connected and started).
    void setStreaming(bool streaming);

    /// A gap longer than this is stale: 3 × the expected interval, at least 5 s (30 s unknown).
    qint64 staleThresholdMs() const;
    bool isStale() const { return m_stale; }

    /// The wall clock in ms since the epoch; tests may replace it.
    void setClock(std::function<qint64()> clock);

    /// 1536 → "1.5 KB"; used for bytes and bytes/s.
    static QString humanBytes(quint64 bytes);
    /// 400 ms → "400 ms", 12 s → "12 s", 130 s → "2 min 10 s", 600 s → "10 min", 2 h → "2 h".
    static QString humanDuration(qint64 ms);

public slots:
    /// Re-evaluates "last message … ago" (a timer calls it twice a second while the widget is
    /// in view and a message came).
    void updateStaleness();

public:
    /// The staleness timer runs (for tests).
    bool isTicking() const { return m_timer.isActive(); }
    /// Layout requests that reached the layouts around the readout (for tests).
    int relayoutsForwarded() const;
    /// Every row as "Caption: value", one a line: what "Copy readout" (context menu) copies.
    QString readoutText() const;

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    /// The value label of a new row; `value` given, that one (an ElidingLabel for a long line).
    QLabel *addRow(const QString &label, const QString &objectName, int row, int column,
                   int columnSpan = 1, QLabel *value = nullptr);
    void setCounter(QLabel *label, quint64 value);
    void setTraffic(const TransportTraffic &traffic);
    void setIntegrity(const IntegritySnapshot &integrity);

    QWidget *m_body;
    LayoutFence *m_fence = nullptr;
    QList<std::pair<QLabel *, QLabel *>> m_rows; ///< caption and value, in reading order
    QLabel *m_rate;
    QLabel *m_byteRate;
    QLabel *m_parseErrors;
    QLabel *m_dropped;
    QLabel *m_serverErrors;
    QLabel *m_wire = nullptr;
    QLabel *m_reconnects;
    // Long lines: in a narrow window they end in "…" and the tooltip has them whole.
    ElidingLabel *m_integrity = nullptr;
    ElidingLabel *m_lag = nullptr;
    QLabel *m_buffer;
    QProgressBar *m_bufferBar;
    QLabel *m_lastMessage;
    GridTimer m_timer;
    StreamStats m_stats;
    qint64 m_expectedIntervalMs = 0;
    QString m_cadenceNoun;      ///< "Bitcoin block"; empty: no cadence shown
    quint64 m_baseMessages = 0; ///< messages counted before this topic or filter
    qint64 m_baseAtMs = 0;      ///< when the current topic or filter began
    bool m_filterActive = false;
    bool m_streaming = true;
    bool m_stale = false;
    std::function<qint64()> m_clock;
};

} // namespace allium
