// SPDX-License-Identifier: MIT
#include "core/connection/connectionprofile.h"

#include <QHostAddress>
#include <QUrlQuery>
#include <QUuid>

namespace allium {

namespace {

QUrl withPath(const QUrl &baseUrl, const QString &path)
{
    QUrl url = baseUrl;
    QString prefix = url.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path);
    return url;
}

} // namespace

ConnectionProfile::ConnectionProfile(const QString &name, const QUrl &baseUrl)
    : m_name(name)
    , m_baseUrl(baseUrl)
{}

ConnectionProfile ConnectionProfile::embeddedEmulator(const QString &name)
{
    ConnectionProfile profile(name, QUrl());
    profile.setEmbeddedEmulator(true);
    return profile;
}

QString ConnectionProfile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString ConnectionProfile::keyReferenceForId(const QString &id)
{
    return id.isEmpty() ? QString() : QStringLiteral("profile-") + id;
}

QString ConnectionProfile::keyReference() const
{
    return m_legacyKeyReference.isEmpty() ? keyReferenceForId(m_id) : m_legacyKeyReference;
}

bool ConnectionProfile::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    // QUrl gives IPv6 hosts without brackets; anything that is not an address is a name, and a
    // name other than localhost may resolve anywhere.
    QHostAddress address;
    if (!address.setAddress(host))
        return false;
    bool mapped = false;
    const quint32 ipv4 = address.toIPv4Address(&mapped);
    if (mapped)
        return (ipv4 >> 24) == 127;
    return address.isLoopback();
}

bool ConnectionProfile::isCleartextToRemote(const QUrl &baseUrl)
{
    return baseUrl.scheme().compare(QLatin1String("ws"), Qt::CaseInsensitive) == 0 &&
           !isLoopbackHost(baseUrl.host());
}

QString ConnectionProfile::transportError(const QUrl &baseUrl, bool allowInsecure)
{
    if (allowInsecure || !isCleartextToRemote(baseUrl))
        return {};
    return QStringLiteral("ws:// to %1 is not encrypted and the API key would travel in clear "
                          "text: use wss://, or allow unencrypted ws:// explicitly")
        .arg(baseUrl.host());
}

QString ConnectionProfile::transportError() const
{
    return m_embeddedEmulator ? QString() : transportError(m_baseUrl, m_allowInsecure);
}

QString ConnectionProfile::insecureWarning(const QUrl &baseUrl)
{
    return QStringLiteral("unencrypted connection to %1: the API key and all data travel in "
                          "clear text")
        .arg(baseUrl.host());
}

QUrl ConnectionProfile::apiUrl(const QUrl &baseUrl)
{
    return withPath(baseUrl, apiPath());
}

QUrl ConnectionProfile::streamUrl(const QUrl &baseUrl, const QString &topic)
{
    QUrl url = withPath(baseUrl, streamPath());
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("topic"), topic);
    url.setQuery(query);
    return url;
}

QString ConnectionProfile::baseUrlError(const QUrl &baseUrl)
{
    if (baseUrl.isEmpty())
        return QStringLiteral("no URL given");
    if (!baseUrl.isValid())
        return QStringLiteral("not a valid URL: %1").arg(baseUrl.errorString());
    const QString scheme = baseUrl.scheme();
    if (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))
        return QStringLiteral("the scheme must be ws:// or wss://, not \"%1\"").arg(scheme);
    if (baseUrl.host().isEmpty())
        return QStringLiteral("the URL has no host");
    // The key travels in a header; credentials, queries and fragments on the base have no place.
    if (!baseUrl.userInfo().isEmpty())
        return QStringLiteral("the URL must not contain a user name or password");
    if (baseUrl.hasQuery() || baseUrl.hasFragment())
        return QStringLiteral("the base URL must not have a query or fragment");
    return {};
}

QString ConnectionProfile::definitionError() const
{
    if (m_name.trimmed().isEmpty())
        return QStringLiteral("the profile has no name");
    if (m_embeddedEmulator)
        return {};
    return baseUrlError(m_baseUrl);
}

QString ConnectionProfile::validationError() const
{
    const QString problem = definitionError();
    return problem.isEmpty() ? transportError() : problem;
}

bool operator==(const ConnectionProfile &a, const ConnectionProfile &b)
{
    const ConnectionOptions &x = a.m_options;
    const ConnectionOptions &y = b.m_options;
    const bool sameOptions =
        x.backoffBaseMs == y.backoffBaseMs && x.backoffCapMs == y.backoffCapMs &&
        qFuzzyCompare(x.backoffJitter + 1, y.backoffJitter + 1) && x.maxAttempts == y.maxAttempts &&
        x.stableAfterMs == y.stableAfterMs && x.pingIntervalMs == y.pingIntervalMs &&
        x.deadAfterMs == y.deadAfterMs && x.handshakeTimeoutMs == y.handshakeTimeoutMs &&
        x.compression == y.compression && x.transport == y.transport &&
        x.extraCaCertificates == y.extraCaCertificates;
    return a.m_name == b.m_name && a.m_id == b.m_id && a.m_baseUrl == b.m_baseUrl &&
           a.m_embeddedEmulator == b.m_embeddedEmulator && a.m_allowInsecure == b.m_allowInsecure &&
           a.m_legacyKeyReference == b.m_legacyKeyReference && sameOptions;
}

} // namespace allium
