// SPDX-License-Identifier: MIT
#include "core/settings/keystore.h"

#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace allium {

namespace {

QString keychainProblem(const QKeychain::Job *job)
{
    QString what;
    switch (job->error()) {
    case QKeychain::NoBackendAvailable:
        what = QStringLiteral("no keychain service (Secret Service or KWallet) is running");
        break;
    case QKeychain::AccessDeniedByUser:
        what = QStringLiteral("access was denied by the user");
        break;
    case QKeychain::AccessDenied:
        what = QStringLiteral("access was denied");
        break;
    case QKeychain::NotImplemented:
        what = QStringLiteral("not supported on this platform");
        break;
    case QKeychain::OtherError:
        // What QtKeychain reports on Linux when neither libsecret nor KWallet answers on D-Bus.
        what = QStringLiteral("no keychain service answered on D-Bus");
        break;
    default:
        break;
    }
    const QString detail = job->errorString();
    if (!detail.isEmpty() && detail != QLatin1String("Unknown error"))
        what = what.isEmpty() ? detail : what + QStringLiteral(": ") + detail;
    if (what.isEmpty())
        what = QStringLiteral("error %1").arg(int(job->error()));
    return QStringLiteral("the system keychain is not available (%1)").arg(what);
}

/// A callback that is dropped when its context object is gone (a null context: always called).
class Reply
{
public:
    Reply(QObject *context, KeyStore::Callback done)
        : m_guard(context)
        , m_hadContext(context != nullptr)
        , m_done(std::move(done))
    {}
    void operator()(const KeyStoreResult &result) const
    {
        if (m_done && (!m_hadContext || m_guard))
            m_done(result);
    }

private:
    QPointer<QObject> m_guard;
    bool m_hadContext;
    KeyStore::Callback m_done;
};

template <typename JobType>
JobType *makeJob(const QString &reference, QObject *parent)
{
    auto *job = new JobType(KeyStore::serviceName(), parent);
    job->setAutoDelete(true);
    // Never let QtKeychain fall back to a plain-text QSettings file.
    job->setInsecureFallback(false);
    job->setKey(reference);
    return job;
}

} // namespace

KeyStore::KeyStore(QObject *parent)
    : QObject(parent)
{}

KeyStore::~KeyStore()
{
    // Overwrite what we can; copies elsewhere are beyond reach, but this one need not linger.
    for (auto it = m_sessionKeys.begin(); it != m_sessionKeys.end(); ++it)
        it.value().fill(QLatin1Char('\0'));
}

void KeyStore::finish(QObject *context, const Callback &done, const KeyStoreResult &result)
{
    // Always asynchronous, so callers see the same order whether or not the keychain is used.
    QTimer::singleShot(0, this, [reply = Reply(context, done), result] { reply(result); });
}

void KeyStore::reportUnavailable(const QString &reason)
{
    if (m_unavailableReported)
        return;
    m_unavailableReported = true;
    emit keychainUnavailable(reason);
}

void KeyStore::writeKey(const QString &reference, const QString &key, QObject *context,
                        Callback done)
{
    const QString memoryOnly = QStringLiteral("; the key is kept in memory for this session only");
    if (reference.isEmpty()) {
        finish(context, done, {false, false, false, {}, QStringLiteral("no key reference")});
        return;
    }
    if (!m_keychainEnabled) {
        m_sessionKeys.insert(reference, key);
        finish(context, done,
               {true, false, false, {}, QStringLiteral("keychain disabled") + memoryOnly});
        return;
    }
    auto *job = makeJob<QKeychain::WritePasswordJob>(reference, this);
    job->setTextData(key);
    const Reply reply(context, std::move(done));
    connect(job, &QKeychain::Job::finished, this,
            [this, reference, key, reply, memoryOnly](QKeychain::Job *finished) {
                KeyStoreResult result;
                result.ok = true;
                if (finished->error() == QKeychain::NoError) {
                    result.persistent = true;
                    m_sessionKeys.remove(reference);
                } else {
                    const QString problem = keychainProblem(finished);
                    m_sessionKeys.insert(reference, key);
                    result.errorString = problem + memoryOnly;
                    reportUnavailable(problem);
                }
                reply(result);
            });
    job->start();
}

void KeyStore::readKey(const QString &reference, QObject *context, Callback done)
{
    const auto fromMemory = [this, reference](const QString &problem) {
        KeyStoreResult result;
        const auto it = m_sessionKeys.constFind(reference);
        result.ok = it != m_sessionKeys.constEnd();
        result.missing = !result.ok && problem.isEmpty();
        if (result.ok)
            result.key = it.value();
        result.errorString =
            result.ok ? problem
                      : QStringLiteral("no API key stored for \"%1\"").arg(reference) +
                            (problem.isEmpty() ? QString() : QStringLiteral(": ") + problem);
        return result;
    };
    if (reference.isEmpty()) {
        finish(context, done, {false, false, true, {}, QStringLiteral("no key reference")});
        return;
    }
    if (!m_keychainEnabled) {
        finish(context, done, fromMemory({}));
        return;
    }
    auto *job = makeJob<QKeychain::ReadPasswordJob>(reference, this);
    const Reply reply(context, std::move(done));
    connect(job, &QKeychain::Job::finished, this,
            [this, reply, fromMemory](QKeychain::Job *finished) {
                KeyStoreResult result;
                if (finished->error() == QKeychain::NoError) {
                    result.ok = true;
                    result.persistent = true;
                    result.key = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
                } else if (finished->error() == QKeychain::EntryNotFound) {
                    result = fromMemory({});
                } else {
                    const QString problem = keychainProblem(finished);
                    reportUnavailable(problem);
                    result = fromMemory(problem);
                }
                reply(result);
            });
    job->start();
}

void KeyStore::deleteKey(const QString &reference, QObject *context, Callback done)
{
    if (reference.isEmpty()) {
        finish(context, done, {false, false, false, {}, QStringLiteral("no key reference")});
        return;
    }
    const bool hadSessionKey = m_sessionKeys.contains(reference);
    if (hadSessionKey) {
        m_sessionKeys[reference].fill(QLatin1Char('\0'));
        m_sessionKeys.remove(reference);
    }
    if (!m_keychainEnabled) {
        finish(context, done, {true, false, false, {}, {}});
        return;
    }
    auto *job = makeJob<QKeychain::DeletePasswordJob>(reference, this);
    const Reply reply(context, std::move(done));
    connect(job, &QKeychain::Job::finished, this,
            [this, reply, hadSessionKey](QKeychain::Job *finished) {
                KeyStoreResult result;
                const QKeychain::Error error = finished->error();
                result.ok = error == QKeychain::NoError || error == QKeychain::EntryNotFound ||
                            hadSessionKey;
                result.persistent = error == QKeychain::NoError;
                if (error != QKeychain::NoError && error != QKeychain::EntryNotFound) {
                    result.errorString = keychainProblem(finished);
                    reportUnavailable(result.errorString);
                }
                reply(result);
            });
    job->start();
}

} // namespace allium
