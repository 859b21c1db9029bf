// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionoptions.h"
#include "core/connection/connectionplan.h"
#include "core/connection/connectionrequest.h"
#include "core/connection/connectionstate.h"
#include "core/stream/streamstats.h"
#include "ui/mainwindowoptions.h"
#include "ui/mainwindowservices.h"

#include <QMainWindow>
#include <QPointer>
#include <QUrl>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QProgressDialog;
class QTabWidget;
class QToolButton;

namespace allium {

class AlertActions;
class AlertCenter;
class ApiClient;
class RowExportTask;
class ConnectionProfile;
class ApiConsolePanel;
class AppSettings;
class ConnectionEventLog;
class ConnectionStatusWidget;
class EmbeddedServer;
class EventLogView;
class KeyStore;
class ProfileBadge;
class ProfileDialog;
class ProfileStore;
class SavedRequestStore;
class StreamOverviewModel;
class StreamOverviewWidget;
class StreamPanel;
class StreamSession;
class StreamWorkspace;
class StreamWorkspaceView;

/// The application window: the Streams (a workspace of stream tabs, optionally side by side)
/// and API console tabs, a toolbar with the main actions and the connection profile, the
/// overview and event log docks and a status bar with the current stream's and the API
/// connection's states and the stream's health. The toolbar and menus act on the current
/// stream: the shown tab of the side last used. Chooses what to connect to: the command line's URL
/// or profile, else the default profile when it has a key, else the embedded emulator.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    static QString defaultTopic() { return QStringLiteral("ethereum.transactions"); }

    /// `services` must outlive the window (the composition root, app/monitor, owns them).
    MainWindow(const MainWindowOptions &options, const MainWindowServices &services,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Restores the saved layout, connects, sets the topic and filter and, on the first run or
    /// when asked, starts streaming. False when nothing could be connected (the message bar and
    /// the event log say why).
    bool startUp();

    /// The current stream's panel (there is always one).
    StreamPanel *streamPanel() const;
    StreamWorkspaceView *workspaceView() const { return m_workspaceView; }
    StreamWorkspace *workspace() const { return m_workspace; }
    StreamOverviewModel *overviewModel() const { return m_overviewModel; }
    StreamOverviewWidget *overview() const { return m_overview; }
    QDockWidget *overviewDock() const { return m_overviewDock; }
    ApiClient *apiClient() const { return m_apiClient; }
    ApiConsolePanel *consolePanel() const { return m_consolePanel; }
    ConnectionEventLog *eventLog() const { return m_eventLog; }
    QDockWidget *eventLogDock() const { return m_eventDock; }
    /// The Alerts menu, log dock and notifications; null without an AlertCenter.
    AlertActions *alertActions() const { return m_alertActions; }
    QTabWidget *tabs() const { return m_tabs; }
    /// The server to fall back to (the built-in emulator), or nullptr.
    EmbeddedServer *embeddedServer() const { return m_embeddedServer; }
    ProfileStore *profileStore() const { return m_profiles; }
    KeyStore *keyStore() const { return m_keys; }
    AppSettings *settings() const { return m_settings; }
    /// The profile in use ("Emulator" for the embedded one, "Command line" for --url).
    QString activeProfileName() const { return m_activeProfile; }
    bool isUsingEmulator() const { return m_usingEmulator; }
    QUrl activeBaseUrl() const { return m_activeBaseUrl; }
    /// True while the connection in use is unencrypted ws:// to another machine (allowed by the
    /// user); the toolbar then shows a warning.
    bool isInsecureConnection() const { return m_insecure; }

    QAction *startAction() const { return m_startAction; }
    QAction *stopAction() const { return m_stopAction; }
    QAction *pauseAction() const { return m_pauseAction; }
    QAction *applyFilterAction() const { return m_applyAction; }
    QAction *reconnectAction() const { return m_reconnectAction; }
    QAction *disconnectAction() const { return m_disconnectAction; }
    QAction *newStreamAction() const { return m_newStreamAction; }
    QAction *duplicateStreamAction() const { return m_duplicateAction; }
    QAction *closeStreamAction() const { return m_closeStreamAction; }
    QAction *sideBySideAction() const { return m_sideBySideAction; }
    QAction *openRecordingAction() const { return m_openRecordingAction; }
    /// The profile dialog while it is open (Connection → Profiles…), else nullptr.
    ProfileDialog *profileDialog() const;

    /// Writes the layout, the workspace (streams, filters, split) and panel states to the
    /// settings.
    void saveSettings();

public slots:
    /// Switches both connections to the saved profile `name` (the embedded emulator for an
    /// emulator profile or a profile without a key).
    void connectProfile(const QString &name);
    void showProfiles();
    /// Asks for a file and writes the rows the table shows (after the local search).
    void exportRows();
    /// Writes the rows the table shows to `fileName`: NDJSON, or CSV for a .csv name. Returns
    /// the number of rows, or -1 with `error` set.
    qint64 exportRowsTo(const QString &fileName, QString *error = nullptr);
    /// Writes a snapshot of the rows the table shows on a worker thread, with a progress
    /// dialog that can cancel; the GUI and the stream go on meanwhile. The result is reported
    /// in the status bar (or a warning on failure).
    void exportRowsInBackground(const QString &fileName);
    RowExportTask *exportTask() const { return m_exportTask; }
    void showAbout();
    /// Opens the recording `path` as a replayed stream (File → Open recording, a dropped
    /// file); false with the reason on the current stream's message bar (and in `error`).
    bool openRecording(const QString &path, QString *error = nullptr);
    /// Asks for a recording and opens it.
    void openRecordingDialog();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void buildStatusBar();
    void buildEventLogDock();
    void buildConsole();
    void buildOverviewDock();
    /// Opens the streams the command line, the saved workspace or (from older versions) the
    /// last topic and filter ask for.
    void openStartStreams(bool firstRun);
    void handlePanelOpened(StreamPanel *panel);
    void handleCurrentPanelChanged(StreamPanel *panel);
    void showStreamsTab();
    void connectTarget(const QString &profileName, const QUrl &baseUrl, const QString &apiKey,
                       const ConnectionOptions &options, bool emulator, bool allowInsecure);
    ConnectionRequest connectionRequest() const;
    ConnectionPlan resolve(const ConnectionRequest &request) const;
    /// Carries out `plan`; false when not even the built-in emulator could be reached.
    bool connectPlan(const ConnectionPlan &plan);
    void adoptLegacyKeyFlags();
    bool connectEmulator(const QString &profileName);
    /// Shows why the connection differs from the one asked for, until another is chosen.
    void showConnectionNotice(const QString &text);
    void refreshProfileBox();
    void updateBadge();
    void updateHealth(const StreamStats &stats);
    void handleKeySaved(const QString &name, bool ok, bool hasKey);
    void updateTopicButton(const QString &topic);

    MainWindowOptions m_options;
    AppSettings *m_settings = nullptr;
    ProfileStore *m_profiles = nullptr;
    KeyStore *m_keys = nullptr;
    SavedRequestStore *m_savedRequests = nullptr;
    EmbeddedServer *m_embeddedServer = nullptr;
    ApiClient *m_apiClient = nullptr;
    ConnectionEventLog *m_eventLog = nullptr;
    QString m_activeProfile;
    QUrl m_activeBaseUrl;
    bool m_usingEmulator = false;
    bool m_insecure = false;
    bool m_startedUp = false;

    QTabWidget *m_tabs = nullptr;
    StreamWorkspace *m_workspace = nullptr;
    StreamOverviewModel *m_overviewModel = nullptr;
    StreamWorkspaceView *m_workspaceView = nullptr;
    StreamOverviewWidget *m_overview = nullptr;
    QDockWidget *m_overviewDock = nullptr;
    QList<QMetaObject::Connection> m_currentConnections; // to the current stream only
    bool m_workspaceFromCommandLine = false;             // then the saved workspace stays as it was
    ApiConsolePanel *m_consolePanel = nullptr;
    QDockWidget *m_eventDock = nullptr;
    AlertActions *m_alertActions = nullptr;
    AlertCenter *m_alerts = nullptr; ///< the rules of every stream; null in some tests
    EventLogView *m_eventView = nullptr;
    QToolButton *m_topicButton = nullptr;
    QComboBox *m_profileBox = nullptr;
    ProfileBadge *m_badge = nullptr;
    QLabel *m_insecureWarning = nullptr;
    QAction *m_insecureWarningAction = nullptr;
    ConnectionStatusWidget *m_streamStatus = nullptr;
    ConnectionStatusWidget *m_apiStatus = nullptr;
    QLabel *m_health = nullptr;
    QPointer<ProfileDialog> m_profileDialog;
    QAction *m_openRecordingAction = nullptr;

    QAction *m_topicAction = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_applyAction = nullptr;
    QAction *m_reconnectAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_newStreamAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_closeStreamAction = nullptr;
    QAction *m_sideBySideAction = nullptr;
    QAction *m_profilesAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_findAction = nullptr;
    RowExportTask *m_exportTask = nullptr;
    QProgressDialog *m_exportProgress = nullptr;
};

} // namespace allium
