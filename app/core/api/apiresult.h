// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apirequest.h"
#include "core/api/apirequeststate.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QMetaType>
#include <QString>

namespace allium {

/// How one API request ended: the request, its terminal state, the response and its latency.
struct ApiResult
{
    QString id;
    ApiRequest request;
    ApiRequestState state = ApiRequestState::Queued;
    QString status;         ///< the response's "status" ("success", "error"), empty without one
    QJsonValue data;        ///< the response's "data", or a message for a local verdict
    QByteArray rawResponse; ///< the response frame as received, empty without one
    QString errorMessage;   ///< why it did not succeed, for people; empty on success
    double latencyMs = -1;  ///< send to response (or to the verdict); -1 if it was never sent
    QDateTime submittedAt;
    QDateTime sentAt; ///< invalid if it was never sent (last send when it was retried)
    QDateTime finishedAt;
    int attempts = 0; ///< times it was sent (more than one after "max inflight" refusals)

    bool succeeded() const { return state == ApiRequestState::Succeeded; }
};

} // namespace allium

Q_DECLARE_METATYPE(allium::ApiResult)
