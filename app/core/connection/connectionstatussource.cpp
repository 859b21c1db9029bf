// SPDX-License-Identifier: MIT
#include "core/connection/connectionstatussource.h"

namespace allium {

ConnectionStatusSource::ConnectionStatusSource(QObject *parent)
    : QObject(parent)
{
    // The signals carry these across threads (StreamSession's worker) and into QSignalSpy.
    qRegisterMetaType<allium::ConnectionState>();
    qRegisterMetaType<allium::ConnectionEventKind>();
}

ConnectionStatusSource::~ConnectionStatusSource() = default;

} // namespace allium
