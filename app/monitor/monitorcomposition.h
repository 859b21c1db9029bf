// SPDX-License-Identifier: MIT
#pragma once

#include "monitor/monitoroptions.h"

#include <memory>

namespace allium {

class AlertCenter;
class ApiClient;
class AppSettings;
class ConnectionEventLog;
class EmbeddedEmulator;
class KeyStore;
class MainWindow;
class ProfileStore;
class SavedRequestStore;
class StreamWorkspace;

/// The composition root of allium-monitor: builds the settings, the stores, the stream workspace,
/// the API client, the event log and the built-in emulator once, and hands them into the
/// MainWindow (which creates none of them). Owns them all; the window goes first, the emulator
/// the connections talk to last.
class MonitorComposition
{
public:
    explicit MonitorComposition(const MonitorOptions &options = {});
    ~MonitorComposition();
    MonitorComposition(const MonitorComposition &) = delete;
    MonitorComposition &operator=(const MonitorComposition &) = delete;

    MainWindow *window() const { return m_window.get(); }
    /// The built-in emulator; it runs once the window falls back to it.
    EmbeddedEmulator *emulator() const { return m_emulator.get(); }
    AlertCenter *alerts() const { return m_alerts.get(); }
    AppSettings *settings() const { return m_settings.get(); }

private:
    std::unique_ptr<EmbeddedEmulator> m_emulator;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<KeyStore> m_keys;
    std::unique_ptr<SavedRequestStore> m_savedRequests;
    std::unique_ptr<ConnectionEventLog> m_eventLog;
    std::unique_ptr<StreamWorkspace> m_workspace;
    std::unique_ptr<AlertCenter> m_alerts;
    std::unique_ptr<ApiClient> m_apiClient;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace allium
