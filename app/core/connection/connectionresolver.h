// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionplan.h"
#include "core/connection/connectionrequest.h"

#include <QStringList>

namespace allium {

class ProfileStore;

/// The one rule for where allium-monitor and allium-cli connect (README, "Where it connects"):
///
/// 1. --url: that URL (refused when it is not a ws:// or wss:// base URL, or ws:// to another
///    machine without --allow-insecure). The key: ALLIUM_API_KEY; else, with --profile, that
///    profile's saved key (and its options); else, for a server on this machine, the built-in
///    emulator's; else refused for want of a key.
/// 2. Otherwise a saved profile: --profile (refused when unknown), else the one used last time,
///    else the default one. The emulator profile is the built-in emulator. A profile with
///    ws:// to another machine needs its consent or --allow-insecure. The key: ALLIUM_API_KEY;
///    else the profile's saved key; else the built-in emulator, with a note when the profile
///    was not named, refused when it was.
///
/// Decides without any I/O (the keychain is read by the caller when the plan says so), so the
/// rule is tested without widgets, processes or a keychain.
class ConnectionResolver
{
public:
    /// `keyReferencesWithKey`: the keychain entries a key was saved to
    /// (AppSettings::profilesWithKey()).
    static ConnectionPlan resolve(const ConnectionRequest &request, const ProfileStore &profiles,
                                  const QStringList &keyReferencesWithKey);

    /// The profile name a --url connection shows.
    static QString commandLineProfileName() { return QStringLiteral("Command line"); }
};

} // namespace allium
