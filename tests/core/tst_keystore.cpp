// SPDX-License-Identifier: MIT
#include "core/settings/keystore.h"

#include <QDirIterator>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using namespace allium;

class TestKeyStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void memoryOnlyRoundTrip();
    void keychainWriteReadDelete();
    void readOfMissingKeyFails();
    void destroyedContextGetsNoCallback();

private:
    static KeyStoreResult run(const std::function<void(KeyStore::Callback)> &operation);
    static bool keyInAnyFile(const QByteArray &key);
};

void TestKeyStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AlliumTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_keystore"));
}

KeyStoreResult TestKeyStore::run(const std::function<void(KeyStore::Callback)> &operation)
{
    KeyStoreResult outcome;
    bool done = false;
    operation([&](const KeyStoreResult &result) {
        outcome = result;
        done = true;
    });
    // A keychain backend over D-Bus can take a moment; without one the answer is quick.
    if (!QTest::qWaitFor([&done] { return done; }, 15000))
        qFatal("KeyStore never called back");
    return outcome;
}

// Scans every file under the test-mode config and data locations for the key's bytes.
bool TestKeyStore::keyInAnyFile(const QByteArray &key)
{
    QSettings().sync();
    const QList<QStandardPaths::StandardLocation> locations{
        QStandardPaths::GenericConfigLocation, QStandardPaths::GenericDataLocation,
        QStandardPaths::AppConfigLocation, QStandardPaths::AppDataLocation,
        QStandardPaths::GenericCacheLocation};
    for (const QStandardPaths::StandardLocation location : locations) {
        QDirIterator it(QStandardPaths::writableLocation(location), QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.size() < 10 * 1024 * 1024 && file.open(QIODevice::ReadOnly) &&
                file.readAll().contains(key)) {
                qWarning("key found in %s", qPrintable(file.fileName()));
                return true;
            }
        }
    }
    return false;
}

// With the keychain disabled a key lives in memory: readable, deletable, never on disk.
void TestKeyStore::memoryOnlyRoundTrip()
{
    KeyStore store;
    store.setKeychainEnabled(false);
    const QString key = QStringLiteral("mem-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const KeyStoreResult written = run(
        [&](KeyStore::Callback done) { store.writeKey(QStringLiteral("ref"), key, this, done); });
    QVERIFY(written.ok);
    QVERIFY(!written.persistent);
    QVERIFY(written.errorString.contains(QStringLiteral("memory")));
    QVERIFY(!written.errorString.contains(key));
    QVERIFY(store.hasSessionKey(QStringLiteral("ref")));

    const KeyStoreResult read =
        run([&](KeyStore::Callback done) { store.readKey(QStringLiteral("ref"), this, done); });
    QVERIFY(read.ok);
    QCOMPARE(read.key, key);

    const KeyStoreResult deleted =
        run([&](KeyStore::Callback done) { store.deleteKey(QStringLiteral("ref"), this, done); });
    QVERIFY(deleted.ok);
    QVERIFY(!store.hasSessionKey(QStringLiteral("ref")));
    QVERIFY(!run([&](KeyStore::Callback done) {
                 store.readKey(QStringLiteral("ref"), this, done);
             }).ok);
    QVERIFY(!keyInAnyFile(key.toUtf8()));
}

// With the system keychain: a round trip when a backend answers; otherwise a clear error, the
// key kept in memory for the session, and nothing written to any file.
void TestKeyStore::keychainWriteReadDelete()
{
    KeyStore store;
    QSignalSpy unavailable(&store, &KeyStore::keychainUnavailable);
    const QString reference =
        QStringLiteral("tst_keystore-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString key = QStringLiteral("kc-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

    const KeyStoreResult written =
        run([&](KeyStore::Callback done) { store.writeKey(reference, key, this, done); });
    QVERIFY(written.ok);
    QVERIFY(!written.errorString.contains(key));
    const KeyStoreResult read =
        run([&](KeyStore::Callback done) { store.readKey(reference, this, done); });
    QVERIFY(read.ok);
    QCOMPARE(read.key, key);

    if (written.persistent) {
        qInfo("keychain backend available: round trip through it");
        QVERIFY(read.persistent);
        QVERIFY(!store.hasSessionKey(reference));
        QCOMPARE(unavailable.count(), 0);
    } else {
        qInfo("no keychain backend: %s", qPrintable(written.errorString));
        QVERIFY(written.errorString.contains(QStringLiteral("keychain")));
        QVERIFY(written.errorString.contains(QStringLiteral("memory")));
        QCOMPARE(unavailable.count(), 1);
        QVERIFY(!unavailable.at(0).at(0).toString().contains(key));
        QVERIFY(store.hasSessionKey(reference));
        QVERIFY(!read.persistent);
        QVERIFY(!keyInAnyFile(key.toUtf8()));
    }

    const KeyStoreResult deleted =
        run([&](KeyStore::Callback done) { store.deleteKey(reference, this, done); });
    QVERIFY(deleted.ok);
    QVERIFY(!run([&](KeyStore::Callback done) { store.readKey(reference, this, done); }).ok);
}

// Reading a reference nobody wrote fails and names the reference.
void TestKeyStore::readOfMissingKeyFails()
{
    KeyStore store;
    const QString reference = QStringLiteral("missing-") + QUuid::createUuid().toString();
    const KeyStoreResult read =
        run([&](KeyStore::Callback done) { store.readKey(reference, this, done); });
    QVERIFY(!read.ok);
    QVERIFY(read.key.isEmpty());
    QVERIFY(read.errorString.contains(reference));
}

// A callback whose context object is gone is not called.
void TestKeyStore::destroyedContextGetsNoCallback()
{
    KeyStore store;
    store.setKeychainEnabled(false);
    bool called = false;
    auto *context = new QObject;
    store.writeKey(QStringLiteral("r"), QStringLiteral("k"), context,
                   [&called](const KeyStoreResult &) { called = true; });
    delete context;
    bool sentinel = false;
    store.readKey(QStringLiteral("r"), this,
                  [&sentinel](const KeyStoreResult &) { sentinel = true; });
    QTRY_VERIFY(sentinel); // callbacks run in order: the first one had its chance
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_keystore.moc"
