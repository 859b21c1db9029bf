// SPDX-License-Identifier: MIT
#include "cli/connectiontarget.h"

#include "core/connection/connectioneventlog.h"
#include "core/connection/connectionprofile.h"
#include "core/connection/connectionresolver.h"
#include "core/settings/appsettings.h"
#include "core/settings/keystore.h"
#include "core/settings/profilestore.h"
#include "emulator/embeddedemulator.h"
#include "emulator/emulatoroptions.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace allium {

ConnectionTarget::ConnectionTarget(QObject *parent)
    : QObject(parent)
{}

ConnectionTarget::~ConnectionTarget() = default;

void ConnectionTarget::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("url"),
                      QStringLiteral("Base URL: ws://127.0.0.1:PORT or wss://api.allium.so."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("profile"),
                      QStringLiteral("Saved connection profile (URL, and the keychain entry of "
                                     "its key) of Allium Monitor; default: the default profile."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("allow-insecure"),
                      QStringLiteral("Allow ws:// to a host other than this machine: the API key "
                                     "then travels in clear text (a warning is printed).")});
    parser.addOption({QStringLiteral("no-compression"),
                      QStringLiteral("Do not offer permessage-deflate (offered by default, used "
                                     "when the server accepts).")});
    parser.addOption({QStringLiteral("transport"),
                      QStringLiteral("Websocket implementation: beast (default; compression) or "
                                     "qt (QtWebSockets, no compression); for comparisons."),
                      QStringLiteral("beast|qt")});
}

QString ConnectionTarget::warning() const
{
    if (m_emulator || !ConnectionProfile::isCleartextToRemote(m_baseUrl))
        return {};
    return QStringLiteral("warning: %1").arg(ConnectionProfile::insecureWarning(m_baseUrl));
}

QString ConnectionTarget::redact(const QString &text) const
{
    return ConnectionEventLog::redacted(text, {m_apiKey});
}

QString ConnectionTarget::description() const
{
    if (m_emulator)
        return QStringLiteral("using the built-in emulator at %1 (no API key given)%2")
            .arg(m_baseUrl.toString(), connectionNote());
    return QStringLiteral("connecting to %1 with the key from %2%3")
        .arg(m_baseUrl.toString(), m_keySource, connectionNote());
}

QString ConnectionTarget::connectionNote() const
{
    // Only what differs from the defaults, so the usual line stays as it was.
    QStringList notes;
    if (m_options.transport != TransportKind::Beast)
        notes << QStringLiteral("transport %1").arg(transportKindName(m_options.transport));
    if (!m_options.compression)
        notes << QStringLiteral("compression off");
    return notes.isEmpty() ? QString()
                           : QStringLiteral(" (%1)").arg(notes.join(QStringLiteral(", ")));
}

ExitCode ConnectionTarget::classifyFailure(const QString &reason)
{
    static const QRegularExpression refused(QStringLiteral("HTTP 40[13]\\b"));
    return refused.match(reason).hasMatch() ? ExitCode::KeyRefused : ExitCode::ConnectionFailed;
}

QString ConnectionTarget::failureMessage(const QUrl &url, const QString &reason)
{
    const QString where = url.toString(QUrl::RemoveUserInfo);
    // Without a reason the first attempt failed and a retry was scheduled: we do not wait for it.
    return reason.isEmpty()
               ? QStringLiteral("could not connect to %1 (is the server running, and the URL and "
                                "topic right?)")
                     .arg(where)
               : QStringLiteral("connection to %1 failed: %2").arg(where, reason);
}

void ConnectionTarget::resolve(const QCommandLineParser &parser)
{
    // Checked before anything is resolved or started: a typo is a usage error, not a surprise.
    TransportKind transport = TransportKind::Beast;
    if (parser.isSet(QStringLiteral("transport")) &&
        !parseTransportKind(parser.value(QStringLiteral("transport")), &transport)) {
        emit failed(ExitCode::Usage, QStringLiteral("--transport must be beast or qt, not \"%1\"")
                                         .arg(parser.value(QStringLiteral("transport"))));
        return;
    }
    ConnectionRequest request;
    if (parser.isSet(QStringLiteral("url"))) {
        request.urlText = parser.value(QStringLiteral("url"));
        request.url = QUrl(request.urlText, QUrl::StrictMode);
        if (request.urlText.isEmpty()) {
            emit failed(ExitCode::BadUrl, QStringLiteral("bad --url \"\": it is empty"));
            return;
        }
    }
    request.profile = parser.value(QStringLiteral("profile"));
    request.environmentKey = qEnvironmentVariable("ALLIUM_API_KEY").trimmed();
    request.allowInsecure = parser.isSet(QStringLiteral("allow-insecure"));
    request.loopbackKey = EmulatorDemoKey;
    // The monitor's settings: its profiles, and which of them have a key in the keychain.
    const ProfileStore profiles;
    const AppSettings settings;
    const ConnectionPlan plan =
        ConnectionResolver::resolve(request, profiles, settings.profilesWithKey());
    m_profileName = plan.profileName;
    m_baseUrl = plan.baseUrl;
    m_options = plan.options;
    if (parser.isSet(QStringLiteral("transport")))
        m_options.transport = transport;
    if (parser.isSet(QStringLiteral("no-compression")))
        m_options.compression = false;
    switch (plan.kind) {
    case ConnectionPlan::Kind::Refused:
        emit failed(exitCodeFor(plan.problem), plan.message);
        return;
    case ConnectionPlan::Kind::EmbeddedServer:
        startEmbeddedEmulator();
        return;
    case ConnectionPlan::Kind::Key:
        finishWithKey(plan.apiKey, plan.keySource);
        return;
    case ConnectionPlan::Kind::KeychainKey:
        break;
    }
    m_keyStore = new KeyStore(this);
    m_keyStore->readKey(plan.keyReference, this, [this, plan](const KeyStoreResult &result) {
        if (!result.ok || result.key.isEmpty()) {
            emit failed(ExitCode::KeyRefused,
                        QStringLiteral("no API key: set ALLIUM_API_KEY or save a key for profile "
                                       "\"%1\" in Allium Monitor (%2)")
                            .arg(plan.profileName, result.errorString));
            return;
        }
        finishWithKey(result.key, plan.keySource);
    });
}

ExitCode ConnectionTarget::exitCodeFor(ConnectionPlan::Problem problem)
{
    switch (problem) {
    case ConnectionPlan::Problem::UnknownProfile:
        return ExitCode::Usage;
    case ConnectionPlan::Problem::NoKey:
        return ExitCode::KeyRefused;
    case ConnectionPlan::Problem::BadUrl:
    case ConnectionPlan::Problem::InsecureTransport:
    case ConnectionPlan::Problem::None:
        break;
    }
    return ExitCode::BadUrl;
}

void ConnectionTarget::finishWithKey(const QString &key, const QString &source)
{
    m_apiKey = key;
    m_keySource = source;
    emit resolved();
}

void ConnectionTarget::startEmbeddedEmulator()
{
    // On its own thread, so a fast topic never competes with printing.
    m_emulator = std::make_unique<EmbeddedEmulator>();
    if (!m_emulator->start()) {
        emit failed(ExitCode::ConnectionFailed,
                    QStringLiteral("the built-in emulator could not start: %1")
                        .arg(m_emulator->errorString()));
        return;
    }
    m_baseUrl = m_emulator->baseUrl();
    m_apiKey = EmulatorDemoKey;
    m_keySource = QStringLiteral("the emulator");
    emit resolved();
}

} // namespace allium
