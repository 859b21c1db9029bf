// SPDX-License-Identifier: MIT
#include "ui/mainwindow.h"

#include "core/alerts/alertcenter.h"
#include "core/api/apiclient.h"
#include "core/connection/connectioneventlog.h"
#include "core/connection/connectionprofile.h"
#include "core/connection/connectionresolver.h"
#include "core/connection/embeddedserver.h"
#include "core/connection/websocketconnection.h"
#include "core/replay/replaycontroller.h"
#include "core/settings/appsettings.h"
#include "core/settings/keystore.h"
#include "core/settings/profilestore.h"
#include "core/stream/streamsession.h"
#include "core/table/messagefilterproxymodel.h"
#include "core/table/messagetablemodel.h"
#include "core/table/rowexporter.h"
#include "core/table/rowexporttask.h"
#include "core/workspace/historybudget.h"
#include "core/workspace/streamoverviewmodel.h"
#include "core/workspace/streamworkspace.h"
#include "core/workspace/workspacestate.h"
#include "ui/alerts/alertactions.h"
#include "ui/connection/connectionstatuswidget.h"
#include "ui/connection/eventlogview.h"
#include "ui/connection/profilebadge.h"
#include "ui/connection/profiledialog.h"
#include "ui/console/apiconsolepanel.h"
#include "ui/filter/filtereditorpanel.h"
#include "ui/help/shortcutsdialog.h"
#include "ui/stream/livetableview.h"
#include "ui/stream/streampanel.h"
#include "ui/stream/streamtablepanel.h"
#include "ui/text/layoutfence.h"
#include "ui/text/plainlabel.h"
#include "ui/text/plaintext.h"
#include "ui/workspace/streamoverviewwidget.h"
#include "ui/workspace/streamworkspaceview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>

namespace allium {

namespace {

const QString commandLineProfile = ConnectionResolver::commandLineProfileName();

} // namespace

MainWindow::MainWindow(const MainWindowOptions &options, const MainWindowServices &services,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_settings(services.settings)
    , m_profiles(services.profiles)
    , m_keys(services.keys)
    , m_savedRequests(services.savedRequests)
    , m_embeddedServer(services.embeddedServer)
    , m_apiClient(services.apiClient)
    , m_eventLog(services.eventLog)
    , m_workspace(services.workspace)
    , m_alerts(services.alerts)
{
    setAcceptDrops(true); // a recording dropped on the window opens as a replay
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Allium Monitor"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/allium-monitor.svg")));
    setMinimumSize(800, 600);

    // Keys saved by an older version sit in entries named after their profile: they move to
    // the profile's id once (QtKeychain runs jobs in order, so reads queued meanwhile by
    // connectProfile() still find the key).
    adoptLegacyKeyFlags();
    m_profiles->migrateLegacyKeys(m_keys);

    m_overviewModel = new StreamOverviewModel(m_workspace, this);
    m_workspaceView = new StreamWorkspaceView(m_workspace, m_overviewModel, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_workspaceView, tr("Streams"));
    buildConsole();
    setCentralWidget(m_tabs);

    buildActions();
    buildToolBar();
    buildEventLogDock();
    buildOverviewDock();
    buildMenus();
    buildStatusBar();
    if (services.alerts) {
        m_alertActions = new AlertActions(this, services.alerts, m_workspace, m_workspaceView);
        connect(m_alertActions, &AlertActions::streamRequested, this, [this](StreamPanel *panel) {
            showStreamsTab();
            m_workspaceView->setCurrentPanel(panel);
        });
    }

    m_eventLog->attach(m_apiClient->connection(), tr("API"));
    connect(m_workspaceView, &StreamWorkspaceView::panelOpened, this,
            &MainWindow::handlePanelOpened);
    connect(m_workspaceView, &StreamWorkspaceView::panelClosing, this,
            [this](StreamPanel *panel) { m_eventLog->detach(panel->session()); });
    connect(m_workspaceView, &StreamWorkspaceView::currentPanelChanged, this,
            &MainWindow::handleCurrentPanelChanged);
    connect(m_workspace, &StreamWorkspace::historyTrimmed, this,
            [this](StreamSession *session, quint64 messages) {
                const QString text =
                    tr("The memory budget of %1 for all histories is reached: the oldest %2 "
                       "messages of this stream, the largest, were removed (see View → "
                       "Overview).")
                        .arg(QLocale().formattedDataSize(m_workspace->budget()->budgetBytes(), 1,
                                                         QLocale::DataSizeTraditionalFormat),
                             QLocale().toString(qulonglong(messages)));
                m_eventLog->addEvent(StreamOverviewModel::streamName(*session),
                                     ConnectionEventKind::Info, text);
                statusBar()->showMessage(PlainText::bounded(text), 10000);
            });
    connect(m_profiles, &ProfileStore::profilesChanged, this, &MainWindow::refreshProfileBox);

    // The first stream; startUp() gives it its topic, or replaces it with the saved workspace.
    m_workspaceView->openStream({}, {}, false);

    refreshProfileBox();
    resize(1280, 800);
}

MainWindow::~MainWindow()
{
    // The connections end with the window; the embedded server they talk to outlives both.
    m_apiClient->close();
    // The streams go first, while the overview that counts them still exists.
    for (const QMetaObject::Connection &connection : std::as_const(m_currentConnections))
        disconnect(connection);
    m_streamStatus->detach();
    delete m_workspaceView;
    m_workspaceView = nullptr;
}

StreamPanel *MainWindow::streamPanel() const
{
    return m_workspaceView->currentPanel();
}

void MainWindow::showStreamsTab()
{
    m_tabs->setCurrentWidget(m_workspaceView);
}

void MainWindow::handlePanelOpened(StreamPanel *panel)
{
    StreamSession *session = panel->session();
    panel->addTableAction(m_applyAction);
    // Ctrl+F anywhere in the stream finds in its messages.
    panel->addAction(panel->tablePanel()->findAction());
    m_eventLog->attach(session, StreamOverviewModel::streamName(*session));
    // The log names the stream after its topic and filter, which change.
    const auto rename = [this, session] {
        m_eventLog->detach(session);
        m_eventLog->attach(session, StreamOverviewModel::streamName(*session));
    };
    connect(panel, &StreamPanel::topicChanged, this, rename);
    // One line per integrity event (an outage says "missed while disconnected"); the stream's
    // "gap or reorg" and "lag" alert rules judge the same events.
    connect(session, &StreamSession::integrityEventOccurred, this,
            [this, session](const IntegrityEvent &event) {
                m_eventLog->addEvent(StreamOverviewModel::streamName(*session),
                                     ConnectionEventKind::Integrity, event.summary());
                if (m_alerts)
                    m_alerts->noteIntegrityEvent(session, event);
            });
    connect(panel, &StreamPanel::filterApplied, this,
            [this, session, rename](const Filter &filter) {
                // What changed the stream, in its story: the fields, not the values (which may be
                // anything the user typed).
                const QStringList fields = filter.fieldPaths();
                m_eventLog->addEvent(
                    StreamOverviewModel::streamName(*session), ConnectionEventKind::Info,
                    filter.isEmpty()
                        ? tr("Server filter cleared")
                        : tr("Server filter applied on %1").arg(fields.join(QStringLiteral(", "))));
                rename();
            });
}

void MainWindow::handleCurrentPanelChanged(StreamPanel *panel)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_currentConnections))
        disconnect(connection);
    m_currentConnections.clear();
    if (!panel)
        return;
    StreamSession *session = panel->session();
    m_streamStatus->attach(session);
    updateHealth(session->stats());
    updateTopicButton(panel->topic());
    m_pauseAction->setChecked(panel->isViewPaused());
    // The toolbar's Start follows the panel's: disabled while it would do nothing.
    const auto updateStart = [this, panel] { m_startAction->setEnabled(panel->isStartEnabled()); };
    updateStart();
    m_currentConnections
        << connect(session, &StreamSession::statsChanged, this, &MainWindow::updateHealth)
        << connect(panel, &StreamPanel::topicChanged, this, &MainWindow::updateTopicButton)
        << connect(panel, &StreamPanel::viewPausedChanged, m_pauseAction, &QAction::setChecked)
        << connect(session, &StreamSession::stateChanged, this, updateStart)
        << connect(panel, &StreamPanel::runningChanged, this, updateStart)
        // allium-cli and older versions read the last topic and filter.
        << connect(panel, &StreamPanel::topicChanged, this,
                   [this](const QString &topic) {
                       if (m_startedUp && !topic.isEmpty())
                           m_settings->setLastTopic(topic);
                   })
        << connect(panel, &StreamPanel::filterApplied, this,
                   [this](const Filter &filter) {
                       if (m_startedUp)
                           m_settings->setLastFilter(filter.isEmpty() ? QByteArray()
                                                                      : filter.toJsonText());
                   })
        << connect(panel, &StreamPanel::chartFieldChanged, this, [this](const QString &path) {
               if (m_startedUp)
                   m_settings->setChartField(path);
           });
}

void MainWindow::buildActions()
{
    const auto make = [this](const QString &text, const QString &name, const QString &tip) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        action->setToolTip(tip);
        action->setStatusTip(tip);
        return action;
    };
    m_topicAction = make(tr("Choose &topic…"), QStringLiteral("topicAction"),
                         tr("Change this stream's topic: search the known topics or type any "
                            "chain.kind (Ctrl+L)"));
    m_topicAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_topicAction, &QAction::triggered, this, [this] {
        showStreamsTab();
        streamPanel()->focusTopicSearch();
    });

    m_newStreamAction = make(tr("&New stream"), QStringLiteral("newStreamAction"),
                             tr("Open another stream in a new tab (Ctrl+T)"));
    m_newStreamAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_newStreamAction, &QAction::triggered, this, [this] {
        showStreamsTab();
        m_workspaceView->openStream();
    });
    m_duplicateAction = make(tr("&Duplicate stream"), QStringLiteral("duplicateStreamAction"),
                             tr("Open the same topic with the same filter in a new tab, to "
                                "change its filter (Ctrl+Shift+D)"));
    m_duplicateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(m_duplicateAction, &QAction::triggered, this, [this] {
        showStreamsTab();
        m_workspaceView->duplicateStream(streamPanel());
    });
    m_sideBySideAction = make(tr("Show &side by side"), QStringLiteral("sideBySideAction"),
                              tr("Move this stream to the other side of a split view, next to "
                                 "the others (Ctrl+Shift+S)"));
    m_sideBySideAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_sideBySideAction, &QAction::triggered, this, [this] {
        showStreamsTab();
        StreamPanel *panel = streamPanel();
        // A lone stream is compared with a duplicate of itself (e.g. to filter one of them).
        if (m_workspaceView->count() == 1)
            m_workspaceView->duplicateStream(panel, true);
        else
            m_workspaceView->moveToOtherSide(panel);
    });
    m_closeStreamAction = make(tr("&Close stream"), QStringLiteral("closeStreamAction"),
                               tr("Close this stream and its connection (Ctrl+W)"));
    m_closeStreamAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(m_closeStreamAction, &QAction::triggered, this,
            [this] { m_workspaceView->closeStream(streamPanel()); });

    m_startAction = make(tr("&Start"), QStringLiteral("startAction"),
                         tr("Ask the server to send messages (F5)"));
    m_startAction->setShortcut(QKeySequence(Qt::Key_F5));
    connect(m_startAction, &QAction::triggered, this, [this] { streamPanel()->start(); });

    m_stopAction = make(tr("S&top"), QStringLiteral("stopAction"),
                        tr("Ask the server to stop sending (Shift+F5)"));
    m_stopAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    connect(m_stopAction, &QAction::triggered, this, [this] { streamPanel()->stop(); });

    m_pauseAction = make(tr("&Pause view"), QStringLiteral("pauseAction"),
                         tr("Freeze the table while messages keep arriving (Ctrl+P, or Space "
                            "in the table)"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(m_pauseAction, &QAction::toggled, this,
            [this](bool paused) { streamPanel()->setViewPaused(paused); });

    // Ctrl+Return belongs to whichever editor has the focus (the filter editor applies, the
    // console sends): here it applies only from the table and the toolbar, or Qt would see
    // two shortcuts for one key and run neither.
    m_applyAction = make(tr("&Apply filter"), QStringLiteral("applyFilterAction"),
                         tr("Send the filter in the editor to the server (Ctrl+Return)"));
    m_applyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_applyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_applyAction, &QAction::triggered, this,
            [this] { streamPanel()->applyEditorFilter(); });

    m_reconnectAction = make(tr("&Reconnect now"), QStringLiteral("reconnectAction"),
                             tr("Connect again at once, without waiting for the next retry "
                                "(Ctrl+R)"));
    m_reconnectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_reconnectAction, &QAction::triggered, this, [this] {
        // Always a new connection, live or not; each connection says so in the log (one line
        // each, not another one for the app). Every stream: they share the endpoint.
        for (StreamPanel *panel : m_workspaceView->panels())
            panel->reconnectNow();
        if (m_apiClient->state() == ConnectionState::Disconnected ||
            m_apiClient->state() == ConnectionState::Failed)
            m_apiClient->open();
        else
            m_apiClient->connection()->reconnectNow();
    });

    m_disconnectAction = make(tr("&Disconnect"), QStringLiteral("disconnectAction"),
                              tr("Close the stream and API connections"));
    connect(m_disconnectAction, &QAction::triggered, this, [this] {
        for (StreamPanel *panel : m_workspaceView->panels())
            panel->disconnectStream();
        m_apiClient->close();
    });

    m_profilesAction = make(tr("&Profiles…"), QStringLiteral("profilesAction"),
                            tr("Add, edit and test connection profiles and API keys"));
    connect(m_profilesAction, &QAction::triggered, this, &MainWindow::showProfiles);

    m_exportAction = make(tr("&Export visible rows…"), QStringLiteral("exportAction"),
                          tr("Write the rows the table shows as NDJSON or CSV (Ctrl+E)"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    // Ctrl+F belongs to the stream that has the focus (each stream has its own, see
    // handlePanelOpened()); this one is the menu's, which also brings the streams forward.
    m_findAction = make(tr("&Find in messages"), QStringLiteral("findAction"),
                        tr("Search the messages of this stream (Ctrl+F)"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_findAction, &QAction::triggered, this, [this] {
        showStreamsTab();
        streamPanel()->tablePanel()->findAction()->trigger();
    });
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportRows);

    m_openRecordingAction =
        make(tr("&Open recording…"), QStringLiteral("openRecordingAction"),
             tr("Replay a recorded stream in a tab of its own (Ctrl+O; or drop the file on the "
                "window)"));
    m_openRecordingAction->setShortcut(QKeySequence::Open);
    connect(m_openRecordingAction, &QAction::triggered, this, &MainWindow::openRecordingDialog);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openRecordingAction);
    file->addAction(m_exportAction);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *stream = menuBar()->addMenu(tr("&Stream"));
    stream->addAction(m_newStreamAction);
    stream->addAction(m_duplicateAction);
    stream->addAction(m_sideBySideAction);
    stream->addAction(m_closeStreamAction);
    stream->addSeparator();
    stream->addAction(m_topicAction);
    stream->addAction(m_startAction);
    stream->addAction(m_stopAction);
    stream->addAction(m_pauseAction);
    stream->addAction(m_applyAction);
    stream->addSeparator();
    stream->addAction(m_findAction);

    QMenu *connection = menuBar()->addMenu(tr("&Connection"));
    connection->addAction(m_profilesAction);
    connection->addSeparator();
    connection->addAction(m_reconnectAction);
    connection->addAction(m_disconnectAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *editor = view->addAction(tr("Topic and filter &editor"));
    editor->setObjectName(QStringLiteral("showEditorAction"));
    editor->setCheckable(true);
    editor->setChecked(true);
    connect(editor, &QAction::toggled, this,
            [this](bool visible) { streamPanel()->setEditorVisible(visible); });
    QAction *charts = view->addAction(tr("&Charts"));
    charts->setObjectName(QStringLiteral("showChartsAction"));
    charts->setCheckable(true);
    charts->setChecked(true);
    connect(charts, &QAction::toggled, this,
            [this](bool visible) { streamPanel()->setChartsVisible(visible); });
    connect(view, &QMenu::aboutToShow, this, [this, editor, charts] {
        const QSignalBlocker editorBlocker(editor);
        const QSignalBlocker chartsBlocker(charts);
        editor->setChecked(streamPanel()->isEditorVisible());
        charts->setChecked(streamPanel()->isChartsVisible());
    });
    QAction *overview = m_overviewDock->toggleViewAction();
    overview->setObjectName(QStringLiteral("showOverviewAction"));
    overview->setText(tr("Stream &overview"));
    overview->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    view->addAction(overview);
    view->addAction(m_eventDock->toggleViewAction());
    view->addSeparator();
    QAction *streamTab =
        view->addAction(tr("&Streams tab"), this, [this] { m_tabs->setCurrentIndex(0); });
    streamTab->setShortcut(QKeySequence(Qt::ALT | Qt::Key_1));
    QAction *consoleTab =
        view->addAction(tr("API &console tab"), this, [this] { m_tabs->setCurrentIndex(1); });
    consoleTab->setShortcut(QKeySequence(Qt::ALT | Qt::Key_2));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        ShortcutsDialog dialog(this, this);
        dialog.exec();
    });
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcut(QKeySequence::HelpContents);
    help->addSeparator();
    help->addAction(tr("&About Allium Monitor"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_topicButton = new QToolButton(bar);
    m_topicButton->setObjectName(QStringLiteral("topicButton"));
    m_topicButton->setDefaultAction(m_topicAction);
    m_topicButton->setAccessibleName(tr("Choose topic"));
    bar->addWidget(m_topicButton);
    bar->addSeparator();
    // Start, Stop and Pause view have buttons on the stream panel right below (and menu entries
    // and keys): here they would only push the profile and its endpoint badge out of an 800 px
    // wide window.
    bar->addAction(m_applyAction);
    bar->addSeparator();
    bar->addAction(m_reconnectAction);
    bar->addAction(m_disconnectAction);

    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);

    auto *profileLabel = new QLabel(tr("Profile:"), bar);
    bar->addWidget(profileLabel);
    m_profileBox = new QComboBox(bar);
    m_profileBox->setObjectName(QStringLiteral("profileBox"));
    m_profileBox->setAccessibleName(tr("Connection profile"));
    m_profileBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_profileBox->setMinimumContentsLength(10);
    profileLabel->setBuddy(m_profileBox);
    bar->addWidget(m_profileBox);
    connect(m_profileBox, &QComboBox::activated, this,
            [this](int index) { connectProfile(m_profileBox->itemData(index).toString()); });

    m_badge = new ProfileBadge(bar);
    m_badge->setObjectName(QStringLiteral("endpointBadge"));
    m_badge->setAccessibleName(tr("Endpoint"));
    bar->addWidget(m_badge);

    // Shown only while an unencrypted connection to another machine, allowed by the user, is
    // in use: the key and the data can be read on the way.
    m_insecureWarning = new QLabel(tr("⚠ Unencrypted"), bar);
    m_insecureWarning->setObjectName(QStringLiteral("insecureWarning"));
    m_insecureWarning->setTextFormat(Qt::PlainText);
    m_insecureWarning->setAccessibleName(tr("Unencrypted connection warning"));
    m_insecureWarning->setStyleSheet(
        QStringLiteral("QLabel { color: white; background: #d93a3a; border-radius: 3px; "
                       "padding: 2px 6px; font-weight: bold; }"));
    m_insecureWarningAction = bar->addWidget(m_insecureWarning);
    m_insecureWarningAction->setVisible(false);
}

void MainWindow::buildStatusBar()
{
    m_streamStatus = new ConnectionStatusWidget(this);
    m_streamStatus->setObjectName(QStringLiteral("streamStatus"));
    m_streamStatus->setAccessibleName(tr("Stream connection"));
    m_streamStatus->setConnectionName(tr("Stream"));
    m_apiStatus = new ConnectionStatusWidget(this);
    m_apiStatus->setObjectName(QStringLiteral("apiStatus"));
    m_apiStatus->setAccessibleName(tr("API connection"));
    m_apiStatus->setConnectionName(tr("API"));
    m_apiStatus->attach(m_apiClient->connection());
    m_health = new PlainLabel(this);
    m_health->setObjectName(QStringLiteral("healthSummary"));
    m_health->setAccessibleName(tr("Stream health"));
    statusBar()->addWidget(m_streamStatus);
    statusBar()->addWidget(m_apiStatus);
    // Fenced: the summary changes with every stats report, and each new text would otherwise
    // re-lay out the status bar.
    statusBar()->addPermanentWidget(new LayoutFence(m_health, this));
}

void MainWindow::buildEventLogDock()
{
    m_eventDock = new QDockWidget(tr("Event log"), this);
    m_eventDock->setObjectName(QStringLiteral("eventLogDock"));
    m_eventView = new EventLogView(m_eventDock);
    m_eventView->setObjectName(QStringLiteral("eventLogView"));
    m_eventView->setAccessibleName(tr("Connection events"));
    m_eventView->setLog(m_eventLog);
    m_eventDock->setWidget(m_eventView);
    addDockWidget(Qt::BottomDockWidgetArea, m_eventDock);
    m_eventDock->hide();
}

void MainWindow::buildOverviewDock()
{
    m_overviewDock = new QDockWidget(tr("Stream overview"), this);
    m_overviewDock->setObjectName(QStringLiteral("overviewDock"));
    m_overview = new StreamOverviewWidget(m_overviewModel, m_workspace->budget(), m_overviewDock);
    m_overview->setObjectName(QStringLiteral("streamOverview"));
    m_overviewDock->setWidget(m_overview);
    addDockWidget(Qt::BottomDockWidgetArea, m_overviewDock);
    m_overviewDock->hide();
    connect(m_overview, &StreamOverviewWidget::streamActivated, this,
            [this](StreamSession *session) {
                showStreamsTab();
                if (StreamPanel *panel = m_workspaceView->panelFor(session)) {
                    m_workspaceView->setCurrentPanel(panel);
                    panel->focusTable();
                }
            });
}

void MainWindow::buildConsole()
{
    m_consolePanel = new ApiConsolePanel(m_savedRequests, this);
    m_consolePanel->setObjectName(QStringLiteral("apiConsolePanel"));
    m_consolePanel->setAccessibleName(tr("API console"));
    m_consolePanel->setApiClient(m_apiClient);
    m_tabs->addTab(m_consolePanel, tr("API console"));
}

bool MainWindow::startUp()
{
    const bool firstRun = m_settings->isFirstRun();
    if (m_options.restoreSettings) {
        restoreGeometry(m_settings->windowGeometry());
        restoreState(m_settings->windowState());
        m_consolePanel->restoreState(m_settings->consoleState());
        m_tabs->setCurrentIndex(qBound(0, m_settings->currentTab(), m_tabs->count() - 1));
    }

    ConnectionRequest request = connectionRequest();
    request.url = m_options.baseUrl;
    request.profile = m_options.profile;
    if (m_options.restoreSettings)
        request.lastProfile = m_settings->lastProfile();
    ConnectionPlan plan = resolve(request);
    QString unknownProfile;
    if (plan.problem == ConnectionPlan::Problem::UnknownProfile && request.url.isEmpty()) {
        unknownProfile = tr("There is no profile called \"%1\"; showing the default one.")
                             .arg(m_options.profile);
        request.profile.clear();
        plan = resolve(request);
    }
    const bool connected = connectPlan(plan);
    openStartStreams(firstRun);
    if (!unknownProfile.isEmpty())
        streamPanel()->showMessage(unknownProfile);

    m_startedUp = true;
    if (!streamPanel()->topic().isEmpty())
        m_settings->setLastTopic(streamPanel()->topic());
    m_settings->setFirstRunDone();
    streamPanel()->focusTable();
    return connected;
}

void MainWindow::openStartStreams(bool firstRun)
{
    QVector<MainWindowOptions::Stream> streams = m_options.streams;
    if (streams.isEmpty() && (!m_options.topic.isEmpty() || m_options.hasFilter))
        streams.append({m_options.topic, m_options.hasFilter, m_options.filter});
    const bool start = m_options.start || firstRun;

    if (!m_options.replayFile.isEmpty()) {
        // The recording alone, for this run only: the saved workspace stays as it was.
        m_workspaceFromCommandLine = true;
        StreamPanel *placeholder = streamPanel();
        QString error;
        if (StreamPanel *replay =
                m_workspaceView->openRecording(m_options.replayFile, false, &error)) {
            replay->replay()->setLoop(m_options.replayLoop);
            replay->replay()->setSpeed(m_options.replaySpeed);
            m_workspaceView->closeStream(placeholder);
            replay->start();
        } else {
            placeholder->showMessage(error);
        }
        return;
    }

    // The command line's streams, for this run only: the saved workspace stays as it was.
    if (!streams.isEmpty()) {
        m_workspaceFromCommandLine = true;
        StreamPanel *first = streamPanel();
        for (int i = 0; i < streams.size(); ++i) {
            QString topic = streams.at(i).topic;
            if (topic.isEmpty() && m_options.restoreSettings)
                topic = m_settings->lastTopic();
            if (topic.isEmpty())
                topic = defaultTopic();
            const Filter filter = streams.at(i).hasFilter ? streams.at(i).filter : Filter();
            if (i == 0) {
                if (streams.at(i).hasFilter)
                    first->applyFilter(filter);
                first->setTopic(topic);
                if (start)
                    first->start();
            } else {
                m_workspaceView->openStream(topic, filter, start, StreamWorkspaceView::Left);
            }
        }
        m_workspaceView->setCurrentPanel(first);
        return;
    }

    if (m_options.restoreSettings && !m_settings->workspaceState().isEmpty()) {
        QString error;
        const std::optional<WorkspaceState> state =
            WorkspaceState::fromJson(m_settings->workspaceState(), &error);
        if (state && m_workspaceView->restoreState(*state, start))
            return;
        if (!state)
            m_eventLog->addEvent(tr("App"), ConnectionEventKind::Failed,
                                 tr("The saved workspace could not be read (%1): starting with "
                                    "one stream.")
                                     .arg(error));
    }

    // One stream: the last topic and filter (as versions before the workspace saved them).
    StreamPanel *panel = streamPanel();
    QString topic;
    Filter filter;
    if (m_options.restoreSettings) {
        panel->restoreState(m_settings->streamPanelState());
        panel->restoreTableState(m_settings->tableState());
        if (!m_settings->chartField().isEmpty())
            panel->setChartField(m_settings->chartField());
        topic = m_settings->lastTopic();
        if (!m_settings->lastFilter().isEmpty()) {
            const FilterParseResult parsed = Filter::parse(m_settings->lastFilter());
            if (parsed.ok())
                filter = parsed.filter;
        }
    }
    if (topic.isEmpty())
        topic = defaultTopic();
    // The filter goes first so that the very first messages are already filtered.
    if (!filter.isEmpty())
        panel->applyFilter(filter);
    panel->setTopic(topic);
    if (start)
        panel->start();
}

void MainWindow::connectProfile(const QString &name)
{
    ConnectionRequest request = connectionRequest();
    request.profile = name;
    connectPlan(resolve(request));
}

ConnectionRequest MainWindow::connectionRequest() const
{
    ConnectionRequest request;
    request.environmentKey = m_options.apiKey;
    request.allowInsecure = m_options.allowInsecure;
    request.urlOptions = m_options.connection;
    if (m_embeddedServer)
        request.loopbackKey = m_embeddedServer->apiKey();
    return request;
}

ConnectionPlan MainWindow::resolve(const ConnectionRequest &request) const
{
    return ConnectionResolver::resolve(request, *m_profiles, m_settings->profilesWithKey());
}

bool MainWindow::connectPlan(const ConnectionPlan &plan)
{
    switch (plan.kind) {
    case ConnectionPlan::Kind::EmbeddedServer:
        if (!plan.message.isEmpty()) {
            m_eventLog->addEvent(tr("App"), ConnectionEventKind::Info, plan.message);
            if (m_startedUp) // the user picked it; on start-up the badge says enough
                showConnectionNotice(plan.message);
        }
        return connectEmulator(plan.profileName);
    case ConnectionPlan::Kind::Key:
        connectTarget(plan.profileName, plan.baseUrl, plan.apiKey, plan.options, false,
                      plan.allowInsecure);
        return true;
    case ConnectionPlan::Kind::KeychainKey:
        m_keys->readKey(plan.keyReference, this, [this, plan](const KeyStoreResult &result) {
            if (result.ok) {
                connectTarget(plan.profileName, plan.baseUrl, result.key, plan.options, false,
                              plan.allowInsecure);
                return;
            }
            // A key kept for one session only (no keychain) is gone after a relaunch: never a
            // dead window, the built-in emulator and how to get the profile back.
            if (result.missing)
                m_settings->setProfileHasKey(plan.keyReference, false);
            const QString note = tr("The API key of \"%1\" could not be read (%2): showing the "
                                    "built-in emulator. Add the key again in Connection → "
                                    "Profiles… to connect.")
                                     .arg(plan.profileName, result.errorString);
            connectEmulator(QStringLiteral("Emulator"));
            m_eventLog->addEvent(tr("App"), ConnectionEventKind::Failed, note);
            showConnectionNotice(note);
        });
        return true;
    case ConnectionPlan::Kind::Refused:
        break;
    }
    // Never a dead window: the built-in emulator, and why the choice was not followed.
    QString note;
    switch (plan.problem) {
    case ConnectionPlan::Problem::NoKey:
        note = plan.profileName.isEmpty()
                   ? tr("No API key for %1: showing the built-in emulator. Set ALLIUM_API_KEY.")
                         .arg(m_options.baseUrl.toDisplayString())
                   : tr("No API key saved for \"%1\": showing the built-in emulator. Add a key "
                        "in Connection → Profiles… to connect.")
                         .arg(plan.profileName);
        break;
    case ConnectionPlan::Problem::InsecureTransport:
        note = plan.profileName.isEmpty()
                   ? tr("Not connecting to %1: %2. Showing the built-in emulator.")
                         .arg(m_options.baseUrl.toDisplayString(), plan.detail)
                   : tr("Not connecting with \"%1\": %2 (in Connection → Profiles…). Showing "
                        "the built-in emulator.")
                         .arg(plan.profileName, plan.detail);
        break;
    case ConnectionPlan::Problem::BadUrl:
    case ConnectionPlan::Problem::UnknownProfile:
    case ConnectionPlan::Problem::None:
        note = tr("%1. Showing the built-in emulator.").arg(plan.message);
        break;
    }
    const bool started = connectEmulator(QStringLiteral("Emulator"));
    m_eventLog->addEvent(tr("App"), ConnectionEventKind::Failed, note);
    showConnectionNotice(note);
    return started;
}

void MainWindow::showConnectionNotice(const QString &text)
{
    // The panel drops it when the next choice is connected (StreamPanel::setConnection()).
    m_workspaceView->showMessage(text, StreamPanel::MessageLifetime::UntilTargetChanges);
}

bool MainWindow::connectEmulator(const QString &profileName)
{
    if (!m_embeddedServer) {
        m_workspaceView->showMessage(tr("There is no built-in emulator in this build."),
                                     StreamPanel::MessageLifetime::UntilDismissed);
        return false;
    }
    if (!m_embeddedServer->start()) {
        m_workspaceView->showMessage(
            tr("The built-in emulator could not start: %1").arg(m_embeddedServer->errorString()),
            StreamPanel::MessageLifetime::UntilDismissed);
        return false;
    }
    ConnectionOptions options = m_options.connection;
    options.extraCaCertificates.append(m_embeddedServer->trustedCertificates());
    connectTarget(profileName, m_embeddedServer->baseUrl(), m_embeddedServer->apiKey(), options,
                  true, false);
    return true;
}

void MainWindow::connectTarget(const QString &profileName, const QUrl &baseUrl,
                               const QString &apiKey, const ConnectionOptions &options,
                               bool emulator, bool allowInsecure)
{
    // Every key in use is masked in the event log, whatever its source (keychain,
    // ALLIUM_API_KEY, the emulator's), before anything can be logged about the connection.
    m_eventLog->addSecret(apiKey);
    // The last line of defence of the one rule (callers check earlier, with a better message).
    if (const QString problem = ConnectionProfile::transportError(baseUrl, allowInsecure);
        !emulator && !problem.isEmpty()) {
        m_eventLog->addEvent(tr("App"), ConnectionEventKind::Failed, problem);
        m_workspaceView->showMessage(tr("Not connecting: %1").arg(problem),
                                     StreamPanel::MessageLifetime::UntilTargetChanges);
        return;
    }
    m_insecure = !emulator && ConnectionProfile::isCleartextToRemote(baseUrl);
    m_activeProfile = profileName;
    m_activeBaseUrl = baseUrl;
    m_usingEmulator = emulator;
    if (m_startedUp && profileName != commandLineProfile)
        m_settings->setLastProfile(profileName);
    m_eventLog->addEvent(
        tr("App"), ConnectionEventKind::Info,
        emulator ? tr("Connecting to the built-in emulator at %1").arg(baseUrl.toDisplayString())
                 : tr("Connecting with profile \"%1\" to %2")
                       .arg(profileName, baseUrl.toDisplayString()));
    m_workspaceView->setConnection(baseUrl, apiKey, options);
    m_apiClient->close();
    m_apiClient->setBaseUrl(baseUrl);
    m_apiClient->setApiKey(apiKey);
    m_apiClient->setOptions(options);
    m_apiClient->open();
    refreshProfileBox();
    updateBadge();
    m_insecureWarningAction->setVisible(m_insecure);
    if (m_insecure) {
        const QString warning = ConnectionProfile::insecureWarning(baseUrl);
        m_insecureWarning->setToolTip(warning);
        m_eventLog->addEvent(tr("App"), ConnectionEventKind::Info, tr("Warning: %1").arg(warning));
    }
}

void MainWindow::adoptLegacyKeyFlags()
{
    // Older versions recorded "has a key" by profile name, which was also the entry's name;
    // once migrated the entry is the id's, so record that one too.
    const QStringList withKey = m_settings->profilesWithKey();
    for (const ConnectionProfile &profile : m_profiles->profiles()) {
        const QString legacy = profile.legacyKeyReference();
        if (!legacy.isEmpty() && withKey.contains(legacy))
            m_settings->setProfileHasKey(ConnectionProfile::keyReferenceForId(profile.id()), true);
    }
}

void MainWindow::refreshProfileBox()
{
    const QSignalBlocker blocker(m_profileBox);
    m_profileBox->clear();
    for (const QString &name : m_profiles->names())
        m_profileBox->addItem(name, name);
    if (m_activeProfile == commandLineProfile)
        m_profileBox->addItem(tr("Command line (%1)").arg(m_activeBaseUrl.host()),
                              commandLineProfile);
    const int index = m_profileBox->findData(m_activeProfile);
    m_profileBox->setCurrentIndex(index);
}

void MainWindow::updateBadge()
{
    m_badge->setProfile(m_usingEmulator ? ConnectionProfile::embeddedEmulator(m_activeProfile)
                                        : ConnectionProfile(m_activeProfile, m_activeBaseUrl));
}

void MainWindow::updateTopicButton(const QString &topic)
{
    m_topicAction->setText(topic.isEmpty() ? tr("Choose topic…") : tr("Topic: %1 ▾").arg(topic));
}

void MainWindow::updateHealth(const StreamStats &stats)
{
    const QLocale locale;
    QString text = tr("%1 msg/s · %2/s · %3 received")
                       .arg(locale.toString(stats.messagesPerSecond, 'f', 0),
                            locale.formattedDataSize(qint64(stats.bytesPerSecond), 1,
                                                     QLocale::DataSizeTraditionalFormat),
                            locale.toString(qulonglong(stats.messages)));
    if (stats.drops > 0)
        text += tr(" · %1 dropped").arg(locale.toString(qulonglong(stats.drops)));
    if (stats.parseErrors > 0)
        text += tr(" · %1 parse errors").arg(locale.toString(qulonglong(stats.parseErrors)));
    m_health->setText(text);
}

ProfileDialog *MainWindow::profileDialog() const
{
    return m_profileDialog.data();
}

void MainWindow::showProfiles()
{
    if (m_profileDialog) {
        m_profileDialog->raise();
        m_profileDialog->activateWindow();
        return;
    }
    m_profileDialog = new ProfileDialog(m_profiles, m_keys, this);
    m_profileDialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_embeddedServer && m_embeddedServer->isRunning())
        m_profileDialog->setEmulatorBaseUrl(m_embeddedServer->baseUrl());
    if (m_profiles->contains(m_activeProfile))
        m_profileDialog->selectProfile(m_activeProfile);
    connect(m_profileDialog, &ProfileDialog::keySaved, this, &MainWindow::handleKeySaved);
    connect(m_profileDialog, &ProfileDialog::keyCopied, this, [this](const QString &name) {
        m_settings->setProfileHasKey(m_profiles->profile(name).keyReference(), true);
    });
    // Non-modal: the stream keeps running and the status bar stays readable.
    m_profileDialog->show();
}

void MainWindow::handleKeySaved(const QString &name, bool ok, bool hasKey)
{
    if (!ok)
        return;
    const ConnectionProfile profile = m_profiles->profile(name);
    m_settings->setProfileHasKey(profile.keyReference(), hasKey);
    if (!hasKey || profile.isEmbeddedEmulator())
        return;
    // A key was added: this profile becomes the default and is used from now on.
    m_profiles->setDefaultProfile(name);
    m_eventLog->addEvent(tr("App"), ConnectionEventKind::Info,
                         tr("A key was saved for \"%1\": switching to it.").arg(name));
    connectProfile(name);
}

void MainWindow::exportRows()
{
    QString selectedFilter;
    const QString fileName = QFileDialog::getSaveFileName(
        this, tr("Export visible rows"), QStringLiteral("%1.ndjson").arg(streamPanel()->topic()),
        tr("NDJSON (*.ndjson *.jsonl);;CSV (*.csv)"), &selectedFilter);
    if (fileName.isEmpty())
        return;
    exportRowsInBackground(fileName);
}

void MainWindow::exportRowsInBackground(const QString &fileName)
{
    if (!m_exportTask) {
        m_exportTask = new RowExportTask(this);
        m_exportProgress = new QProgressDialog(this);
        m_exportProgress->setObjectName(QStringLiteral("exportProgress"));
        m_exportProgress->setWindowTitle(tr("Export"));
        m_exportProgress->setWindowModality(Qt::NonModal);
        m_exportProgress->setMinimumDuration(0);
        m_exportProgress->setAutoReset(false);
        m_exportProgress->setAutoClose(false);
        m_exportProgress->reset();
        m_exportProgress->hide();
        connect(m_exportProgress, &QProgressDialog::canceled, m_exportTask, &RowExportTask::cancel);
        connect(m_exportTask, &RowExportTask::progressed, m_exportProgress,
                [this](qint64 written, qint64 total) {
                    m_exportProgress->setValue(int(written * 1000 / std::max<qint64>(1, total)));
                });
        connect(m_exportTask, &RowExportTask::finished, this,
                [this](qint64 rows, const QString &error) {
                    m_exportProgress->hide();
                    m_exportAction->setEnabled(true);
                    const QString written = m_exportTask->fileName();
                    if (rows < 0) {
                        PlainText::warning(this, tr("Export"),
                                           tr("Could not write %1: %2").arg(written, error));
                        return;
                    }
                    statusBar()->showMessage(
                        PlainText::bounded(
                            tr("Exported %1 rows to %2").arg(QLocale().toString(rows), written)),
                        5000);
                });
    }
    // The snapshot shares the rows' JSON: cheap here, and later evictions do not touch it.
    const auto *rows = qobject_cast<const MessageFilterProxyModel *>(streamPanel()->visibleRows());
    if (!rows)
        return;
    const RowSnapshot snapshot = rows->shownRows();
    m_exportAction->setEnabled(false);
    m_exportProgress->setRange(0, 1000);
    m_exportProgress->setValue(0);
    m_exportProgress->setLabelText(
        tr("Writing %1 rows to %2…").arg(QLocale().toString(snapshot.size()), fileName));
    m_exportProgress->show();
    m_exportTask->start(snapshot, streamPanel()->tablePanel()->columns(), fileName);
}

qint64 MainWindow::exportRowsTo(const QString &fileName, QString *error)
{
    return RowExporter::writeFile(*streamPanel()->visibleRows(), fileName, error);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Allium Monitor"),
        tr("<h3>Allium Monitor %1</h3>"
           "<p>Live blockchain streams and the Developer API of Allium over websockets.</p>"
           "<p>Without an API key the monitor runs against a <b>built-in emulator</b> that "
           "produces synthetic data on this machine (loopback only): blocks, transactions, "
           "logs and API answers look real but are not. Add a key in Connection → Profiles… "
           "to connect to Allium.</p>")
            .arg(QApplication::applicationVersion()));
}

void MainWindow::saveSettings()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setCurrentTab(m_tabs->currentIndex());
    if (!m_workspaceFromCommandLine)
        m_settings->setWorkspaceState(m_workspaceView->saveState().toJson());
    m_settings->setStreamPanelState(streamPanel()->saveState());
    m_settings->setTableState(streamPanel()->saveTableState());
    m_settings->setConsoleState(m_consolePanel->saveState());
    m_settings->setChartField(streamPanel()->chartField());
    if (!streamPanel()->topic().isEmpty())
        m_settings->setLastTopic(streamPanel()->topic());
    const Filter filter = streamPanel()->appliedFilter();
    m_settings->setLastFilter(filter.isEmpty() ? QByteArray() : filter.toJsonText());
    m_settings->sync();
}

bool MainWindow::openRecording(const QString &path, QString *error)
{
    showStreamsTab();
    QString problem;
    if (m_workspaceView->openRecording(path, true, &problem))
        return true;
    streamPanel()->showMessage(problem);
    if (error)
        *error = problem;
    return false;
}

void MainWindow::openRecordingDialog()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open recording"), QString(),
                                     tr("Recordings (*.jsonl *.jsonl.zst *.zst);;All files (*)"));
    if (!path.isEmpty())
        openRecording(path);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    // Files only: a recording is opened from the disk, never from dropped text.
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() &&
        std::all_of(urls.begin(), urls.end(), [](const QUrl &url) { return url.isLocalFile(); }))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            openRecording(url.toLocalFile());
    }
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace allium
