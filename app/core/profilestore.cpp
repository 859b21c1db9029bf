#include "profilestore.h"

#include <QSettings>
#include <QSslCertificate>

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
    const QStringList pems = settings.value(QStringLiteral("extraCaCertificates")).toStringList();
    for (const QString &pem : pems)
        options.extraCaCertificates.append(QSslCertificate::fromData(pem.toLatin1()));
    return options;
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
    m_profiles.append(profile);
    save();
    emit profilesChanged();
    return true;
}

bool ProfileStore::update(const ConnectionProfile &profile, QString *error)
{
    const int index = indexOf(profile.name());
    if (index < 0)
        return fail(error, QStringLiteral("no profile named \"%1\"").arg(profile.name()));
    const QString problem = profile.validationError();
    if (!problem.isEmpty())
        return fail(error, problem);
    if (m_profiles.at(index) == profile)
        return true;
    m_profiles[index] = profile;
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
    ConnectionProfile &profile = m_profiles[index];
    // Pin the key reference first: an implicit one follows the name and would lose the key.
    profile.setKeyReference(profile.keyReference());
    profile.setName(newName);
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
    copy.setKeyReference(copy.keyReference());
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

void ProfileStore::load()
{
    m_profiles.clear();
    const int count = m_settings->beginReadArray(profilesKey);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        ConnectionProfile profile(m_settings->value(QStringLiteral("name")).toString(),
                                  QUrl(m_settings->value(QStringLiteral("baseUrl")).toString()));
        profile.setEmbeddedEmulator(m_settings->value(QStringLiteral("embeddedEmulator")).toBool());
        profile.setKeyReference(m_settings->value(QStringLiteral("keyReference")).toString());
        m_settings->beginGroup(QStringLiteral("options"));
        profile.setOptions(readOptions(*m_settings));
        m_settings->endGroup();
        // A hand-edited file may hold junk or duplicates: keep what is usable.
        if (profile.validationError().isEmpty() && !contains(profile.name()))
            m_profiles.append(profile);
    }
    m_settings->endArray();
    m_defaultName = m_settings->value(defaultKey).toString();
}

void ProfileStore::save()
{
    m_settings->remove(profilesKey);
    m_settings->beginWriteArray(profilesKey, int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        const ConnectionProfile &profile = m_profiles.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("name"), profile.name());
        m_settings->setValue(QStringLiteral("baseUrl"), profile.baseUrl().toString());
        m_settings->setValue(QStringLiteral("embeddedEmulator"), profile.isEmbeddedEmulator());
        m_settings->setValue(QStringLiteral("keyReference"), profile.keyReference());
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
