// SPDX-License-Identifier: MIT
#include "core/settings/profilestore.h"

#include "core/settings/keystore.h"

#include <QHash>
#include <QSettings>
#include <QSslCertificate>

#include <memory>
#include <utility>

namespace allium {

namespace {

const QString profilesKey = QStringLiteral("profiles");
const QString defaultKey = QStringLiteral("defaultProfile");

void writeOptions(QSettings &settings, const ConnectionOptions &options)
{
    settings.setValue(QStringLiteral("backoffBaseMs"), options.backoffBaseMs);
    settings.setValue(QStringLiteral("backoffCapMs"), options.backoffCapMs);
    settings.setValue(QStringLiteral("backoffJitter"), options.backoffJitter);
    settings.setValue(QStringLiteral("maxAttempts"), options.maxAttempts);
    settings.setValue(QStringLiteral("stableAfterMs"), options.stableAfterMs);
    settings.setValue(QStringLiteral("pingIntervalMs"), options.pingIntervalMs);
    settings.setValue(QStringLiteral("deadAfterMs"), options.deadAfterMs);
    settings.setValue(QStringLiteral("handshakeTimeoutMs"), options.handshakeTimeoutMs);
    settings.setValue(QStringLiteral("compression"), options.compression);
    QStringList pems;
    for (const QSslCertificate &certificate : options.extraCaCertificates)
        pems.append(QString::fromLatin1(certificate.toPem()));
    settings.setValue(QStringLiteral("extraCaCertificates"), pems);
}

ConnectionOptions readOptions(const QSettings &settings)
{
    ConnectionOptions options;
    const auto readInt = [&settings](const char *key, int fallback) {
        bool ok = false;
        const int value = settings.value(QLatin1String(key), fallback).toInt(&ok);
        return ok ? value : fallback;
    };
    options.backoffBaseMs = readInt("backoffBaseMs", options.backoffBaseMs);
    options.backoffCapMs = readInt("backoffCapMs", options.backoffCapMs);
    options.backoffJitter =
        settings.value(QStringLiteral("backoffJitter"), options.backoffJitter).toDouble();
    options.maxAttempts = readInt("maxAttempts", options.maxAttempts);
    options.stableAfterMs = readInt("stableAfterMs", options.stableAfterMs);
    options.pingIntervalMs = readInt("pingIntervalMs", options.pingIntervalMs);
    options.deadAfterMs = readInt("deadAfterMs", options.deadAfterMs);
    options.handshakeTimeoutMs = readInt("handshakeTimeoutMs", options.handshakeTimeoutMs);
    options.compression = settings.value(QStringLiteral("compression"), true).toBool();
    const QStringList pems = settings.value(QStringLiteral("extraCaCertificates")).toStringList();
    for (const QString &pem : pems)
        options.extraCaCertificates.append(QSslCertificate::fromData(pem.toLatin1()));
    // A hand-edited 0 ms retry delay would hammer the server.
    return options.withinLimits();
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

ProfileStore::ProfileStore(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(settingsOrganization(), settingsApplication()))
{
    load();
}

ProfileStore::ProfileStore(const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
    load();
}

ProfileStore::~ProfileStore() = default;

QString ProfileStore::fileName() const
{
    return m_settings->fileName();
}

QStringList ProfileStore::names() const
{
    QStringList result;
    for (const ConnectionProfile &profile : m_profiles)
        result.append(profile.name());
    return result;
}

int ProfileStore::indexOf(const QString &name) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).name() == name)
            return i;
    }
    return -1;
}

int ProfileStore::indexOfId(const QString &id) const
{
    if (id.isEmpty())
        return -1;
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).id() == id)
            return i;
    }
    return -1;
}

ConnectionProfile ProfileStore::profileById(const QString &id) const
{
    const int index = indexOfId(id);
    return index >= 0 ? m_profiles.at(index) : ConnectionProfile();
}

bool ProfileStore::contains(const QString &name) const
{
    return indexOf(name) >= 0;
}

ConnectionProfile ProfileStore::profile(const QString &name) const
{
    const int index = indexOf(name);
    return index >= 0 ? m_profiles.at(index) : ConnectionProfile();
}

bool ProfileStore::create(const ConnectionProfile &profile, QString *error)
{
    const QString problem = profile.validationError();
    if (!problem.isEmpty())
        return fail(error, problem);
    if (contains(profile.name()))
        return fail(error,
                    QStringLiteral("a profile named \"%1\" exists already").arg(profile.name()));
    ConnectionProfile added = profile;
    // A fresh id, so a new profile never finds a key left behind under an old one.
    if (added.id().isEmpty() || indexOfId(added.id()) >= 0)
        added.setId(ConnectionProfile::newId());
    added.setOptions(added.options().withinLimits());
    m_profiles.append(added);
    save();
    emit profilesChanged();
    return true;
}

bool ProfileStore::update(const ConnectionProfile &profile, QString *error)
{
    // By id when the profile has one (so update() can rename), else by name.
    const int index = profile.id().isEmpty() ? indexOf(profile.name()) : indexOfId(profile.id());
    if (index < 0)
        return fail(error, QStringLiteral("no profile named \"%1\"").arg(profile.name()));
    const QString problem = profile.validationError();
    if (!problem.isEmpty())
        return fail(error, problem);
    const QString oldName = m_profiles.at(index).name();
    if (profile.name() != oldName && contains(profile.name()))
        return fail(error,
                    QStringLiteral("a profile named \"%1\" exists already").arg(profile.name()));
    ConnectionProfile updated = profile;
    updated.setId(m_profiles.at(index).id());
    updated.setLegacyKeyReference(m_profiles.at(index).legacyKeyReference());
    updated.setOptions(updated.options().withinLimits());
    if (m_profiles.at(index) == updated)
        return true;
    m_profiles[index] = updated;
    if (m_defaultName == oldName)
        m_defaultName = updated.name();
    save();
    emit profilesChanged();
    return true;
}

bool ProfileStore::rename(const QString &name, const QString &newName, QString *error)
{
    const int index = indexOf(name);
    if (index < 0)
        return fail(error, QStringLiteral("no profile named \"%1\"").arg(name));
    if (newName == name)
        return true;
    if (newName.trimmed().isEmpty())
        return fail(error, QStringLiteral("the profile has no name"));
    if (contains(newName))
        return fail(error, QStringLiteral("a profile named \"%1\" exists already").arg(newName));
    // The key reference follows the id, not the name: nothing else changes.
    m_profiles[index].setName(newName);
    if (m_defaultName == name)
        m_defaultName = newName;
    save();
    emit profilesChanged();
    return true;
}

QString ProfileStore::duplicate(const QString &name, const QString &newName, QString *error)
{
    const int index = indexOf(name);
    if (index < 0) {
        fail(error, QStringLiteral("no profile named \"%1\"").arg(name));
        return {};
    }
    QString copyName = newName;
    for (int n = 1; copyName.isEmpty() || (newName.isEmpty() && contains(copyName)); ++n) {
        copyName = n == 1 ? QStringLiteral("%1 (copy)").arg(name)
                          : QStringLiteral("%1 (copy %2)").arg(name).arg(n);
    }
    ConnectionProfile copy = m_profiles.at(index);
    copy.setId(QString());
    copy.setLegacyKeyReference(QString());
    copy.setName(copyName);
    return create(copy, error) ? copyName : QString();
}

bool ProfileStore::remove(const QString &name)
{
    const int index = indexOf(name);
    if (index < 0)
        return false;
    m_profiles.removeAt(index);
    if (m_defaultName == name)
        m_defaultName.clear();
    save();
    emit profilesChanged();
    return true;
}

QString ProfileStore::defaultProfileName() const
{
    if (contains(m_defaultName))
        return m_defaultName;
    return m_profiles.isEmpty() ? QString() : m_profiles.constFirst().name();
}

bool ProfileStore::setDefaultProfile(const QString &name)
{
    if (!contains(name))
        return false;
    if (m_defaultName == name)
        return true;
    m_defaultName = name;
    save();
    emit profilesChanged();
    return true;
}

void ProfileStore::ensureBuiltinProfiles()
{
    if (!m_profiles.isEmpty())
        return;
    m_profiles.append(ConnectionProfile(QStringLiteral("Allium")));
    m_profiles.append(ConnectionProfile::embeddedEmulator());
    m_defaultName = QStringLiteral("Allium");
    save();
    emit profilesChanged();
}

void ProfileStore::reload()
{
    m_settings->sync();
    load();
    emit profilesChanged();
}

void ProfileStore::migrateLegacyKeys(KeyStore *keys)
{
    // Profiles sharing one legacy entry (duplicates of an older version) move together: the
    // key is copied to each one's own entry, and the old entry goes once all have it.
    QHash<QString, QStringList> idsByReference;
    for (const ConnectionProfile &profile : std::as_const(m_profiles)) {
        if (!profile.legacyKeyReference().isEmpty())
            idsByReference[profile.legacyKeyReference()].append(profile.id());
    }
    for (auto it = idsByReference.cbegin(); it != idsByReference.cend(); ++it) {
        const QString legacy = it.key();
        const QStringList ids = it.value();
        ++m_pendingMigrations;
        keys->readKey(legacy, this, [this, keys, legacy, ids](const KeyStoreResult &read) {
            if (!read.ok || read.key.isEmpty()) {
                // Nothing there: the profile simply has no key. A keychain that could not be
                // asked leaves the reference for the next start.
                if (read.missing)
                    finishMigration(legacy, ids);
                else
                    finishMigration(QString(), {});
                return;
            }
            auto remaining = std::make_shared<int>(int(ids.size()));
            auto allStored = std::make_shared<bool>(true);
            for (const QString &id : ids) {
                keys->writeKey(
                    ConnectionProfile::keyReferenceForId(id), read.key, this,
                    [this, keys, legacy, ids, remaining, allStored](const KeyStoreResult &written) {
                        // In memory only while a keychain exists but refused: keep the old entry.
                        *allStored = *allStored && written.ok &&
                                     (written.persistent || !keys->isKeychainEnabled());
                        if (--*remaining > 0)
                            return;
                        if (!*allStored) {
                            finishMigration(QString(), {});
                            return;
                        }
                        keys->deleteKey(legacy, this, [this, legacy, ids](const KeyStoreResult &) {
                            finishMigration(legacy, ids);
                        });
                    });
            }
        });
    }
    if (m_pendingMigrations == 0)
        emit legacyKeysMigrated();
}

void ProfileStore::finishMigration(const QString &legacy, const QStringList &ids)
{
    bool changed = false;
    for (const QString &id : ids) {
        const int index = indexOfId(id);
        // The profile may have been deleted, or already moved on, meanwhile.
        if (index >= 0 && m_profiles.at(index).legacyKeyReference() == legacy) {
            m_profiles[index].setLegacyKeyReference(QString());
            changed = true;
        }
    }
    if (changed) {
        save();
        emit profilesChanged();
    }
    if (--m_pendingMigrations == 0)
        emit legacyKeysMigrated();
}

void ProfileStore::load()
{
    m_profiles.clear();
    bool idsAdded = false;
    const int count = m_settings->beginReadArray(profilesKey);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        ConnectionProfile profile(m_settings->value(QStringLiteral("name")).toString(),
                                  QUrl(m_settings->value(QStringLiteral("baseUrl")).toString()));
        profile.setId(m_settings->value(QStringLiteral("id")).toString());
        profile.setEmbeddedEmulator(m_settings->value(QStringLiteral("embeddedEmulator")).toBool());
        profile.setAllowInsecureTransport(
            m_settings->value(QStringLiteral("allowInsecure")).toBool());
        // Written by older versions (always, as the profile's name) and kept until the key
        // entry has moved to the id's.
        profile.setLegacyKeyReference(m_settings->value(QStringLiteral("keyReference")).toString());
        m_settings->beginGroup(QStringLiteral("options"));
        profile.setOptions(readOptions(*m_settings));
        m_settings->endGroup();
        // A hand-edited file may hold junk or duplicates: keep what is usable. A profile that
        // lacks only the consent to unencrypted ws:// is kept, and refused when used.
        if (!profile.definitionError().isEmpty() || contains(profile.name()))
            continue;
        if (profile.id().isEmpty() || indexOfId(profile.id()) >= 0) {
            profile.setId(ConnectionProfile::newId());
            idsAdded = true;
        }
        m_profiles.append(profile);
    }
    m_settings->endArray();
    m_defaultName = m_settings->value(defaultKey).toString();
    // Ids are written at once, so every process (monitor, cli) sees the same ones.
    if (idsAdded)
        save();
}

void ProfileStore::save()
{
    m_settings->remove(profilesKey);
    m_settings->beginWriteArray(profilesKey, int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        const ConnectionProfile &profile = m_profiles.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("name"), profile.name());
        m_settings->setValue(QStringLiteral("id"), profile.id());
        m_settings->setValue(QStringLiteral("baseUrl"), profile.baseUrl().toString());
        m_settings->setValue(QStringLiteral("embeddedEmulator"), profile.isEmbeddedEmulator());
        m_settings->setValue(QStringLiteral("allowInsecure"), profile.allowsInsecureTransport());
        if (!profile.legacyKeyReference().isEmpty())
            m_settings->setValue(QStringLiteral("keyReference"), profile.legacyKeyReference());
        m_settings->beginGroup(QStringLiteral("options"));
        writeOptions(*m_settings, profile.options());
        m_settings->endGroup();
    }
    m_settings->endArray();
    if (m_defaultName.isEmpty())
        m_settings->remove(defaultKey);
    else
        m_settings->setValue(defaultKey, m_defaultName);
    m_settings->sync();
}

} // namespace allium
