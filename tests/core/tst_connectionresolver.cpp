// SPDX-License-Identifier: MIT
#include "core/connection/connectionprofile.h"
#include "core/connection/connectionresolver.h"
#include "core/settings/profilestore.h"
#include "support/legacyprofiles.h"

#include <QTemporaryDir>
#include <QTest>

using namespace allium;

using Kind = ConnectionPlan::Kind;
using Problem = ConnectionPlan::Problem;

// The one rule for where the monitor and the CLI connect, decided without widgets, processes
// or a keychain.
class TestConnectionResolver : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void urlWithEnvironmentKey();
    void urlKeyFallbacks();
    void urlRefusals();
    void urlWithProfileTakesItsKeyAndOptions();
    void unnamedProfileWithoutKeyShowsTheEmulator();
    void namedProfiles();
    void lastProfileBeforeDefault();
    void cleartextProfileNeedsConsent();
    void settingsWithoutProfiles();

private:
    /// Adds a profile with a distinctive retry base, so that a plan shows whose options it took.
    ConnectionProfile addProfile(const QString &name, const QString &url,
                                 bool allowInsecure = false);
    ConnectionPlan resolve(const ConnectionRequest &request) const
    {
        return ConnectionResolver::resolve(request, *m_profiles, m_withKey);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ProfileStore> m_profiles;
    QStringList m_withKey;
    int m_settingsCount = 0;
};

void TestConnectionResolver::init()
{
    QVERIFY(m_dir.isValid());
    m_profiles = std::make_unique<ProfileStore>(
        m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_settingsCount)));
    m_profiles->ensureBuiltinProfiles(); // "Allium" (the default) and "Emulator"
    m_withKey.clear();
}

ConnectionProfile TestConnectionResolver::addProfile(const QString &name, const QString &url,
                                                     bool allowInsecure)
{
    ConnectionProfile profile(name, QUrl(url));
    ConnectionOptions options;
    options.backoffBaseMs = 4321;
    options.backoffCapMs = 9999;
    profile.setOptions(options);
    profile.setAllowInsecureTransport(allowInsecure);
    QString error;
    [&] { QVERIFY2(m_profiles->create(profile, &error), qPrintable(error)); }();
    return m_profiles->profile(name);
}

// --url with ALLIUM_API_KEY: that URL, that key, the command line's options.
void TestConnectionResolver::urlWithEnvironmentKey()
{
    ConnectionRequest request;
    request.url = QUrl(QStringLiteral("wss://example.test"));
    request.environmentKey = QStringLiteral("sk-env");
    request.urlOptions.backoffBaseMs = 777;
    const ConnectionPlan plan = resolve(request);
    QCOMPARE(plan.kind, Kind::Key);
    QCOMPARE(plan.baseUrl, request.url);
    QCOMPARE(plan.apiKey, QStringLiteral("sk-env"));
    QCOMPARE(plan.keySource, QStringLiteral("ALLIUM_API_KEY"));
    QCOMPARE(plan.profileName, ConnectionResolver::commandLineProfileName());
    QCOMPARE(plan.options.backoffBaseMs, 777);
}

// Without ALLIUM_API_KEY a server on this machine gets the built-in emulator's key; any other
// is refused for want of a key, and nothing is sent.
void TestConnectionResolver::urlKeyFallbacks()
{
    ConnectionRequest request;
    request.loopbackKey = QStringLiteral("demo");
    request.url = QUrl(QStringLiteral("ws://127.0.0.1:4000"));
    ConnectionPlan plan = resolve(request);
    QCOMPARE(plan.kind, Kind::Key);
    QCOMPARE(plan.apiKey, QStringLiteral("demo"));

    request.url = QUrl(QStringLiteral("wss://api.allium.so"));
    plan = resolve(request);
    QCOMPARE(plan.kind, Kind::Refused);
    QCOMPARE(plan.problem, Problem::NoKey);
    QVERIFY(plan.message.contains(QLatin1String("ALLIUM_API_KEY")));
    QVERIFY(plan.apiKey.isEmpty());
}

void TestConnectionResolver::urlRefusals()
{
    ConnectionRequest request;
    request.environmentKey = QStringLiteral("sk-env");
    request.urlText = QStringLiteral("http://127.0.0.1:1");
    request.url = QUrl(request.urlText);
    ConnectionPlan plan = resolve(request);
    QCOMPARE(plan.problem, Problem::BadUrl);
    QVERIFY(plan.message.startsWith(QLatin1String("bad --url \"http://127.0.0.1:1\"")));

    // ws:// to another machine: refused before any key is used, allowed with consent.
    request.urlText = QStringLiteral("ws://203.0.113.1:9");
    request.url = QUrl(request.urlText);
    plan = resolve(request);
    QCOMPARE(plan.kind, Kind::Refused);
    QCOMPARE(plan.problem, Problem::InsecureTransport);
    QVERIFY(plan.message.contains(QLatin1String("--allow-insecure")));
    QVERIFY(plan.apiKey.isEmpty());
    request.allowInsecure = true;
    plan = resolve(request);
    QCOMPARE(plan.kind, Kind::Key);
    QVERIFY(plan.allowInsecure);

    request.profile = QStringLiteral("Nope");
    plan = resolve(request);
    QCOMPARE(plan.problem, Problem::UnknownProfile);
    QVERIFY(plan.message.contains(QLatin1String("no profile named \"Nope\"")));
}

// --url with --profile: the URL of the command line, the key and options of the profile.
void TestConnectionResolver::urlWithProfileTakesItsKeyAndOptions()
{
    const ConnectionProfile lab =
        addProfile(QStringLiteral("Lab"), QStringLiteral("wss://lab.test"));
    ConnectionRequest request;
    request.url = QUrl(QStringLiteral("wss://other.test"));
    request.profile = QStringLiteral("Lab");
    ConnectionPlan plan = resolve(request);
    QCOMPARE(plan.problem, Problem::NoKey); // named, and no key saved for it

    m_withKey = {lab.keyReference()};
    plan = resolve(request);
    QCOMPARE(plan.kind, Kind::KeychainKey);
    QCOMPARE(plan.baseUrl, request.url);
    QCOMPARE(plan.keyReference, lab.keyReference());
    QCOMPARE(plan.options.backoffBaseMs, 4321);
}

// Nothing named and no key anywhere: the built-in emulator, saying why; ALLIUM_API_KEY, when
// set, is the key of the default profile.
void TestConnectionResolver::unnamedProfileWithoutKeyShowsTheEmulator()
{
    ConnectionPlan plan = resolve({});
    QCOMPARE(plan.kind, Kind::EmbeddedServer);
    QCOMPARE(plan.profileName, QStringLiteral("Emulator"));
    QVERIFY(plan.message.contains(QLatin1String("No API key saved for \"Allium\"")));

    ConnectionRequest request;
    request.environmentKey = QStringLiteral("sk-env");
    plan = resolve(request);
    QCOMPARE(plan.kind, Kind::Key);
    QCOMPARE(plan.profileName, QStringLiteral("Allium"));
    QCOMPARE(plan.baseUrl, ConnectionProfile::defaultBaseUrl());

    m_withKey = {m_profiles->profile(QStringLiteral("Allium")).keyReference()};
    plan = resolve({});
    QCOMPARE(plan.kind, Kind::KeychainKey);
    QCOMPARE(plan.keySource, QStringLiteral("the keychain (profile \"Allium\")"));
}

void TestConnectionResolver::namedProfiles()
{
    ConnectionRequest request;
    request.profile = QStringLiteral("Emulator");
    ConnectionPlan plan = resolve(request);
    QCOMPARE(plan.kind, Kind::EmbeddedServer);
    QCOMPARE(plan.profileName, QStringLiteral("Emulator"));
    QVERIFY(plan.message.isEmpty()); // asked for: nothing to explain

    request.profile = QStringLiteral("Nope");
    plan = resolve(request);
    QCOMPARE(plan.problem, Problem::UnknownProfile);
    QVERIFY(plan.message.contains(QLatin1String("Allium, Emulator")));

    // Named without a key: refused (allium-cli exits, the monitor shows the emulator and why).
    request.profile = QStringLiteral("Allium");
    plan = resolve(request);
    QCOMPARE(plan.problem, Problem::NoKey);
    QCOMPARE(plan.profileName, QStringLiteral("Allium"));
}

void TestConnectionResolver::lastProfileBeforeDefault()
{
    const ConnectionProfile lab =
        addProfile(QStringLiteral("Lab"), QStringLiteral("wss://lab.test"));
    m_withKey = {lab.keyReference()};
    ConnectionRequest request;
    request.lastProfile = QStringLiteral("Lab");
    ConnectionPlan plan = resolve(request);
    QCOMPARE(plan.kind, Kind::KeychainKey);
    QCOMPARE(plan.profileName, QStringLiteral("Lab"));
    QCOMPARE(plan.baseUrl, QUrl(QStringLiteral("wss://lab.test")));

    request.lastProfile = QStringLiteral("Deleted since");
    plan = resolve(request);
    QCOMPARE(plan.kind, Kind::EmbeddedServer); // the default, "Allium", has no key
}

// A ws:// profile to another machine, as an older version saved it (without consent): refused
// before its key is even looked up, unless --allow-insecure; a consented one connects.
void TestConnectionResolver::cleartextProfileNeedsConsent()
{
    const QString file = m_dir.filePath(QStringLiteral("legacy.ini"));
    writeLegacyProfile(file, QStringLiteral("Lab"), QStringLiteral("ws://203.0.113.1:9"));
    ProfileStore legacy(file);
    const QStringList withKey{legacy.profile(QStringLiteral("Lab")).keyReference()};
    ConnectionRequest request;
    request.profile = QStringLiteral("Lab");
    ConnectionPlan plan = ConnectionResolver::resolve(request, legacy, withKey);
    QCOMPARE(plan.problem, Problem::InsecureTransport);
    QCOMPARE(plan.profileName, QStringLiteral("Lab"));
    QVERIFY(plan.message.startsWith(QLatin1String("profile \"Lab\"")));
    QVERIFY(plan.detail.contains(QLatin1String("clear text")));
    QVERIFY(plan.keyReference.isEmpty()); // the keychain is not even read

    request.allowInsecure = true;
    plan = ConnectionResolver::resolve(request, legacy, withKey);
    QCOMPARE(plan.kind, Kind::KeychainKey);
    QVERIFY(plan.allowInsecure);

    addProfile(QStringLiteral("Consented"), QStringLiteral("ws://203.0.113.2:9"), true);
    request = {};
    request.profile = QStringLiteral("Consented");
    request.environmentKey = QStringLiteral("sk-env");
    plan = resolve(request);
    QCOMPARE(plan.kind, Kind::Key);
    QVERIFY(plan.allowInsecure);
}

// allium-cli before the monitor ever ran: no profiles at all means Allium's service, so a key
// in the environment goes there and no key means the built-in emulator.
void TestConnectionResolver::settingsWithoutProfiles()
{
    const ProfileStore empty(m_dir.filePath(QStringLiteral("empty.ini")));
    ConnectionRequest request;
    ConnectionPlan plan = ConnectionResolver::resolve(request, empty, {});
    QCOMPARE(plan.kind, Kind::EmbeddedServer);
    request.environmentKey = QStringLiteral("sk-env");
    plan = ConnectionResolver::resolve(request, empty, {});
    QCOMPARE(plan.kind, Kind::Key);
    QCOMPARE(plan.baseUrl, ConnectionProfile::defaultBaseUrl());
}

QTEST_GUILESS_MAIN(TestConnectionResolver)
#include "tst_connectionresolver.moc"
