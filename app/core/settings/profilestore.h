// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionprofile.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QSettings;

namespace allium {

class KeyStore;

/// The saved connection profiles and which one is the default, persisted with QSettings.
/// Holds key references only; API keys live in the KeyStore. Profile names are unique; each
/// profile has a stable id (given on create, or on first load of an older file) that names its
/// keychain entry.
class ProfileStore : public QObject
{
    Q_OBJECT
public:
    /// The settings shared by allium-monitor and allium-cli (same organisation and application).
    explicit ProfileStore(QObject *parent = nullptr);
    /// Profiles kept in an INI file at `settingsFile` (tests, portable setups).
    explicit ProfileStore(const QString &settingsFile, QObject *parent = nullptr);
    ~ProfileStore() override;

    static QString settingsOrganization() { return QStringLiteral("Allium"); }
    static QString settingsApplication() { return QStringLiteral("Allium Monitor"); }

    /// Where the profiles are written.
    QString fileName() const;

    QList<ConnectionProfile> profiles() const { return m_profiles; }
    QStringList names() const;
    bool contains(const QString &name) const;
    /// The profile called `name`, or a default-constructed one when there is none.
    ConnectionProfile profile(const QString &name) const;
    ConnectionProfile profileById(const QString &id) const;

    /// Adds a profile under a new id (an id already given is kept if unused); false (with a
    /// reason) for an invalid profile or a name already taken. Options are brought within
    /// ConnectionOptions::withinLimits().
    bool create(const ConnectionProfile &profile, QString *error = nullptr);
    /// Replaces the profile with the same id (the same name when it has none); a new name
    /// renames it.
    bool update(const ConnectionProfile &profile, QString *error = nullptr);
    /// Renames; the id, and so the key, stay with the profile.
    bool rename(const QString &name, const QString &newName, QString *error = nullptr);
    /// Copies `name` as `newName` (empty: "<name> (copy)", "<name> (copy 2)"…) under a new id,
    /// so without a key (the caller copies it). Returns the new name, or empty on failure.
    QString duplicate(const QString &name, const QString &newName = {}, QString *error = nullptr);
    /// Removes the profile (deleting its keychain entry is the caller's business).
    bool remove(const QString &name);

    /// Moves the keys of profiles saved by an older version (keychain entries named after the
    /// profile) to their id's entry, once: read, write under the id, delete the old entry,
    /// forget the old reference. An entry that cannot be moved now (keychain unavailable) is
    /// left for the next start. Emits legacyKeysMigrated() when done.
    void migrateLegacyKeys(KeyStore *keys);

    /// The default profile's name; the first profile when none was chosen, empty when none exist.
    QString defaultProfileName() const;
    ConnectionProfile defaultProfile() const { return profile(defaultProfileName()); }
    bool setDefaultProfile(const QString &name);

    /// On first use, adds "Allium" (wss://api.allium.so) and the embedded emulator.
    void ensureBuiltinProfiles();

    /// Reads the settings again (another process may have changed them).
    void reload();

signals:
    void profilesChanged();
    void legacyKeysMigrated();

private:
    int indexOf(const QString &name) const;
    int indexOfId(const QString &id) const;
    void finishMigration(const QString &legacy, const QStringList &ids);
    void load();
    void save();

    std::unique_ptr<QSettings> m_settings;
    QList<ConnectionProfile> m_profiles;
    QString m_defaultName;
    int m_pendingMigrations = 0;
};

} // namespace allium
