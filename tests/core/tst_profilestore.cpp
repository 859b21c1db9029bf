// SPDX-License-Identifier: MIT
#include "core/connection/backoffpolicy.h"
#include "core/connection/connectionprofile.h"
#include "core/settings/keystore.h"
#include "core/settings/profilestore.h"
#include "support/legacyprofiles.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace allium;

namespace {

// Reads `reference` from `keys`, waiting for the answer.
KeyStoreResult readKey(KeyStore &keys, const QString &reference, QObject *context)
{
    KeyStoreResult result;
    bool done = false;
    keys.readKey(reference, context, [&](const KeyStoreResult &r) {
        result = r;
        done = true;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 5000))
        qWarning("no answer from the KeyStore");
    return result;
}

bool writeKey(KeyStore &keys, const QString &reference, const QString &key, QObject *context)
{
    bool ok = false;
    bool done = false;
    keys.writeKey(reference, key, context, [&](const KeyStoreResult &r) {
        ok = r.ok;
        done = true;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 5000))
        qWarning("no answer from the KeyStore");
    return ok;
}

} // namespace

class TestProfileStore : public QObject
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
    void profilesGetStableIds();
    void renameKeepsKey();
    void recreatedNameHasNoKey();
    void legacyKeysMigrateOnce();
    void insecureTransportNeedsConsent_data();
    void insecureTransportNeedsConsent();
    void legacyInsecureProfileIsKeptButRefused();
    void retryDelayHasAMinimum();

private:
    QString m_file;
};

void TestProfileStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestProfileStore::init()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    QVERIFY(QDir().mkpath(dir));
    m_file = dir + QStringLiteral("/tst_profilestore.ini");
    QFile::remove(m_file);
}

// A new profile points at Allium's production URL; it names no key entry until the store
// gives it an id.
void TestProfileStore::profileDefaultsToAllium()
{
    const ConnectionProfile profile(QStringLiteral("Work"));
    QCOMPARE(profile.baseUrl(), QUrl(QStringLiteral("wss://api.allium.so")));
    QVERIFY(profile.keyReference().isEmpty());
    QVERIFY(!profile.isEmbeddedEmulator());
    QVERIFY(profile.validationError().isEmpty());
    QVERIFY(ConnectionProfile::embeddedEmulator().isEmbeddedEmulator());
    QVERIFY(ConnectionProfile::embeddedEmulator().validationError().isEmpty());
}

void TestProfileStore::baseUrlValidation_data()
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
void TestProfileStore::baseUrlValidation()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    const QString error = ConnectionProfile::baseUrlError(QUrl(url, QUrl::StrictMode));
    QCOMPARE(error.isEmpty(), valid);
}

// The endpoint paths are appended to the base URL, after any path prefix.
void TestProfileStore::apiAndStreamUrlsAppendPaths()
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
void TestProfileStore::createPersistsAcrossInstances()
{
    ConnectionProfile profile(QStringLiteral("Staging"),
                              QUrl(QStringLiteral("ws://127.0.0.1:1234")));
    ConnectionOptions options;
    options.backoffBaseMs = 250;
    options.maxAttempts = 7;
    options.pingIntervalMs = 0;
    options.backoffJitter = 0.5;
    profile.setOptions(options);
    profile.setAllowInsecureTransport(true);
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
    profile.setId(reloaded.profile(QStringLiteral("Staging")).id());
    QCOMPARE(reloaded.profile(QStringLiteral("Staging")), profile);
    QCOMPARE(reloaded.profile(QStringLiteral("Staging")).options().maxAttempts, 7);
    QVERIFY(reloaded.profile(QStringLiteral("Local")).isEmbeddedEmulator());
    QCOMPARE(reloaded.defaultProfileName(), QStringLiteral("Local"));
}

// Names are unique and invalid profiles are refused with a reason, without a change signal.
void TestProfileStore::createRefusesDuplicateAndInvalid()
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

// Renaming keeps the keychain entry the profile points at (its id's), and follows the default.
void TestProfileStore::renameKeepsKeyReferenceAndDefault()
{
    ProfileStore store(m_file);
    QVERIFY(store.create(ConnectionProfile(QStringLiteral("Old"))));
    QVERIFY(store.create(ConnectionProfile(QStringLiteral("Other"))));
    QVERIFY(store.setDefaultProfile(QStringLiteral("Old")));
    QString error;
    QVERIFY(!store.rename(QStringLiteral("Old"), QStringLiteral("Other"), &error));
    QVERIFY(!store.rename(QStringLiteral("Missing"), QStringLiteral("X"), &error));
    const QString reference = store.profile(QStringLiteral("Old")).keyReference();
    QVERIFY2(store.rename(QStringLiteral("Old"), QStringLiteral("New"), &error), qPrintable(error));
    QVERIFY(!store.contains(QStringLiteral("Old")));
    QCOMPARE(store.profile(QStringLiteral("New")).keyReference(), reference);
    QCOMPARE(store.defaultProfileName(), QStringLiteral("New"));
    QCOMPARE(ProfileStore(m_file).defaultProfileName(), QStringLiteral("New"));
}

// A duplicate gets "<name> (copy)", then "(copy 2)", and an id (and key entry) of its own.
void TestProfileStore::duplicateCopiesWithFreshName()
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
    QVERIFY(!copy.id().isEmpty());
    QVERIFY(copy.keyReference() != store.profile(QStringLiteral("Main")).keyReference());
    QCOMPARE(store.names().size(), 4);
}

// Removing the default profile makes the first remaining one the default.
void TestProfileStore::removeForgetsProfileAndDefault()
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
void TestProfileStore::updateReplacesProfile()
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
void TestProfileStore::builtinProfilesOnFirstUse()
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
void TestProfileStore::keyNeverReachesSettingsFile()
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
void TestProfileStore::defaultConstructorUsesTestModeSettings()
{
    ProfileStore store;
    const QString testConfig =
        QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    QVERIFY2(store.fileName().startsWith(testConfig),
             qPrintable(store.fileName() + QStringLiteral(" not under ") + testConfig));
    QVERIFY(testConfig.contains(QStringLiteral("qttest")));
}

// Each profile gets its own stable id, kept across instances; the key entry is named after it.
void TestProfileStore::profilesGetStableIds()
{
    QString id;
    {
        ProfileStore store(m_file);
        QVERIFY(store.create(ConnectionProfile(QStringLiteral("A"))));
        QVERIFY(store.create(ConnectionProfile(QStringLiteral("B"))));
        id = store.profile(QStringLiteral("A")).id();
        QVERIFY(!id.isEmpty());
        QVERIFY(id != store.profile(QStringLiteral("B")).id());
        QCOMPARE(store.profile(QStringLiteral("A")).keyReference(),
                 QStringLiteral("profile-") + id);
    }
    ProfileStore reloaded(m_file);
    QCOMPARE(reloaded.profile(QStringLiteral("A")).id(), id);
    QCOMPARE(reloaded.profileById(id).name(), QStringLiteral("A"));
}

// Renaming (by rename() or by update() with the same id) keeps the key with the profile.
void TestProfileStore::renameKeepsKey()
{
    KeyStore keys;
    keys.setKeychainEnabled(false);
    ProfileStore store(m_file);
    QVERIFY(store.create(ConnectionProfile(QStringLiteral("Work"))));
    const QString key = QStringLiteral("sk-work-1");
    QVERIFY(writeKey(keys, store.profile(QStringLiteral("Work")).keyReference(), key, this));

    QVERIFY(store.rename(QStringLiteral("Work"), QStringLiteral("Job")));
    QCOMPARE(readKey(keys, store.profile(QStringLiteral("Job")).keyReference(), this).key, key);

    ConnectionProfile edited = store.profile(QStringLiteral("Job"));
    edited.setName(QStringLiteral("Office"));
    QVERIFY(store.update(edited));
    QVERIFY(!store.contains(QStringLiteral("Job")));
    QCOMPARE(
        readKey(keys, ProfileStore(m_file).profile(QStringLiteral("Office")).keyReference(), this)
            .key,
        key);
}

// A profile deleted (even with its keychain entry left behind) and created again under the same
// name has no key: the orphaned entry can never be sent to the new profile's URL.
void TestProfileStore::recreatedNameHasNoKey()
{
    KeyStore keys;
    keys.setKeychainEnabled(false);
    ProfileStore store(m_file);
    QVERIFY(store.create(ConnectionProfile(QStringLiteral("Work"))));
    const QString oldReference = store.profile(QStringLiteral("Work")).keyReference();
    QVERIFY(writeKey(keys, oldReference, QStringLiteral("sk-old"), this));
    QVERIFY(store.remove(QStringLiteral("Work")));
    QVERIFY(store.create(
        ConnectionProfile(QStringLiteral("Work"), QUrl(QStringLiteral("wss://other.example")))));
    const ConnectionProfile fresh = store.profile(QStringLiteral("Work"));
    QVERIFY(fresh.keyReference() != oldReference);
    const KeyStoreResult result = readKey(keys, fresh.keyReference(), this);
    QVERIFY(!result.ok);
    QVERIFY(result.missing);
    // A duplicate, too, starts without a key entry of its own (the dialog copies the key).
    QVERIFY(!store.duplicate(QStringLiteral("Work")).isEmpty());
    QVERIFY(store.profile(QStringLiteral("Work (copy)")).keyReference() != fresh.keyReference());
}

// Settings of an older version (no id, key entry named after the profile, shared by a
// duplicate): ids are given and written at once, and the key moves to each id's entry once.
void TestProfileStore::legacyKeysMigrateOnce()
{
    {
        QSettings legacy(m_file, QSettings::IniFormat);
        legacy.beginWriteArray(QStringLiteral("profiles"), 3);
        const QStringList names{QStringLiteral("Work"), QStringLiteral("Work (copy)"),
                                QStringLiteral("Empty")};
        const QStringList references{QStringLiteral("Work"), QStringLiteral("Work"),
                                     QStringLiteral("Empty")};
        for (int i = 0; i < 3; ++i) {
            legacy.setArrayIndex(i);
            legacy.setValue(QStringLiteral("name"), names.at(i));
            legacy.setValue(QStringLiteral("baseUrl"), QStringLiteral("wss://api.allium.so"));
            legacy.setValue(QStringLiteral("keyReference"), references.at(i));
        }
        legacy.endArray();
    }
    KeyStore keys;
    keys.setKeychainEnabled(false);
    const QString key = QStringLiteral("sk-legacy-9");
    QVERIFY(writeKey(keys, QStringLiteral("Work"), key, this));

    ProfileStore store(m_file);
    const ConnectionProfile work = store.profile(QStringLiteral("Work"));
    QVERIFY(!work.id().isEmpty());
    QCOMPARE(work.keyReference(), QStringLiteral("Work")); // until migrated
    QCOMPARE(ProfileStore(m_file).profile(QStringLiteral("Work")).id(), work.id());

    QSignalSpy migrated(&store, &ProfileStore::legacyKeysMigrated);
    store.migrateLegacyKeys(&keys);
    QVERIFY(migrated.count() == 1 || migrated.wait(5000));
    for (const QString &name : {QStringLiteral("Work"), QStringLiteral("Work (copy)")}) {
        const ConnectionProfile profile = store.profile(name);
        QVERIFY(profile.legacyKeyReference().isEmpty());
        QCOMPARE(profile.keyReference(), ConnectionProfile::keyReferenceForId(profile.id()));
        QCOMPARE(readKey(keys, profile.keyReference(), this).key, key);
    }
    QVERIFY(store.profile(QStringLiteral("Empty")).legacyKeyReference().isEmpty());
    QVERIFY(!readKey(keys, QStringLiteral("Work"), this).ok); // the old entry is gone

    // Once: the file no longer names the old entries.
    ProfileStore again(m_file);
    QVERIFY(again.profile(QStringLiteral("Work")).legacyKeyReference().isEmpty());
    QFile file(m_file);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("keyReference"));
}

// ws:// to another machine needs the profile's explicit consent, which is saved; loopback
// (localhost, 127.0.0.0/8, ::1) never does.
void TestProfileStore::insecureTransportNeedsConsent_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("needsConsent");
    QTest::newRow("wss remote") << "wss://api.allium.so" << false;
    QTest::newRow("ws 127.0.0.1") << "ws://127.0.0.1:8080" << false;
    QTest::newRow("ws 127.4.5.6") << "ws://127.4.5.6:8080" << false;
    QTest::newRow("ws localhost") << "ws://LocalHost:1" << false;
    QTest::newRow("ws ::1") << "ws://[::1]:9000" << false;
    QTest::newRow("ws mapped 127") << "ws://[::ffff:127.0.0.1]:9000" << false;
    QTest::newRow("ws remote name") << "ws://api.allium.so" << true;
    QTest::newRow("ws private address") << "ws://192.168.1.10:8080" << true;
    QTest::newRow("ws 128.0.0.1") << "ws://128.0.0.1" << true;
    QTest::newRow("ws localhost look-alike") << "ws://localhost.example.com" << true;
    QTest::newRow("ws ipv6 remote") << "ws://[2001:db8::1]:1" << true;
    QTest::newRow("ws mapped remote") << "ws://[::ffff:192.0.2.1]:1" << true;
}

void TestProfileStore::insecureTransportNeedsConsent()
{
    QFETCH(QString, url);
    QFETCH(bool, needsConsent);
    ConnectionProfile profile(QStringLiteral("P"), QUrl(url));
    QCOMPARE(ConnectionProfile::isCleartextToRemote(profile.baseUrl()), needsConsent);
    QCOMPARE(!profile.validationError().isEmpty(), needsConsent);
    ProfileStore store(m_file);
    QString error;
    QCOMPARE(store.create(profile, &error), !needsConsent);
    if (!needsConsent)
        return;
    QVERIFY2(error.contains(QStringLiteral("clear text")), qPrintable(error));
    profile.setAllowInsecureTransport(true);
    QVERIFY(profile.validationError().isEmpty());
    QVERIFY2(store.create(profile, &error), qPrintable(error));
    QVERIFY(ProfileStore(m_file).profile(QStringLiteral("P")).allowsInsecureTransport());
    // Withdrawing the consent is refused while the URL is still ws:// to another machine.
    profile = store.profile(QStringLiteral("P"));
    profile.setAllowInsecureTransport(false);
    QVERIFY(!store.update(profile));
}

// A profile an older version saved with ws:// to another machine is kept (not silently
// dropped) but refuses to be used until the user consents.
void TestProfileStore::legacyInsecureProfileIsKeptButRefused()
{
    writeLegacyProfile(m_file, QStringLiteral("Lab"), QStringLiteral("ws://10.1.2.3:8000"));
    ProfileStore store(m_file);
    QVERIFY(store.contains(QStringLiteral("Lab")));
    QVERIFY(!store.profile(QStringLiteral("Lab")).transportError().isEmpty());
}

// The retry delay cannot be made shorter than the minimum, whether set or read from a file.
void TestProfileStore::retryDelayHasAMinimum()
{
    ConnectionProfile profile(QStringLiteral("Fast"), QUrl(QStringLiteral("ws://127.0.0.1:1")));
    ConnectionOptions options;
    options.backoffBaseMs = 0;
    options.backoffCapMs = 0;
    options.backoffJitter = 1.0;
    profile.setOptions(options);
    ProfileStore store(m_file);
    QVERIFY(store.create(profile));
    const ConnectionOptions stored = store.profile(QStringLiteral("Fast")).options();
    QCOMPARE(stored.backoffBaseMs, ConnectionOptions::MinBackoffBaseMs);
    QCOMPARE(stored.backoffCapMs, ConnectionOptions::MinBackoffBaseMs);
    QCOMPARE(stored.backoffJitter, ConnectionOptions::MaxBackoffJitter);
    {
        QSettings file(m_file, QSettings::IniFormat);
        file.setValue(QStringLiteral("profiles/1/options/backoffBaseMs"), 0);
        file.setValue(QStringLiteral("profiles/1/options/backoffJitter"), QStringLiteral("nan"));
    }
    const ConnectionOptions loaded = ProfileStore(m_file).profile(QStringLiteral("Fast")).options();
    QCOMPARE(loaded.backoffBaseMs, ConnectionOptions::MinBackoffBaseMs);
    QVERIFY(loaded.backoffJitter >= 0 && loaded.backoffJitter <= 0.5);
    const BackoffPolicy policy = BackoffPolicy::fromOptions(loaded);
    // The earliest retry, at the cap and the lowest jitter draw: half the minimum base.
    QVERIFY(policy.delayMs(1, 0.0) >= ConnectionOptions::MinBackoffBaseMs / 2);
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
