// SPDX-License-Identifier: MIT
#pragma once

namespace allium {

class AlertCenter;
class ApiClient;
class AppSettings;
class ConnectionEventLog;
class EmbeddedServer;
class KeyStore;
class ProfileStore;
class SavedRequestStore;
class StreamWorkspace;

/// The objects a MainWindow works with, built once by the composition root (app/monitor) and
/// handed in: the window and its panels create none of them. All must outlive the window.
struct MainWindowServices
{
    AppSettings *settings = nullptr;
    ProfileStore *profiles = nullptr;
    KeyStore *keys = nullptr;
    SavedRequestStore *savedRequests = nullptr;
    /// The open streams (each with its own connection), their budget and shared catalogues.
    StreamWorkspace *workspace = nullptr;
    ApiClient *apiClient = nullptr;
    ConnectionEventLog *eventLog = nullptr;
    /// The server to fall back to when there is nothing else to connect to; may be null.
    EmbeddedServer *embeddedServer = nullptr;
    /// Alert rules on every stream, and what they fired; may be null (no Alerts menu).
    AlertCenter *alerts = nullptr;
};

} // namespace allium
