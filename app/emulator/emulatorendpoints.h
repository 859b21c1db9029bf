#pragma once

#include <QString>

namespace allium {

/// The request paths of Allium's two websocket services, exactly as the real service has them.
inline const QString EmulatorApiPath = QStringLiteral("/api/v1/developer/ws/api");
inline const QString EmulatorStreamPath = QStringLiteral("/api/v1/developer/ws/stream");

} // namespace allium
