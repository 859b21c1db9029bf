#pragma once

#include "connectionoptions.h"

#include <QString>
#include <QUrl>

namespace allium {

/// A named place to connect to: base URL, reconnect/heartbeat options and the name of the
/// keychain entry that holds its API key. Never holds the key itself, so it can be stored,
/// copied and shown freely.
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
    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    bool isEmbeddedEmulator() const { return m_embeddedEmulator; }
    void setEmbeddedEmulator(bool embedded) { m_embeddedEmulator = embedded; }
    ConnectionOptions options() const { return m_options; }
    void setOptions(const ConnectionOptions &options) { m_options = options; }
    /// The keychain entry name of the API key (KeyStore); empty: the profile's name.
    QString keyReference() const { return m_keyReference.isEmpty() ? m_name : m_keyReference; }
    void setKeyReference(const QString &reference) { m_keyReference = reference; }

    QUrl apiUrl() const { return apiUrl(m_baseUrl); }
    QUrl streamUrl(const QString &topic) const { return streamUrl(m_baseUrl, topic); }
    /// base + /api/v1/developer/ws/api (a path already on the base is kept as a prefix).
    static QUrl apiUrl(const QUrl &baseUrl);
    /// base + /api/v1/developer/ws/stream?topic=T
    static QUrl streamUrl(const QUrl &baseUrl, const QString &topic);

    /// Why a base URL cannot be used (not ws/wss, no host, has a query…), or empty when it can.
    static QString baseUrlError(const QUrl &baseUrl);
    /// The first problem of the profile (empty name, bad URL), or empty.
    QString validationError() const;

    friend bool operator==(const ConnectionProfile &a, const ConnectionProfile &b);
    friend bool operator!=(const ConnectionProfile &a, const ConnectionProfile &b)
    {
        return !(a == b);
    }

private:
    QString m_name;
    QUrl m_baseUrl = defaultBaseUrl();
    bool m_embeddedEmulator = false;
    ConnectionOptions m_options;
    QString m_keyReference;
};

} // namespace allium
