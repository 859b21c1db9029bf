// SPDX-License-Identifier: MIT
#pragma once

#include "cli/exitcode.h"
#include "core/connection/connectionoptions.h"
#include "core/connection/connectionplan.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QCommandLineParser;

namespace allium {

class EmbeddedEmulator;
class KeyStore;

/// Where allium-cli connects and with which key, by core's one rule (ConnectionResolver): the
/// URL from --url or a saved profile, the key from ALLIUM_API_KEY or the profile's keychain
/// entry, never from the command line; the built-in emulator (started here, in-process) when
/// nothing else is configured. A refused plan becomes the matching exit code. --no-compression
/// and --transport adjust the connection options of whichever way was chosen.
class ConnectionTarget : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionTarget(QObject *parent = nullptr);
    ~ConnectionTarget() override;

    static void addOptions(QCommandLineParser &parser);
    /// Emits resolved() or failed() once (possibly before it returns).
    void resolve(const QCommandLineParser &parser);

    QUrl baseUrl() const { return m_baseUrl; }
    QString apiKey() const { return m_apiKey; }
    ConnectionOptions options() const { return m_options; }
    /// The saved profile in use, or empty (the emulator, --url).
    QString profileName() const { return m_profileName; }
    /// A line for stderr saying where we connect (never the key).
    QString description() const;
    /// "warning: unencrypted connection to HOST…" when ws:// to another machine was allowed
    /// (--allow-insecure, or the profile's consent); empty otherwise.
    QString warning() const;
    /// `text` with the API key in use masked, for anything from a server written to stderr.
    QString redact(const QString &text) const;

    /// KeyRefused for a handshake refused with HTTP 401/403, else ConnectionFailed.
    static ExitCode classifyFailure(const QString &reason);
    /// "connection to URL failed: reason" for stderr; the URL without its query.
    static QString failureMessage(const QUrl &url, const QString &reason);

signals:
    void resolved();
    void failed(allium::ExitCode code, const QString &message);

private:
    static ExitCode exitCodeFor(ConnectionPlan::Problem problem);
    /// " (transport qt, compression off)" for what --transport and --no-compression changed.
    QString connectionNote() const;
    void startEmbeddedEmulator();
    void finishWithKey(const QString &key, const QString &source);

    QUrl m_baseUrl;
    QString m_apiKey;
    QString m_keySource;
    QString m_profileName;
    ConnectionOptions m_options;
    std::unique_ptr<EmbeddedEmulator> m_emulator;
    KeyStore *m_keyStore = nullptr;
};

} // namespace allium
