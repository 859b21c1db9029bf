// SPDX-License-Identifier: MIT
#include "core/api/codesnippet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace allium;
using Language = CodeSnippet::Language;

namespace {

ApiRequest sampleRequest()
{
    ApiRequest request;
    request.method = QStringLiteral("POST");
    request.id = QStringLiteral("req-1");
    request.path = QStringLiteral("/api/v1/developer/trading/hyperliquid/info/fills");
    request.body = QJsonObject{{QStringLiteral("type"), QStringLiteral("userFills")},
                               {QStringLiteral("note"), QStringLiteral("it's \"quoted\"\\")}};
    return request;
}

// A request and URL that break any snippet that does not quote them for its language.
ApiRequest hostileRequest()
{
    ApiRequest request;
    request.method = QStringLiteral("POST");
    request.id = QStringLiteral("a'b\"c\\d$(touch pwned)`id`''' \n end");
    request.path = QStringLiteral("/x'; rm -rf ~; echo '");
    request.body = QJsonObject{
        {QStringLiteral("text"), QStringLiteral("line\nbreak \\n ''' \"\"\" ${HOME} </script> ") +
                                     QChar(0x2028) + QStringLiteral(" \u00e9")}};
    return request;
}

QUrl hostileUrl()
{
    return QUrl(QStringLiteral("ws://127.0.0.1:4321/it's/$(touch pwned)/api?q='x'&r=\"y\""));
}

// Runs `program` with `arguments` in `directory`; its stdout, or nothing when it failed.
QByteArray run(const QString &program, const QStringList &arguments, const QString &directory)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(program, arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        qWarning().noquote() << program << "failed:" << process.readAllStandardError();
        return {};
    }
    return process.readAllStandardOutput();
}

} // namespace

class TestCodeSnippet : public QObject
{
    Q_OBJECT

private slots:
    // The frame holds method, id, path and body, and no body key when there is none.
    void requestFrame();
    // Every snippet carries the placeholder key, the URL and the exact frame (decoded the way
    // its language would), and never a key-like value from the URL.
    void snippetsCarryFrameAndPlaceholder_data();
    void snippetsCarryFrameAndPlaceholder();
    // Without a URL the snippet targets Allium's API websocket.
    void defaultUrl();
    // Each snippet, run by its own interpreter (sh, python3, node; the network part stubbed),
    // sends exactly the console's frame to exactly the URL, however hostile the id, path, body
    // and URL are, and runs nothing they contain.
    void snippetsRunInTheirLanguage_data();
    void snippetsRunInTheirLanguage();
    // The quoting helpers: shell single quotes, JSON string literals for Python and JavaScript.
    void quoting();
};

void TestCodeSnippet::requestFrame()
{
    const QJsonObject frame =
        QJsonDocument::fromJson(CodeSnippet::requestFrame(sampleRequest())).object();
    QCOMPARE(frame.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(frame.value(QLatin1String("id")).toString(), QStringLiteral("req-1"));
    QCOMPARE(frame.value(QLatin1String("body")).toObject(), sampleRequest().body.toObject());
    ApiRequest bare = sampleRequest();
    bare.body = QJsonValue();
    QVERIFY(!QJsonDocument::fromJson(CodeSnippet::requestFrame(bare))
                 .object()
                 .contains(QLatin1String("body")));
    QVERIFY(CodeSnippet::requestFrame(bare, true).contains('\n'));
    QVERIFY(!CodeSnippet::requestFrame(bare, false).contains('\n'));
}

void TestCodeSnippet::snippetsCarryFrameAndPlaceholder_data()
{
    QTest::addColumn<Language>("language");
    QTest::newRow("python") << Language::Python;
    QTest::newRow("javascript") << Language::JavaScript;
    QTest::newRow("shell") << Language::Shell;
}

void TestCodeSnippet::snippetsCarryFrameAndPlaceholder()
{
    QFETCH(Language, language);
    const QUrl url(QStringLiteral("ws://user:secret@127.0.0.1:4321/api/v1/developer/ws/api"));
    const QString snippet = CodeSnippet::snippet(language, sampleRequest(), url);
    QVERIFY(snippet.contains(QStringLiteral("YOUR_API_KEY")));
    QVERIFY(snippet.contains(QStringLiteral("X-API-KEY")));
    QVERIFY(snippet.contains(QStringLiteral("ws://127.0.0.1:4321/api/v1/developer/ws/api")));
    QVERIFY(!snippet.contains(QStringLiteral("secret")));

    // Undo the language's quoting of the frame and compare with what the console sends.
    QString embedded;
    if (language == Language::Python) {
        const auto match = QRegularExpression(QStringLiteral("json\\.loads\\('''(.*)'''\\)"),
                                              QRegularExpression::DotMatchesEverythingOption)
                               .match(snippet);
        QVERIFY(match.hasMatch());
        embedded = match.captured(1).replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
    } else if (language == Language::JavaScript) {
        const auto match = QRegularExpression(QStringLiteral("const request = (.*?);\\n\\n"),
                                              QRegularExpression::DotMatchesEverythingOption)
                               .match(snippet);
        QVERIFY(match.hasMatch());
        embedded = match.captured(1);
    } else {
        const auto match = QRegularExpression(QStringLiteral("^printf '%s\\\\n' '(.*)' \\\\\\n"),
                                              QRegularExpression::DotMatchesEverythingOption)
                               .match(snippet);
        QVERIFY(match.hasMatch());
        embedded = match.captured(1).replace(QStringLiteral("'\\''"), QStringLiteral("'"));
    }
    const QJsonObject frame = QJsonDocument::fromJson(embedded.toUtf8()).object();
    QCOMPARE(frame, QJsonDocument::fromJson(CodeSnippet::requestFrame(sampleRequest())).object());
}

void TestCodeSnippet::defaultUrl()
{
    const QString snippet = CodeSnippet::snippet(Language::Shell, sampleRequest());
    QVERIFY(snippet.contains(QStringLiteral("wss://api.allium.so/api/v1/developer/ws/api")));
    QCOMPARE(CodeSnippet::languageName(Language::Python), QStringLiteral("Python"));
}

void TestCodeSnippet::snippetsRunInTheirLanguage_data()
{
    QTest::addColumn<Language>("language");
    QTest::addColumn<QString>("program");
    QTest::newRow("shell") << Language::Shell << QStringLiteral("sh");
    QTest::newRow("python") << Language::Python << QStringLiteral("python3");
    QTest::newRow("javascript") << Language::JavaScript << QStringLiteral("node");
}

void TestCodeSnippet::snippetsRunInTheirLanguage()
{
    QFETCH(Language, language);
    QFETCH(QString, program);
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty())
        QSKIP(qPrintable(program + QStringLiteral(" is not installed")));
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString snippet = CodeSnippet::snippet(language, hostileRequest(), hostileUrl());
    const QString url = hostileUrl().toString(QUrl::FullyEncoded);
    QVERIFY(url.contains(QLatin1Char('\'')));

    QString script;
    QString stop;
    switch (language) {
    case Language::Shell:
        // websocat replaced by a function that prints its arguments and what it was sent.
        script = QStringLiteral("websocat() { printf '%s\\n' \"$@\"; cat; }\n") + snippet;
        break;
    case Language::Python:
        stop = QStringLiteral("\nws = ");
        script = QStringLiteral("import sys, types\n"
                                "sys.modules['websocket'] = types.ModuleType('websocket')\n") +
                 snippet.left(snippet.indexOf(stop)) +
                 QStringLiteral("\nprint(json.dumps({'url': WS_URL, 'key': API_KEY, "
                                "'request': request}))\n");
        break;
    case Language::JavaScript:
        stop = QStringLiteral("\nconst ws = ");
        script = QStringLiteral("const Module = require('module');\n"
                                "const realRequire = Module.prototype.require;\n"
                                "Module.prototype.require = function (name) {\n"
                                "    return name === 'ws' ? function () {} "
                                ": realRequire.apply(this, arguments);\n"
                                "};\n") +
                 snippet.left(snippet.indexOf(stop)) +
                 QStringLiteral("\nconsole.log(JSON.stringify({url: WS_URL, key: API_KEY, "
                                "request}));\n");
        break;
    }
    if (!stop.isEmpty())
        QVERIFY(snippet.contains(stop));
    QFile file(directory.filePath(QStringLiteral("snippet")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(script.toUtf8());
    file.close();
    const QByteArray output = run(path, {file.fileName()}, directory.path());
    QVERIFY(!output.isEmpty());
    QVERIFY2(!QFile::exists(directory.filePath(QStringLiteral("pwned"))), "the snippet ran code");

    if (language == Language::Shell) {
        const QList<QByteArray> lines = output.split('\n');
        QCOMPARE(lines.size(), 6); // 4 arguments, the frame, and nothing after its newline
        QCOMPARE(lines.at(0), QByteArray("-n1"));
        QCOMPARE(lines.at(1), QByteArray("-H"));
        QCOMPARE(lines.at(2), QByteArray("X-API-KEY: YOUR_API_KEY"));
        QCOMPARE(QString::fromUtf8(lines.at(3)), url);
        QCOMPARE(lines.at(4), CodeSnippet::requestFrame(hostileRequest()));
        return;
    }
    QJsonParseError error;
    const QJsonObject seen = QJsonDocument::fromJson(output, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, output.constData());
    QCOMPARE(seen.value(QLatin1String("url")).toString(), url);
    QCOMPARE(seen.value(QLatin1String("key")).toString(), CodeSnippet::keyPlaceholder());
    QCOMPARE(seen.value(QLatin1String("request")).toObject(),
             QJsonDocument::fromJson(CodeSnippet::requestFrame(hostileRequest())).object());
}

// The quoting helpers on their own.
void TestCodeSnippet::quoting()
{
    QCOMPARE(CodeSnippet::shellQuoted(QStringLiteral("it's $x")), QStringLiteral("'it'\\''s $x'"));
    QCOMPARE(CodeSnippet::stringLiteral(QStringLiteral("a\"b\\c\nd")),
             QStringLiteral("\"a\\\"b\\\\c\\nd\""));
}

QTEST_GUILESS_MAIN(TestCodeSnippet)
#include "tst_codesnippet.moc"
