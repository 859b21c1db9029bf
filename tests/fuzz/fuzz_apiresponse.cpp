// SPDX-License-Identifier: MIT
// Fuzzes the API client's reading of a response frame from the server: ApiResponse::parse and
// the checks ApiClient makes on the result (in-flight refusal, status, data shown as text).
#include "core/api/apiresponse.h"
#include "fuzzsupport.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using namespace allium;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // The websocket delivers text; the client turns it back into UTF-8 before parsing.
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const ApiResponse response = ApiResponse::parse(text.toUtf8());
    if (!response.isValid()) {
        fuzz::require(!response.problem.isEmpty(), "an invalid frame says why");
        fuzz::require(!response.isInFlightRefusal(), "an invalid frame is no refusal");
        return 0;
    }
    (void)response.isInFlightRefusal();
    (void)response.data.toString().contains(QLatin1String("max inflight requests reached"),
                                            Qt::CaseInsensitive);
    // The console shows the data as indented JSON.
    if (response.data.isObject())
        (void)QJsonDocument(response.data.toObject()).toJson(QJsonDocument::Indented);
    else if (response.data.isArray())
        (void)QJsonDocument(response.data.toArray()).toJson(QJsonDocument::Indented);
    return 0;
}
