// SPDX-License-Identifier: MIT
// Fuzzes the emulator's API connection on a request frame from a client: the JSON request is
// read as ApiConnection::handleText reads it (id, method, path, body), answered by
// ApiResponder::respondText, and the answer framed as the connection sends it.
#include "emulator/apiresponder.h"
#include "emulator/emulatorframes.h"
#include "fuzzsupport.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cstddef>
#include <cstdint>

using namespace allium;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const ApiResponder responder(7);

    const QByteArray utf8 =
        QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)).toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return 0;
    const QJsonObject request = document.object();
    const QJsonValue id = request.value(QStringLiteral("id"));
    const QJsonValue method = request.value(QStringLiteral("method"));
    const QJsonValue path = request.value(QStringLiteral("path"));
    const QJsonValue body = request.value(QStringLiteral("body"));
    // The connection refuses these before the responder sees them; anything else reaches it.
    if (!id.isString() || !method.isString() || !path.isString())
        return 0;
    if (!body.isUndefined() && !body.isNull() && !body.isObject() && !body.isArray())
        return 0;

    const ApiResponder::TextResult result =
        responder.respondText(method.toString(), path.toString(), body);
    fuzz::require(!result.data.isEmpty(), "every answer has data");
    const QString frame = EmulatorFrames::apiResponseText(id, result.ok, result.data);
    fuzz::require(QJsonDocument::fromJson(frame.toUtf8()).isObject(),
                  "the response frame is a JSON object");
    return 0;
}
