// SPDX-License-Identifier: MIT
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apitemplate.h"
#include "core/api/savedrequeststore.h"
#include "emulator/apiresponder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace allium;

namespace {

ApiTemplate makeTemplate(const QString &name, const QString &path, const QString &body = {})
{
    ApiTemplate t;
    t.name = name;
    t.method = QStringLiteral("POST");
    t.path = path;
    t.bodyText = body;
    return t;
}

} // namespace

class TestSavedRequests : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    // Saved requests survive a new store on the same file, in order, body text verbatim.
    void saveAndReload();
    // Saving under a taken name replaces; remove deletes; both tell listeners.
    void replaceAndRemove();
    // Requests without a name or a proper path, or too large, are refused with a reason.
    void invalidRequestsAreRefused_data();
    void invalidRequestsAreRefused();
    // Junk and duplicates in a hand-edited file are skipped, not loaded.
    void junkInFileIsSkipped();
    // The default store writes to the test-mode settings, never a real user's.
    void defaultStoreUsesTestSettings();
    // The built-in templates are the spec's examples, and every one is valid.
    void builtInsAreTheSpecExamples();
    // A template turns into the request the console sends; and back.
    void templateToRequestAndBack();
    // JSON round trip of a template (for session files).
    void templateJsonRoundTrip();
    // The endpoint catalogue knows every path the emulator serves, with the same method.
    void catalogueCoversEmulatorEndpoints();

private:
    QTemporaryDir m_dir;
};

void TestSavedRequests::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestSavedRequests::saveAndReload()
{
    const QString file = m_dir.filePath(QStringLiteral("reload.ini"));
    {
        SavedRequestStore store(file);
        QVERIFY(store.requests().isEmpty());
        QVERIFY(store.save(makeTemplate(QStringLiteral("b"), QStringLiteral("/b"),
                                        QStringLiteral("{\n  \"z\": 1,\n  \"a\": [1, 2]\n}"))));
        QVERIFY(store.save(makeTemplate(QStringLiteral("a"), QStringLiteral("/a"))));
    }
    SavedRequestStore again(file);
    QCOMPARE(again.names(), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
    const ApiTemplate b = again.request(QStringLiteral("b"));
    QCOMPARE(b.method, QStringLiteral("POST"));
    QCOMPARE(b.path, QStringLiteral("/b"));
    QCOMPARE(b.bodyText, QStringLiteral("{\n  \"z\": 1,\n  \"a\": [1, 2]\n}"));
    QVERIFY(!b.builtIn);
    QVERIFY(again.contains(QStringLiteral("a")));
    QCOMPARE(again.request(QStringLiteral("none")).name, QString());
}

void TestSavedRequests::replaceAndRemove()
{
    SavedRequestStore store(m_dir.filePath(QStringLiteral("replace.ini")));
    QSignalSpy changed(&store, &SavedRequestStore::requestsChanged);
    QVERIFY(store.save(makeTemplate(QStringLiteral("x"), QStringLiteral("/one"))));
    QVERIFY(store.save(makeTemplate(QStringLiteral(" x "), QStringLiteral("/two"))));
    QCOMPARE(store.names(), QStringList{QStringLiteral("x")});
    QCOMPARE(store.request(QStringLiteral("x")).path, QStringLiteral("/two"));
    QVERIFY(store.remove(QStringLiteral("x")));
    QVERIFY(!store.remove(QStringLiteral("x")));
    QVERIFY(store.requests().isEmpty());
    QCOMPARE(changed.count(), 3);
    QVERIFY(SavedRequestStore(store.fileName()).requests().isEmpty());
}

void TestSavedRequests::invalidRequestsAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("bodySize");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no name") << QStringLiteral("  ") << QStringLiteral("/a") << 0
                             << QStringLiteral("name");
    QTest::newRow("relative path")
        << QStringLiteral("n") << QStringLiteral("api/v1") << 0 << QStringLiteral("start with");
    QTest::newRow("huge body") << QStringLiteral("n") << QStringLiteral("/a")
                               << SavedRequestStore::MaxBodyChars + 1 << QStringLiteral("larger");
}

void TestSavedRequests::invalidRequestsAreRefused()
{
    QFETCH(QString, name);
    QFETCH(QString, path);
    QFETCH(int, bodySize);
    QFETCH(QString, reason);
    SavedRequestStore store(m_dir.filePath(QStringLiteral("invalid.ini")));
    QString error;
    QVERIFY(!store.save(makeTemplate(name, path, QString(bodySize, QLatin1Char(' '))), &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY(store.requests().isEmpty());
}

void TestSavedRequests::junkInFileIsSkipped()
{
    const QString file = m_dir.filePath(QStringLiteral("junk.ini"));
    {
        QSettings settings(file, QSettings::IniFormat);
        settings.beginWriteArray(QStringLiteral("console/savedRequests"));
        const QList<QStringList> rows{{QStringLiteral("ok"), QStringLiteral("/ok")},
                                      {QString(), QStringLiteral("/nameless")},
                                      {QStringLiteral("bad path"), QStringLiteral("nope")},
                                      {QStringLiteral("ok"), QStringLiteral("/duplicate")}};
        for (int i = 0; i < rows.size(); ++i) {
            settings.setArrayIndex(i);
            settings.setValue(QStringLiteral("name"), rows.at(i).at(0));
            settings.setValue(QStringLiteral("path"), rows.at(i).at(1));
        }
        settings.endArray();
    }
    SavedRequestStore store(file);
    QCOMPARE(store.names(), QStringList{QStringLiteral("ok")});
    QCOMPARE(store.request(QStringLiteral("ok")).path, QStringLiteral("/ok"));
    QCOMPARE(store.request(QStringLiteral("ok")).method, QStringLiteral("GET"));
}

void TestSavedRequests::defaultStoreUsesTestSettings()
{
    SavedRequestStore store;
    QVERIFY2(store.fileName().contains(QStringLiteral("qttest")), qPrintable(store.fileName()));
    for (const QString &name : store.names())
        store.remove(name);
    QVERIFY(store.save(makeTemplate(QStringLiteral("mine"), QStringLiteral("/mine"))));
    SavedRequestStore other;
    QCOMPARE(other.names(), QStringList{QStringLiteral("mine")});
    QVERIFY(other.remove(QStringLiteral("mine")));
}

void TestSavedRequests::builtInsAreTheSpecExamples()
{
    const QList<ApiTemplate> &builtIns = ApiTemplate::builtIns();
    QVERIFY(builtIns.size() >= 4);
    for (const ApiTemplate &t : builtIns) {
        QVERIFY(t.builtIn);
        QVERIFY2(t.bodyError().isEmpty(), qPrintable(t.name));
        QVERIFY2(ApiEndpointCatalogue::find(t.path), qPrintable(t.path));
        QCOMPARE(t.method, ApiEndpointCatalogue::methodFor(t.path));
    }
    const ApiRequest fills = builtIns.at(0).toRequest(QStringLiteral("unique-request-id"));
    QCOMPARE(fills.method, QStringLiteral("POST"));
    QCOMPARE(fills.path, QStringLiteral("/api/v1/developer/trading/hyperliquid/info/fills"));
    QCOMPARE(fills.body.toObject(),
             (QJsonObject{{QStringLiteral("type"), QStringLiteral("userFills")},
                          {QStringLiteral("user"),
                           QStringLiteral("0xD5994523d6B235862bE1790C06cFBE8547869449")}}));
    const ApiRequest assets = builtIns.at(1).toRequest(QStringLiteral("get-assets-1"));
    QCOMPARE(assets.method, QStringLiteral("GET"));
    QCOMPARE(assets.path, QStringLiteral("/api/v1/developer/assets"));
    QCOMPARE(assets.body.toObject(),
             (QJsonObject{{QStringLiteral("blockchain"), QStringLiteral("ethereum")},
                          {QStringLiteral("limit"), QStringLiteral("10")}}));
    QStringList paths;
    for (const ApiTemplate &t : builtIns)
        paths.append(t.path);
    QVERIFY(paths.contains(QStringLiteral("/api/v1/developer/prices")));
    QVERIFY(paths.contains(QStringLiteral("/api/v1/developer/wallet/balances")));
}

void TestSavedRequests::templateToRequestAndBack()
{
    ApiTemplate t =
        makeTemplate(QStringLiteral("n"), QStringLiteral(" /p "), QStringLiteral("[{\"a\": 1}]"));
    t.method = QStringLiteral("patch");
    ApiRequest request = t.toRequest(QStringLiteral("id-1"));
    QCOMPARE(request.method, QStringLiteral("PATCH"));
    QCOMPARE(request.path, QStringLiteral("/p"));
    QCOMPARE(request.id, QStringLiteral("id-1"));
    QCOMPARE(request.body.toArray().size(), 1);

    const ApiTemplate back = ApiTemplate::fromRequest(QStringLiteral("copy"), request);
    QCOMPARE(back.name, QStringLiteral("copy"));
    QCOMPARE(back.toRequest(QStringLiteral("id-1")).body, request.body);

    t.bodyText.clear();
    QVERIFY(t.toRequest({}).body.isNull()); // no body at all, not an empty object
    t.bodyText = QStringLiteral("{oops");
    QVERIFY(t.bodyError().startsWith(QStringLiteral("Line 1, column")));
    QCOMPARE(prettyJsonText(QJsonValue(3)), QStringLiteral("3"));
    QCOMPARE(prettyJsonText(QJsonValue()), QString());
}

void TestSavedRequests::templateJsonRoundTrip()
{
    const ApiTemplate t =
        makeTemplate(QStringLiteral("n"), QStringLiteral("/p"), QStringLiteral("{\"a\": 1}"));
    bool ok = false;
    QCOMPARE(ApiTemplate::fromJson(t.toJson(), &ok), t);
    QVERIFY(ok);
    ApiTemplate::fromJson(QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}}, &ok);
    QVERIFY(!ok);
    QVERIFY(!t.toJson().contains(QStringLiteral("id")));
}

void TestSavedRequests::catalogueCoversEmulatorEndpoints()
{
    for (const auto &[method, path] : ApiResponder::endpoints()) {
        const ApiEndpoint *endpoint = ApiEndpointCatalogue::find(path);
        QVERIFY2(endpoint, qPrintable(path));
        QCOMPARE(endpoint->method, method);
    }
    const QStringList paths = ApiEndpointCatalogue::paths();
    QCOMPARE(paths.size(), ApiEndpointCatalogue::endpoints().size()); // no duplicates
    for (const QString &path : paths)
        QVERIFY(path.startsWith(QStringLiteral("/api/v1/developer/")) ||
                path == QLatin1String("/api/v1/supported-chains/realtime-apis/simple"));
    QCOMPARE(ApiEndpointCatalogue::methodFor(QStringLiteral("/nope")), QString());
}

QTEST_GUILESS_MAIN(TestSavedRequests)
#include "tst_savedrequests.moc"
