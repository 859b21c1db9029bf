// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace allium {

/// One frame received on the API websocket, read once: `{"id","status","data"}`. Parsing only;
/// ApiClient decides what the frame means for its requests.
struct ApiResponse
{
    QString id;      ///< the echoed request id (empty when the frame names none)
    QString status;  ///< "success", "error" or whatever the server sent
    QJsonValue data; ///< the response's "data" (undefined when absent)
    /// Why the frame is not a response (not JSON, not an object, no string id); empty when it is.
    QString problem;

    bool isValid() const { return problem.isEmpty(); }
    /// True only for the server's exact in-flight refusal (status "error" and the documented
    /// text), never for an error that merely mentions it.
    bool isInFlightRefusal() const;

    /// The documented text of the in-flight refusal.
    static QString inFlightLimitError();
    static ApiResponse parse(const QByteArray &frame);
};

} // namespace allium
