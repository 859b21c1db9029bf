// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace allium {

/// The outcome of one KeyStore operation. `key` is set only by a successful read.
struct KeyStoreResult
{
    bool ok = false;
    bool persistent = false; ///< the key is (or was found) in the system keychain
    bool missing = false;    ///< read: there is no such entry (not: the keychain did not answer)
    QString key;
    QString errorString; ///< why it failed, or a warning (keychain unavailable); never the key
};

/// API keys in the OS keychain (QtKeychain, service "Allium Monitor"), by key reference (the
/// entry name a ConnectionProfile holds). Where no keychain backend answers (no Secret Service on
/// D-Bus, as on CI), a written key is kept in memory for this session only and the result says
/// so: a key is never written to settings or any other file.
class KeyStore : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const KeyStoreResult &)>;

    explicit KeyStore(QObject *parent = nullptr);
    ~KeyStore() override;

    static QString serviceName() { return QStringLiteral("Allium Monitor"); }

    /// false: never touch the keychain, keep keys in memory only (tests, locked-down machines).
    void setKeychainEnabled(bool enabled) { m_keychainEnabled = enabled; }
    bool isKeychainEnabled() const { return m_keychainEnabled; }

    /// Each calls `done` once, later, from the event loop, unless `context` was destroyed. An
    /// empty reference (a profile without an id) fails: it names no entry.
    void writeKey(const QString &reference, const QString &key, QObject *context, Callback done);
    void readKey(const QString &reference, QObject *context, Callback done);
    void deleteKey(const QString &reference, QObject *context, Callback done);

    /// True when a key for `reference` is held in memory only (the keychain refused it).
    bool hasSessionKey(const QString &reference) const { return m_sessionKeys.contains(reference); }

signals:
    /// The keychain could not be used; keys written now live for this session only.
    void keychainUnavailable(const QString &reason);

private:
    void finish(QObject *context, const Callback &done, const KeyStoreResult &result);
    void reportUnavailable(const QString &reason);

    bool m_keychainEnabled = true;
    bool m_unavailableReported = false;
    QHash<QString, QString> m_sessionKeys;
};

} // namespace allium
