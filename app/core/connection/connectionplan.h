// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionoptions.h"

#include <QString>
#include <QUrl>

namespace allium {

/// Where to connect and with which key, as ConnectionResolver decided it. The front ends
/// carry it out: the monitor falls back to the built-in emulator (with the message) when it is
/// Refused, allium-cli exits with the matching code.
struct ConnectionPlan
{
    enum class Kind {
        EmbeddedServer, ///< the built-in emulator, with its own URL and key
        Key,            ///< baseUrl with apiKey (from the environment or a local server)
        KeychainKey,    ///< baseUrl with the key saved in the keychain entry keyReference
        Refused,        ///< nothing is sent anywhere: `problem` and `message` say why
    };
    enum class Problem {
        None,
        BadUrl,            ///< --url is not a websocket base URL
        UnknownProfile,    ///< --profile names no saved profile
        InsecureTransport, ///< ws:// to another machine without consent
        NoKey,             ///< a chosen target has no key anywhere
    };

    Kind kind = Kind::Refused;
    Problem problem = Problem::None;
    /// Refused: one sentence saying why (for a terminal). EmbeddedServer: why the emulator is
    /// used instead of the profile asked for, when it was not asked for; else empty.
    QString message;
    /// The problem alone ("ws:// sends the key in clear text…"), for the GUI's own sentence.
    QString detail;
    /// The profile in use: a saved profile's name, or "Command line" for --url.
    QString profileName;
    QUrl baseUrl; ///< empty for EmbeddedServer (known once it runs)
    ConnectionOptions options;
    bool allowInsecure = false; ///< ws:// to another machine was consented to
    QString apiKey;             ///< Kind::Key
    QString keyReference;       ///< Kind::KeychainKey
    /// Where the key comes from, for a line such as "connecting to … with the key from …".
    QString keySource;

    bool isRefused() const { return kind == Kind::Refused; }
};

} // namespace allium
