// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <QString>

namespace allium {

/// An endpoint's answer as its handler makes it: a JSON value, its compact JSON text, or both
/// when both come cheaply (listings keep each item's text); large answers are text only.
struct ApiAnswer
{
    bool ok = false;
    QJsonValue data; ///< undefined when only `text` is set; the error message when !ok
    QString text;    ///< null when only `data` is set

    static ApiAnswer success(const QJsonValue &data) { return {true, data, QString()}; }
    /// `json` is the compact JSON text of the answer; `data` the same value, when at hand.
    static ApiAnswer successText(const QString &json,
                                 const QJsonValue &data = QJsonValue(QJsonValue::Undefined))
    {
        return {true, data, json};
    }
    static ApiAnswer failure(const QString &message) { return {false, message, QString()}; }
};

} // namespace allium
