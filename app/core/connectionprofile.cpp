#include "connectionprofile.h"

#include <QUrlQuery>

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

QString ConnectionProfile::validationError() const
{
    if (m_name.trimmed().isEmpty())
        return QStringLiteral("the profile has no name");
    if (m_embeddedEmulator)
        return {};
    return baseUrlError(m_baseUrl);
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
        x.extraCaCertificates == y.extraCaCertificates;
    return a.m_name == b.m_name && a.m_baseUrl == b.m_baseUrl &&
           a.m_embeddedEmulator == b.m_embeddedEmulator && a.keyReference() == b.keyReference() &&
           sameOptions;
}

} // namespace allium
