// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <QString>

namespace allium {

/// Text of the frames the emulator sends besides data messages, with keys in the order the
/// service documents them (QJsonObject would sort them).
namespace EmulatorFrames {

/// Compact JSON text of any JSON value, including a bare string or number.
QString jsonText(const QJsonValue &value);
/// {"status":"error","data":"<reason>"}: a stream's answer to a control message it refuses.
QString streamError(const QString &reason);
/// {"id":<id>,"status":"success"|"error","data":<data>}: an API response.
QString apiResponse(const QJsonValue &id, bool success, const QJsonValue &data);
/// The same with `data` already as JSON text (jsonText() of the value).
QString apiResponseText(const QJsonValue &id, bool success, const QString &dataJson);

} // namespace EmulatorFrames

} // namespace allium
