// SPDX-License-Identifier: MIT
#include "core/api/apirequeststate.h"

namespace allium {

bool isTerminal(ApiRequestState state)
{
    return state != ApiRequestState::Queued && state != ApiRequestState::InFlight;
}

QString apiRequestStateName(ApiRequestState state)
{
    switch (state) {
    case ApiRequestState::Queued:
        return QStringLiteral("queued");
    case ApiRequestState::InFlight:
        return QStringLiteral("in_flight");
    case ApiRequestState::Succeeded:
        return QStringLiteral("succeeded");
    case ApiRequestState::ServerError:
        return QStringLiteral("server_error");
    case ApiRequestState::TimedOut:
        return QStringLiteral("timed_out");
    case ApiRequestState::ConnectionLost:
        return QStringLiteral("connection_lost");
    case ApiRequestState::Cancelled:
        return QStringLiteral("cancelled");
    case ApiRequestState::Rejected:
        return QStringLiteral("rejected");
    }
    return {};
}

QString apiRequestStateText(ApiRequestState state)
{
    switch (state) {
    case ApiRequestState::Queued:
        return QStringLiteral("Queued");
    case ApiRequestState::InFlight:
        return QStringLiteral("In flight");
    case ApiRequestState::Succeeded:
        return QStringLiteral("Succeeded");
    case ApiRequestState::ServerError:
        return QStringLiteral("Server error");
    case ApiRequestState::TimedOut:
        return QStringLiteral("Timed out");
    case ApiRequestState::ConnectionLost:
        return QStringLiteral("Connection lost");
    case ApiRequestState::Cancelled:
        return QStringLiteral("Cancelled");
    case ApiRequestState::Rejected:
        return QStringLiteral("Rejected");
    }
    return {};
}

} // namespace allium
