// SPDX-License-Identifier: MIT
#include "core/api/codesnippet.h"

#include "core/connection/connectionprofile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace allium {

QString CodeSnippet::shellQuoted(const QString &text)
{
    // Inside single quotes the shell expands nothing; a quote is closed, escaped and reopened.
    QString quoted = text;
    quoted.replace(QLatin1String("'"), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString CodeSnippet::stringLiteral(const QString &text)
{
    // A JSON string is a valid string literal in both Python and JavaScript: quotes,
    // backslashes and control characters come out escaped.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QByteArray CodeSnippet::requestFrame(const ApiRequest &request, bool indented)
{
    QJsonObject frame{{QStringLiteral("method"), request.method},
                      {QStringLiteral("id"), request.id},
                      {QStringLiteral("path"), request.path}};
    if (!request.body.isNull() && !request.body.isUndefined())
        frame.insert(QStringLiteral("body"), request.body);
    return QJsonDocument(frame)
        .toJson(indented ? QJsonDocument::Indented : QJsonDocument::Compact)
        .trimmed();
}

QString CodeSnippet::languageName(Language language)
{
    switch (language) {
    case Language::Python:
        return QStringLiteral("Python");
    case Language::JavaScript:
        return QStringLiteral("JavaScript");
    case Language::Shell:
        return QStringLiteral("Shell (websocat)");
    }
    return {};
}

QString CodeSnippet::snippet(Language language, const ApiRequest &request, const QUrl &apiUrl)
{
    // Credentials in a URL would end up in the snippet: drop them whatever they are.
    QUrl url =
        apiUrl.isEmpty() ? ConnectionProfile::apiUrl(ConnectionProfile::defaultBaseUrl()) : apiUrl;
    url.setUserInfo({});
    const QString urlText = url.toString(QUrl::FullyEncoded);
    switch (language) {
    case Language::Python:
        return python(requestFrame(request, true), urlText);
    case Language::JavaScript:
        return javaScript(requestFrame(request, true), urlText);
    case Language::Shell:
        return shell(requestFrame(request, false), urlText);
    }
    return {};
}

QString CodeSnippet::python(const QByteArray &frame, const QString &url)
{
    // JSON is a Python literal except for true/false/null, so the frame goes in as a string
    // and json.loads reads it: what is sent is byte for byte what the console sends.
    QString text = QString::fromUtf8(frame);
    text.replace(QLatin1String("\\"), QLatin1String("\\\\"));
    text.replace(QLatin1String("'''"), QLatin1String("\\'\\'\\'"));
    return QStringLiteral(
               "import json\n"
               "import websocket  # pip install websocket-client\n"
               "\n"
               "API_KEY = %1\n"
               "WS_URL = %2\n"
               "\n"
               "request = json.loads('''%3''')\n"
               "\n"
               "ws = websocket.create_connection(WS_URL, header={\"X-API-KEY\": API_KEY})\n"
               "ws.send(json.dumps(request))\n"
               "while True:\n"
               "    response = json.loads(ws.recv())\n"
               "    if response.get(\"id\") == request[\"id\"]:\n"
               "        print(json.dumps(response, indent=2))\n"
               "        break\n"
               "ws.close()\n")
        .arg(stringLiteral(keyPlaceholder()), stringLiteral(url), text);
}

QString CodeSnippet::javaScript(const QByteArray &frame, const QString &url)
{
    // A JSON object is a valid JavaScript expression.
    return QStringLiteral(
               "const WebSocket = require('ws'); // npm install ws\n"
               "\n"
               "const API_KEY = %1;\n"
               "const WS_URL = %2;\n"
               "\n"
               "const request = %3;\n"
               "\n"
               "const ws = new WebSocket(WS_URL, { headers: { \"X-API-KEY\": API_KEY } });\n"
               "ws.on('open', () => ws.send(JSON.stringify(request)));\n"
               "ws.on('message', (data) => {\n"
               "    const response = JSON.parse(data);\n"
               "    if (response.id !== request.id) return;\n"
               "    console.log(JSON.stringify(response, null, 2));\n"
               "    ws.close();\n"
               "});\n")
        .arg(stringLiteral(keyPlaceholder()), stringLiteral(url), QString::fromUtf8(frame));
}

QString CodeSnippet::shell(const QByteArray &frame, const QString &url)
{
    // printf, not echo: dash's echo would turn the two characters \n of a JSON string into a
    // line break.
    return QStringLiteral("printf '%s\\n' %1 \\\n"
                          "  | websocat -n1 -H %2 %3\n")
        .arg(shellQuoted(QString::fromUtf8(frame)),
             shellQuoted(QStringLiteral("X-API-KEY: ") + keyPlaceholder()), shellQuoted(url));
}

} // namespace allium
