// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QString>

namespace allium {

/// Where an API request stands. Queued and InFlight are transient; every request ends in exactly
/// one of the others (its terminal state).
enum class ApiRequestState {
    Queued,         ///< waiting on the client for a free slot or for the connection
    InFlight,       ///< sent, no response yet
    Succeeded,      ///< `"status":"success"`
    ServerError,    ///< `"status":"error"` (other than the in-flight limit, which is retried)
    TimedOut,       ///< no response within the request's timeout
    ConnectionLost, ///< the connection dropped while it was in flight, or gave up for good
    Cancelled,      ///< cancel() or close() before a response
    Rejected,       ///< refused by submit() without sending (duplicate id, invalid request)
};

bool isTerminal(ApiRequestState state);
/// Lower-case, stable names used in the CLI's output and in exports: "succeeded", "timed_out"…
QString apiRequestStateName(ApiRequestState state);
/// Words for people: "Succeeded", "Timed out"…
QString apiRequestStateText(ApiRequestState state);

} // namespace allium

Q_DECLARE_METATYPE(allium::ApiRequestState)
