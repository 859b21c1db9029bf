#include "cli/connectiontarget.h"

#include "core/connection/connectioneventlog.h"
#include "core/connection/connectionprofile.h"
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
        return QStringLiteral("using the built-in emulator at %1 (no API key given)")
            .arg(m_baseUrl.toString());
    return QStringLiteral("connecting to %1 with the key from %2")
        .arg(m_baseUrl.toString(), m_keySource);
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
    const bool hasUrl = parser.isSet(QStringLiteral("url"));
    if (hasUrl) {
        const QString text = parser.value(QStringLiteral("url"));
        const QUrl url(text, QUrl::StrictMode);
        const QString problem = ConnectionProfile::baseUrlError(url);
        if (!problem.isEmpty()) {
            emit failed(ExitCode::BadUrl,
                        QStringLiteral("bad --url \"%1\": %2").arg(text, problem));
            return;
        }
        m_baseUrl = url;
    }
    const QString envKey = qEnvironmentVariable("ALLIUM_API_KEY").trimmed();
    const bool hasProfile = parser.isSet(QStringLiteral("profile"));
    if (envKey.isEmpty() && !hasUrl && !hasProfile) {
        startEmbeddedEmulator();
        return;
    }

    ConnectionProfile profile;
    if (hasProfile || !hasUrl) {
        ProfileStore store;
        m_profileName =
            hasProfile ? parser.value(QStringLiteral("profile")) : store.defaultProfileName();
        if (hasProfile && !store.contains(m_profileName)) {
            emit failed(ExitCode::Usage,
                        QStringLiteral("no profile named \"%1\" (saved profiles: %2)")
                            .arg(m_profileName, store.names().join(QStringLiteral(", "))));
            return;
        }
        profile = store.contains(m_profileName) ? store.profile(m_profileName)
                                                : ConnectionProfile(QStringLiteral("Allium"));
        m_options = profile.options();
        if (profile.isEmbeddedEmulator() && !hasUrl) {
            startEmbeddedEmulator();
            return;
        }
        if (!hasUrl)
            m_baseUrl = profile.baseUrl();
    }
    // Checked before any key is looked up: it must not go out in clear text.
    const bool allowInsecure = parser.isSet(QStringLiteral("allow-insecure")) ||
                               (!hasUrl && profile.allowsInsecureTransport());
    if (const QString problem = ConnectionProfile::transportError(m_baseUrl, allowInsecure);
        !problem.isEmpty()) {
        const QString source =
            hasUrl ? QStringLiteral("bad --url \"%1\"").arg(parser.value(QStringLiteral("url")))
                   : QStringLiteral("profile \"%1\"").arg(m_profileName);
        emit failed(
            ExitCode::BadUrl,
            QStringLiteral("%1: %2 (add --allow-insecure to accept that)").arg(source, problem));
        return;
    }
    if (!envKey.isEmpty()) {
        finishWithKey(envKey, QStringLiteral("ALLIUM_API_KEY"));
        return;
    }
    if (m_profileName.isEmpty()) {
        emit failed(ExitCode::KeyRefused,
                    QStringLiteral("no API key: set ALLIUM_API_KEY, or use --profile with a "
                                   "profile whose key is saved in the keychain"));
        return;
    }
    m_keyStore = new KeyStore(this);
    const QString reference = profile.keyReference();
    m_keyStore->readKey(reference, this, [this, reference](const KeyStoreResult &result) {
        if (!result.ok || result.key.isEmpty()) {
            emit failed(ExitCode::KeyRefused,
                        QStringLiteral("no API key: set ALLIUM_API_KEY or save a key for profile "
                                       "\"%1\" in Allium Monitor (%2)")
                            .arg(m_profileName, result.errorString));
            return;
        }
        finishWithKey(result.key,
                      QStringLiteral("the keychain (profile \"%1\")").arg(m_profileName));
    });
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
