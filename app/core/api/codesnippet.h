// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apirequest.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace allium {

/// Code that sends one API request over the API websocket, for people to paste into their own
/// programs: built from the exact frame the console sends, with the key left as a placeholder.
class CodeSnippet
{
public:
    enum class Language { Python, JavaScript, Shell };

    /// What stands where the API key goes. Snippets never contain a real key.
    static QString keyPlaceholder() { return QStringLiteral("YOUR_API_KEY"); }

    /// The request frame `{"method","id","path","body"}` as ApiClient sends it (body omitted
    /// when null or undefined).
    static QByteArray requestFrame(const ApiRequest &request, bool indented = false);

    /// A complete program in `language` that connects to `apiUrl` (the real service when empty),
    /// sends `request` and prints the response.
    static QString snippet(Language language, const ApiRequest &request, const QUrl &apiUrl = {});
    static QString languageName(Language language);

    /// `text` as one shell word: in single quotes, each ' written as '\''.
    static QString shellQuoted(const QString &text);
    /// `text` as a double-quoted string literal valid in Python and JavaScript (JSON escaping).
    static QString stringLiteral(const QString &text);

private:
    static QString python(const QByteArray &frame, const QString &url);
    static QString javaScript(const QByteArray &frame, const QString &url);
    static QString shell(const QByteArray &frame, const QString &url);
};

} // namespace allium
