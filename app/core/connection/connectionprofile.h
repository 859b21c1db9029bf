// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionoptions.h"

#include <QString>
#include <QUrl>

namespace allium {

/// A named place to connect to: base URL, reconnect/heartbeat options, whether unencrypted ws://
/// to another machine is allowed, and a stable id that names the keychain entry of its API key
/// (so renaming keeps the key and a new profile of an old name never gets it). Never holds the
/// key itself, so it can be stored, copied and shown freely.
class ConnectionProfile
{
public:
    static QUrl defaultBaseUrl() { return QUrl(QStringLiteral("wss://api.allium.so")); }
    static QString apiPath() { return QStringLiteral("/api/v1/developer/ws/api"); }
    static QString streamPath() { return QStringLiteral("/api/v1/developer/ws/stream"); }

    ConnectionProfile() = default;
    explicit ConnectionProfile(const QString &name, const QUrl &baseUrl = defaultBaseUrl());
    /// The profile of the emulator the application runs in-process (its URL is known only once
    /// it listens, so baseUrl stays empty).
    static ConnectionProfile embeddedEmulator(const QString &name = QStringLiteral("Emulator"));

    QString name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    /// Stable identity, given by the ProfileStore when the profile is created (empty before).
    QString id() const { return m_id; }
    void setId(const QString &id) { m_id = id; }
    static QString newId();
    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    bool isEmbeddedEmulator() const { return m_embeddedEmulator; }
    void setEmbeddedEmulator(bool embedded) { m_embeddedEmulator = embedded; }
    ConnectionOptions options() const { return m_options; }
    void setOptions(const ConnectionOptions &options) { m_options = options; }
    /// The user's explicit consent to unencrypted ws:// to a host that is not this machine.
    bool allowsInsecureTransport() const { return m_allowInsecure; }
    void setAllowInsecureTransport(bool allow) { m_allowInsecure = allow; }

    /// The keychain entry name of the API key (KeyStore): "profile-<id>"; a legacy entry named
    /// after the profile until ProfileStore::migrateLegacyKeys() moved it; empty without an id.
    QString keyReference() const;
    static QString keyReferenceForId(const QString &id);
    /// The name-keyed entry of an older version still waiting to be migrated, or empty.
    QString legacyKeyReference() const { return m_legacyKeyReference; }
    void setLegacyKeyReference(const QString &reference) { m_legacyKeyReference = reference; }

    QUrl apiUrl() const { return apiUrl(m_baseUrl); }
    QUrl streamUrl(const QString &topic) const { return streamUrl(m_baseUrl, topic); }
    /// base + /api/v1/developer/ws/api (a path already on the base is kept as a prefix).
    static QUrl apiUrl(const QUrl &baseUrl);
    /// base + /api/v1/developer/ws/stream?topic=T
    static QUrl streamUrl(const QUrl &baseUrl, const QString &topic);

    /// Why a base URL cannot be used (not ws/wss, no host, has a query…), or empty when it can.
    static QString baseUrlError(const QUrl &baseUrl);
    /// The first problem of the profile (empty name, bad URL, unencrypted ws:// to another
    /// machine without consent), or empty.
    QString validationError() const;
    /// validationError() without the transport rule: what a stored profile must satisfy to be
    /// kept at all (one saved by an older version may lack the consent; it is refused when used).
    QString definitionError() const;

    /// localhost, 127.0.0.0/8 or ::1 (also IPv4-mapped): traffic that never leaves the machine.
    static bool isLoopbackHost(const QString &host);
    /// ws:// to a host that is not loopback: the API key would travel in clear text.
    static bool isCleartextToRemote(const QUrl &baseUrl);
    /// Why `baseUrl` may not be used with a key: ws:// to another machine without `allowInsecure`.
    /// Empty when it may. The one rule behind the profile dialog, allium-cli and allium-monitor.
    static QString transportError(const QUrl &baseUrl, bool allowInsecure);
    /// transportError() for this profile (never for the embedded emulator).
    QString transportError() const;
    /// The line every front end shows while an allowed unencrypted connection is in use.
    static QString insecureWarning(const QUrl &baseUrl);

    friend bool operator==(const ConnectionProfile &a, const ConnectionProfile &b);
    friend bool operator!=(const ConnectionProfile &a, const ConnectionProfile &b)
    {
        return !(a == b);
    }

private:
    QString m_name;
    QString m_id;
    QUrl m_baseUrl = defaultBaseUrl();
    bool m_embeddedEmulator = false;
    bool m_allowInsecure = false;
    ConnectionOptions m_options;
    QString m_legacyKeyReference;
};

} // namespace allium
