#include "connectionprofile.h"
#include "keystore.h"
#include "profilestore.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace allium;

class tst_ProfileStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void profileDefaultsToAllium();
    void baseUrlValidation_data();
    void baseUrlValidation();
    void apiAndStreamUrlsAppendPaths();
    void createPersistsAcrossInstances();
    void createRefusesDuplicateAndInvalid();
    void renameKeepsKeyReferenceAndDefault();
    void duplicateCopiesWithFreshName();
    void removeForgetsProfileAndDefault();
    void updateReplacesProfile();
    void builtinProfilesOnFirstUse();
    void keyNeverReachesSettingsFile();
    void defaultConstructorUsesTestModeSettings();

private:
    QString m_file;
};

void tst_ProfileStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_ProfileStore::init()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    QVERIFY(QDir().mkpath(dir));
    m_file = dir + QStringLiteral("/tst_profilestore.ini");
    QFile::remove(m_file);
}

// A new profile points at Allium's production URL and uses its name as key reference.
void tst_ProfileStore::profileDefaultsToAllium()
{
    const ConnectionProfile profile(QStringLiteral("Work"));
    QCOMPARE(profile.baseUrl(), QUrl(QStringLiteral("wss://api.allium.so")));
    QCOMPARE(profile.keyReference(), QStringLiteral("Work"));
    QVERIFY(!profile.isEmbeddedEmulator());
    QVERIFY(profile.validationError().isEmpty());
    QVERIFY(ConnectionProfile::embeddedEmulator().isEmbeddedEmulator());
    QVERIFY(ConnectionProfile::embeddedEmulator().validationError().isEmpty());
}

void tst_ProfileStore::baseUrlValidation_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::newRow("wss production") << "wss://api.allium.so" << true;
    QTest::newRow("ws loopback with port") << "ws://127.0.0.1:8080" << true;
    QTest::newRow("ws ipv6 loopback") << "ws://[::1]:9000" << true;
    QTest::newRow("path prefix") << "wss://example.test/proxy" << true;
    QTest::newRow("http") << "http://api.allium.so" << false;
    QTest::newRow("https") << "https://api.allium.so" << false;
    QTest::newRow("no scheme") << "api.allium.so" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("no host") << "ws://" << false;
    QTest::newRow("query") << "wss://api.allium.so/?topic=x" << false;
    QTest::newRow("credentials") << "wss://user:pw@api.allium.so" << false;
    QTest::newRow("garbage") << "ws://exa mple" << false;
}

// Only ws:// and wss:// URLs with a host and no query, fragment or credentials are usable.
void tst_ProfileStore::baseUrlValidation()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    const QString error = ConnectionProfile::baseUrlError(QUrl(url, QUrl::StrictMode));
    QCOMPARE(error.isEmpty(), valid);
}

// The endpoint paths are appended to the base URL, after any path prefix.
void tst_ProfileStore::apiAndStreamUrlsAppendPaths()
{
    ConnectionProfile profile(QStringLiteral("p"), QUrl(QStringLiteral("ws://127.0.0.1:4000/")));
    QCOMPARE(profile.apiUrl(), QUrl(QStringLiteral("ws://127.0.0.1:4000/api/v1/developer/ws/api")));
    QCOMPARE(profile.streamUrl(QStringLiteral("ethereum.blocks")),
             QUrl(QStringLiteral(
                 "ws://127.0.0.1:4000/api/v1/developer/ws/stream?topic=ethereum.blocks")));
    profile.setBaseUrl(QUrl(QStringLiteral("wss://example.test/proxy")));
    QCOMPARE(profile.apiUrl(),
             QUrl(QStringLiteral("wss://example.test/proxy/api/v1/developer/ws/api")));
}

// Profiles, their options and the default survive a new store on the same file.
void tst_ProfileStore::createPersistsAcrossInstances()
{
    ConnectionProfile profile(QStringLiteral("Staging"),
                              QUrl(QStringLiteral("ws://127.0.0.1:1234")));
    ConnectionOptions options;
    options.backoffBaseMs = 250;
    options.maxAttempts = 7;
    options.pingIntervalMs = 0;
    options.backoffJitter = 0.5;
    profile.setOptions(options);
    profile.setKeyReference(QStringLiteral("staging-key"));
    {
        ProfileStore store(m_file);
        QSignalSpy changed(&store, &ProfileStore::profilesChanged);
        QString error;
        QVERIFY2(store.create(profile, &error), qPrintable(error));
        QVERIFY(store.create(ConnectionProfile::embeddedEmulator(QStringLiteral("Local"))));
        QVERIFY(store.setDefaultProfile(QStringLiteral("Local")));
        QCOMPARE(changed.count(), 3);
    }
    ProfileStore reloaded(m_file);
    QCOMPARE(reloaded.names(), (QStringList{QStringLiteral("Staging"), QStringLiteral("Local")}));
    QCOMPARE(reloaded.profile(QStringLiteral("Staging")), profile);
    QCOMPARE(reloaded.profile(QStringLiteral("Staging")).options().maxAttempts, 7);
    QVERIFY(reloaded.profile(QStringLiteral("Local")).isEmbeddedEmulator());
    QCOMPARE(reloaded.defaultProfileName(), QStringLiteral("Local"));
}

// Names are unique and invalid profiles are refused with a reason, without a change signal.
void tst_ProfileStore::createRefusesDuplicateAndInvalid()
{
    ProfileStore store(m_file);
    QVERIFY(store.create(ConnectionProfile(QStringLiteral("A"))));
    QSignalSpy changed(&store, &ProfileStore::profilesChanged);
    QString error;
    QVERIFY(!store.create(ConnectionProfile(QStringLiteral("A")), &error));
    QVERIFY(error.contains(QStringLiteral("exists")));
    QVERIFY(!store.create(ConnectionProfile(QStringLiteral("B"), QUrl(QStringLiteral("http://x"))),
                          &error));
    QVERIFY(error.contains(QStringLiteral("ws://")));
    QVERIFY(!store.create(ConnectionProfile(QStringLiteral("  ")), &error));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(store.names(), QStringList{QStringLiteral("A")});
}

// Renaming keeps the keychain entry the profile points at, and follows the default.
void tst_ProfileStore::renameKeepsKeyReferenceAndDefault()
{
    ProfileStore store(m_file);
    QVERIFY(store.create(ConnectionProfile(QStringLiteral("Old"))));
    QVERIFY(store.create(ConnectionProfile(QStringLiteral("Other"))));
    QVERIFY(store.setDefaultProfile(QStringLiteral("Old")));
    QString error;
    QVERIFY(!store.rename(QStringLiteral("Old"), QStringLiteral("Other"), &error));
    QVERIFY(!store.rename(QStringLiteral("Missing"), QStringLiteral("X"), &error));
    QVERIFY2(store.rename(QStringLiteral("Old"), QStringLiteral("New"), &error), qPrintable(error));
    QVERIFY(!store.contains(QStringLiteral("Old")));
    QCOMPARE(store.profile(QStringLiteral("New")).keyReference(), QStringLiteral("Old"));
    QCOMPARE(store.defaultProfileName(), QStringLiteral("New"));
    QCOMPARE(ProfileStore(m_file).defaultProfileName(), QStringLiteral("New"));
}

// A duplicate gets "<name> (copy)", then "(copy 2)", and shares the key reference.
void tst_ProfileStore::duplicateCopiesWithFreshName()
{
    ProfileStore store(m_file);
    ConnectionProfile profile(QStringLiteral("Main"), QUrl(QStringLiteral("ws://127.0.0.1:5")));
    QVERIFY(store.create(profile));
    QCOMPARE(store.duplicate(QStringLiteral("Main")), QStringLiteral("Main (copy)"));
    QCOMPARE(store.duplicate(QStringLiteral("Main")), QStringLiteral("Main (copy 2)"));
    QCOMPARE(store.duplicate(QStringLiteral("Main"), QStringLiteral("Mine")),
             QStringLiteral("Mine"));
    QVERIFY(store.duplicate(QStringLiteral("Main"), QStringLiteral("Mine")).isEmpty());
    QVERIFY(store.duplicate(QStringLiteral("Nope")).isEmpty());
    const ConnectionProfile copy = store.profile(QStringLiteral("Main (copy)"));
    QCOMPARE(copy.baseUrl(), profile.baseUrl());
    QCOMPARE(copy.keyReference(), QStringLiteral("Main"));
    QCOMPARE(store.names().size(), 4);
}

// Removing the default profile makes the first remaining one the default.
void tst_ProfileStore::removeForgetsProfileAndDefault()
{
    ProfileStore store(m_file);
    QVERIFY(store.create(ConnectionProfile(QStringLiteral("A"))));
    QVERIFY(store.create(ConnectionProfile(QStringLiteral("B"))));
    QVERIFY(store.setDefaultProfile(QStringLiteral("B")));
    QSignalSpy changed(&store, &ProfileStore::profilesChanged);
    QVERIFY(store.remove(QStringLiteral("B")));
    QVERIFY(!store.remove(QStringLiteral("B")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(store.defaultProfileName(), QStringLiteral("A"));
    QCOMPARE(ProfileStore(m_file).names(), QStringList{QStringLiteral("A")});
    QVERIFY(store.remove(QStringLiteral("A")));
    QVERIFY(store.defaultProfileName().isEmpty());
    QVERIFY(!store.setDefaultProfile(QStringLiteral("A")));
}

// update() replaces a profile by name; an unchanged profile emits nothing.
void tst_ProfileStore::updateReplacesProfile()
{
    ProfileStore store(m_file);
    ConnectionProfile profile(QStringLiteral("A"));
    QVERIFY(store.create(profile));
    QSignalSpy changed(&store, &ProfileStore::profilesChanged);
    QVERIFY(store.update(profile));
    QCOMPARE(changed.count(), 0);
    profile.setBaseUrl(QUrl(QStringLiteral("ws://[::1]:99")));
    QVERIFY(store.update(profile));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(ProfileStore(m_file).profile(QStringLiteral("A")).baseUrl(), profile.baseUrl());
    QVERIFY(!store.update(ConnectionProfile(QStringLiteral("Missing"))));
}

// An empty store gets the production profile (default) and the embedded emulator, once.
void tst_ProfileStore::builtinProfilesOnFirstUse()
{
    ProfileStore store(m_file);
    store.ensureBuiltinProfiles();
    QCOMPARE(store.names().size(), 2);
    QCOMPARE(store.defaultProfile().baseUrl(), ConnectionProfile::defaultBaseUrl());
    QVERIFY(store.profile(store.names().at(1)).isEmbeddedEmulator());
    QVERIFY(store.remove(store.names().at(1)));
    store.ensureBuiltinProfiles();
    QCOMPARE(store.names().size(), 1);
}

// Saving a profile whose key was just stored writes the reference, never the key.
void tst_ProfileStore::keyNeverReachesSettingsFile()
{
    const QString key = QStringLiteral("sk-live-4f1c9a7e-never-on-disk");
    KeyStore keys;
    keys.setKeychainEnabled(false); // the memory path: the worst case for leaks into settings
    bool written = false;
    keys.writeKey(QStringLiteral("Secret"), key, this,
                  [&written](const KeyStoreResult &result) { written = result.ok; });
    QTRY_VERIFY(written);

    ProfileStore store(m_file);
    ConnectionProfile profile(QStringLiteral("Secret"));
    QVERIFY(store.create(profile));
    QVERIFY(store.duplicate(QStringLiteral("Secret")).size() > 0);
    QVERIFY(store.rename(QStringLiteral("Secret"), QStringLiteral("Renamed")));

    QFile file(store.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("Renamed"));
    QVERIFY(!bytes.contains(key.toUtf8()));
    QVERIFY(!bytes.contains("sk-live"));
}

// The shared-settings constructor writes under the test-mode config location, not the user's.
void tst_ProfileStore::defaultConstructorUsesTestModeSettings()
{
    ProfileStore store;
    const QString testConfig =
        QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    QVERIFY2(store.fileName().startsWith(testConfig),
             qPrintable(store.fileName() + QStringLiteral(" not under ") + testConfig));
    QVERIFY(testConfig.contains(QStringLiteral("qttest")));
}

QTEST_GUILESS_MAIN(tst_ProfileStore)
#include "tst_profilestore.moc"
