#include "codesnippet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
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

} // namespace

class tst_CodeSnippet : public QObject
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
};

void tst_CodeSnippet::requestFrame()
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

void tst_CodeSnippet::snippetsCarryFrameAndPlaceholder_data()
{
    QTest::addColumn<Language>("language");
    QTest::newRow("python") << Language::Python;
    QTest::newRow("javascript") << Language::JavaScript;
    QTest::newRow("shell") << Language::Shell;
}

void tst_CodeSnippet::snippetsCarryFrameAndPlaceholder()
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
        const auto match = QRegularExpression(QStringLiteral("^echo '(.*)' \\\\\\n"),
                                              QRegularExpression::DotMatchesEverythingOption)
                               .match(snippet);
        QVERIFY(match.hasMatch());
        embedded = match.captured(1).replace(QStringLiteral("'\\''"), QStringLiteral("'"));
    }
    const QJsonObject frame = QJsonDocument::fromJson(embedded.toUtf8()).object();
    QCOMPARE(frame, QJsonDocument::fromJson(CodeSnippet::requestFrame(sampleRequest())).object());
}

void tst_CodeSnippet::defaultUrl()
{
    const QString snippet = CodeSnippet::snippet(Language::Shell, sampleRequest());
    QVERIFY(snippet.contains(QStringLiteral("wss://api.allium.so/api/v1/developer/ws/api")));
    QCOMPARE(CodeSnippet::languageName(Language::Python), QStringLiteral("Python"));
}

QTEST_GUILESS_MAIN(tst_CodeSnippet)
#include "tst_codesnippet.moc"
