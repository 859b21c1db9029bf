// SPDX-License-Identifier: MIT
#include "core/connection/connectionresolver.h"

#include "core/connection/connectionprofile.h"
#include "core/settings/profilestore.h"

namespace allium {

namespace {

ConnectionPlan refused(ConnectionPlan::Problem problem, const QString &message,
                       const QString &detail = QString(), const QString &profileName = QString())
{
    ConnectionPlan plan;
    plan.kind = ConnectionPlan::Kind::Refused;
    plan.problem = problem;
    plan.message = message;
    plan.detail = detail.isEmpty() ? message : detail;
    plan.profileName = profileName;
    return plan;
}

ConnectionPlan withKey(ConnectionPlan plan, const QString &key, const QString &source)
{
    plan.kind = ConnectionPlan::Kind::Key;
    plan.apiKey = key;
    plan.keySource = source;
    return plan;
}

ConnectionPlan fromKeychain(ConnectionPlan plan, const ConnectionProfile &profile)
{
    plan.kind = ConnectionPlan::Kind::KeychainKey;
    plan.keyReference = profile.keyReference();
    plan.keySource = QStringLiteral("the keychain (profile \"%1\")").arg(profile.name());
    return plan;
}

ConnectionPlan embedded(const QString &profileName, const QString &note = QString())
{
    ConnectionPlan plan;
    plan.kind = ConnectionPlan::Kind::EmbeddedServer;
    plan.profileName = profileName;
    plan.message = note;
    plan.keySource = QStringLiteral("the emulator");
    return plan;
}

QString noSavedKeyMessage(const QString &profileName)
{
    return QStringLiteral("no API key: set ALLIUM_API_KEY or save a key for profile \"%1\" in "
                          "Allium Monitor")
        .arg(profileName);
}

QString unknownProfileMessage(const QString &name, const ProfileStore &profiles)
{
    return QStringLiteral("no profile named \"%1\" (saved profiles: %2)")
        .arg(name, profiles.names().join(QStringLiteral(", ")));
}

ConnectionPlan resolveUrl(const ConnectionRequest &request, const ProfileStore &profiles,
                          const QStringList &keyReferencesWithKey)
{
    const QString typed = request.urlText.isEmpty() ? request.url.toString() : request.urlText;
    if (const QString problem = ConnectionProfile::baseUrlError(request.url); !problem.isEmpty())
        return refused(ConnectionPlan::Problem::BadUrl,
                       QStringLiteral("bad --url \"%1\": %2").arg(typed, problem), problem);
    ConnectionProfile profile;
    const bool hasProfile = !request.profile.isEmpty();
    if (hasProfile) {
        if (!profiles.contains(request.profile))
            return refused(ConnectionPlan::Problem::UnknownProfile,
                           unknownProfileMessage(request.profile, profiles));
        profile = profiles.profile(request.profile);
    }
    // Checked before any key is looked up: it must not go out in clear text.
    if (const QString problem =
            ConnectionProfile::transportError(request.url, request.allowInsecure);
        !problem.isEmpty())
        return refused(ConnectionPlan::Problem::InsecureTransport,
                       QStringLiteral("bad --url \"%1\": %2 (add --allow-insecure to accept that)")
                           .arg(typed, problem),
                       problem);
    ConnectionPlan plan;
    plan.profileName = ConnectionResolver::commandLineProfileName();
    plan.baseUrl = request.url;
    plan.allowInsecure = request.allowInsecure;
    plan.options = hasProfile ? profile.options() : request.urlOptions;
    if (!request.environmentKey.isEmpty())
        return withKey(plan, request.environmentKey, QStringLiteral("ALLIUM_API_KEY"));
    if (hasProfile) {
        if (keyReferencesWithKey.contains(profile.keyReference()))
            return fromKeychain(plan, profile);
        return refused(ConnectionPlan::Problem::NoKey, noSavedKeyMessage(profile.name()));
    }
    if (ConnectionProfile::isLoopbackHost(request.url.host()) && !request.loopbackKey.isEmpty())
        return withKey(plan, request.loopbackKey, QStringLiteral("the built-in emulator's key"));
    return refused(ConnectionPlan::Problem::NoKey,
                   QStringLiteral("no API key: set ALLIUM_API_KEY, or use --profile with a "
                                  "profile whose key is saved in the keychain"));
}

} // namespace

ConnectionPlan ConnectionResolver::resolve(const ConnectionRequest &request,
                                           const ProfileStore &profiles,
                                           const QStringList &keyReferencesWithKey)
{
    if (!request.url.isEmpty() || !request.urlText.isEmpty())
        return resolveUrl(request, profiles, keyReferencesWithKey);

    const bool named = !request.profile.isEmpty();
    if (named && !profiles.contains(request.profile))
        return refused(ConnectionPlan::Problem::UnknownProfile,
                       unknownProfileMessage(request.profile, profiles));
    QString name = request.profile;
    if (name.isEmpty() && profiles.contains(request.lastProfile))
        name = request.lastProfile;
    if (name.isEmpty())
        name = profiles.defaultProfileName();
    // Settings without any profile (allium-cli before the monitor ever ran): Allium's service.
    const ConnectionProfile profile = profiles.contains(name)
                                          ? profiles.profile(name)
                                          : ConnectionProfile(QStringLiteral("Allium"));
    if (profile.isEmbeddedEmulator())
        return embedded(profile.name());

    const bool allowInsecure = request.allowInsecure || profile.allowsInsecureTransport();
    if (const QString problem = ConnectionProfile::transportError(profile.baseUrl(), allowInsecure);
        !problem.isEmpty())
        return refused(ConnectionPlan::Problem::InsecureTransport,
                       QStringLiteral("profile \"%1\": %2 (add --allow-insecure to accept that)")
                           .arg(profile.name(), problem),
                       problem, profile.name());
    ConnectionPlan plan;
    plan.profileName = profile.name();
    plan.baseUrl = profile.baseUrl();
    plan.options = profile.options();
    plan.allowInsecure = allowInsecure;
    if (!request.environmentKey.isEmpty())
        return withKey(plan, request.environmentKey, QStringLiteral("ALLIUM_API_KEY"));
    if (keyReferencesWithKey.contains(profile.keyReference()))
        return fromKeychain(plan, profile);
    if (named)
        return refused(ConnectionPlan::Problem::NoKey, noSavedKeyMessage(profile.name()), {},
                       profile.name());
    return embedded(QStringLiteral("Emulator"),
                    QStringLiteral("No API key saved for \"%1\": showing the built-in emulator. "
                                   "Add a key in Connection → Profiles… to connect.")
                        .arg(profile.name()));
}

} // namespace allium
