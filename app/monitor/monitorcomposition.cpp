// SPDX-License-Identifier: MIT
#include "monitor/monitorcomposition.h"

#include "core/alerts/alertcenter.h"
#include "core/api/apiclient.h"
#include "core/api/savedrequeststore.h"
#include "core/connection/connectioneventlog.h"
#include "core/settings/appsettings.h"
#include "core/settings/keystore.h"
#include "core/settings/profilestore.h"
#include "core/workspace/streamworkspace.h"
#include "emulator/embeddedemulator.h"
#include "ui/mainwindow.h"

namespace allium {

MonitorComposition::MonitorComposition(const MonitorOptions &options)
    : m_emulator(std::make_unique<EmbeddedEmulator>(options.emulator))
    , m_settings(options.settingsFile.isEmpty()
                     ? std::make_unique<AppSettings>()
                     : std::make_unique<AppSettings>(options.settingsFile))
    , m_profiles(options.settingsFile.isEmpty()
                     ? std::make_unique<ProfileStore>()
                     : std::make_unique<ProfileStore>(options.settingsFile))
    , m_keys(std::make_unique<KeyStore>())
    , m_savedRequests(options.settingsFile.isEmpty()
                          ? std::make_unique<SavedRequestStore>()
                          : std::make_unique<SavedRequestStore>(options.settingsFile))
    , m_eventLog(std::make_unique<ConnectionEventLog>())
    , m_workspace(std::make_unique<StreamWorkspace>())
    , m_alerts(std::make_unique<AlertCenter>(m_settings.get()))
    , m_apiClient(std::make_unique<ApiClient>())
{
    m_profiles->ensureBuiltinProfiles();
    m_keys->setKeychainEnabled(options.useKeychain);
    MainWindowServices services;
    services.settings = m_settings.get();
    services.profiles = m_profiles.get();
    services.keys = m_keys.get();
    services.savedRequests = m_savedRequests.get();
    services.workspace = m_workspace.get();
    services.apiClient = m_apiClient.get();
    services.eventLog = m_eventLog.get();
    services.embeddedServer = m_emulator.get();
    m_alerts->watch(m_workspace.get());
    services.alerts = m_alerts.get();
    m_window = std::make_unique<MainWindow>(options.window, services);
}

MonitorComposition::~MonitorComposition() = default;

} // namespace allium
