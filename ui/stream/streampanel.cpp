// SPDX-License-Identifier: MIT
#include "ui/stream/streampanel.h"

#include "core/base/gridtimer.h"
#include "core/connection/connectionprofile.h"
#include "core/replay/replaycontroller.h"
#include "core/settings/panelstate.h"
#include "core/stream/streamsession.h"
#include "core/stream/topiccatalogue.h"
#include "core/table/messagefilterproxymodel.h"
#include "core/table/messagetablemodel.h"
#include "core/workspace/topicfieldcatalogues.h"
#include "ui/charts/livechartspanel.h"
#include "ui/connection/elidinglabel.h"
#include "ui/filter/filtereditorpanel.h"
#include "ui/health/healthreadoutwidget.h"
#include "ui/record/recordingcontrolwidget.h"
#include "ui/record/replaycontrolswidget.h"
#include "ui/stream/livetableview.h"
#include "ui/stream/streamtablepanel.h"
#include "ui/text/plainlabel.h"
#include "ui/theme/theme.h"
#include "ui/topic/topicpickerwidget.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>

namespace allium {

namespace {

constexpr quint32 StateMagic = 0x414c5350; // "ALSP"
constexpr quint32 StateVersion = 1;
constexpr int PreviewRefreshMs = 3000;

int conditionCount(const Filter &filter)
{
    if (filter.kind() == Filter::Kind::Condition)
        return 1;
    int count = 0;
    for (const Filter &child : filter.children())
        count += conditionCount(child);
    return count;
}

} // namespace

StreamPanel::StreamPanel(StreamSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("streamPanel"));
    setAccessibleName(tr("Stream"));

    // Header: what is happening, and the two buttons that change it.
    m_stateLabel = new PlainLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("streamStateLabel"));
    m_stateLabel->setAccessibleName(tr("Stream state"));
    QFont bold = m_stateLabel->font();
    bold.setBold(true);
    m_stateLabel->setFont(bold);
    m_stateLabel->setMinimumWidth(m_stateLabel->fontMetrics().horizontalAdvance(
        QStringLiteral("‖ View paused — 1,000,000 new · ● Streaming")));
    // The topic is also on the toolbar's topic button: in a narrow window this label gives way
    // first, so that the applied filter stays readable.
    m_topicLabel = new ElidingLabel(this);
    m_topicLabel->setMinimumText(tr("Topic"));
    m_topicLabel->setObjectName(QStringLiteral("streamTopicLabel"));
    m_topicLabel->setAccessibleName(tr("Topic"));
    m_topicLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_filterLabel = new ElidingLabel(this);
    m_filterLabel->setObjectName(QStringLiteral("appliedFilterLabel"));
    m_filterLabel->setAccessibleName(tr("Applied server filter"));
    m_filterLabel->setMinimumText(tr("Server filter: 99 conditions"));
    m_startButton = new QPushButton(tr("▶ Start"), this);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_startButton->setAccessibleName(tr("Start streaming"));
    m_startButton->setToolTip(tr("Ask the server to send messages (F5)"));
    m_stopButton = new QPushButton(tr("■ Stop"), this);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setAccessibleName(tr("Stop streaming"));
    m_stopButton->setToolTip(tr("Ask the server to stop sending; the connection stays open "
                                "(Shift+F5)"));

    m_recording = new RecordingControlWidget(m_session, this);
    m_recording->setObjectName(QStringLiteral("recordingControl"));

    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->addWidget(m_startButton);
    header->addWidget(m_stopButton);
    header->addWidget(m_recording);
    header->addSpacing(8);
    header->addWidget(m_stateLabel);
    header->addSpacing(8);
    header->addWidget(m_topicLabel);
    header->addSpacing(8);
    header->addWidget(m_filterLabel, 1);

    // The message bar: server errors and failures, visible but never in the way.
    m_messageBar = new QFrame(this);
    m_messageBar->setObjectName(QStringLiteral("messageBar"));
    m_messageBar->setFrameShape(QFrame::StyledPanel);
    m_messageBar->setAutoFillBackground(true);
    m_messageLabel = new PlainLabel(m_messageBar);
    m_messageLabel->setObjectName(QStringLiteral("messageBarText"));
    m_messageLabel->setAccessibleName(tr("Stream message"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *closeMessage = new QToolButton(m_messageBar);
    closeMessage->setObjectName(QStringLiteral("messageBarClose"));
    closeMessage->setText(QStringLiteral("✕"));
    closeMessage->setAccessibleName(tr("Dismiss message"));
    closeMessage->setAutoRaise(true);
    auto *barLayout = new QHBoxLayout(m_messageBar);
    barLayout->setContentsMargins(8, 4, 4, 4);
    barLayout->addWidget(m_messageLabel, 1);
    barLayout->addWidget(closeMessage);
    m_messageBar->hide();

    m_picker = new TopicPickerWidget(this);
    m_picker->setAccessibleName(tr("Topic picker"));
    m_editor = new FilterEditorPanel(this);
    m_editor->setObjectName(QStringLiteral("filterEditor"));
    m_editor->setAccessibleName(tr("Server filter editor"));
    m_typeWarnings = new PlainLabel(this);
    m_typeWarnings->setObjectName(QStringLiteral("previewTypeWarnings"));
    m_typeWarnings->setAccessibleName(tr("Filter type warnings"));
    m_typeWarnings->setWordWrap(true);
    m_typeWarnings->hide();

    auto *editorColumn = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorColumn);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addWidget(m_typeWarnings);

    m_editorSplitter = new QSplitter(Qt::Horizontal, this);
    m_editorSplitter->setObjectName(QStringLiteral("editorSplitter"));
    m_editorSplitter->addWidget(m_picker);
    m_editorSplitter->addWidget(editorColumn);
    m_editorSplitter->setStretchFactor(0, 1);
    m_editorSplitter->setStretchFactor(1, 3);
    m_editorSplitter->setSizes({260, 740});
    // Scrolls rather than forcing its height on the window: at 1024×700 the table and the
    // charts keep their room and the editor can still be reached whole.
    auto *editorScroll = new QScrollArea(this);
    editorScroll->setObjectName(QStringLiteral("editorArea"));
    editorScroll->setWidgetResizable(true);
    editorScroll->setFrameShape(QFrame::NoFrame);
    editorScroll->setWidget(m_editorSplitter);
    m_editorArea = editorScroll;

    m_table = new StreamTablePanel(this);

    m_charts = new LiveChartsPanel(this);
    m_charts->setAccessibleName(tr("Live charts"));
    m_health = new HealthReadoutWidget(this);
    m_health->setAccessibleName(tr("Stream health"));
    m_chartsArea = new QWidget(this);
    m_chartsArea->setObjectName(QStringLiteral("chartsArea"));
    auto *chartsLayout = new QHBoxLayout(m_chartsArea);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    // Below a wide table the two charts sit side by side rather than stacked.
    if (auto *chartSplitter = m_charts->findChild<QSplitter *>())
        chartSplitter->setOrientation(Qt::Horizontal);
    // The readout gets the room its lines ask for (they end in "…" when there is less), the
    // charts the rest.
    chartsLayout->addWidget(m_charts, 1);
    chartsLayout->addWidget(m_health, 0);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("streamSplitter"));
    m_splitter->addWidget(m_editorArea);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_chartsArea);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 4);
    m_splitter->setStretchFactor(2, 2);
    m_splitter->setCollapsible(1, false);
    m_splitter->setSizes({230, 400, 170});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(header);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_splitter, 1);

    setTabOrder(m_startButton, m_stopButton);
    setTabOrder(m_stopButton, m_recording);
    setTabOrder(m_recording, m_picker);
    setTabOrder(m_picker, m_editor);
    setTabOrder(m_editor, m_table);
    setTabOrder(m_table, m_charts);
    setTabOrder(m_charts, m_health);

    // Space pauses the view while the table has the focus (elsewhere it types a space).
    auto *space = new QShortcut(QKeySequence(Qt::Key_Space), m_table->view());
    space->setContext(Qt::WidgetShortcut);
    space->setWhatsThis(tr("Pause or resume the table view"));
    connect(space, &QShortcut::activated, this, &StreamPanel::toggleViewPaused);

    // The preview follows the traffic while the editor is in view (cheap: a bounded sample).
    m_previewRefresh = new GridTimer(this);
    m_previewRefresh->setInterval(PreviewRefreshMs);
    connect(m_previewRefresh, &GridTimer::timeout, this, [this] {
        if (m_editor->isVisible() && m_editor->isValid())
            handlePreviewRequested(m_editor->filter());
    });
    m_previewRefresh->start();

    m_countdown = new GridTimer(this);
    m_countdown->setInterval(500);
    connect(m_countdown, &GridTimer::timeout, this, &StreamPanel::updateStateLabel);

    connect(closeMessage, &QToolButton::clicked, this, &StreamPanel::hideMessage);
    connect(m_startButton, &QPushButton::clicked, this, &StreamPanel::start);
    connect(m_stopButton, &QPushButton::clicked, this, &StreamPanel::stop);
    connect(m_picker, &TopicPickerWidget::topicChosen, this, &StreamPanel::setTopic);
    connect(m_picker, &TopicPickerWidget::newStreamRequested, this,
            &StreamPanel::newStreamRequested);
    connect(m_editor, &FilterEditorPanel::applyRequested, this, &StreamPanel::applyFilter);
    connect(m_editor, &FilterEditorPanel::previewRequested, this,
            &StreamPanel::handlePreviewRequested);
    // Expand gives the filter editor most of the height (the table keeps a few rows); the
    // sizes from before come back when it is turned off.
    connect(m_editor, &FilterEditorPanel::expandToggled, this,
            [this, before = std::make_shared<QList<int>>()](bool expanded) {
                const QList<int> sizes = m_splitter->sizes();
                if (expanded) {
                    *before = sizes;
                    const int total = sizes.value(0) + sizes.value(1) + sizes.value(2);
                    const int editor = total * 3 / 5;
                    m_splitter->setSizes(
                        {editor, total - editor - sizes.value(2) / 2, sizes.value(2) / 2});
                } else if (!before->isEmpty()) {
                    m_splitter->setSizes(*before);
                }
            });

    connect(m_table->model(), &MessageTableModel::pausedChanged, this,
            &StreamPanel::viewPausedChanged);
    connect(m_session, &StreamSession::messagesReceived, this, &StreamPanel::handleBatch);
    connect(m_session, &StreamSession::fieldsChanged, this, &StreamPanel::handleFieldsChanged);
    connect(m_session, &StreamSession::stateChanged, this, [this](ConnectionState state) {
        if (state == ConnectionState::Reconnecting)
            m_countdown->start();
        else
            m_countdown->stop();
        if (state == ConnectionState::Connected && m_clearOnConnected) {
            // The previous connection's last batch may land after the switch; the new
            // connection's messages only come after this signal.
            m_clearOnConnected = false;
            m_table->clear();
            m_charts->clear();
        }
        if (state == ConnectionState::Connected &&
            m_messageLifetime == MessageLifetime::UntilConnected)
            hideMessage();
        updateStateLabel();
        updateButtons();
    });
    connect(m_session, &StreamSession::reconnectScheduled, this, &StreamPanel::updateStateLabel);
    connect(m_session, &StreamSession::statsChanged, m_health, &HealthReadoutWidget::setStats);
    connect(m_charts, &LiveChartsPanel::watchedFieldChanged, this, [this](const QString &path) {
        // One watched field: its value is extracted[0] of every message from now on.
        m_session->setWatchedFields(path.isEmpty() ? QStringList() : QStringList{path});
        m_charts->setWatchedFieldIndex(path.isEmpty() ? -1 : 0);
        if (!m_settingDefaultChart) {
            m_chartFieldChosen = !path.isEmpty();
            emit chartFieldChanged(path);
        }
    });
    connect(m_session, &StreamSession::serverErrorsReceived, this,
            [this](quint64 count, const QString &lastMessage) {
                // A flood of errors is one line that counts, not a line each.
                const quint64 shown = m_serverErrorsShown + count;
                showMessage(shown == 1
                                ? tr("The server answered with an error: %1").arg(lastMessage)
                                : tr("The server answered with %1 errors; the last: %2")
                                      .arg(shown)
                                      .arg(lastMessage));
                m_serverErrorsShown = shown;
            });
    connect(m_session, &StreamSession::failed, this, [this](const QString &reason) {
        showMessage(tr("The stream connection failed: %1").arg(reason),
                    MessageLifetime::UntilConnected);
    });

    // A write error (a full disk) ends the recording, never the stream.
    connect(m_recording, &RecordingControlWidget::recordingFailed, this,
            [this](const QString &message) { showMessage(message); });

    MessageTableModel *model = m_table->model();
    connect(model, &MessageTableModel::pausedChanged, this, &StreamPanel::updateStateLabel);
    connect(model, &MessageTableModel::pendingCountChanged, this, &StreamPanel::updateStateLabel);
    // Pausing the view freezes the charts with the table.
    connect(model, &MessageTableModel::pausedChanged, m_charts, &LiveChartsPanel::setPaused);
    connect(model, &MessageTableModel::fillChanged, this, [this, model] {
        m_health->setBufferFill(model->size(), model->capacity(), model->bytes());
    });

    m_filterLabel->setFullText(tr("Server filter: none"));
    setTopic(QString());
    updateStateLabel();
    updateButtons();
}

StreamPanel::~StreamPanel() = default;

QByteArray StreamPanel::saveTableState() const
{
    return m_table->saveState();
}

bool StreamPanel::restoreTableState(const QByteArray &state)
{
    return m_table->restoreState(state);
}

const QAbstractItemModel *StreamPanel::visibleRows() const
{
    return m_table->proxyModel();
}

void StreamPanel::focusTable()
{
    m_table->view()->setFocus();
}

void StreamPanel::addTableAction(QAction *action)
{
    m_table->addAction(action);
}

void StreamPanel::setConnection(const QUrl &baseUrl, const QString &apiKey,
                                const ConnectionOptions &options)
{
    if (m_replay)
        return; // a recording plays from its file, whatever the profile
    m_clearOnConnected = m_clearOnConnected || baseUrl != m_baseUrl;
    m_baseUrl = baseUrl;
    if (m_messageLifetime == MessageLifetime::UntilTargetChanges)
        hideMessage();
    m_session->setApiKey(apiKey);
    m_session->setConnectionOptions(options);
    if (!m_topic.isEmpty())
        openSession();
}

void StreamPanel::openSession()
{
    m_session->close();
    if (m_baseUrl.isEmpty() || m_topic.isEmpty())
        return;
    m_session->setUrl(m_replay ? m_replay->streamUrl()
                               : ConnectionProfile::streamUrl(m_baseUrl, m_topic));
    m_session->open();
}

void StreamPanel::setReplay(ReplayController *controller)
{
    if (m_replay)
        return;
    m_replay = controller;
    controller->setParent(this);
    controller->setSession(m_session);
    m_replayControls = new ReplayControlsWidget(controller, this);
    if (auto *box = qobject_cast<QVBoxLayout *>(layout()))
        box->insertWidget(1, m_replayControls);
    m_replayControls->show(); // with the panel, also when it is shown already
    // Play and pause are the session's start and stop: the controls say it better.
    m_startButton->hide();
    m_stopButton->hide();
    m_picker->setEnabled(false); // a recording has one topic
    connect(controller, &ReplayController::playingChanged, this, [this](bool playing) {
        updateStateLabel();
        updateButtons();
        emit runningChanged(playing);
    });
    // What the views show is from before a seek (or the loop's start over). Cleared when the
    // session says so, in order with its batches, so that none from before lands after.
    connect(m_session, &StreamSession::discontinued, this, [this] {
        m_table->clear();
        m_charts->clear();
    });
    m_clearOnConnected = true;
    m_baseUrl = controller->streamUrl();
    m_session->close();
    m_session->setApiKey({});
    m_session->setConnectionOptions(controller->connectionOptions(m_session->connectionOptions()));
    m_topic.clear();
    setTopic(controller->header().topic);
    applyFilter(m_appliedFilter); // the filter label says where a replay's filter applies
}

void StreamPanel::setTopic(const QString &topic)
{
    if (m_replay && !topic.isEmpty() && topic != m_replay->header().topic) {
        // A recording has its one topic: another one is a live stream of its own.
        emit newStreamRequested(topic);
        return;
    }
    const bool changed = topic != m_topic;
    if (changed && m_recording->isRecording()) {
        // A recording holds one topic (its header says which).
        m_recording->stopRecording();
        showMessage(tr("The recording stopped: the stream changed to another topic."));
    }
    m_clearOnConnected = m_clearOnConnected || changed;
    m_topic = topic;
    m_topicLabel->setFullText(topic.isEmpty() ? tr("No topic chosen") : tr("Topic: %1").arg(topic));
    m_table->setTopic(topic);
    m_editor->setTopic(topic);
    m_editor->setLiveFields({});
    m_preview.setTopic(topic);
    m_preview.setLiveFields({});
    m_typeWarnings->hide();
    m_charts->clear();
    m_charts->setFieldCatalogue({});
    // Staleness is judged against the topic's real cadence (12 s for Ethereum blocks), or the
    // filter's observed one; unknown topics get the widget's default.
    m_health->setTopic(topic);
    // The user's choice stays; until there is one, a topic starts with a telling field.
    if (changed && !m_chartFieldChosen) {
        m_settingDefaultChart = true;
        m_charts->setWatchedField(TopicCatalogue::chartField(topic));
        m_settingDefaultChart = false;
    }
    if (!topic.isEmpty())
        openSession();
    updateStateLabel();
    updateButtons();
    if (changed)
        emit topicChanged(topic);
}

void StreamPanel::start()
{
    if (m_replay) {
        m_replay->play();
        return;
    }
    if (m_topic.isEmpty()) {
        showMessage(tr("Choose a topic first (Ctrl+T)."));
        focusTopicSearch();
        return;
    }
    const ConnectionState state = m_session->state();
    if (state == ConnectionState::Disconnected || state == ConnectionState::Failed)
        openSession();
    m_session->start();
    updateStateLabel();
    updateButtons();
    emit runningChanged(true);
}

void StreamPanel::stop()
{
    if (m_replay) {
        m_replay->pause();
        return;
    }
    m_session->stop();
    updateStateLabel();
    updateButtons();
    emit runningChanged(false);
}

void StreamPanel::reconnectNow()
{
    const ConnectionState state = m_session->state();
    if (state == ConnectionState::Disconnected || state == ConnectionState::Failed)
        openSession();
    else
        m_session->reconnectNow();
}

void StreamPanel::disconnectStream()
{
    m_session->close();
}

void StreamPanel::applyFilter(const Filter &filter)
{
    if (m_editor->filter() != filter)
        m_editor->setFilter(filter);
    m_appliedFilter = filter;
    m_session->setFilter(filter);
    m_table->markFilterApplied(filter);
    m_health->setFilterActive(!filter.isEmpty());
    if (filter.isEmpty()) {
        m_filterLabel->setFullText(m_replay ? tr("Replay filter: none")
                                            : tr("Server filter: none"));
        m_filterLabel->setDetail(m_replay ? tr("Every message of the recording is shown.")
                                          : tr("Every message of the topic is sent."));
    } else {
        // Short enough for 1024 px (shortened below that); the fields and the exact JSON are in
        // the tooltip. A replay applies the filter here: there is no server.
        const int conditions = conditionCount(filter);
        m_filterLabel->setFullText(
            m_replay ? (conditions == 1 ? tr("Replay filter: 1 condition")
                                        : tr("Replay filter: %1 conditions").arg(conditions))
                     : (conditions == 1 ? tr("Server filter: 1 condition")
                                        : tr("Server filter: %1 conditions").arg(conditions)));
        m_filterLabel->setDetail(tr("On %1\n\n%2")
                                     .arg(filter.fieldPaths().join(QStringLiteral(", ")),
                                          QString::fromUtf8(filter.toJsonText(true))));
    }
    emit filterApplied(filter);
}

void StreamPanel::applyEditorFilter()
{
    m_editor->apply();
}

bool StreamPanel::isViewPaused() const
{
    return m_table->model()->isPaused();
}

void StreamPanel::setViewPaused(bool paused)
{
    m_table->setPaused(paused);
}

void StreamPanel::toggleViewPaused()
{
    setViewPaused(!isViewPaused());
}

void StreamPanel::showMessage(const QString &text, MessageLifetime lifetime)
{
    m_messageLifetime = lifetime;
    QPalette palette = this->palette();
    palette.setColor(QPalette::Window, Theme::noticeBackground(palette));
    m_messageBar->setPalette(palette);
    m_messageLabel->setText(text);
    m_serverErrorsShown = 0;
    m_messageBar->show();
}

void StreamPanel::hideMessage()
{
    m_messageBar->hide();
    m_messageLabel->clear();
    m_serverErrorsShown = 0;
    m_messageLifetime = MessageLifetime::UntilDismissed;
}

QString StreamPanel::messageText() const
{
    return m_messageBar->isVisible() ? m_messageLabel->text() : QString();
}

bool StreamPanel::isStartEnabled() const
{
    return m_startButton->isEnabled();
}

void StreamPanel::focusTopicSearch()
{
    setEditorVisible(true);
    if (auto *search = m_picker->findChild<QLineEdit *>(QStringLiteral("topicSearch"))) {
        search->setFocus(Qt::ShortcutFocusReason);
        search->selectAll();
    } else {
        m_picker->setFocus(Qt::ShortcutFocusReason);
    }
}

void StreamPanel::setEditorVisible(bool visible)
{
    m_editorArea->setVisible(visible);
}

bool StreamPanel::isEditorVisible() const
{
    return !m_editorArea->isHidden();
}

void StreamPanel::setChartsVisible(bool visible)
{
    m_chartsWanted = visible;
    m_chartsArea->setVisible(visible);
}

bool StreamPanel::isChartsVisible() const
{
    return m_chartsWanted;
}

QString StreamPanel::stateText() const
{
    return m_stateText;
}

void StreamPanel::handleBatch(const MessageBatch &batch)
{
    m_table->appendBatch(batch);
    m_charts->appendBatch(batch);
}

QString StreamPanel::chartField() const
{
    return m_charts->watchedField();
}

void StreamPanel::setChartField(const QString &path)
{
    m_chartFieldChosen = !path.isEmpty();
    m_charts->setWatchedField(path);
}

void StreamPanel::setSharedFields(TopicFieldCatalogues *catalogues)
{
    m_sharedFields = catalogues;
    // The stream's own report reaches the shared catalogue first; this one follows it.
    disconnect(m_session, &StreamSession::fieldsChanged, this, &StreamPanel::handleFieldsChanged);
    connect(catalogues, &TopicFieldCatalogues::fieldsChanged, this, [this](const QString &topic) {
        if (topic == m_topic && !m_topic.isEmpty())
            handleFieldsChanged();
    });
}

void StreamPanel::handleFieldsChanged()
{
    const QVector<FieldInfo> fields =
        m_sharedFields ? m_sharedFields->fields(m_topic) : m_session->fields();
    m_preview.setLiveFields(fields);
    m_editor->setLiveFields(FilterPreview::toTopicFields(fields));
}

void StreamPanel::handlePreviewRequested(const Filter &filter)
{
    const MessageTableModel *model = m_table->model();
    const FilterPreviewResult result =
        m_preview.run(filter, model->size(), [model](int row) { return model->message(row).json; });
    m_editor->setPreview(result);
    m_typeWarnings->setText(result.typeWarnings.join(QLatin1Char('\n')));
    m_typeWarnings->setVisible(!result.typeWarnings.isEmpty());
}

void StreamPanel::updateStateLabel()
{
    const ConnectionState state = m_session->state();
    QString text;
    switch (state) {
    case ConnectionState::Disconnected:
        text = m_topic.isEmpty() ? tr("○ No topic") : tr("○ Disconnected");
        break;
    case ConnectionState::Connecting:
        text = tr("◌ Connecting…");
        break;
    case ConnectionState::Reconnecting: {
        const qint64 ms = m_session->msUntilRetry();
        text = ms >= 0 ? tr("↻ Reconnecting (attempt %1) in %2 s…")
                             .arg(m_session->attempt())
                             .arg((ms + 999) / 1000)
                       : tr("↻ Reconnecting…");
        break;
    }
    case ConnectionState::Failed:
        text = tr("✖ Failed");
        break;
    case ConnectionState::Connected:
        text = m_session->isRunning() ? tr("● Streaming") : tr("■ Stopped");
        break;
    }
    if (isViewPaused())
        // U+2016 (not U+23F8, which the usual fonts lack and draw as a box).
        text = tr("‖ View paused — %1 new · %2")
                   .arg(QLocale().toString(m_table->model()->pendingCount()), text);
    if (text == m_stateText)
        return;
    m_stateText = text;
    m_stateLabel->setText(text);
    m_stateLabel->setPlainToolTip(state == ConnectionState::Failed ? m_session->failureReason()
                                                                   : connectionStateText(state));
    emit stateTextChanged(text);
}

void StreamPanel::updateHealth()
{
    m_health->setStreaming(m_session->isRunning() &&
                           m_session->state() == ConnectionState::Connected);
}

void StreamPanel::updateButtons()
{
    updateHealth();
    const bool running = m_session->isRunning();
    // Start means something only when stopped or with no connection left to wait for: while
    // connecting or reconnecting the stream starts by itself once connected.
    const ConnectionState state = m_session->state();
    m_startButton->setEnabled(!running || state == ConnectionState::Disconnected ||
                              state == ConnectionState::Failed);
    m_stopButton->setEnabled(running);
}

QByteArray StreamPanel::saveState() const
{
    PanelState out(StateMagic, StateVersion);
    out << m_splitter->saveState() << m_editorSplitter->saveState() << isEditorVisible()
        << m_chartsWanted;
    return out.data();
}

bool StreamPanel::restoreState(const QByteArray &state)
{
    PanelState in(state, StateMagic, StateVersion);
    QByteArray splitter;
    QByteArray editorSplitter;
    bool editorVisible = true;
    bool chartsVisible = true;
    in >> splitter >> editorSplitter >> editorVisible >> chartsVisible;
    if (!in.isValid())
        return false;
    m_splitter->restoreState(splitter);
    m_editorSplitter->restoreState(editorSplitter);
    setEditorVisible(editorVisible);
    setChartsVisible(chartsVisible);
    return true;
}

} // namespace allium
