// SPDX-License-Identifier: MIT
#include "support/connectionstatusspies.h"

namespace allium {

ConnectionStatusSpies::ConnectionStatusSpies(ConnectionStatusSource *source)
    : states(source, &ConnectionStatusSource::stateChanged)
    , opened(source, &ConnectionStatusSource::opened)
    , closed(source, &ConnectionStatusSource::closed)
    , lost(source, &ConnectionStatusSource::connectionLost)
    , scheduled(source, &ConnectionStatusSource::reconnectScheduled)
    , failed(source, &ConnectionStatusSource::failed)
{}

} // namespace allium
