// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionoptions.h"

#include <QString>
#include <QUrl>

namespace allium {

/// What the user asked for when choosing where to connect: the command line (--url,
/// --profile, --allow-insecure), the environment (ALLIUM_API_KEY) and what the monitor
/// remembers. ConnectionResolver turns it into a ConnectionPlan.
struct ConnectionRequest
{
    QUrl url;                   ///< --url; empty: none
    QString urlText;            ///< --url as typed, for messages
    QString profile;            ///< --profile or the profile the user picked; empty: none
    QString lastProfile;        ///< the profile used last time, tried before the default one
    QString environmentKey;     ///< ALLIUM_API_KEY; empty: not set
    bool allowInsecure = false; ///< --allow-insecure
    /// The key a server on this machine gets when no other is given: the built-in emulator's,
    /// so that --url ws://127.0.0.1:PORT reaches a standalone allium-emulator without a key.
    QString loopbackKey;
    /// Reconnect and heartbeat options of a --url connection without a profile (profiles have
    /// their own).
    ConnectionOptions urlOptions;
};

} // namespace allium
