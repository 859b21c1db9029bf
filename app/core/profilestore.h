#pragma once

#include "connectionprofile.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QSettings;

namespace allium {

/// The saved connection profiles and which one is the default, persisted with QSettings.
/// Holds key references only; API keys live in the KeyStore. Profile names are unique.
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

    /// Adds a profile; false (with a reason) for an invalid profile or a name already taken.
    bool create(const ConnectionProfile &profile, QString *error = nullptr);
    /// Replaces the profile of the same name.
    bool update(const ConnectionProfile &profile, QString *error = nullptr);
    /// Renames; the key reference does not change, so the key stays with the profile.
    bool rename(const QString &name, const QString &newName, QString *error = nullptr);
    /// Copies `name` as `newName` (empty: "<name> (copy)", "<name> (copy 2)"…). The copy shares
    /// the original's key reference. Returns the new name, or empty on failure.
    QString duplicate(const QString &name, const QString &newName = {}, QString *error = nullptr);
    /// Removes the profile (its keychain entry is the caller's business).
    bool remove(const QString &name);

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

private:
    int indexOf(const QString &name) const;
    void load();
    void save();

    std::unique_ptr<QSettings> m_settings;
    QList<ConnectionProfile> m_profiles;
    QString m_defaultName;
};

} // namespace allium
