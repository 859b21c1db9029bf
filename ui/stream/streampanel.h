// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionoptions.h"
#include "core/connection/connectionstate.h"
#include "core/filter/filter.h"
#include "core/filter/filterpreview.h"
#include "core/stream/messagebatch.h"

#include <QUrl>
#include <QWidget>

class QAbstractItemModel;
class QAction;
class QFrame;
class QLabel;
class QPushButton;
class QSplitter;

namespace allium {

class GridTimer;

class FilterEditorPanel;
class HealthReadoutWidget;
class LiveChartsPanel;
class ElidingLabel;
class PlainLabel;
class RecordingControlWidget;
class ReplayController;
class ReplayControlsWidget;
class StreamSession;
class StreamTablePanel;
class TopicFieldCatalogues;
class TopicPickerWidget;

/// The "Stream" tab: topic picker and filter editor above the live table, with Start/Stop,
/// the state always in view ("● Streaming", "■ Stopped", "‖ View paused — 1,234 new") and a
/// non-modal message bar for server errors. Drives the StreamSession it is given.
class StreamPanel : public QWidget
{
    Q_OBJECT
public:
    /// Shows and drives `session`, which the caller owns and which outlives the panel.
    /// How long the message bar keeps a message: a report of a condition goes when the
    /// condition does, so that a fixed problem never stays on screen.
    enum class MessageLifetime {
        UntilDismissed,     ///< an event (a server error): until closed or replaced
        UntilConnected,     ///< a connection failure: until the stream is connected again
        UntilTargetChanges, ///< about where we connect (a key, a profile): until that changes
    };

    explicit StreamPanel(StreamSession *session, QWidget *parent = nullptr);
    ~StreamPanel() override;

    StreamSession *session() const { return m_session; }
    TopicPickerWidget *topicPicker() const { return m_picker; }
    FilterEditorPanel *filterEditor() const { return m_editor; }
    StreamTablePanel *tablePanel() const { return m_table; }
    LiveChartsPanel *charts() const { return m_charts; }
    HealthReadoutWidget *health() const { return m_health; }
    RecordingControlWidget *recordingControl() const { return m_recording; }
    /// Plays `controller`'s recording in this panel instead of a live topic (for good): its
    /// session connects to the file (ReplayTransport), the topic is the recording's, the
    /// replay controls replace Start and Stop, and the profile's connection no longer applies.
    /// The panel takes `controller` over.
    void setReplay(ReplayController *controller);
    /// The recording this panel plays, or null for a live stream.
    ReplayController *replay() const { return m_replay; }
    ReplayControlsWidget *replayControls() const { return m_replayControls; }

    /// Offers the fields every stream of the topic saw (shared by the workspace) instead of
    /// this stream's alone.
    void setSharedFields(TopicFieldCatalogues *catalogues);
    /// Where to connect; reconnects at once when a topic is open. The key is never shown.
    void setConnection(const QUrl &baseUrl, const QString &apiKey,
                       const ConnectionOptions &options);
    QUrl baseUrl() const { return m_baseUrl; }
    QString topic() const { return m_topic; }
    /// The filter last sent with setFilter (empty: none).
    Filter appliedFilter() const { return m_appliedFilter; }
    bool isViewPaused() const;
    /// What the state label says, e.g. "● Streaming".
    QString stateText() const;
    /// The message bar's text while it is shown, else empty.
    QString messageText() const;
    /// False while running and connected, connecting or reconnecting (Start would do nothing).
    bool isStartEnabled() const;
    /// The field the chart shows (empty: none).
    QString chartField() const;
    void setChartField(const QString &path);

    void setEditorVisible(bool visible);
    bool isEditorVisible() const;
    void setChartsVisible(bool visible);
    bool isChartsVisible() const;

    /// Splitter positions and which areas are shown.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);
    /// The table's own state (columns per topic, history size), saved apart from the layout.
    QByteArray saveTableState() const;
    bool restoreTableState(const QByteArray &state);
    /// The rows the table shows, after the local search: what an export writes.
    const QAbstractItemModel *visibleRows() const;
    /// Puts the keyboard focus on the live table.
    void focusTable();
    /// Adds `action` to the table's context menu and shortcuts.
    void addTableAction(QAction *action);

public slots:
    /// Closes the connection of the previous topic and opens one for `topic`; the table and
    /// the preview start over; the filter and the running state carry over.
    void setTopic(const QString &topic);
    void start();
    void stop();
    /// Opens the connection again after a disconnect (or now, while waiting to retry).
    void reconnectNow();
    void disconnectStream();
    /// Shows `filter` in the editor and sends it.
    void applyFilter(const allium::Filter &filter);
    /// Applies what the editor shows, when it is valid.
    void applyEditorFilter();
    void setViewPaused(bool paused);
    void toggleViewPaused();
    /// Shows the message bar (non-modal) for as long as `lifetime` says, or until closed or
    /// replaced.
    void
    showMessage(const QString &text,
                allium::StreamPanel::MessageLifetime lifetime = MessageLifetime::UntilDismissed);
    void hideMessage();
    void focusTopicSearch();

signals:
    void topicChanged(const QString &topic);
    /// The user asked for `topic` in a new stream (from this stream's topic picker).
    void newStreamRequested(const QString &topic);
    void filterApplied(const allium::Filter &filter);
    void runningChanged(bool running);
    void chartFieldChanged(const QString &path);
    void stateTextChanged(const QString &text);
    /// The table's view was paused (true) or resumed (false).
    void viewPausedChanged(bool paused);

private:
    void handleBatch(const MessageBatch &batch);
    void handleFieldsChanged();
    void handlePreviewRequested(const Filter &filter);
    void updateStateLabel();
    void updateButtons();
    void updateHealth();
    void openSession();

    StreamSession *m_session = nullptr;
    TopicFieldCatalogues *m_sharedFields = nullptr;
    QUrl m_baseUrl;
    QString m_topic;
    Filter m_appliedFilter;
    FilterPreview m_preview;

    TopicPickerWidget *m_picker = nullptr;
    FilterEditorPanel *m_editor = nullptr;
    StreamTablePanel *m_table = nullptr;
    QWidget *m_editorArea = nullptr;
    QWidget *m_chartsArea = nullptr;
    LiveChartsPanel *m_charts = nullptr;
    HealthReadoutWidget *m_health = nullptr;
    QSplitter *m_splitter = nullptr;
    QSplitter *m_editorSplitter = nullptr;
    PlainLabel *m_stateLabel = nullptr;
    ElidingLabel *m_topicLabel = nullptr;
    ElidingLabel *m_filterLabel = nullptr;
    PlainLabel *m_typeWarnings = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    RecordingControlWidget *m_recording = nullptr;
    ReplayController *m_replay = nullptr;
    ReplayControlsWidget *m_replayControls = nullptr;
    QFrame *m_messageBar = nullptr;
    PlainLabel *m_messageLabel = nullptr;
    quint64 m_serverErrorsShown = 0; ///< server errors the message bar counts now
    MessageLifetime m_messageLifetime = MessageLifetime::UntilDismissed;
    GridTimer *m_countdown = nullptr;
    GridTimer *m_previewRefresh = nullptr;
    QString m_stateText;
    bool m_chartsWanted = true;
    bool m_chartFieldChosen = false; // by the user or the settings, not by default
    bool m_settingDefaultChart = false;
    bool m_clearOnConnected = false; // a new topic or endpoint: drop the old one's stragglers
};

} // namespace allium
